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
    expect(finding!.message).toContain('s3:PutBucketPolicy');
    expect(finding!.message).toContain('s3:PutObjectAcl');
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
        Signer: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['SignerRole', 'Arn'] }, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } } },
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
