/**
 * Property: whatever text the analyzer is given (random policies, real AWS managed policies,
 * random CloudFormation templates in JSON and YAML with intrinsics anywhere (SAM policy templates and
 * AWS managed policies among them), random serverless.yml with variables anywhere, random Terraform plans,
 * any of them mutated byte by byte), it never throws, no rule fails internally, and every result is
 * a finding or a located error inside the file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicyTexts } from '../../src/engine/policies.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
// Test input only, not a source of facts: AWS managed policies kept beside the repository (not in it).
// Without them the corpus test is skipped, and says so on stderr.
const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/aws-managed-policies');
const config = resolveConfig({ preset: 'all' }, null);

function assertWellFormed(text: string, file = 'policy.json'): void {
  const result = auditPolicyTexts([{ text: text, file: file }], config).results[0]!;
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const m of result.messages) {
    expect(m.ruleId).toMatch(/^presign(-audit)?\/[a-z-]+$/);
    expect(m.ruleId).not.toBe('presign-audit/internal-error');
    expect(m.message.length).toBeGreaterThan(0);
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.line).toBeLessThanOrEqual(lines);
    expect(m.column).toBeGreaterThanOrEqual(1);
  }
}

const ACTIONS = ['*', 's3:*', 's3:GetObject', 's3:putobject', 's3:Put*', 's3:*Object*', 'kms:Decrypt', 'iam:PassRole', 's3:Nope', 'nosuch:Thing', 'x', '', 's3:'];
const KEYS = ['aws:SourceIp', 'aws:SourceVpce', 'aws:PrincipalOrgID', 's3:x-amz-server-side-encryption', 's3:x-amz-content-type', 's3:signatureAge', 'kms:CallerAccount', 'bogus', 'aws:'];
const OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'IpAddress', 'NotIpAddress', 'Null', 'ForAnyValue:StringEquals', 'StringNotEqualsIfExists', 'Weird'];
const VALUES = ['10.0.0.0/8', '203.0.113.0/24', 'fd00::/8', 'vpce-*', 'vpce-1', 'AES256', 'aws:kms', 'true', '${aws:username}', '999.1.1.1/99', ''];

const scalarOrList = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { maxLength: 4 }));
const condition = fc.dictionary(fc.constantFrom(...OPERATORS), fc.dictionary(fc.constantFrom(...KEYS), scalarOrList(fc.oneof(fc.constantFrom(...VALUES), fc.integer(), fc.boolean()))), { maxKeys: 3 });
const statement = fc.record(
  {
    Sid: fc.string(),
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', 42),
    Action: scalarOrList(fc.oneof(fc.constantFrom(...ACTIONS), fc.string())),
    NotAction: scalarOrList(fc.constantFrom(...ACTIONS)),
    Resource: scalarOrList(fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b', 'not-an-arn')),
    Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: scalarOrList(fc.constantFrom('*', 'arn:aws:iam::111122223333:root')) }), fc.integer()),
    Condition: fc.oneof(condition, fc.string()),
  },
  { requiredKeys: [] },
);
const documentArb = fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 5 })) }, { requiredKeys: [] });
const wrapped = documentArb.chain((doc) =>
  fc.constantFrom(
    doc,
    { Policy: JSON.stringify(doc) },
    { Policy: JSON.stringify(doc, null, 2), PolicyName: 'default' },
    { PolicyDocument: doc },
    { PolicyVersion: { Document: doc } },
  ),
);

/** Deletes, inserts or replaces characters at random places: truncated files, stray quotes. */
const mutated = (text: string) =>
  fc.array(fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\\', 'x', '\n', '\u2028')), { maxLength: 4 }).map((edits) => {
    let out = text;
    for (const [at, op, ch] of edits) {
      if (op === 'delete') out = out.slice(0, at) + out.slice(at + 1);
      else if (op === 'insert') out = out.slice(0, at) + ch + out.slice(at);
      else out = out.slice(0, at) + ch + out.slice(at + 1);
    }
    return out;
  });

/** Intrinsics as YAML short forms, and the same as JSON long forms; unknown ones and broken ones included. */
const INTRINSICS: [yaml: string, json: unknown][] = [
  ['!Ref Uploads', { Ref: 'Uploads' }],
  ['!Ref NoDefault', { Ref: 'NoDefault' }],
  ['!Ref AWS::NoValue', { Ref: 'AWS::NoValue' }],
  ["!Sub 'arn:aws:s3:::${Uploads}/*'", { 'Fn::Sub': 'arn:aws:s3:::${Uploads}/*' }],
  ["!Sub 'arn:aws:iam::${AWS::AccountId}:root'", { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' }],
  ['!GetAtt Uploads.Arn', { 'Fn::GetAtt': ['Uploads', 'Arn'] }],
  ['!GetAtt Signer.Arn', { 'Fn::GetAtt': ['Signer', 'Arn'] }],
  ["!Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', !Ref Uploads, '/*']]", { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Uploads' }, '/*']] }],
  ['!If [IsProd, Allow, Deny]', { 'Fn::If': ['IsProd', 'Allow', 'Deny'] }],
  ['!If [Unknown, s3:GetObject, !Ref AWS::NoValue]', { 'Fn::If': ['Unknown', 's3:GetObject', { Ref: 'AWS::NoValue' }] }],
  ['!Select [7, [a]]', { 'Fn::Select': [7, ['a']] }],
  ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
  ['!FindInMap [Nope, a, b]', { 'Fn::FindInMap': ['Nope', 'a', 'b'] }],
  ['!ImportValue shared', { 'Fn::ImportValue': 'shared' }],
  ['!Base64 x', { 'Fn::Base64': 'x' }],
  ['!GetAZs ""', { 'Fn::GetAZs': '' }],
  ['!Cidr [a, 1, 2]', { 'Fn::Cidr': ['a', 1, 2] }],
  ['!Sub [1, 2]', { 'Fn::Sub': [1, 2] }],
  ['!GetAtt', { 'Fn::GetAtt': 42 }],
];
const MARK = '@@intrinsic';
/** A value, or the placeholder of an intrinsic that is spliced in after serialising. */
const withIntrinsics = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: fc.nat({ max: INTRINSICS.length - 1 }).map((i) => `${MARK}${i}@@`) });
const templateStatement = fc.record(
  {
    Effect: withIntrinsics(fc.constantFrom('Allow', 'Deny')),
    Action: withIntrinsics(scalarOrList(withIntrinsics(fc.constantFrom(...ACTIONS)))),
    Resource: withIntrinsics(scalarOrList(withIntrinsics(fc.constantFrom('*', 'arn:aws:s3:::b/*')))),
    Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: withIntrinsics(fc.constantFrom('*', 'arn:aws:iam::111122223333:root')) })),
    Condition: fc.dictionary(fc.constantFrom(...OPERATORS), fc.dictionary(fc.constantFrom(...KEYS), withIntrinsics(fc.constantFrom(...VALUES))), { maxKeys: 2 }),
  },
  { requiredKeys: ['Effect'] },
);
const templateDocument = withIntrinsics(fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.array(withIntrinsics(templateStatement), { maxLength: 4 }) }));
/** A SAM function's `Policies` entries: AWS managed policies by name and ARN, policy templates with any parameters, documents, intrinsics. */
const samPolicies = fc.array(
  fc.oneof(
    withIntrinsics(fc.constantFrom('AmazonS3FullAccess', 'AWSLambdaExecute', 'PowerUserAccess', 'AWSLambdaBasicExecutionRole', 'NoSuchPolicy', 'arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/', '')),
    fc.record({
      name: fc.constantFrom('S3ReadPolicy', 'S3WritePolicy', 'S3CrudPolicy', 'S3FullAccessPolicy', 'KMSDecryptPolicy', 'KMSEncryptPolicy_v2', 'DynamoDBCrudPolicy', 'MadeUpPolicy', 'Statement', 'toString'),
      value: fc.oneof(fc.dictionary(fc.constantFrom('BucketName', 'KeyId', 'TableName', 'Other'), withIntrinsics(fc.constantFrom('uploads', '*', ''))), withIntrinsics(fc.constantFrom('x', '')), fc.constant(null)),
    }).map(({ name, value }) => ({ [name]: value })),
    templateDocument,
  ),
  { maxLength: 4 },
);
const templateArb = fc
  .record({ role: templateDocument, bucket: templateDocument, key: templateDocument, managed: templateDocument, encryption: withIntrinsics(fc.constantFrom('aws:kms', 'AES256', 'bogus')), keyId: withIntrinsics(fc.constant('alias/aws/s3')), policies: samPolicies })
  .map(({ role, bucket, key, managed, encryption, keyId, policies }) => ({
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { Stage: { Type: 'String', Default: 'prod' }, NoDefault: { Type: 'String' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    Resources: {
      Uploads: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'uploads-${Stage}' }, BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: encryption, KMSMasterKeyID: keyId } }] } } },
      UploadsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Uploads' }, PolicyDocument: bucket } },
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: key } },
      Signer: { Type: 'AWS::IAM::Role', Properties: { MaxSessionDuration: 3600, Policies: [{ PolicyName: 'p', PolicyDocument: role }], ManagedPolicyArns: [{ Ref: 'Managed' }] } },
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: managed, Roles: [{ Ref: 'Signer' }] } },
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Role: { 'Fn::GetAtt': ['Signer', 'Arn'] }, Policies: ['AWSLambdaBasicExecutionRole', { S3CrudPolicy: { BucketName: 'x' } }] } },
      Sam: { Type: 'AWS::Serverless::Function', Properties: { Policies: policies } },
    },
  }));
/** Serverless Framework variables: decided by the file, cycles, missing paths, defaults, and the ones left to deploy time. */
const VARIABLES = ['${self:custom.bucket}', '${self:custom.loop}', '${self:custom.nothing}', "${opt:stage, 'dev'}", '${opt:stage}', '${sls:stage}', '${env:B}', '${file(./x.yml)}', '${self:custom.statements}', '${self:}', '${', '${self:custom.bucket, ${opt:x}}'];
const withVariables = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: fc.constantFrom(...VARIABLES) });
const serverlessArb = fc
  .record({
    statements: withVariables(fc.array(withVariables(templateStatement), { maxLength: 3 })),
    managed: withVariables(fc.array(withVariables(fc.constantFrom('arn:aws:iam::aws:policy/AmazonS3FullAccess', 'arn:aws:iam::111122223333:policy/p')), { maxLength: 2 })),
    legacy: fc.boolean(),
    functionRole: fc.option(withVariables(fc.constantFrom('CustomRole', 'arn:aws:iam::111122223333:role/r')), { nil: undefined }),
    functionStatements: fc.option(fc.array(templateStatement, { maxLength: 2 }), { nil: undefined }),
    inherit: fc.option(fc.boolean(), { nil: undefined }),
    bucket: withVariables(fc.constantFrom('uploads', 'uploads-${self:provider.stage}')),
    bucketPolicy: templateDocument,
  })
  .map(({ statements, managed, legacy, functionRole, functionStatements, inherit, bucket, bucketPolicy }) => ({
    service: 'uploads',
    plugins: ['serverless-iam-roles-per-function'],
    custom: { bucket, loop: '${self:custom.loop}', statements },
    provider: { name: 'aws', stage: "${opt:stage, 'dev'}", ...(legacy ? { iamRoleStatements: statements, iamManagedPolicies: managed } : { iam: { role: { statements, managedPolicies: managed } } }) },
    functions: {
      'sign-upload': { handler: 'h.sign', ...(functionRole === undefined ? {} : { role: functionRole }), ...(functionStatements === undefined ? {} : { iamRoleStatements: functionStatements }), ...(inherit === undefined ? {} : { iamRoleStatementsInherit: inherit }) },
      other: { handler: 'h.other' },
    },
    resources: {
      Resources: {
        Uploads: { Type: 'AWS::S3::Bucket', Properties: { BucketName: bucket } },
        UploadsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Uploads' }, PolicyDocument: bucketPolicy } },
        CustomRole: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] } },
      },
      Outputs: { Bucket: { Value: { Ref: 'Uploads' } } },
    },
  }));
/** JSON with the long forms spliced in. */
const asJsonTemplate = (template: object) => JSON.stringify(template, null, 2).replace(new RegExp(`"${MARK}(\\d+)@@"`, 'g'), (_, i: string) => JSON.stringify(INTRINSICS[Number(i)]![1]));
/** YAML (JSON is YAML's flow style, and tags may mark flow nodes) with the short forms spliced in. */
const asYamlTemplate = (template: object) => JSON.stringify(template, null, 2).replace(new RegExp(`"${MARK}(\\d+)@@"`, 'g'), (_, i: string) => INTRINSICS[Number(i)]![0]);
const planArb = fc.record({ role: documentArb, bucket: documentArb, key: documentArb }).map(({ role, bucket, key }) => {
  const resource = (type: string, name: string, values: object) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
  return {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          resource('aws_iam_role', 'signer', { name: 'signer', max_session_duration: 3600, inline_policy: [{ name: 'i', policy: JSON.stringify(role) }] }),
          resource('aws_iam_role_policy', 'p', { role: 'signer', policy: JSON.stringify(role, null, 2) }),
          resource('aws_s3_bucket_policy', 'b', { bucket: 'b', policy: JSON.stringify(bucket) }),
          resource('aws_kms_key', 'k', { policy: JSON.stringify(key) }),
          resource('aws_s3_bucket_server_side_encryption_configuration', 'e', { bucket: 'b', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }),
          resource('aws_lambda_function', 'f', {}),
        ],
      },
    },
    configuration: { root_module: { resources: [{ address: 'aws_lambda_function.f', expressions: { role: { references: ['aws_iam_role.signer.arn'] } } }] } },
  };
});

describe('the policy analyzer on random templates and plans', () => {
  it('random CloudFormation templates, JSON and YAML, intrinsics anywhere', () => {
    fc.assert(
      fc.property(templateArb, (template) => {
        // Valid templates: the readers, not the parsers, are under test.
        expect(readPolicyFile(asYamlTemplate(template), 'stack.yaml').errors.filter((e) => e.fatal)).toEqual([]);
        expect(readPolicyFile(asJsonTemplate(template), 'stack.template.json').roles).toHaveLength(2);
        assertWellFormed(asJsonTemplate(template), 'stack.template.json');
        assertWellFormed(asYamlTemplate(template), 'stack.yaml');
      }),
      { numRuns: 200 },
    );
  });

  it('mutated random templates', () => {
    fc.assert(fc.property(templateArb.chain((t) => mutated(asYamlTemplate(t))), (text) => assertWellFormed(text, 'stack.yml')), { numRuns: 200 });
    fc.assert(fc.property(templateArb.chain((t) => mutated(asJsonTemplate(t))), (text) => assertWellFormed(text, 'stack.template.json')), { numRuns: 100 });
  });

  it('random and mutated serverless.yml, variables and intrinsics anywhere', () => {
    fc.assert(
      fc.property(serverlessArb, (config) => {
        expect(readPolicyFile(asYamlTemplate(config), 'serverless.yml').errors.filter((e) => e.fatal)).toEqual([]);
        assertWellFormed(asYamlTemplate(config), 'serverless.yml');
      }),
      { numRuns: 200 },
    );
    fc.assert(fc.property(serverlessArb.chain((config) => mutated(asYamlTemplate(config))), (text) => assertWellFormed(text, 'serverless.yml')), { numRuns: 100 });
  });

  it('random and mutated Terraform plans', () => {
    fc.assert(fc.property(planArb, (plan) => assertWellFormed(JSON.stringify(plan, null, 2), 'plan.json')), { numRuns: 200 });
    fc.assert(fc.property(planArb.chain((plan) => mutated(JSON.stringify(plan, null, 2))), (text) => assertWellFormed(text, 'plan.json')), { numRuns: 100 });
  });
});

describe('the policy analyzer on random input', () => {
  it('random policies in every input format', () => {
    fc.assert(fc.property(wrapped, (doc) => assertWellFormed(JSON.stringify(doc, null, 2))), { numRuns: 300 });
  });

  it('mutated random policies', () => {
    fc.assert(fc.property(wrapped.chain((doc) => mutated(JSON.stringify(doc, null, 2))), (text) => assertWellFormed(text)), { numRuns: 300 });
  });

  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => assertWellFormed(text)), { numRuns: 300 });
  });

  const corpusFiles = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.json')) : [];
  if (corpusFiles.length === 0) process.stderr.write(`analyzer.property.test.ts: ${CORPUS} is absent or empty; the AWS managed policy corpus test is skipped.\n`);
  it.skipIf(corpusFiles.length === 0)(`real AWS managed policies, whole and mutated (${existsSync(CORPUS) ? CORPUS : `skipped: ${CORPUS} is absent`})`, () => {
    const texts = corpusFiles.slice(0, 400).map((f) => readFileSync(path.join(CORPUS, f), 'utf8'));
    for (const text of texts) assertWellFormed(text);
    fc.assert(fc.property(fc.constantFrom(...texts).chain(mutated), (text) => assertWellFormed(text)), { numRuns: 200 });
  });
});
