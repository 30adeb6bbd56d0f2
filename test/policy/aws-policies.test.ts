/**
 * AWS managed policies and SAM policy templates, read from their tables where a template, plan or
 * account dump names them: each finding at the line that attaches the policy, the message naming
 * it; the policies that grant neither S3 nor KMS known to; everything else still unread.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicies, auditPolicyTexts } from '../../src/engine/policies.js';
import { awsManagedPolicyName } from '../../src/policy/aws-policies.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { at } from '../rules/policy/lint-policy.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const config = resolveConfig({}, null);

describe('fixtures/sam-upload-api (SAM policy templates and AWS managed policies)', () => {
  const FILE = path.join(ROOT, 'fixtures/sam-upload-api/template.yaml');
  const text = readFileSync(FILE, 'utf8');
  const where = (needle: string, occurrence = 0) => {
    const { line, column } = at(text, needle, occurrence);
    return `${line}:${column}`;
  };

  it('reports each finding at the line that grants it', () => {
    const [result] = auditPolicies([FILE], config).results;
    expect(result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      `${where('DocumentsBucket:')} presign/signature-age-limit`,
      // S3WritePolicy lets it upload to the KMS-encrypted bucket; nothing grants kms:GenerateDataKey.
      `${where('UploadUrlFunction:')} presign/kms-signer-access`,
      // AmazonS3FullAccess, named in Policies: "s3:*" on "*", at the name.
      `${where('AmazonS3FullAccess')} presign/signer-broad-resource`,
      `${where('AmazonS3FullAccess')} presign/signer-wildcard-action`,
      // AWSLambdaExecute through !Sub arn:${AWS::Partition}:...: GetObject and PutObject on arn:aws:s3:::*.
      `${where("'arn:${AWS::Partition}:iam::aws:policy/AWSLambdaExecute'")} presign/signer-broad-resource`,
    ]);
    const wildcard = result!.messages.find((m) => m.ruleId === 'presign/signer-wildcard-action')!;
    expect(wildcard.message).toMatch(/^"s3:\*" grants the URL signer \d+ needless S3 actions/);
    expect(wildcard.message).toContain('It comes from AWS managed policy AmazonS3FullAccess: detach it');
    const kms = result!.messages.find((m) => m.ruleId === 'presign/kms-signer-access')!;
    expect(kms.message).toContain('URLs signed by "UploadUrlFunctionRole" for bucket "DocumentsBucket"');
  });

  it('expands the templates with their parameters, knows the policies that grant neither S3 nor KMS, and leaves no role unread', () => {
    const read = readPolicyFile(text, FILE);
    expect(read.errors).toEqual([]);
    const role = (name: string) => read.roles.find((r) => r.name === name)!;
    for (const name of ['UploadUrlFunctionRole', 'DownloadUrlFunctionRole', 'ReportLinkFunctionRole', 'ThumbnailRole']) expect(role(name).unreadPolicies).toEqual([]);
    // AWSLambdaBasicExecutionRole and DynamoDBCrudPolicy grant no S3 or KMS action: no document.
    expect(role('UploadUrlFunctionRole').identityPolicies.map((d) => d.awsPolicy)).toEqual(['SAM policy template S3WritePolicy']);
    const [write] = role('UploadUrlFunctionRole').identityPolicies[0]!.statements;
    expect(write!.actions!.values.map((v) => v.value)).toEqual(['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration']);
    // An unnamed bucket: its name is known at deploy time only, and the reference is kept for the join.
    expect(write!.resources!.unknowns).toMatchObject([{ description: 'arn:aws:s3:::${DocumentsBucket}', refs: ['DocumentsBucket'] }, { description: 'arn:aws:s3:::${DocumentsBucket}/*' }]);
    const [decrypt] = role('DownloadUrlFunctionRole').identityPolicies[1]!.statements;
    expect(decrypt!.resources!.unknowns).toMatchObject([{ description: 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/${DocumentsKey}', refs: expect.arrayContaining(['DocumentsKey']) as unknown }]);
    expect(role('ReportLinkFunctionRole').identityPolicies[0]).toMatchObject({ awsPolicy: 'AWS managed policy AmazonS3FullAccess', origin: 'AWS managed policy AmazonS3FullAccess attached to ReportLinkFunctionRole' });
  });
});

describe('what stays unread', () => {
  const template = (policies: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Policies:
${policies}`;
  const unread = (policies: string) => readPolicyFile(template(policies), 'template.yaml').roles[0]!.unreadPolicies;

  it('keeps templates and managed policies the tables do not know unread, and a template given no parameter', () => {
    expect(unread('        - MadeUpS3Policy: { BucketName: b }')).toEqual(['SAM policy template MadeUpS3Policy']);
    expect(unread('        - S3ReadPolicy: {}')).toEqual(['SAM policy template S3ReadPolicy']);
    expect(unread('        - arn:aws:iam::123456789012:policy/uploads')).toEqual(['arn:aws:iam::123456789012:policy/uploads']);
    expect(unread('        - NotAnAwsPolicyName')).toEqual(['NotAnAwsPolicyName']);
    expect(unread('        - !ImportValue shared-policy-arn')).toEqual(['${Fn::ImportValue}']);
  });

  it('reads a template whose parameter is unknown as unknown values, never as "*"', () => {
    const read = readPolicyFile(template('        - S3CrudPolicy:\n            BucketName: !ImportValue uploads-bucket'), 'template.yaml');
    const statements = read.roles[0]!.identityPolicies[0]!.statements;
    expect(statements.flatMap((s) => s.resources!.values)).toEqual([]);
    expect(statements.flatMap((s) => s.resources!.unknowns!.map((u) => u.description))).toEqual(['arn:aws:s3:::${Fn::ImportValue}', 'arn:aws:s3:::${Fn::ImportValue}/*']);
  });

  it('names AWS managed policies by name, by ARN with or without a path, in any partition', () => {
    expect(awsManagedPolicyName('AmazonS3FullAccess')).toBe('AmazonS3FullAccess');
    expect(awsManagedPolicyName('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).toBe('AWSLambdaBasicExecutionRole');
    expect(awsManagedPolicyName('arn:aws-cn:iam::aws:policy/PowerUserAccess')).toBe('PowerUserAccess');
    expect(awsManagedPolicyName('arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    // A customer's policy of the same name is another policy.
    expect(awsManagedPolicyName('arn:aws:iam::123456789012:policy/AmazonS3FullAccess')).toBeNull();
    expect(awsManagedPolicyName('toString')).toBeNull();
    expect(awsManagedPolicyName('')).toBeNull();
  });
});

describe('every reader resolves AWS managed policies at the attachment', () => {
  it('CloudFormation ManagedPolicyArns: PowerUserAccess\'s NotAction reported at the ARN, no-allow-negation left to AWS', () => {
    const text = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/PowerUserAccess
`;
    const { results } = auditPolicyTexts([{ file: 'task.yaml', text }], config);
    const arn = at(text, 'arn:aws:iam::aws:policy/PowerUserAccess');
    expect(results[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      `${arn.line}:${arn.column} presign/signer-broad-resource`,
      `${arn.line}:${arn.column} presign/signer-wildcard-action`,
    ]);
    expect(results[0]!.messages[1]!.message).toMatch(/^"NotAction" grants the URL signer/);
    expect(results[0]!.messages[1]!.message).toContain('It comes from AWS managed policy PowerUserAccess');
  });

  it('an account dump: an attached AWS managed policy the dump leaves out', () => {
    const dump = JSON.stringify({
      RoleDetailList: [
        {
          RoleName: 'uploads',
          Arn: 'arn:aws:iam::111122223333:role/uploads',
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          RolePolicyList: [],
          AttachedManagedPolicies: [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }],
        },
      ],
      Policies: [],
      UserDetailList: [],
    }, null, 2);
    const read = readPolicyFile(dump, 'account.json');
    expect(read.roles[0]!.unreadPolicies).toEqual([]);
    const [document] = read.roles[0]!.identityPolicies;
    const entry = at(dump, '{\n          "PolicyName": "AmazonS3ReadOnlyAccess"');
    expect(document!.statements[0]!.position).toMatchObject({ line: entry.line, column: entry.column });
    expect(document!.statements[0]!.actions!.values.map((v) => v.value)).toEqual(['s3:Get*', 's3:List*', 's3:Describe*']);
  });

  it('a Terraform plan: managed_policy_arns and a policy attachment', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_role.signer',
              type: 'aws_iam_role',
              name: 'signer',
              values: {
                name: 'signer',
                assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
                managed_policy_arns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'],
              },
            },
            { address: 'aws_iam_role_policy_attachment.logs', type: 'aws_iam_role_policy_attachment', name: 'logs', values: { role: 'signer', policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' } },
          ],
        },
      },
    });
    const read = readPolicyFile(plan, 'plan.json');
    expect(read.errors).toEqual([]);
    const role = read.roles[0]!;
    expect(role.unreadPolicies).toEqual([]);
    expect(role.identityPolicies.map((d) => d.awsPolicy)).toEqual(['AWS managed policy AmazonS3FullAccess']);
    expect(role.identityPolicies[0]!.position.column).toBe(at(plan, '"arn:aws:iam::aws:policy/AmazonS3FullAccess"').column);
  });
});
