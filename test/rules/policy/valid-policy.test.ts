import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/valid-policy.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ids = (text: string) => lintPolicy(rule, text).map((f) => f.messageId);

describe('presign/valid-policy', () => {
  it('reports policy variables without Version 2012-10-17, at the Version or the value', () => {
    const old = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }, null, 2);
    expect(lintPolicy(rule, old)).toMatchObject([{ messageId: 'variablesNeedVersion', ...at(old, '"2008-10-17"') }]);
    const none = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }, null, 2);
    expect(lintPolicy(rule, none)).toMatchObject([{ messageId: 'variablesNeedVersion', ...at(none, '"arn:aws:s3:::b/${aws:username}/*"') }]);
    expect(ids(JSON.stringify({ Version: '2012-10-18', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }))).toEqual(['unknownVersion']);
  });

  it('reports missing Resource, missing Principal in a bucket policy, Principal in an identity policy', () => {
    expect(ids(policy([{ Effect: 'Allow', Action: 's3:GetObject' }]))).toEqual(['missingResource']);
    const roleInline = JSON.stringify({ RoleName: 'uploader', PolicyName: 'upload', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-uploads/*' }] } }, null, 2);
    expect(lintPolicy(rule, roleInline)).toMatchObject([{ messageId: 'principalNotAllowed', message: '"Principal" is not allowed in this identity policy; remove it. The policy applies to whoever it is attached to.' }]);
    expect(ids(policy([
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' },
    ]))).toEqual(['missingPrincipal']);
  });

  it('holds each kind to its own grammar, and names the kind', () => {
    const trust = policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    // A trust policy has no Resource: no "missing Resource" (31 of 31 trust policies drew it before).
    expect(ids(trust)).toEqual([]);
    const trustWithResource = policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }]);
    const [prohibited] = lintPolicy(rule, trustWithResource, {}, {}, { file: 'roles/uploader/trust-policy.json' });
    expect(prohibited).toMatchObject({ messageId: 'resourceNotAllowed', ...at(trustWithResource, '"Resource"') });
    expect(prohibited!.message).toContain('not allowed in a trust policy');

    const scp = policy([{ Effect: 'Deny', Principal: '*', Action: 'organizations:LeaveOrganization', Resource: '*' }]);
    const [principal] = lintPolicy(rule, scp, {}, {}, { kind: 'scp' });
    expect(principal).toMatchObject({ messageId: 'principalNotAllowed', ...at(scp, '"Principal"') });
    expect(principal!.message).toBe('"Principal" is not allowed in this service control policy (SCP); remove it. The policy applies to the IAM users and roles of the accounts it is attached to.');
    // An SCP without Resource is not judged: no source recorded says it is required.
    expect(ids(policy([{ Effect: 'Deny', Action: 'organizations:LeaveOrganization' }]))).toEqual(['missingResource']);
    expect(lintPolicy(rule, policy([{ Effect: 'Deny', Action: 'organizations:LeaveOrganization' }]), {}, {}, { kind: 'scp' })).toEqual([]);

    const endpoint = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-uploads/*' }]);
    const [missing] = lintPolicy(rule, endpoint, {}, {}, { kind: 'vpc-endpoint' });
    expect(missing!.message).toBe('Statement 1 has no "Principal"; name whom it applies to. Amazon VPC requires one in every statement of a VPC endpoint policy.');

    const key = policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*' }]);
    const [keyResource] = lintPolicy(rule, key);
    expect(keyResource!.message).toBe('Statement 1 has no "Resource" (nor "NotResource"); name the resources it is about. KMS rejects this KMS key policy without one; for example "*" (in a key policy, the key itself).');
  });

  it('holds a policy whose kind is not told only to what every kind it may be agrees on', () => {
    // A Secrets Manager policy or an endpoint policy for Secrets Manager: both need Principal, neither is held to Resource.
    const open = policy([
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/api' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
      { Effect: 'Deny', Action: 'secretsmanager:DeleteSecret' },
    ]);
    const findings = lintPolicy(rule, open);
    expect(findings.map((f) => f.messageId)).toEqual(['missingPrincipal']);
    expect(findings[0]!.message).toContain('in every statement of a policy (a VPC endpoint policy or a resource policy)');
  });

  it('reports a duplicate Sid at the second one', () => {
    const text = policy([
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ]);
    expect(lintPolicy(rule, text)).toMatchObject([{ messageId: 'duplicateSid', ...at(text, '"Read"', 1) }]);
  });

  it('leaves repeated empty Sids alone, as AWS\'s own bucket policy examples write them', () => {
    const text = policy([
      { Sid: '', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
      { Sid: '', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('reports unknown operators, operators that do not fit the key type, and NullIfExists', () => {
    const text = policy([
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::b/*',
        Condition: {
          StringEqual: { 'aws:SourceVpce': 'vpce-1' },
          NumericLessThan: { 's3:x-amz-server-side-encryption': '1' },
          Bool: { 'aws:CurrentTime': 'true' },
          NullIfExists: { 's3:x-amz-server-side-encryption': 'true' },
          'ForEach:StringLike': { 'aws:TagKeys': 'a' },
        },
      },
    ]);
    const findings = lintPolicy(rule, text);
    expect(findings.map((f) => f.messageId)).toEqual(['unknownOperator', 'operatorTypeMismatch', 'operatorTypeMismatch', 'nullIfExists', 'unknownOperator']);
    expect(findings[1]).toMatchObject(at(text, '"s3:x-amz-server-side-encryption"'));
    expect(findings[2]!.message).toContain('The key is of type date');
  });

  it('accepts well-formed policies with fitting operators', () => {
    const text = policy([
      { Sid: 'A', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { NumericGreaterThan: { 's3:signatureAge': '600000' }, StringNotEquals: { 's3:signatureversion': 'AWS4-HMAC-SHA256' } } },
      { Sid: 'B', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' }, 'ForAnyValue:StringLike': { 'aws:TagKeys': 'x' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' }, Null: { 's3:x-amz-server-side-encryption': 'true' } } },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('accepts the operators AWS documents and uses beyond the data\'s key types: ARN operators on string keys holding ARNs, numbers for kms:ValidTo and aws:EpochTime', () => {
    const text = policy([
      // The CloudWatch Logs guide's key policy; AWS managed policies do the same with kms:EncryptionContext:aws:s3:arn and tags naming an ECS task.
      { Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logs.eu-west-1.amazonaws.com' }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111122223333:log-group:/acme/*' } } },
      { Sid: 'Uploads', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/upload-signer' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { ArnLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::acme-uploads/*', '${aws:SourceArn}'] } } },
      // The KMS guide's own example: ValidTo in Unix time under a numeric operator.
      { Sid: 'Import', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/key-importer' }, Action: 'kms:ImportKeyMaterial', Resource: '*', Condition: { NumericLessThanEquals: { 'kms:ValidTo': '1767225599' }, DateLessThan: { 'aws:EpochTime': '2026-12-31T00:00:00Z' } } },
      { Sid: 'Window', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { NumericGreaterThan: { 'aws:EpochTime': '1767225599' }, ArnNotEquals: { 'aws:SourceVpcArn': 'arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0a1b2c3d' } } },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('still reports an ARN operator on a string key compared with values that are no ARNs, and a Bool on kms:ValidTo', () => {
    const text = policy([
      { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-uploads/*', Condition: { ArnNotLike: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/key-importer' }, Action: 'kms:ImportKeyMaterial', Resource: '*', Condition: { Bool: { 'kms:ValidTo': 'true' } } },
    ]);
    expect(lintPolicy(rule, text)).toMatchObject([
      { messageId: 'operatorTypeMismatch', ...at(text, '"s3:x-amz-server-side-encryption"') },
      { messageId: 'operatorTypeMismatch', ...at(text, '"kms:ValidTo"') },
    ]);
  });
});
