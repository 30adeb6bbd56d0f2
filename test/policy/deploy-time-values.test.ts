/**
 * Values that are not IAM's: a Serverless, Terraform or CloudFormation `${...}` left in a policy,
 * and CloudFormation parameters and pseudo parameters. They are unknown but fixed once deployed:
 * never IAM policy variables, never literal text, never wildcards. Each input below is shaped like
 * the files people keep next to serverless.yml, Terraform modules and stacks; every finding of a
 * whole presign-audit run over it is listed, so a false finding fails as surely as a missed one.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicyTexts } from '../../src/engine/policies.js';
import { evaluateRequest } from '../../src/policy/evaluate.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { deployTimeParts, variablesIn } from '../../src/policy/variables.js';
import { at } from '../rules/policy/lint-policy.js';

const config = resolveConfig({}, null);

/** `line:column ruleId` of every finding of one presign-audit run over the given inputs. */
function findings(file: string, text: string): string[] {
  const [result] = auditPolicyTexts([{ file, text }], config).results;
  return result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
}

const where = (text: string, needle: string, occurrence = 0) => {
  const { line, column } = at(text, needle, occurrence);
  return `${line}:${column}`;
};

describe('${...}: IAM policy variables and the variables of the tools that write policies', () => {
  const kind = (text: string) => variablesIn(text).map((v) => v.kind);

  it('reads request context keys, with or without a default, as policy variables', () => {
    for (const text of [
      '${aws:username}',
      '${aws:PrincipalTag/team}',
      "${aws:userid, 'anonymous'}",
      '${s3:prefix}',
      '${sts:RoleSessionName}',
      '${ec2:SourceInstanceARN}',
      '${saml:sub}',
      '${cognito-identity.amazonaws.com:sub}',
      '${www.amazon.com:user_id}',
      '${graph.facebook.com:id}',
      '${accounts.google.com:sub}',
      '${token.actions.githubusercontent.com:sub}',
    ]) {
      expect(kind(text), text).toEqual(['policy-variable']);
    }
    expect(kind('${*}${?}${$}')).toEqual(['escape', 'escape', 'escape']);
  });

  it('reads Serverless, Terraform, CloudFormation and shell variables as deploy-time values', () => {
    for (const text of [
      '${self:custom.uploadBucket}',
      '${sls:stage}',
      '${env:UPLOAD_BUCKET}',
      "${opt:stage, 'dev'}",
      '${aws:accountId}',
      '${aws:region}',
      '${s3:config-bucket/upload-bucket-name}',
      '${ssm:/document-uploads/prod/key-id}',
      '${cf:shared-network.VpceId}',
      '${cf.us-west-2:shared-network.VpceId}',
      '${file(./config.${sls:stage}.json):bucketArn}',
      '${var.bucket_arn}',
      '${local.vpce_prefix}',
      '${aws_s3_bucket.uploads.arn}',
      '${data.aws_caller_identity.current.account_id}',
      '${bucket_arn}',
      '${AWS::AccountId}',
      '${UploadBucket.Arn}',
    ]) {
      expect(kind(text), text).toEqual(['deploy-time']);
    }
  });

  it('splits text at its deploy-time values only; an unclosed ${ is text', () => {
    expect(deployTimeParts('arn:aws:s3:::${self:custom.uploadBucket}/home/${aws:username}/*')).toEqual([
      { text: 'arn:aws:s3:::' },
      { deployTime: '${self:custom.uploadBucket}' },
      { text: '/home/${aws:username}/*' },
    ]);
    expect(deployTimeParts('arn:aws:s3:::uploads/${aws:username}/*')).toBeNull();
    expect(deployTimeParts('arn:aws:s3:::uploads/${aws:username')).toBeNull();
  });
});

describe('a policy kept beside serverless.yml (${self:...}, ${aws:accountId}, ${ssm:...})', () => {
  const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "SignUploadUrls",
      "Effect": "Allow",
      "Action": ["s3:PutObject", "s3:GetObject"],
      "Resource": ["arn:aws:s3:::\${self:custom.uploadBucket}/uploads/*"]
    },
    {
      "Sid": "ListOwnUploads",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::\${self:custom.uploadBucket}",
      "Condition": { "StringLike": { "s3:prefix": ["uploads/\${aws:username}/*"] } }
    },
    {
      "Sid": "UseUploadKey",
      "Effect": "Allow",
      "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
      "Resource": "arn:aws:kms:\${aws:region}:\${aws:accountId}:key/\${ssm:/document-uploads/\${sls:stage}/key-id}"
    }
  ]
}`;

  it('reads the Serverless variables as deploy-time values and keeps IAM variables as policy text', () => {
    const read = readPolicyFile(POLICY, 'serverless-iam.json');
    expect(read.errors).toEqual([]);
    const [sign, list, key] = read.documents[0]!.statements;
    expect(sign!.resources).toMatchObject({
      values: [],
      unknowns: [{ description: 'arn:aws:s3:::${self:custom.uploadBucket}/uploads/*', parts: [{ text: 'arn:aws:s3:::' }, { deployTime: '${self:custom.uploadBucket}' }, { text: '/uploads/*' }] }],
    });
    expect(list!.conditions[0]!.values.map((v) => v.value)).toEqual(['uploads/${aws:username}/*']);
    expect(key!.resources!.unknowns![0]!.parts!.filter((p) => 'deployTime' in p)).toEqual([
      { deployTime: '${aws:region}' },
      { deployTime: '${aws:accountId}' },
      { deployTime: '${ssm:/document-uploads/${sls:stage}/key-id}' },
    ]);
  });

  it('evaluates a request on the unknown bucket as depending on it, not on a request key named self:custom.uploadBucket', () => {
    const identity = readPolicyFile(POLICY, 'serverless-iam.json').documents;
    const result = evaluateRequest(
      { action: 's3:GetObject', resource: 'arn:aws:s3:::document-uploads-prod/uploads/a.pdf', principal: { arn: null, account: '111122223333' }, context: {} },
      { identity, sameAccount: true },
    );
    expect(result).toMatchObject({ decision: 'depends', on: ['arn:aws:s3:::${self:custom.uploadBucket}/uploads/*'] });
    const listing = evaluateRequest(
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::document-uploads-prod', principal: { arn: null, account: '111122223333' }, context: { 'aws:username': 'ann', 's3:prefix': 'uploads/ann/2026/' } },
      { identity, sameAccount: true },
    );
    expect(listing.on).toEqual(['arn:aws:s3:::${self:custom.uploadBucket}']);
  });

  it('reports nothing: no broad resource, no wildcard, no variable without Version', () => {
    expect(findings('serverless-iam.json', POLICY)).toEqual([]);
  });

  it('without Version, reports the IAM variable that IAM would read literally, and only it', () => {
    const noVersion = POLICY.replace('"Version": "2012-10-17",\n', '');
    expect(findings('serverless-iam.json', noVersion)).toEqual([`${where(noVersion, '"uploads/${aws:username}/*"')} presign/valid-policy`]);
    const withoutIamVariable = noVersion.replace('uploads/${aws:username}/*', 'uploads/*');
    expect(findings('serverless-iam.json', withoutIamVariable)).toEqual([]);
  });
});

describe('a Terraform policy template (${var.bucket_arn}, ${local.vpce_prefix})', () => {
  const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["\${var.bucket_arn}", "\${var.bucket_arn}/*"],
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    },
    {
      "Sid": "ReadFromVpcEndpoint",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "\${var.bucket_arn}/*",
      "Condition": { "StringEquals": { "aws:SourceVpce": "\${var.vpce_id}" } }
    },
    {
      "Sid": "ReadFromAnyEndpointOfTheVpc",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "\${var.bucket_arn}/*",
      "Condition": { "StringLike": { "aws:SourceVpce": "\${local.vpce_prefix}*" } }
    },
    {
      "Sid": "PublicThumbnails",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "\${var.bucket_arn}/thumbnails/*"
    }
  ]
}`;

  it('leaves the endpoint given at deploy time alone; reports the wildcard beside a variable and the unconditioned grant', () => {
    const [result] = auditPolicyTexts([{ file: 'bucket-policy.json', text: POLICY }], config).results;
    expect(result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      `${where(POLICY, '"*"', 2)} presign/public-principal`,
      `${where(POLICY, '"*"', 3)} presign/public-principal`,
    ]);
    expect(result!.messages[0]!.message).toContain('"${local.vpce_prefix}*" has a wildcard');
    expect(result!.messages[1]!.message).toContain('it has no condition');
  });
});

describe('a Terraform policy template with a deploy-time Effect', () => {
  it('leaves the statement out, as one whose Effect a template decides, instead of calling the Effect invalid', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'ToggleUploads', Effect: '${uploads_effect}', Action: 's3:PutObject', Resource: '${bucket_arn}/uploads/*' }] }, null, 2);
    const read = readPolicyFile(text, 'uploads-policy.json');
    expect(read.errors).toEqual([]);
    expect(read.documents[0]!.statements).toEqual([]);
  });
});

describe('a Terraform trust policy template with ${oidc_provider} in its condition keys', () => {
  const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "\${oidc_provider_arn}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "\${oidc_provider}:sub": "system:serviceaccount:uploads:presigner",
          "\${oidc_provider}:aud": "sts.amazonaws.com",
          "sts:RoleSesionName": "presigner"
        }
      }
    }
  ]
}`;

  it('does not call a key written with a deploy-time value unknown; still reports a misspelled key', () => {
    expect(findings('irsa-trust.json', TRUST)).toEqual([`${where(TRUST, '"sts:RoleSesionName"')} presign/unknown-condition-key`]);
  });
});

describe('a KMS key template: kms:CallerAccount !Ref AWS::AccountId confines, kms:ViaService alone does not', () => {
  const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: Customer managed key for the document uploads bucket

Parameters:
  AdminRoleName:
    Type: String
    Default: platform-admin

Resources:
  UploadsKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Encrypts objects in the uploads bucket
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: EnableIamPolicies
            Effect: Allow
            Principal:
              AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'
            Action: 'kms:*'
            Resource: '*'
          - Sid: AllowKeyAdministration
            Effect: Allow
            Principal:
              AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:role/\${AdminRoleName}'
            Action:
              - kms:Describe*
              - kms:Put*
              - kms:ScheduleKeyDeletion
              - kms:CancelKeyDeletion
            Resource: '*'
          - Sid: AllowUseThroughS3InThisAccount
            Effect: Allow
            Principal:
              AWS: '*'
            Action:
              - kms:Encrypt
              - kms:Decrypt
              - kms:ReEncrypt*
              - kms:GenerateDataKey*
              - kms:DescribeKey
            Resource: '*'
            Condition:
              StringEquals:
                kms:CallerAccount: !Ref AWS::AccountId
                kms:ViaService: !Sub 's3.\${AWS::Region}.amazonaws.com'
          - Sid: AllowDecryptForPresignedDownloads
            Effect: Allow
            Principal:
              AWS: '*'
            Action: kms:Decrypt
            Resource: '*'
            Condition:
              StringEquals:
                kms:ViaService: !Sub 's3.\${AWS::Region}.amazonaws.com'

  UploadsKeyAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/document-uploads
      TargetKeyId: !Ref UploadsKey
`;

  it('reports the statement any account can use, and only it', () => {
    const [result] = auditPolicyTexts([{ file: 'uploads-key.yaml', text: TEMPLATE }], config).results;
    expect(result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`${where(TEMPLATE, "'*'", 4)} presign/public-principal`]);
    expect(result!.messages[0]!.message).toContain('kms:ViaService is not a key that makes a statement non-public');
  });

  it('keeps the pseudo parameters as deploy-time parts of their values', () => {
    const key = readPolicyFile(TEMPLATE, 'uploads-key.yaml').keys[0]!;
    const [, , inAccount] = key.policy!.statements;
    expect(inAccount!.conditions.map((c) => c.unknowns)).toMatchObject([
      [{ description: '${AWS::AccountId}', parts: [{ deployTime: '${AWS::AccountId}' }] }],
      [{ description: 's3.${AWS::Region}.amazonaws.com', parts: [{ text: 's3.' }, { deployTime: '${AWS::Region}' }, { text: '.amazonaws.com' }] }],
    ]);
  });
});

describe('a bucket policy template: conditions on deploy-time values', () => {
  const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: Inventory reports of the uploads bucket, delivered to a reporting bucket

Parameters:
  OfficeCidr:
    Type: String
    Description: Range the support team downloads reports from
  Environment:
    Type: String
    AllowedValues: [staging, production]
  ReportsVpceIds:
    Type: CommaDelimitedList
    Description: VPC endpoints the reporting jobs read through

Conditions:
  IsProduction: !Equals [!Ref Environment, production]

Resources:
  ReportsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-inventory-reports'

  ReportsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ReportsBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: AllowInventoryDeliveryFromThisAccount
            Effect: Allow
            Principal: '*'
            Action: s3:PutObject
            Resource: !Sub '\${ReportsBucket.Arn}/inventory/*'
            Condition:
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId
          - Sid: AllowDeliveryFromTheSourceBucket
            Effect: Allow
            Principal: '*'
            Action: s3:PutObject
            Resource: !Sub '\${ReportsBucket.Arn}/inventory/*'
            Condition:
              ArnLike:
                aws:SourceArn: !Join ['', ['arn:aws:s3:::', !ImportValue uploads-BucketName]]
          - Sid: AllowReportingJobsThroughTheirEndpoints
            Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${ReportsBucket.Arn}/inventory/*'
            Condition:
              StringEquals:
                aws:SourceVpce: !Ref ReportsVpceIds
          - Sid: AllowReportsFromOffice
            Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${ReportsBucket.Arn}/inventory/*'
            Condition:
              IpAddress:
                aws:SourceIp: !Ref OfficeCidr
          - Sid: AllowPreviewEndpoint
            Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${ReportsBucket.Arn}/inventory/*'
            Condition:
              StringEquals:
                aws:SourceVpce: !If [IsProduction, !ImportValue shared-network-ReportsVpce, '*']
          - Sid: AllowAnyBucketOfThisStack
            Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${ReportsBucket.Arn}/inventory/*'
            Condition:
              ArnLike:
                aws:SourceArn: !Sub 'arn:aws:s3:::\${AWS::StackName}-*'
`;

  it('is not public through aws:SourceAccount !Ref AWS::AccountId, an imported ARN or a list parameter; is through a wildcard beside a pseudo parameter', () => {
    const [result] = auditPolicyTexts([{ file: 'reports.yaml', text: TEMPLATE }], config).results;
    const publicPrincipal = result!.messages.filter((m) => m.ruleId === 'presign/public-principal');
    // The sixth Principal: the `'*'` of the !If comes before it.
    expect(publicPrincipal.map((m) => `${m.line}:${m.column}`)).toEqual([where(TEMPLATE, "'*'", 6)]);
    expect(publicPrincipal[0]!.message).toContain('"arn:aws:s3:::${AWS::StackName}-*" has a wildcard');
  });

  it('says nothing certain about a CIDR given at deploy time, nor about a value an undecidable !If chooses', () => {
    const read = readPolicyFile(TEMPLATE, 'reports.yaml');
    const statements = read.buckets[0]!.policy!.statements;
    expect(statements[3]!.conditions[0]!.unknowns).toMatchObject([{ description: '${OfficeCidr}', parts: [{ deployTime: '${OfficeCidr}' }] }]);
    expect(statements[4]!.conditions[0]!.unknowns![0]!.parts).toBeUndefined();
    expect(statements[1]!.conditions[0]!.unknowns).toMatchObject([{ parts: [{ text: 'arn:aws:s3:::' }, { deployTime: '${Fn::ImportValue}' }] }]);
  });
});
