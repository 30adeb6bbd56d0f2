/**
 * Document kinds: told from the AWS CLI command, the template, plan or dump property, the content,
 * the file name, the config; left open when none of them can tell, with a note and only the rules
 * right for every kind it may be.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { ConfigError, resolveConfig } from '../../src/cli/config.js';
import { auditPolicyTexts } from '../../src/engine/policies.js';
import { DOCUMENT_KINDS, IAM_POLICY_KINDS, grammarOf, kindHint, kindName, parseDocumentKinds } from '../../src/policy/kinds.js';
import type { DocumentKind, PolicyDocument } from '../../src/policy/model.js';
import { readPolicyJson } from '../../src/policy/read-json.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
/** The kind told, or the kinds left open, of the one document of a file. */
const kindOf = (text: string, file = 'policy.json', configured?: DocumentKind): DocumentKind | readonly DocumentKind[] => {
  const read = readPolicyFile(text, file, configured);
  expect(read.errors.filter((e) => e.fatal)).toEqual([]);
  const [document] = read.documents;
  return document!.kind ?? document!.kindCandidates;
};
const everyone = (action: string | string[], resource: string | string[], extra: object = {}) => ({ Effect: 'Allow', Principal: '*', Action: action, Resource: resource, ...extra });

describe('kinds from the content', () => {
  it('tells identity, trust, bucket, access point, KMS key, VPC endpoint, RCP and other services\' policies apart', () => {
    expect(kindOf(doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' }]))).toBe('identity');
    expect(kindOf(doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]))).toBe('trust');
    expect(kindOf(doc([{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }]))).toBe('trust');
    expect(kindOf(doc([everyone('s3:GetObject', ['arn:aws:s3:::acme-site', 'arn:aws:s3:::acme-site/*'])]))).toBe('bucket');
    expect(kindOf(doc([everyone('s3:GetObject', 'arn:aws:s3:eu-west-1:111122223333:accesspoint/site/object/*')]))).toBe('access-point');
    expect(kindOf(doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }]))).toBe('kms-key');
    // Several buckets, or every action: no bucket's own policy.
    expect(kindOf(doc([everyone('s3:GetObject', ['arn:aws:s3:::acme-a/*', 'arn:aws:s3:::acme-b/*'])]))).toBe('vpc-endpoint');
    expect(kindOf(doc([everyone('*', '*')]))).toBe('vpc-endpoint');
    // Every statement denies everyone, across services: an RCP.
    expect(kindOf(doc([{ Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }]))).toBe('rcp');
    expect(kindOf(doc([{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:jobs' }]))).toBe('resource');
  });

  it('leaves open what the content cannot tell', () => {
    // Secrets Manager policies and endpoint policies for Secrets Manager both name "*".
    expect(kindOf(doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/api' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }]))).toEqual(['vpc-endpoint', 'resource']);
    // IAM refuses a Resource in a trust policy: with one, an endpoint or control policy for STS is as likely.
    expect(kindOf(doc([everyone('sts:AssumeRole', 'arn:aws:iam::111122223333:role/deploy')]))).toEqual(['trust', 'vpc-endpoint']);
  });

  it('reads denies to everyone as an RCP: without an Allow, an endpoint policy lets nothing through and a trust policy no one in', () => {
    const denyEveryone = (action: string, condition: object) => ({ Effect: 'Deny', Principal: '*', Action: action, Resource: '*', Condition: condition });
    expect(kindOf(doc([denyEveryone('kms:Decrypt', { Bool: { 'aws:SecureTransport': 'false' } })]))).toBe('rcp');
    expect(kindOf(doc([denyEveryone('sts:AssumeRoleWithWebIdentity', { StringNotEqualsIfExists: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } })]))).toBe('rcp');
    // Its own bucket's ARNs keep a bucket policy of denies a bucket policy.
    expect(kindOf(doc([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-site/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]))).toBe('bucket');
  });
});

describe('kinds issue 12 found on real folders', () => {
  it('tells a permissions boundary by a Sid that says so, and not by an organization "boundary"', () => {
    expect(kindOf(doc([{ Sid: 'PermissionsBoundarySomeServices', Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }]))).toBe('boundary');
    expect(kindOf(doc([{ Sid: 'AllowS3AccessOutsideMyBoundary', Effect: 'Allow', Action: 's3:*', Resource: '*' }]))).toBe('identity');
    expect(kindOf(doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]), 'policies/permissions-boundary.json')).toBe('boundary');
  });

  it('reads CloudFormation\'s own Update: actions as a stack policy, whatever else the statements say', () => {
    expect(kindOf(doc([everyone('Update:*', '*'), { Effect: 'Deny', Principal: '*', Action: 'Update:Replace', Resource: 'LogicalResourceId/Db' }]))).toBe('stack');
  });

  it('reads a bucket that delegates to its access points as a bucket policy, placeholders and all', () => {
    const delegate = (resource: string[]) => doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: resource, Condition: { StringEquals: { 's3:DataAccessPointAccount': '111122223333' } } }]);
    expect(kindOf(delegate(['Bucket ARN', 'Bucket ARN/*']))).toBe('bucket');
    expect(kindOf(delegate(['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*']))).toBe('bucket');
  });

  it('reads a policy without Resource, of one other service, as that resource\'s own (ECR, CodeArtifact)', () => {
    expect(kindOf(doc([{ Effect: 'Allow', Principal: '*', Action: ['ecr-public:BatchGetImage'] }]))).toBe('resource');
  });

  it('takes interface and gateway endpoint folders as VPC endpoint hints', () => {
    const oneBucket = doc([everyone('s3:GetObject', 'arn:aws:s3:::acme-site/*')]);
    expect(kindOf(oneBucket, 's3-interface-endpoints/policy.json')).toBe('vpc-endpoint');
    expect(kindOf(oneBucket, 'policy.json')).toBe('bucket');
  });
});

describe('kinds from the file name', () => {
  const oneBucket = doc([everyone(['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::acme-uploads', 'arn:aws:s3:::acme-uploads/*'])]);

  it('choose among the kinds the content leaves', () => {
    // AWS's gateway endpoint example limits the endpoint to one bucket: the name tells.
    expect(kindOf(oneBucket, 'network/vpce-s3-uploads.json')).toBe('vpc-endpoint');
    expect(kindOf(oneBucket, 'network/endpoint-policies/s3.json')).toBe('vpc-endpoint');
    expect(kindOf(oneBucket, 'policies/uploads.json')).toBe('bucket');
    // An SCP has no Principal, like an identity policy: the folder tells.
    const denyLeave = doc([{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }]);
    expect(kindOf(denyLeave, 'org/scp/deny-leave.json')).toBe('scp');
    expect(kindOf(denyLeave, 'org/service-control-policies/deny-leave.json')).toBe('scp');
    expect(kindOf(denyLeave, 'roles/deploy-permissions.json')).toBe('identity');
    expect(kindOf(doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/api' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }]), 'secrets/api-secret-policy.json')).toBe('resource');
  });

  it('never overrule the content', () => {
    expect(kindOf(oneBucket, 'trust-policy.json')).toBe('bucket');
    // A word of its own: a folder of RCPs about trusted identity providers holds no trust policies.
    const denyWebIdentity = doc([{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity', Resource: '*', Condition: { Null: { 'token.actions.githubusercontent.com:sub': 'false' } } }]);
    expect(kindOf(denyWebIdentity, 'Limit-access-to-trusted-OIDC-identity-providers/GitHub-Actions.json')).toBe('rcp');
    expect(kindHint('Limit-access-to-trusted-OIDC-identity-providers/GitHub-Actions.json', DOCUMENT_KINDS)).toBe('identity');
    expect(kindOf(doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]), 'bucket-policy.json')).toBe('trust');
    expect(kindHint('infra/policies/trust-policy.json', DOCUMENT_KINDS)).toBe('trust');
    expect(kindHint('kms/key-policy.json', DOCUMENT_KINDS)).toBe('kms-key');
  });

  it('take the first hint among the candidates: the file name before its folder, each in the hints\' order', () => {
    // The file name says bucket, its folder KMS: the name wins when both are candidates, the folder when only it is.
    expect(kindHint('kms/bucket-policy.json', ['bucket', 'kms-key'])).toBe('bucket');
    expect(kindHint('kms/bucket-policy.json', ['identity', 'kms-key'])).toBe('kms-key');
    expect(kindHint('kms\\bucket-policy.json', ['identity', 'kms-key'])).toBe('kms-key');
    // One name with two hints: trust comes before identity in the hints' order; without trust, identity.
    expect(kindHint('assume-role-permissions-policy.json', ['identity', 'trust'])).toBe('trust');
    expect(kindHint('assume-role-permissions-policy.json', ['identity', 'boundary'])).toBe('identity');
    // Only the file and its folder: a grandparent's name is no hint.
    expect(kindHint('trust/policies/upload.json', DOCUMENT_KINDS)).toBeUndefined();
    expect(kindHint('/boundary.json', DOCUMENT_KINDS)).toBe('boundary');
    expect(kindHint('Boundaries/upload.json', ['identity', 'boundary'])).toBe('boundary');
    expect(kindHint('policy-17.json', DOCUMENT_KINDS)).toBeUndefined();
  });
});

describe('kinds from the AWS CLI command', () => {
  const cli = (wrapper: object) => readPolicyJson(JSON.stringify(wrapper, null, 2), 'out.json').documents[0]!;
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const accessPoint = doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/analytics' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:eu-west-1:111122223333:accesspoint/analytics/object/*' }]);

  it('reads iam get-role, s3control get-access-point-policy, lambda get-policy, queue and topic attributes, secretsmanager get-resource-policy', () => {
    expect(cli({ Role: { RoleName: 'thumbnails', AssumeRolePolicyDocument: trust } })).toMatchObject({ format: 'aws-cli:iam-get-role', kind: 'trust' });
    expect(cli({ Policy: accessPoint })).toMatchObject({ format: 'aws-cli:s3control-get-access-point-policy', kind: 'access-point' });
    const invoke = doc([{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: '*' }]);
    expect(cli({ Policy: invoke, RevisionId: '4c1b2e3f-0000-4d5e-9f00-1a2b3c4d5e6f' })).toMatchObject({ format: 'aws-cli:lambda-get-policy', kind: 'resource' });
    expect(cli({ Attributes: { Policy: invoke.replaceAll('lambda:InvokeFunction', 'sqs:SendMessage') } })).toMatchObject({ format: 'aws-cli:get-queue-or-topic-attributes', kind: 'resource' });
    expect(cli({ ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:api-AbCdEf', Name: 'api', ResourcePolicy: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/api' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }]) })).toMatchObject({
      format: 'aws-cli:secretsmanager-get-resource-policy',
      kind: 'resource',
    });
  });

  it('reads organizations describe-policy as an SCP or RCP, and refuses other Organizations policies', () => {
    const content = doc([{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }]);
    const describe = (type: string) => ({ Policy: { PolicySummary: { Id: 'p-example1', Name: 'guardrail', Type: type, AwsManaged: false }, Content: content } });
    expect(cli(describe('SERVICE_CONTROL_POLICY'))).toMatchObject({ format: 'aws-cli:organizations-describe-policy', kind: 'scp' });
    expect(cli(describe('RESOURCE_CONTROL_POLICY'))).toMatchObject({ kind: 'rcp' });
    const tagPolicy = readPolicyJson(JSON.stringify(describe('TAG_POLICY'), null, 2), 'tags.json');
    expect(tagPolicy.documents).toEqual([]);
    expect(tagPolicy.errors).toMatchObject([{ code: 'unknown-format', fatal: true }]);
    expect(tagPolicy.errors[0]!.message).toContain('An AWS Organizations TAG_POLICY, not an IAM policy');
  });

  it('lets the statements choose between the kinds a bare {"Policy": ...} may be, and the wrapper stand when they fit none', () => {
    expect(cli({ Policy: doc([everyone('s3:GetObject', 'arn:aws:s3:::acme-site/*')]) })).toMatchObject({ format: 'aws-cli:s3api-get-bucket-policy', kind: 'bucket' });
    // No bucket, access point or key policy names "*" with S3 actions; what it is stays open among them.
    expect(cli({ Policy: doc([everyone('s3:GetObject', '*')]) })).toMatchObject({ kind: null, kindCandidates: ['bucket', 'access-point', 'kms-key'] });
  });
});

describe('kinds from templates, plans and dumps', () => {
  const kinds = (read: { documents: readonly PolicyDocument[] }) => read.documents.map((d) => [d.origin, d.kind]);

  it('reads every policy of a CloudFormation template as the kind of its property', () => {
    const yaml = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:PutObject
                Resource: arn:aws:s3:::acme-artifacts/*
  ReportsAccessPoint:
    Type: AWS::S3::AccessPoint
    Properties:
      Bucket: acme-reports
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:role/analytics' }
            Action: s3:GetObject
            Resource: !Sub 'arn:aws:s3:\${AWS::Region}:\${AWS::AccountId}:accesspoint/reports/object/*'
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: arn:aws:s3:::acme-reports/*
  DenyLeave:
    Type: AWS::Organizations::Policy
    Properties:
      Name: deny-leave
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Action: organizations:LeaveOrganization
            Resource: '*'
  OrgIdentitiesOnly:
    Type: AWS::Organizations::Policy
    Properties:
      Name: org-identities-only
      Type: RESOURCE_CONTROL_POLICY
      Content: '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}'
  Tagging:
    Type: AWS::Organizations::Policy
    Properties:
      Name: tags
      Type: TAG_POLICY
      Content: { tags: { team: { tag_key: { '@@assign': Team } } } }
  JobsQueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref JobsQueue]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: sns.amazonaws.com }
            Action: sqs:SendMessage
            Resource: !GetAtt JobsQueue.Arn
  JobsQueue:
    Type: AWS::SQS::Queue
  UploadsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: acme-uploads
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource: arn:aws:s3:::acme-uploads/*
            Condition: { Bool: { aws:SecureTransport: 'false' } }
`;
    const read = readPolicyFile(yaml, 'stack.yaml');
    expect(read.errors).toEqual([]);
    expect(kinds(read)).toEqual([
      ['DeployRole AssumeRolePolicyDocument (AWS::IAM::Role)', 'trust'],
      ['DeployRole Policies[0] (AWS::IAM::Role)', 'identity'],
      ['ReportsAccessPoint Policy (AWS::S3::AccessPoint)', 'access-point'],
      // One bucket and Principal "*", as a bucket policy would be: the property tells.
      ['S3Endpoint PolicyDocument (AWS::EC2::VPCEndpoint)', 'vpc-endpoint'],
      ['DenyLeave Content (AWS::Organizations::Policy)', 'scp'],
      ['OrgIdentitiesOnly Content (AWS::Organizations::Policy)', 'rcp'],
      ['JobsQueuePolicy (AWS::SQS::QueuePolicy)', 'resource'],
      ['UploadsBucketPolicy (AWS::S3::BucketPolicy)', 'bucket'],
    ]);
    // The trust policy is the role's own document, never one of what the role may do.
    expect(read.roles[0]!.identityPolicies.map((d) => d.kind)).toEqual(['identity']);
    // The RCP written as JSON text: every position at the string.
    const rcp = read.documents.find((d) => d.kind === 'rcp')!;
    expect(rcp.statements[0]!.actions!.values[0]!.position).toEqual(rcp.position);
  });

  it('reads trust, endpoint, SCP and queue policies of a Terraform plan as their resource type says', () => {
    const resource = (type: string, name: string, values: object) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
    const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            resource('aws_iam_role', 'ci', { name: 'ci-deploy', assume_role_policy: policy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]) }),
            resource('aws_vpc_endpoint', 's3', { service_name: 'com.amazonaws.eu-west-1.s3', policy: policy([everyone('s3:*', 'arn:aws:s3:::acme-logs/*')]) }),
            resource('aws_vpc_endpoint', 'sts', { service_name: 'com.amazonaws.eu-west-1.sts', policy: '' }),
            resource('aws_organizations_policy', 'guardrail', { name: 'guardrail', type: 'SERVICE_CONTROL_POLICY', content: policy([{ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }]) }),
            resource('aws_sqs_queue_policy', 'jobs', { queue_url: 'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs', policy: policy([{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:jobs' }]) }),
            resource('aws_s3_access_point', 'reports', { name: 'reports', bucket: 'acme-reports', policy: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/analytics' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:eu-west-1:111122223333:accesspoint/reports/object/*' }]) }),
          ],
        },
      },
    };
    const read = readPolicyFile(JSON.stringify(plan, null, 2), 'plan.json');
    // The endpoint without a policy (planned as "") is AWS's default: nothing to read, nothing wrong.
    expect(read.errors).toEqual([]);
    expect(kinds(read)).toEqual([
      ['aws_iam_role.ci assume_role_policy', 'trust'],
      ['aws_s3_access_point.reports', 'access-point'],
      ['aws_vpc_endpoint.s3', 'vpc-endpoint'],
      ['aws_sqs_queue_policy.jobs', 'resource'],
      ['aws_organizations_policy.guardrail content', 'scp'],
    ]);
    expect(read.roles[0]!.identityPolicies).toEqual([]);
  });

  it('reads the trust policies of account dumps and of the shipped fixtures', () => {
    const prod = readPolicyFile(readFileSync(path.join(ROOT, 'fixtures/accounts/prod-111122223333.json'), 'utf8'), 'prod.json');
    const trust = prod.documents.filter((d) => d.kind === 'trust');
    expect(trust.map((d) => d.origin)).toEqual(['role share-link-signer AssumeRolePolicyDocument', 'role reporting AssumeRolePolicyDocument']);
    expect(prod.roles.flatMap((r) => r.identityPolicies).some((d) => d.kind !== 'identity')).toBe(false);
    for (const file of ['templates/upload-service.yaml', 'templates/cdk.out/ReportsStack.template.json', 'terraform/invoices.plan.json']) {
      const read = readPolicyFile(readFileSync(path.join(ROOT, 'fixtures', file), 'utf8'), file);
      expect(read.documents.some((d) => d.kind === 'trust'), file).toBe(true);
    }
  });
});

describe('the config says the kind', () => {
  const endpoint = doc([everyone(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-uploads/*')]);

  it('over the content and the AWS CLI command, for files that hold one policy', () => {
    expect(kindOf(endpoint, 'uploads.json', 'vpc-endpoint')).toBe('vpc-endpoint');
    expect(kindOf(JSON.stringify({ Policy: endpoint }), 'uploads.json', 'access-point')).toBe('access-point');
  });

  it('by pattern relative to the config file, in presign-audit', () => {
    const dir = path.join(ROOT, 'fixtures');
    const config = resolveConfig({ documentKinds: { 'network/*.json': 'vpc-endpoint' } }, path.join(dir, 'presign-audit.config.json'));
    const run = auditPolicyTexts(
      [
        { file: path.join(dir, 'network/uploads.json'), text: endpoint },
        { file: path.join(dir, 'buckets/uploads.json'), text: endpoint },
      ],
      config,
    );
    const ids = run.results.map((r) => r.messages.map((m) => m.ruleId));
    // As an endpoint policy, Principal "*" makes nothing public and asks for no encryption Deny.
    expect(ids[0]).toEqual([]);
    expect(ids[1]).toEqual(['presign/public-principal', 'presign/require-encryption-condition']);
  });

  it('is checked: an object of non-empty patterns and known kinds, else a config error', () => {
    expect(parseDocumentKinds({ 'a/*.json': 'trust', 'b.json': 'rcp' })).toEqual([
      { files: 'a/*.json', kind: 'trust' },
      { files: 'b.json', kind: 'rcp' },
    ]);
    const bad = (documentKinds: unknown) => () => resolveConfig({ documentKinds }, '/repo/presign-audit.config.json');
    expect(bad({ 'policies/*.json': 'bucket-policy' })).toThrow(ConfigError);
    expect(bad({ 'policies/*.json': 'bucket-policy' })).toThrow(/"documentKinds": "policies\/\*\.json" has kind "bucket-policy"; use one of "identity", "boundary", "trust"/);
    expect(bad([['policies/*.json', 'trust']])).toThrow(/\/repo\/presign-audit\.config\.json: "documentKinds" must be an object/);
    expect(bad({ '': 'trust' })).toThrow(/empty file pattern/);
    expect(bad({ 'x.json': 3 })).toThrow(ConfigError);
  });
});

describe('a kind that cannot be told', () => {
  const secretPolicy = doc([
    { Sid: 'ApiReads', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/payments-api' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
    { Sid: 'ApiOnly', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/payments-api' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
  ]);

  it('is said once per document, as a warning with the kinds and how to name one, and only the rules right for all of them run', () => {
    const config = resolveConfig({ preset: 'all' }, null);
    const [result] = auditPolicyTexts([{ file: path.join(process.cwd(), 'policies/payments.json'), text: secretPolicy }], config).results;
    const notes = result!.messages.filter((m) => m.ruleId === 'presign-audit/unknown-kind');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 1, line: 1, column: 1 });
    expect(notes[0]!.fatal).toBeUndefined();
    expect(notes[0]!.message).toContain('it may be a VPC endpoint policy or a resource policy');
    expect(notes[0]!.message).toContain('"documentKinds": {"policies/payments.json": "vpc-endpoint"} (or "resource")');
    // no-allow-negation is right for both kinds, so it ran and reports the Allow with NotPrincipal.
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['presign-audit/unknown-kind', 'presign/no-allow-negation']);
  });

  it('names the rules that one of the kinds would have run', () => {
    // A trust policy IAM would refuse (it names a Resource), or an endpoint policy for STS.
    const maybeTrust = doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/deploy' }]);
    const [result] = auditPolicyTexts([{ file: 'deploy.json', text: maybeTrust }], resolveConfig({}, null)).results;
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['presign-audit/unknown-kind']);
    expect(result!.messages[0]!.message).toContain('it may be a trust policy or a VPC endpoint policy');
    expect(result!.messages[0]!.message).toContain('presign/public-trust did not run: it is not right for all of them.');
  });

  it('says each file its own name when several of the same kinds are read in one run', () => {
    const maybeTrust = doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/deploy' }]);
    const files = ['deploy.json', 'nested/deploy-too.json', 'other.json'].map((name) => ({ file: path.join(process.cwd(), name), text: maybeTrust }));
    const notes = auditPolicyTexts(files, resolveConfig({}, null)).results.map((r) => r.messages.find((m) => m.ruleId === 'presign-audit/unknown-kind')!.message);
    const note = (name: string) =>
      'Could not tell what kind of policy this is: it may be a trust policy or a VPC endpoint policy. Only the rules right for every one of them ran. ' +
      `presign/public-trust did not run: it is not right for all of them. Say which in presign-audit.config.json: "documentKinds": {"${name}": "trust"} (or "vpc-endpoint").`;
    expect(notes).toEqual([note('deploy.json'), note('nested/deploy-too.json'), note('other.json')]);
  });

  it('holds valid-policy to what every kind agrees on, and names the kinds in messages', () => {
    const open = { kind: null, kindCandidates: ['vpc-endpoint', 'resource'] as DocumentKind[] };
    expect(grammarOf(open)).toMatchObject({ principal: 'required', resource: 'unchecked' });
    expect(grammarOf({ kindCandidates: ['identity', 'scp'] })).toMatchObject({ principal: 'forbidden', resource: 'unchecked' });
    expect(grammarOf({ kindCandidates: ['trust', 'vpc-endpoint'] })).toMatchObject({ principal: 'required', resource: 'unchecked' });
    expect(kindName(open)).toBe('policy (a VPC endpoint policy or a resource policy)');
    expect(kindName({ kind: 'scp', kindCandidates: ['scp'] })).toBe('service control policy (SCP)');
  });
});

describe('every document rule', () => {
  const documentRules = RULES.filter((rule) => rule.subject === 'document');

  it('declares the kinds it is right for; other rules declare none', () => {
    for (const rule of documentRules) {
      expect(rule.kinds.length, rule.name).toBeGreaterThan(0);
      for (const kind of rule.kinds) expect(DOCUMENT_KINDS, rule.name).toContain(kind);
    }
    for (const rule of RULES.filter((r) => r.subject !== 'document')) expect(rule.kinds, rule.name).toEqual([]);
  });

  it('says its kinds on its doc page', () => {
    for (const rule of documentRules) {
      const line = readFileSync(path.join(ROOT, `docs/rules/${rule.name}.md`), 'utf8').split('\n').find((l) => l.startsWith('- Kinds: '));
      const expected =
        rule.kinds.length === DOCUMENT_KINDS.length
          ? 'every kind'
          : rule.kinds.length === IAM_POLICY_KINDS.length && rule.kinds.every((k) => IAM_POLICY_KINDS.includes(k))
            ? "every kind in IAM's policy grammar (all but `stack`, CloudFormation's own)"
            : rule.kinds.map((k) => `\`${k}\``).join(', ');
      expect(line, rule.name).toBe(`- Kinds: ${expected}`);
    }
  });
});
