/**
 * Templates, plans and account dumps: what the readers put in the inventory, and that presign-audit's
 * findings on the fixtures point at the right line and column of the original file, YAML included.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicies, auditPolicyTexts } from '../../src/engine/policies.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { at } from '../rules/policy/lint-policy.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const fixture = (name: string) => path.join(ROOT, 'fixtures', name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');
const config = resolveConfig({}, null);

/** `line:column ruleId` of every finding of a run over the given fixtures, by file. */
function findings(...names: string[]): Record<string, string[]> {
  const results = auditPolicies(names.map(fixture), config).results;
  return Object.fromEntries(results.map((r) => [path.relative(path.join(ROOT, 'fixtures'), r.filePath), r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)]));
}
const where = (name: string, needle: string, occurrence = 0) => {
  const { line, column } = at(text(name), needle, occurrence);
  return `${line}:${column}`;
};

describe('CloudFormation YAML (SAM upload service)', () => {
  const FILE = 'templates/upload-service.yaml';

  it('reports at the lines of the original YAML', () => {
    expect(findings(FILE)[FILE]).toEqual([
      // The bucket policy's document: the first key of the mapping under PolicyDocument.
      `${where(FILE, "Version: '2012-10-17'", 1)} presign/signature-age-limit`,
      `${where(FILE, 'SignerRole:')} presign/kms-signer-access`,
      `${where(FILE, 'SignerRole:')} presign/kms-signer-access`,
      // S3ReadPolicy lets ResizeFunction download from the KMS-encrypted bucket, and nothing grants it kms:Decrypt.
      `${where(FILE, 'ResizeFunction:')} presign/kms-signer-access`,
      `${where(FILE, "'s3:*'", 1)} presign/signer-wildcard-action`,
      `${where(FILE, "'*'", 2)} presign/signer-broad-resource`,
    ]);
  });

  it('resolves !Sub, !GetAtt, !Join, !If and parameter defaults; keeps the rest unknown, never *', () => {
    const read = readPolicyFile(text(FILE), FILE);
    expect(read.errors).toEqual([]);
    const signer = read.roles.find((r) => r.name === 'SignerRole')!;
    // AWSLambdaBasicExecutionRole is known (from the managed policy table) to grant no S3 or KMS action.
    expect(signer).toMatchObject({ runsCode: ['trusted by lambda.amazonaws.com', 'run by Lambda function UploadFunction'], maxSessionDurationSeconds: 3600, unreadPolicies: [] });
    const [sign, archive, thumbnails] = signer.identityPolicies[0]!.statements;
    expect(sign!.resources!.values.map((v) => v.value)).toEqual(['arn:aws:s3:::photo-uploads-prod/*']);
    // ArchiveBucketName has no Default: unknown, with the reference kept for joins.
    expect(archive!.resources!.values).toEqual([]);
    expect(archive!.resources!.unknowns).toMatchObject([{ description: 'arn:aws:s3:::${ArchiveBucketName}/*', refs: ['ArchiveBucketName'] }]);
    // !If [IsProd, Allow, Deny] with Stage's default "prod".
    expect(thumbnails!.effect.value).toBe('Allow');
    expect(thumbnails!.resources!.values.map((v) => v.value)).toEqual(['arn:aws:s3:::photo-uploads-prod/thumbs/*']);
    expect(read.buckets).toMatchObject([{ name: 'photo-uploads-prod', encryption: { algorithm: 'aws:kms', kmsKeyLogicalId: 'UploadKey' } }]);
    expect(read.keys[0]!.policy!.statements[0]!.principals!.unknowns).toMatchObject([{ description: 'arn:aws:iam::${AWS::AccountId}:root' }]);
    const resize = read.roles.find((r) => r.name === 'ResizeFunctionRole')!;
    // The SAM policy template expanded with its BucketName, at the template's entry.
    expect(resize.unreadPolicies).toEqual([]);
    const [template] = resize.identityPolicies;
    expect(template).toMatchObject({ origin: 'ResizeFunction Policies[0] (SAM policy template S3ReadPolicy)', awsPolicy: 'SAM policy template S3ReadPolicy' });
    expect(template!.statements[0]!.position).toMatchObject({ line: Number(where(FILE, 'S3ReadPolicy:').split(':')[0]) });
    expect(template!.statements.flatMap((s) => s.resources!.values.map((v) => v.value))).toEqual(['arn:aws:s3:::photo-uploads-prod', 'arn:aws:s3:::photo-uploads-prod/*']);
  });

  it('keeps unresolvable intrinsics unknown in every position, without errors', () => {
    const yaml = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: !ImportValue shared-version
            Statement:
              - !If [Maybe, { Effect: Allow, Action: 's3:*', Resource: '*' }, !Ref AWS::NoValue]
              - Effect: !Ref EffectParam
                Action: s3:GetObject
                Resource: '*'
              - Effect: Allow
                Action: [!Ref ActionParam, s3:GetObject]
                Resource: !Select [0, !GetAZs '']
                Condition:
                  StringEquals:
                    aws:PrincipalAccount: !Ref AWS::AccountId
`;
    const read = readPolicyFile(yaml, 't.yaml');
    expect(read.errors).toEqual([]);
    const [statement, ...rest] = read.roles[0]!.identityPolicies[0]!.statements;
    expect(rest).toEqual([]);
    expect(statement!.actions!.values.map((v) => v.value)).toEqual(['s3:GetObject']);
    expect(statement!.actions!.unknowns).toMatchObject([{ description: '${ActionParam}' }]);
    expect(statement!.resources!.values).toEqual([]);
    expect(statement!.conditions[0]!.unknowns).toMatchObject([{ description: '${AWS::AccountId}' }]);
  });

  it('reads other YAML as no template (unknown-format, as JSON), and reports broken YAML and alias bombs at a place', () => {
    expect(readPolicyFile('apiVersion: v1\nkind: ConfigMap\n', 'k8s.yaml')).toMatchObject({ documents: [], errors: [{ code: 'unknown-format', fatal: true, position: { line: 1, column: 1 } }] });
    expect(readPolicyFile('# nothing yet\n', 'empty.yml').errors).toMatchObject([{ code: 'unknown-format', position: { line: 1, column: 1 } }]);
    expect(readPolicyFile('Resources:\n  A: [1, 2\n', 'bad.yaml').errors).toMatchObject([{ code: 'invalid-yaml', fatal: true, position: { line: 3, column: 1 } }]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    expect(readPolicyFile(bomb, 'bomb.yml').errors).toMatchObject([{ code: 'too-large', fatal: true }]);
  });
});

describe('Inline policies declared beside their role, user or group (AWS::IAM::RolePolicy, UserPolicy, GroupPolicy)', () => {
  const YAML = 'templates/thumbnail-service.yaml';
  const JSON_TEMPLATE = 'templates/ops-access.template.json';

  it('joins a RolePolicy to the role its RoleName references (YAML), so its mistakes and its signer are checked', () => {
    const read = readPolicyFile(text(YAML), YAML);
    expect(read.errors).toEqual([]);
    expect(read.roles).toHaveLength(1);
    const [role] = read.roles;
    expect(role).toMatchObject({ logicalId: 'ThumbnailRole', runsCode: expect.arrayContaining(['run by Lambda function ThumbnailFunction']) as unknown });
    expect(role!.identityPolicies.map((d) => d.origin)).toEqual(['ThumbnailRolePolicy (AWS::IAM::RolePolicy)']);
    // The Lambda role signs, and reaches the thumbnails bucket: that bucket is asked to refuse old signatures.
    expect(findings(YAML)[YAML]).toEqual(['12:3 presign/signature-age-limit', `${where(YAML, 's3:ListObjectsV2')} presign/unknown-action`]);
  });

  it('joins a RolePolicy by the role\'s literal name, and reads user and group policies as identity documents (JSON)', () => {
    const read = readPolicyFile(text(JSON_TEMPLATE), JSON_TEMPLATE);
    expect(read.errors).toEqual([]);
    expect(read.roles.find((r) => r.name === 'report-exporter')!.identityPolicies.map((d) => d.origin)).toEqual(['ReportExporterPolicy (AWS::IAM::RolePolicy)']);
    // The role's trust policy is read too, as a document of its kind.
    expect(read.documents.filter((d) => d.kind !== 'trust').map((d) => [d.origin, d.kind])).toEqual([
      ['ReportExporterPolicy (AWS::IAM::RolePolicy)', 'identity'],
      ['DeployUserPolicy (AWS::IAM::UserPolicy)', 'identity'],
      ['SupportGroupPolicy (AWS::IAM::GroupPolicy)', 'identity'],
    ]);
    expect(findings(JSON_TEMPLATE)[JSON_TEMPLATE]).toEqual([
      // The exporter runs as an ECS task, so it signs (docs/cli.md, "Which roles sign URLs"): the
      // bucket it reaches is asked to refuse old signatures.
      `5:5 presign/signature-age-limit`,
      `${where(JSON_TEMPLATE, '"aws:SourceVpcId"')} presign/unknown-condition-key`,
      // No Version, so ${aws:username} is literal text: at the variable.
      `${where(JSON_TEMPLATE, '"arn:aws:s3:::acme-ops-reports/home/${aws:username}/*"')} presign/valid-policy`,
    ]);
  });

  it('makes a RolePolicy part of what the role may do: a Lambda role\'s wildcard is a signer\'s, another role\'s is not', () => {
    const template = (roleName: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  SignerRoleName:
    Type: String
    Default: link-signer
Resources:
  SignerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref SignerRoleName
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
  AuditRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: states.amazonaws.com }, Action: sts:AssumeRole }] }
  BroadPolicy:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: ${roleName}
      PolicyName: media
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:*
            Resource: arn:aws:s3:::acme-media/*
  LinkFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !GetAtt SignerRole.Arn
      Code: { ZipFile: 'exports.handler = async (event) => getSignedUrl(s3, new GetObjectCommand(event.object))' }
`;
    const ruleIds = (roleName: string) => auditPolicyTexts([{ file: 't.yaml', text: template(roleName) }], config).results[0]!.messages.map((m) => m.ruleId);
    // By Ref of the role, by the parameter its RoleName references, and by that parameter's default.
    for (const signer of ['!Ref SignerRole', '!Ref SignerRoleName', 'link-signer']) expect(ruleIds(signer)).toContain('presign/signer-wildcard-action');
    expect(ruleIds('!Ref AuditRole')).not.toContain('presign/signer-wildcard-action');
    // A role of another stack: the document is still read and checked, and joins no role of this one.
    const elsewhere = readPolicyFile(template('!ImportValue shared-signer-role'), 't.yaml');
    expect(elsewhere.errors).toEqual([]);
    expect(elsewhere.documents.filter((d) => d.kind !== 'trust').map((d) => d.origin)).toEqual(['BroadPolicy (AWS::IAM::RolePolicy)']);
    expect(elsewhere.roles.flatMap((r) => r.identityPolicies)).toEqual([]);
  });
});

describe('CloudFormation log buckets (ALB, CloudTrail, server access logs) beside an uploads bucket', () => {
  const FILE = 'templates/log-buckets.yaml';

  it('reports the missing encryption Deny on the bucket the signer role uploads to, and not on the log buckets AWS services write', () => {
    // The signer reaches the uploads bucket (a grant on its incoming/ prefix): signature-age-limit
    // asks that bucket, and no log bucket, to refuse old signatures.
    expect(findings(FILE)[FILE]).toEqual(['93:9 presign/signature-age-limit', `${where(FILE, 's3:PutObject', 3)} presign/require-encryption-condition`]);
  });

  it('keeps the ELB account of the stack\'s Region unknown (a Mappings lookup by AWS::Region), writing under AWSLogs/', () => {
    const read = readPolicyFile(text(FILE), FILE);
    expect(read.errors).toEqual([]);
    const alb = read.buckets.find((b) => b.logicalId === 'AlbLogsBucket')!.policy!.statements[0]!;
    expect(alb.principals!.values).toEqual([]);
    expect(alb.principals!.unknowns).toHaveLength(1);
    expect(alb.resources!.unknowns![0]!.description).toContain('/web/AWSLogs/');
  });
});

describe('CDK output (cdk.out/*.template.json)', () => {
  const FILE = 'templates/cdk.out/ReportsStack.template.json';

  it('joins the handler role, its AWS::IAM::Policy, the bucket, its policy and the key', () => {
    const read = readPolicyFile(text(FILE), FILE);
    expect(read.errors).toEqual([]);
    expect(read.roles).toMatchObject([{ logicalId: 'ExportHandlerServiceRole1B2C3D4E', runsCode: ['trusted by lambda.amazonaws.com', 'run by Lambda function ExportHandler9A8B7C6D'] }]);
    expect(read.roles[0]!.identityPolicies).toHaveLength(1);
    expect(read.buckets[0]).toMatchObject({ name: null, logicalId: 'ReportsBucket4E7D5E3A', encryption: { kmsKeyLogicalId: 'ReportsKey5C4B9A2F' } });
    expect(read.buckets[0]!.policy).not.toBeNull();
  });

  it('reports the signature age limit without SigV4 at the key; the key grants Decrypt, so no KMS finding', () => {
    expect(findings(FILE)[FILE]).toEqual([`${where(FILE, '"s3:signatureAge"')} presign/signature-age-limit`]);
  });
});

describe('Terraform plan', () => {
  const FILE = 'terraform/invoices.plan.json';

  it('reads policies from JSON strings with positions inside the string', () => {
    const read = readPolicyFile(text(FILE), FILE);
    expect(read.errors).toEqual([]);
    const role = read.roles.find((r) => r.name === 'upload-signer')!;
    // The inline role policy, and the aws_iam_policy attached through a configuration reference.
    expect(role).toMatchObject({ runsCode: ['trusted by lambda.amazonaws.com', 'run by Lambda function aws_lambda_function.upload'], maxSessionDurationSeconds: 3600, unreadPolicies: [] });
    expect(role.identityPolicies).toHaveLength(2);
    expect(read.buckets[0]).toMatchObject({ name: 'acme-invoices', encryption: { algorithm: 'aws:kms', kmsKeyLogicalId: 'aws_kms_key.invoices' } });
  });

  it('reports at the line and column of the value inside the escaped policy string', () => {
    const t = text(FILE);
    expect(findings(FILE)[FILE]).toEqual([
      // At the role's resource object in planned_values.
      `${where(FILE, '{\n          "address": "aws_iam_role.upload_signer"')} presign/kms-signer-access`,
      `${where(FILE, '{\n          "address": "aws_iam_role.upload_signer"')} presign/kms-signer-access`,
      // "Resource":"*" of the export policy: the \" before * is two characters in the file.
      `${where(FILE, String.raw`\"*\"}],\"Version`)} presign/signer-broad-resource`,
      `${where(FILE, String.raw`{\"Statement\":[{\"Action\":\"s3:*\"`)} presign/signature-age-limit`,
    ]);
    expect(t).toContain(String.raw`\"Resource\":\"*\"`);
  });
});

describe('aws iam get-account-authorization-details (two accounts)', () => {
  const PROD = 'accounts/prod-111122223333.json';
  const STAGING = 'accounts/staging-444455556666.json';

  it('resolves attached managed policies to their default version', () => {
    const read = readPolicyFile(text(PROD), PROD);
    const signer = read.roles.find((r) => r.name === 'share-link-signer')!;
    expect(signer.arn).toBe('arn:aws:iam::111122223333:role/share-link-signer');
    expect(signer.identityPolicies.map((d) => d.origin)).toEqual(['role share-link-signer inline policy presign', 'managed policy share-links']);
    // v1 (s3:* on *) is not the default version.
    expect(signer.identityPolicies[1]!.statements[0]!.actions!.values.map((v) => v.value)).toEqual(['s3:GetObject', 's3:PutObject']);
  });

  it('reports in each account file at the right place', () => {
    const all = findings(PROD, STAGING);
    // In AmazonS3ReadOnlyAccess (attached to "reporting"); the "*" of share-links v1 is not the default version.
    expect(all[PROD]).toEqual([`${where(PROD, '"*"', 1)} presign/signer-broad-resource`]);
    expect(all[STAGING]).toEqual([`${where(STAGING, '"NotAction"')} presign/no-allow-negation`, `${where(STAGING, '"NotAction"')} presign/signer-wildcard-action`]);
  });
});

describe('CloudFormation: permissions boundaries and keys with the default key policy', () => {
  const TEMPLATE = `Resources:
  DevBoundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Action: 's3:*', Resource: '*' }
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      PermissionsBoundary: !Ref DevBoundary
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: uploads
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: s3:PutObject, Resource: 'arn:aws:s3:::acme-uploads/incoming/*' }
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      Description: no KeyPolicy, so KMS gives it the default one
`;

  it('reads a managed policy named only as a boundary as one, which no signer rule reads; a key without KeyPolicy is no error', () => {
    const read = readPolicyFile(TEMPLATE, 't.yaml');
    expect(read.errors).toEqual([]);
    expect(read.documents.find((d) => d.origin?.startsWith('DevBoundary'))).toMatchObject({ kind: 'boundary' });
    expect(read.roles[0]!.identityPolicies.map((d) => d.origin)).toEqual(['AppRole Policies[0] (AWS::IAM::Role)']);
    expect(read.keys).toMatchObject([{ logicalId: 'LogsKey', policy: null }]);
    const messages = auditPolicyTexts([{ file: 't.yaml', text: TEMPLATE }], config).results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(messages).not.toContain('presign/signer-wildcard-action');
    expect(messages).not.toContain('presign/signer-broad-resource');
    expect(messages).not.toContain('presign-audit/invalid-policy');
  });
});

describe('account dumps: AWS managed policies are AWS\'s text', () => {
  const policyEntry = (arn: string, action: string) => ({
    PolicyName: arn.split('/').at(-1),
    Arn: arn,
    DefaultVersionId: 'v1',
    PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', action], Resource: '*' }] } }],
  });
  const dump = JSON.stringify(
    {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [
        {
          RoleName: 'web',
          Arn: 'arn:aws:iam::111122223333:role/web',
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          RolePolicyList: [],
          AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, { PolicyName: 'Legacy', PolicyArn: 'arn:aws:iam::111122223333:policy/Legacy' }],
        },
      ],
      Policies: [policyEntry('arn:aws:iam::aws:policy/ReadOnlyAccess', 'gamesparks:GetGame'), policyEntry('arn:aws:iam::111122223333:policy/Legacy', 'gamesparks:ListGames')],
    },
    null,
    2,
  );

  it('runs no document rule on an AWS managed policy (a retired service in an old version is AWS\'s to fix), yet counts its grants for the role', () => {
    const messages = auditPolicyTexts([{ file: 'account.json', text: dump }], config).results.flatMap((r) => r.messages);
    const unknown = messages.filter((m) => m.ruleId === 'presign/unknown-action');
    expect(unknown.map((m) => m.line)).toEqual([at(dump, '"gamesparks:ListGames"').line]);
    // Both policies grant s3:* to a role EC2 runs: the signer rule reads AWS's policy too.
    expect(messages.filter((m) => m.ruleId === 'presign/signer-wildcard-action').map((m) => m.line).sort()).toEqual([at(dump, '"s3:*"').line, at(dump, '"s3:*"', 1).line].sort());
  });
});
