/**
 * serverless.yml read as the template the Serverless Framework deploys: findings at their line and
 * column in the file, the roles the framework and the per-function plugin make, and variables
 * resolved only where the file decides them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicies } from '../../src/engine/policies.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { at } from '../rules/policy/lint-policy.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const config = resolveConfig({}, null);

describe('fixtures/serverless-file-share', () => {
  const FILE = path.join(ROOT, 'fixtures/serverless-file-share/serverless.yml');
  const text = readFileSync(FILE, 'utf8');
  const where = (needle: string, occurrence = 0) => {
    const { line, column } = at(text, needle, occurrence);
    return `${line}:${column}`;
  };

  it('reports s3:* of the service role and the public bucket policy of resources at their lines', () => {
    const [result] = auditPolicies([FILE], config).results;
    expect(result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      `${where('s3:*')} presign/signer-wildcard-action`,
      // The bucket policy's document, at its first key.
      `${where("Version: '2012-10-17'")} presign/signature-age-limit`,
      `${where("Principal: '*'").replace(/:(\d+)$/, (_, c: string) => `:${Number(c) + "Principal: ".length}`)} presign/public-principal`,
    ]);
    expect(result!.messages[1]!.message).toContain('Bucket "file-share-dev-uploads"');
  });

  it('makes the service role, the plugin\'s per-function role, and runs each function as its role', () => {
    const read = readPolicyFile(text, FILE);
    expect(read.errors).toEqual([]);
    expect(read.roles.map((r) => [r.name, r.runsCode, r.unreadPolicies])).toEqual([
      ['PurgeExpiredIamRoleLambdaExecution', ['run by Lambda function PurgeExpiredLambdaFunction'], []],
      ['IamRoleLambdaExecution', ['run by Lambda function GetUploadUrlLambdaFunction', 'run by Lambda function GetShareLinkLambdaFunction'], []],
    ]);
    const service = read.roles[1]!;
    expect(service.source.position).toMatchObject({ line: Number(where('statements:').split(':')[0]) });
    const [s3] = service.identityPolicies[0]!.statements;
    // ${self:service}-${self:provider.stage}-uploads, with provider.stage's ${opt:stage, 'dev'}.
    expect(s3!.resources!.values.map((v) => v.value)).toEqual(['arn:aws:s3:::file-share-dev-uploads', 'arn:aws:s3:::file-share-dev-uploads/*']);
    expect(read.buckets).toMatchObject([{ name: 'file-share-dev-uploads', logicalId: 'UploadsBucket' }]);
  });
});

const serverless = (body: string) => `service: uploads
provider:
  name: aws
${body}`;

describe('serverless.yml variables and roles', () => {
  it('leaves every variable the file does not decide as written: a deploy-time value, never a guess', () => {
    const read = readPolicyFile(
      serverless(`  iamRoleStatements:
    - Effect: Allow
      Action: s3:PutObject
      Resource:
        - arn:aws:s3:::\${sls:stage}-uploads/*
        - arn:aws:s3:::\${env:BUCKET, 'fallback'}/*
        - arn:aws:s3:::\${self:custom.missing}/*
        - arn:aws:s3:::\${ssm:/uploads/bucket}/*
functions:
  upload:
    handler: h.upload
`),
      'serverless.yml',
    );
    const [statement] = read.roles[0]!.identityPolicies[0]!.statements;
    expect(statement!.resources!.values).toEqual([]);
    expect(statement!.resources!.unknowns!.map((u) => u.description)).toEqual([
      'arn:aws:s3:::${sls:stage}-uploads/*',
      "arn:aws:s3:::${env:BUCKET, 'fallback'}/*",
      'arn:aws:s3:::${self:custom.missing}/*',
      'arn:aws:s3:::${ssm:/uploads/bucket}/*',
    ]);
  });

  it('resolves ${self:} to objects and lists, and a missing path to its fallback', () => {
    const read = readPolicyFile(
      serverless(`  iam:
    role:
      statements: \${self:custom.statements}
custom:
  bucket: \${self:custom.nothing, 'media'}
  statements:
    - Effect: Allow
      Action: s3:GetObject
      Resource: arn:aws:s3:::\${self:custom.bucket}/*
functions:
  download:
    handler: h.download
`),
      'serverless.yml',
    );
    expect(read.roles[0]!.identityPolicies[0]!.statements[0]!.resources!.values.map((v) => v.value)).toEqual(['arn:aws:s3:::media/*']);
  });

  it('leaves a role unread when its statements come from a file it does not show', () => {
    const read = readPolicyFile(
      serverless(`  iam:
    role:
      statements:
        - \${file(./iam/uploads.yml)}
        - Effect: Allow
          Action: s3:*
          Resource: '*'
functions:
  upload:
    handler: h.upload
`),
      'serverless.yml',
    );
    expect(read.errors).toEqual([]);
    const role = read.roles[0]!;
    expect(role.unreadPolicies).toEqual(['IamRoleLambdaExecution Policies[1]']);
    // The statements it shows are still checked.
    expect(role.identityPolicies[0]!.statements[0]!.actions!.values.map((v) => v.value)).toEqual(['s3:*']);
  });

  it('reads managed policies, inherits provider statements in per-function roles, and follows custom roles', () => {
    const read = readPolicyFile(
      serverless(`  iam:
    role:
      managedPolicies:
        - arn:aws:iam::aws:policy/AmazonS3FullAccess
      statements:
        - { Effect: Allow, Action: 'kms:Decrypt', Resource: '*' }
plugins:
  - serverless-iam-roles-per-function
custom:
  serverless-iam-roles-per-function:
    defaultInherit: true
functions:
  share:
    handler: h.share
  resize-image:
    handler: h.resize
    iamRoleStatements:
      - { Effect: Allow, Action: 's3:GetObject', Resource: 'arn:aws:s3:::media/*' }
  report:
    handler: h.report
    role: ReportRole
resources:
  Resources:
    ReportRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
`),
      'serverless.yml',
    );
    expect(read.errors).toEqual([]);
    const byName = Object.fromEntries(read.roles.map((r) => [r.name, r]));
    expect(byName['IamRoleLambdaExecution']!.identityPolicies.map((d) => d.awsPolicy ?? d.origin)).toEqual(['IamRoleLambdaExecution Policies[0] (AWS::IAM::Role)', 'AWS managed policy AmazonS3FullAccess']);
    // The plugin's role: the provider's statements (inherited), its own, and none of the provider's managed policies.
    const resize = byName['ResizeDashimageIamRoleLambdaExecution']!;
    expect(resize.runsCode).toEqual(['run by Lambda function ResizeDashimageLambdaFunction']);
    expect(resize.identityPolicies.flatMap((d) => d.statements.map((s) => s.actions!.values[0]!.value))).toEqual(['kms:Decrypt', 's3:GetObject']);
    expect(byName['ReportRole']!.runsCode).toEqual(['trusted by lambda.amazonaws.com', 'run by Lambda function ReportLambdaFunction']);
  });

  it('reports a configuration for another provider as no AWS policy, and reads serverless.json', () => {
    const azure = readPolicyFile('service: x\nprovider:\n  name: azure\n', 'serverless.yml');
    expect(azure.errors).toMatchObject([{ code: 'unknown-format', fatal: true, message: expect.stringContaining('provider "azure"') as unknown }]);
    const json = readPolicyFile(JSON.stringify({ service: 'x', provider: { name: 'aws', iamRoleStatements: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, functions: { f: { handler: 'h' } } }), 'serverless.json');
    expect(json.roles.map((r) => r.name)).toEqual(['IamRoleLambdaExecution']);
    // Any YAML with `service` and `provider.name: aws`, whatever its name.
    expect(readPolicyFile(serverless('functions:\n  f:\n    handler: h\n'), 'serverless.prod.yml').roles).toHaveLength(1);
  });

  it('ends self-reference cycles and doubling chains without resolving them', () => {
    const doubling = Array.from({ length: 40 }, (_, i) => `  v${i}: \${self:custom.v${i + 1}}\${self:custom.v${i + 1}}`).join('\n');
    const read = readPolicyFile(
      serverless(`  iamRoleStatements:
    - Effect: Allow
      Action: s3:GetObject
      Resource:
        - arn:aws:s3:::\${self:custom.a}/*
        - arn:aws:s3:::\${self:custom.v0}/*
custom:
  a: \${self:custom.b}
  b: \${self:custom.a}
${doubling}
  v40: x
functions:
  f:
    handler: h
`),
      'serverless.yml',
    );
    const resources = read.roles[0]!.identityPolicies[0]!.statements[0]!.resources!;
    expect(resources.values).toEqual([]);
    expect(resources.unknowns).toHaveLength(2);
    expect(resources.unknowns!.every((u) => u.description.length < 5000)).toBe(true);
  });
});
