import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/cli/config.js';
import { auditPolicies } from '../../../src/engine/policies.js';
import rule from '../../../rules/policy/signer-wildcard-action.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ID = 'presign/signer-wildcard-action';

describe('presign/signer-wildcard-action', () => {
  it('reports s3:* with what it really grants, at the action', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::uploads/*" }
  ]
}`;
    const [finding, ...rest] = lintPolicy(rule, text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'wildcardGrantsExtraActions', line: 4, column: 36 });
    expect(finding!.message).toContain('s3:DeleteObject');
    expect(finding!.message).toContain('s3:PutObjectAcl');
    // On objects only: s3:PutBucketPolicy acts on the bucket's ARN, which "uploads/*" does not name.
    expect(finding!.message).not.toContain('s3:PutBucketPolicy');
    const withBucket = policy([{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::uploads', 'arn:aws:s3:::uploads/*'] }]);
    expect(lintPolicy(rule, withBucket)[0]!.message).toContain('s3:PutBucketPolicy');
  });

  it('reports "*", s3:Put*, s3:*Object* and case-insensitive wildcards, each at its own value', () => {
    const text = policy([{ Effect: 'Allow', Action: ['*', 's3:Put*', 'S3:*object*', 's3:GetObject'], Resource: '*' }]);
    const findings = lintPolicy(rule, text);
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [at(text, '"*"').line, at(text, '"*"').column],
      [at(text, '"s3:Put*"').line, at(text, '"s3:Put*"').column],
      [at(text, '"S3:*object*"').line, at(text, '"S3:*object*"').column],
    ]);
    expect(findings[1]!.message).toContain('s3:PutObjectAcl');
    expect(findings[1]!.message).not.toContain('s3:DeleteObject');
  });

  it('reports NotAction that leaves S3 actions granted, at the NotAction key', () => {
    const text = policy([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }]);
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ ruleId: ID, ...at(text, '"NotAction"') });
    expect(finding!.message).toContain('"NotAction"');
  });

  it('leaves alone exact actions, read-only wildcards and wildcards within the allowed list', () => {
    const text = policy([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'kms:*'], Resource: '*' },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('leaves alone what grants no S3 action: NotResource "*", NotAction on an RDS database, S3 actions on other services\' ARNs', () => {
    expect(lintPolicy(rule, policy([{ Effect: 'Allow', Action: 's3:*', NotResource: '*' }]))).toEqual([]);
    const rds = policy([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: 'arn:aws:rds:eu-west-1:111122223333:db:orders-prod' }]);
    expect(lintPolicy(rule, rds)).toEqual([]);
    const queues = policy([{ Effect: 'Allow', Action: '*', Resource: ['arn:aws:sqs:eu-west-1:111122223333:orders', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'] }]);
    expect(lintPolicy(rule, queues)).toEqual([]);
  });

  it('counts only what the statement\'s resources reach: NotResource of one bucket still grants the others', () => {
    const text = policy([{ Effect: 'Allow', Action: 's3:*', NotResource: ['arn:aws:s3:::payroll', 'arn:aws:s3:::payroll/*'] }]);
    const [finding] = lintPolicy(rule, text);
    expect(finding!.message).toContain('s3:PutBucketPolicy');
    // arn:aws:s3:::* leaves out every bucket and object, not access points (their ARNs have a region
    // and account): objects stay deletable through an access point, bucket policies stay out of reach.
    const buckets = lintPolicy(rule, policy([{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::*' }]));
    expect(buckets).toHaveLength(1);
    expect(buckets[0]!.message).toContain('s3:DeleteObject');
    expect(buckets[0]!.message).not.toContain('s3:PutBucketPolicy');
  });

  it('subtracts a Deny of s3:Delete* on the same objects from s3:*, and says how many are left', () => {
    const allow = { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::uploads/*' };
    const before = lintPolicy(rule, policy([allow]))[0]!;
    const text = policy([allow, { Effect: 'Deny', Action: 's3:Delete*', Resource: 'arn:aws:s3:::uploads/*' }]);
    const [after, ...rest] = lintPolicy(rule, text);
    expect(rest).toEqual([]);
    expect(after).toMatchObject({ ruleId: ID, ...at(text, '"s3:*"') });
    expect(after!.message).not.toMatch(/s3:Delete/);
    expect(after!.message).toContain('s3:PutObjectAcl');
    const count = (message: string) => Number(/grants the URL signer (\d+) needless S3 actions/.exec(message)![1]);
    expect(count(after!.message)).toBeLessThan(count(before.message));
  });

  it('an explicit Deny of s3:* on "*" leaves nothing; a conditional Deny, or one on another bucket, does not certainly take anything', () => {
    const allow = { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::uploads/*' };
    expect(lintPolicy(rule, policy([allow, { Effect: 'Deny', Action: 's3:*', Resource: '*' }]))).toEqual([]);
    const conditional = { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    expect(lintPolicy(rule, policy([allow, conditional]))).toHaveLength(1);
    const elsewhere = lintPolicy(rule, policy([allow, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::archive/*' }]));
    expect(elsewhere[0]!.message).toContain('s3:DeleteObject');
  });

  it('subtracts what an unconditional Deny takes away', () => {
    const text = policy([
      { Effect: 'Allow', Action: 's3:PutObject*', Resource: 'arn:aws:s3:::b/*' },
      // Everything that starts with PutObject and is longer: PutObjectAcl, PutObjectTagging, ...
      { Effect: 'Deny', Action: 's3:PutObject?*', Resource: '*' },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('does not apply to bucket policies, or to identity policies configured as not the signer\'s', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }]);
    expect(lintPolicy(rule, bucket)).toEqual([]);
    const identity = policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    expect(lintPolicy(rule, identity, {}, { identityPoliciesAreSigners: false })).toEqual([]);
  });

  it('takes the access levels and allowed actions from options', () => {
    const text = policy([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }]);
    expect(lintPolicy(rule, text, { accessLevels: ['Read'] })).toHaveLength(1);
    const put = policy([{ Effect: 'Allow', Action: 's3:PutObjectA*', Resource: '*' }]);
    expect(lintPolicy(rule, put)).toHaveLength(1);
    expect(lintPolicy(rule, put, { allowedActions: ['s3:PutObjectAcl', 's3:PutObjectAnnotation'] })).toEqual([]);
  });
});

describe('presign/signer-wildcard-action on templates: only the signers\' policies', () => {
  const template = JSON.stringify(
    {
      Resources: {
        SignerRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: 'url-signer',
            Policies: [{ PolicyName: 'sign', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::media/*' }] } }],
          },
        },
        DeployRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: 'deploy-role',
            Policies: [{ PolicyName: 'deploy', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
          },
        },
        Signer: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['SignerRole', 'Arn'] }, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async (e) => getSignedUrl(s3, new GetObjectCommand(e))' } } },
      },
    },
    null,
    2,
  );
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'presign-')), 'template.json');
  writeFileSync(file, template);
  const flaggedLines = (raw: object) =>
    auditPolicies([file], resolveConfig(raw, null))
      .results[0]!.messages.filter((m) => m.ruleId === 'presign/signer-wildcard-action')
      .map((m) => m.line);
  const line = (text: string) => template.split('\n').findIndex((l) => l.includes(text)) + 1;

  it('the roles of Lambda functions by default, not a deploy role', () => {
    const signerAction = template.split('\n').findIndex((l, i) => i > line('"url-signer"') && l.includes('"s3:*"')) + 1;
    expect(flaggedLines({})).toEqual([signerAction]);
  });

  it('the roles the config names', () => {
    const deployAction = template.split('\n').findIndex((l, i) => i > line('"deploy-role"') && l.includes('"s3:*"')) + 1;
    expect(flaggedLines({ signers: ['deploy-role'] })).toEqual([deployAction]);
  });
});
