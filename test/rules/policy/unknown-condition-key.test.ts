import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/unknown-condition-key.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ID = 'presign/unknown-condition-key';
const statement = (action: unknown, condition: object) => policy([{ Effect: 'Allow', Action: action, Resource: '*', Condition: condition }]);

describe('presign/unknown-condition-key', () => {
  it('reports a key valid for s3:PutObject but used on s3:GetObject, at the key', () => {
    const text = `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {"StringEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}]}`;
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'keyNotSupportedByActions', line: 2, column: 34 });
    expect(finding!.message).toContain('s3:GetObject');
    expect(lintPolicy(rule, text.replace('s3:GetObject', 's3:PutObject'))).toEqual([]);
  });

  it('explains s3:x-amz-content-type, which is not a key', () => {
    const text = statement('s3:PutObject', { StringLike: { 's3:x-amz-content-type': 'image/*' } });
    expect(lintPolicy(rule, text)).toMatchObject([{ ruleId: ID, messageId: 'unknownContentTypeKey', ...at(text, '"s3:x-amz-content-type"') }]);
  });

  it('reports misspelt keys with the closest real key', () => {
    const text = statement('s3:GetObject', { NumericGreaterThan: { 's3:signatureage': 600000 }, Bool: { 'aws:SecureTransportt': false } });
    const findings = lintPolicy(rule, text);
    expect(findings.map((f) => f.messageId)).toEqual(['unknownKey']);
    expect(findings[0]).toMatchObject(at(text, '"aws:SecureTransportt"'));
    expect(findings[0]!.message).toContain('aws:SecureTransport');
    const s3 = lintPolicy(rule, statement('s3:PutObject', { StringEquals: { 's3:x-amz-server-side-encrytion': 'AES256' } }));
    expect(s3[0]!.message).toContain('s3:x-amz-server-side-encryption');
  });

  it('accepts global keys, tag patterns, keys any expanded action supports, and federation keys', () => {
    expect(lintPolicy(rule, statement(['s3:PutObject'], { StringEquals: { 's3:RequestObjectTag/classification': 'public', 'aws:PrincipalTag/team': 'x', 'aws:SourceVpce': 'vpce-1' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('s3:Put*', { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('s3:*', { NumericGreaterThan: { 's3:signatureAge': 600000 }, StringEquals: { 's3:authType': 'REST-QUERY-STRING' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('sts:AssumeRoleWithWebIdentity', { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }))).toEqual([]);
  });

  it('accepts keys whose variable part follows a colon or a plain tag-key, and keys documented under another prefix', () => {
    expect(lintPolicy(rule, statement('kms:Decrypt', { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('secretsmanager:GetSecretValue', { StringEquals: { 'secretsmanager:ResourceTag/team': 'x' } }))).toEqual([]);
  });

  it('reports a key of another service on S3 actions', () => {
    const text = statement('s3:GetObject', { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
    expect(lintPolicy(rule, text)).toMatchObject([{ messageId: 'keyNotSupportedByActions', ...at(text, '"kms:ViaService"') }]);
  });

  it('says a condition on a missing key always holds where its operator holds on an absent key', () => {
    const text = statement('s3:GetObject', { StringNotEquals: { 'aws:SourceVpcee': 'vpce-1a2b3c4d' }, Null: { 's3:x-amz-server-side-encryption': 'true' } });
    const findings = lintPolicy(rule, text);
    expect(findings.map((f) => f.messageId)).toEqual(['unknownKey', 'keyNotSupportedByActions']);
    expect(findings[0]!.message).toContain('the condition always holds');
    expect(findings[1]!.message).toContain('This condition always holds');
    const never = lintPolicy(rule, statement('s3:GetObject', { Null: { 's3:x-amz-server-side-encryption': 'false' } }));
    expect(never[0]!.message).toContain('This condition never matches');
  });

  it('accepts the global keys the IAM User Guide documents beyond the data, on any action', () => {
    const text = policy([
      { Sid: 'BuildArtifacts', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-build-cache/*', Condition: { ArnLike: { 'codebuild:BuildArn': 'arn:aws:codebuild:eu-west-1:111122223333:build/web-app:*' } } },
      { Sid: 'ProjectOnly', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-build-cache/*', Condition: { ArnEquals: { 'codebuild:ProjectArn': 'arn:aws:codebuild:eu-west-1:111122223333:project/web-app' } } },
      { Sid: 'RevokedSession', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnEquals: { 'aws:SignInSessionArn': 'arn:aws:signin:eu-west-1:111122223333:session/4f1c2e' } } },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('accepts what AWS managed policies use beyond the data: unmapped service keys, keys of retired services, undocumented keys', () => {
    const text = policy([
      // AWSElasticDisasterRecoveryRecoveryInstancePolicy: drs:EC2InstanceARN is listed for drs and mapped to no action.
      { Effect: 'Allow', Action: ['drs:SendAgentMetricsForDrs', 'drs:SendAgentLogsForDrs'], Resource: 'arn:aws:drs:*:*:recovery-instance/*', Condition: { StringEquals: { 'drs:EC2InstanceARN': '${ec2:SourceInstanceARN}' } } },
      // ROSAManageSubscription; the Bedrock User Guide documents the key for Subscribe.
      { Effect: 'Allow', Action: 'aws-marketplace:Subscribe', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws-marketplace:ProductId': ['prod-ozonys2hmmpeu'] } } },
      // AWSDeepRacerDefaultMultiUserAccess, AWSSSOServiceRolePolicy, AmazonDataZoneGlueManageAccessRolePolicy.
      { Effect: 'Allow', Action: 'deepracer:Get*', Resource: '*', Condition: { Null: { 'deepracer:UserToken': 'false' }, Bool: { 'deepracer:MultiUser': 'true' } } },
      { Effect: 'Allow', Action: 'iam:CreateRole', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgMasterAccountId': '${aws:PrincipalAccount}' } } },
      { Effect: 'Allow', Action: 'lakeformation:GetDataAccess', Resource: '*', Condition: { Null: { 'lakeformation:GlueARN': 'true' } } },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('still reports a key mapped to other actions than the statement\'s, and near misses of the keys AWS uses', () => {
    const text = policy([
      { Effect: 'Allow', Action: 'aws-marketplace:ViewSubscriptions', Resource: '*', Condition: { StringEquals: { 'aws-marketplace:ProductId': 'prod-ozonys2hmmpeu' } } },
      { Effect: 'Allow', Action: 'iam:CreateRole', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgMasterAccount': '${aws:PrincipalAccount}' } } },
      { Effect: 'Allow', Action: 'drs:DescribeJobs', Resource: '*', Condition: { StringEquals: { 'drs:EC2InstanceArns': 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc' } } },
    ]);
    expect(lintPolicy(rule, text)).toMatchObject([
      { messageId: 'keyNotSupportedByActions', ...at(text, '"aws-marketplace:ProductId"') },
      { messageId: 'unknownKey', ...at(text, '"aws:PrincipalOrgMasterAccount"') },
      { messageId: 'unknownKey', ...at(text, '"drs:EC2InstanceArns"') },
    ]);
  });
});

describe('presign/unknown-condition-key and keys of the caller\'s session', () => {
  it('leaves alone SAML and cross-service session keys on S3 actions, and still reports a KMS key there', () => {
    expect(lintPolicy(rule, statement('s3:GetObject', { StringEquals: { 'saml:sub_type': 'persistent' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('s3:PutObject', { ArnEquals: { 'ec2:SourceInstanceARN': 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('s3:GetObject', { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } }))).toMatchObject([{ messageId: 'keyNotSupportedByActions' }]);
  });
});
