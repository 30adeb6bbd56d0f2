import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/require-encryption-condition.js';
import { evaluateRequest, type EvaluationRequest } from '../../../src/policy/evaluate.js';
import type { PolicyDocument } from '../../../src/policy/model.js';
import { readPolicyFile } from '../../../src/policy/read-policy-file.js';
import { readPolicyJson } from '../../../src/policy/read-json.js';
import { optionsOf, runRule } from '../../../src/rule/run.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ID = 'presign/require-encryption-condition';
const ACCOUNT = { AWS: 'arn:aws:iam::111122223333:role/uploader' };
const allowUpload = { Sid: 'Upload', Effect: 'Allow', Principal: ACCOUNT, Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' };
const denyWith = (operator: string, value: unknown, resource = 'arn:aws:s3:::uploads/*') => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: resource,
  Condition: { [operator]: { 's3:x-amz-server-side-encryption': value } },
});

describe('presign/require-encryption-condition', () => {
  it('reports an upload Allow without any Deny, at the action', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/uploader"},
    "Action": ["s3:GetObject", "s3:PutObject"],
    "Resource": "arn:aws:s3:::uploads/*"
  }]
}`;
    expect(lintPolicy(rule, text)).toMatchObject([{ ruleId: ID, messageId: 'missingDeny', line: 6, column: 32 }]);
  });

  it('accepts StringNotEquals alone: a negated operator also denies uploads without the header', () => {
    expect(lintPolicy(rule, policy([allowUpload, denyWith('StringNotEquals', ['AES256', 'aws:kms'])]))).toEqual([]);
  });

  it('accepts Null true plus StringNotEquals, and StringNotEqualsIfExists plus Null', () => {
    expect(lintPolicy(rule, policy([allowUpload, denyWith('Null', 'true'), denyWith('StringNotEquals', 'aws:kms')]))).toEqual([]);
    expect(lintPolicy(rule, policy([allowUpload, denyWith('StringNotEqualsIfExists', 'AES256'), denyWith('Null', true)]))).toEqual([]);
  });

  it('reports a StringNotEqualsIfExists-only Deny as fine for presence, and the Null-only Deny as fine for "any"', () => {
    expect(lintPolicy(rule, policy([allowUpload, denyWith('Null', 'true')]))).toEqual([]);
  });

  it('reports when the required algorithm is not enforced', () => {
    const text = policy([allowUpload, denyWith('Null', 'true')]);
    const [finding] = lintPolicy(rule, text, { algorithm: 'aws:kms' });
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'missingDeny', ...at(text, '"s3:PutObject"') });
    expect(finding!.message).toContain('uploads encrypted with AES256');
    expect(lintPolicy(rule, policy([allowUpload, denyWith('StringNotEquals', 'aws:kms')]), { algorithm: 'aws:kms' })).toEqual([]);
  });

  it('reports a Deny with StringEquals (it denies encrypted uploads, not plain ones)', () => {
    const text = policy([allowUpload, denyWith('StringEquals', 'AES256')]);
    expect(lintPolicy(rule, text)).toMatchObject([{ messageId: 'missingDeny', ...at(text, '"s3:PutObject"') }]);
  });

  it('reports a Deny narrowed by another condition, or on other resources', () => {
    const narrowed = denyWith('StringNotEquals', 'AES256') as { Condition: Record<string, object> };
    narrowed.Condition['Bool'] = { 'aws:SecureTransport': 'false' };
    expect(lintPolicy(rule, policy([allowUpload, narrowed]))).toHaveLength(1);
    expect(lintPolicy(rule, policy([allowUpload, denyWith('StringNotEquals', 'AES256', 'arn:aws:s3:::uploads/private/*')]))).toHaveLength(1);
    expect(lintPolicy(rule, policy([allowUpload, denyWith('StringNotEquals', 'AES256', 'arn:aws:s3:::uploads/*'.replace('uploads/*', '*'))]))).toEqual([]);
  });

  it('says an Allow with an SSE condition is not enforcement, at the condition key', () => {
    const text = policy([{ ...allowUpload, Principal: '*', Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } }]);
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'allowIsNotEnforcement', ...at(text, '"s3:x-amz-server-side-encryption"') });
    expect(finding!.message).toContain('"Effect": "Deny"');
  });

  it('sees uploads granted through s3:* and NotAction', () => {
    expect(lintPolicy(rule, policy([{ ...allowUpload, Action: 's3:*' }]))).toHaveLength(1);
    const text = policy([{ Effect: 'Allow', Principal: ACCOUNT, NotAction: 's3:DeleteObject', Resource: 'arn:aws:s3:::uploads/*' }]);
    expect(lintPolicy(rule, text)).toMatchObject([{ ...at(text, '"NotAction"') }]);
  });

  it('leaves alone read-only bucket policies and identity policies', () => {
    expect(lintPolicy(rule, policy([{ ...allowUpload, Action: 's3:GetObject' }]))).toEqual([]);
    expect(lintPolicy(rule, policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }]))).toEqual([]);
  });
});

/** The Deny a finding suggests, parsed from its message. */
function suggestedDeny(message: string): Record<string, unknown> {
  const json = /(?:Add|Deny instead:) (\{"Effect": "Deny".*?\}\}\})/.exec(message)?.[1];
  if (!json) throw new Error(`no Deny in: ${message}`);
  return JSON.parse(json) as Record<string, unknown>;
}

const LOGS = 'arn:aws:s3:::acme-logs-111122223333';

/** Server access logs, as the S3 User Guide grants them: the logging service, confined to the source account and bucket. */
const serverAccessLogs = {
  Sid: 'S3ServerAccessLogsPolicy',
  Effect: 'Allow',
  Principal: { Service: 'logging.s3.amazonaws.com' },
  Action: 's3:PutObject',
  Resource: `${LOGS}/access-logs/*`,
  Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-user-uploads' }, StringEquals: { 'aws:SourceAccount': '111122223333' } },
};

describe('presign/require-encryption-condition and AWS delivery services', () => {
  it('leaves alone an ALB access-log bucket: the ELB account of us-east-1 and the log delivery service write there', () => {
    const text = policy([
      { Sid: 'AlbLogsLegacyRegion', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::127311923021:root' }, Action: 's3:PutObject', Resource: `${LOGS}/alb/AWSLogs/111122223333/*` },
      {
        Sid: 'AWSLogDeliveryWrite',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${LOGS}/nlb/AWSLogs/111122223333/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '111122223333' } },
      },
      { Sid: 'AWSLogDeliveryAclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: LOGS },
      { Sid: 'AlbLogsNewRegion', Effect: 'Allow', Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, Action: 's3:PutObject', Resource: `${LOGS}/alb/AWSLogs/111122223333/*` },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('leaves alone a CloudTrail bucket, a server access log bucket, an AWS Config bucket and an S3 Inventory destination', () => {
    const cloudTrail = policy([
      { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::acme-trail', Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail' } } },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::acme-trail/AWSLogs/111122223333/*',
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail' } },
      },
    ]);
    expect(lintPolicy(rule, cloudTrail)).toEqual([]);
    expect(lintPolicy(rule, policy([serverAccessLogs]))).toEqual([]);
    const config = policy([
      { Sid: 'AWSConfigBucketDelivery', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-config/AWSLogs/111122223333/Config/*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
    ]);
    expect(lintPolicy(rule, config)).toEqual([]);
    const inventory = policy([
      {
        Sid: 'InventoryAndAnalyticsExamplePolicy',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::acme-inventory/*',
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-user-uploads' }, StringEquals: { 'aws:SourceAccount': '111122223333', 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
    ]);
    expect(lintPolicy(rule, inventory)).toEqual([]);
    // An Allow with an SSE condition, to a service only: nothing a URL uploads, nothing to say.
    expect(lintPolicy(rule, policy([{ ...serverAccessLogs, Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } }]))).toEqual([]);
  });

  it('reports a bucket that takes uploads from an app role too, with a Deny that spares the logging service', () => {
    const appUploads = { Sid: 'AppUploads', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/media-url-signer' }, Action: 's3:PutObject', Resource: `${LOGS}/exports/*` };
    const text = policy([serverAccessLogs, appUploads]);
    const [finding, ...rest] = lintPolicy(rule, text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'missingDeny', ...at(text, '"s3:PutObject"', 1) });
    expect(finding!.message).toContain('spares the AWS delivery services');
    const deny = suggestedDeny(finding!.message);
    expect(deny).toEqual({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `${LOGS}/exports/*`,
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': ['AES256', 'aws:kms', 'aws:kms:dsse'] }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
    });
    // Applied, it is the enforcement the rule asks for.
    expect(lintPolicy(rule, policy([serverAccessLogs, appUploads, deny]))).toEqual([]);
  });

  it('the suggested Deny, applied, rejects the app role\'s and anonymous plain uploads, and neither the logging service\'s nor ELB\'s', () => {
    const elb = { Sid: 'ElbLogs', Effect: 'Allow', Principal: { AWS: '127311923021' }, Action: 's3:PutObject', Resource: `${LOGS}/alb/AWSLogs/111122223333/*` };
    const app = { Sid: 'AppUploads', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/media-url-signer' }, Action: 's3:PutObject', Resource: `${LOGS}/*` };
    const [finding] = lintPolicy(rule, policy([serverAccessLogs, elb, app]));
    const deny = suggestedDeny(finding!.message);
    expect(deny['Condition']).toEqual({
      StringNotEquals: { 's3:x-amz-server-side-encryption': ['AES256', 'aws:kms', 'aws:kms:dsse'], 'aws:PrincipalAccount': '127311923021' },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    });
    const applied = readPolicyJson(policy([serverAccessLogs, elb, app, deny]), 'bucket.json').documents[0]!;
    const upload = (principal: EvaluationRequest['principal'], context: EvaluationRequest['context']) =>
      evaluateRequest({ action: 's3:PutObject', resource: `${LOGS}/alb/AWSLogs/111122223333/elb.log.gz`, principal, context: { 's3:x-amz-server-side-encryption': null, ...context } }, { identity: [], resource: applied, sameAccount: false }).explicitDeny;
    const role = { arn: 'arn:aws:sts::111122223333:assumed-role/media-url-signer/upload', account: '111122223333' };
    expect(upload(role, { 'aws:PrincipalIsAWSService': 'false' })).toBe(true);
    expect(upload(null, { 'aws:PrincipalIsAWSService': null })).toBe(true);
    expect(upload(role, { 'aws:PrincipalIsAWSService': 'false', 's3:x-amz-server-side-encryption': 'aws:kms' })).toBe(false);
    // logging.s3.amazonaws.com acting as itself; ELB's us-east-1 account with its own credentials.
    expect(upload({ arn: null, account: null }, { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': 'logging.s3.amazonaws.com' })).toBe(false);
    expect(upload({ arn: 'arn:aws:sts::127311923021:assumed-role/elb-logs/node', account: '127311923021' }, { 'aws:PrincipalIsAWSService': 'false' })).toBe(false);
  });

  it('counts a Deny that spares delivery services, or names the app role itself; not one that spares with Bool when "*" may upload', () => {
    const app = { Sid: 'AppUploads', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/media-url-signer' }, Action: 's3:PutObject', Resource: `${LOGS}/*` };
    const sparing = (operator: string) => ({ ...denyWith('StringNotEquals', 'AES256', `${LOGS}/*`), Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' }, [operator]: { 'aws:PrincipalIsAWSService': 'false' } } });
    expect(lintPolicy(rule, policy([serverAccessLogs, app, sparing('BoolIfExists')]))).toEqual([]);
    expect(lintPolicy(rule, policy([serverAccessLogs, app, sparing('Bool')]))).toEqual([]);
    const byName = { ...denyWith('StringNotEquals', 'AES256', `${LOGS}/*`), Principal: { AWS: 'arn:aws:iam::111122223333:role/media-url-signer' } };
    expect(lintPolicy(rule, policy([serverAccessLogs, app, byName]))).toEqual([]);
    const byService = { ...denyWith('StringNotEquals', 'AES256', `${LOGS}/*`), Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' }, StringNotEqualsIfExists: { 'aws:PrincipalServiceName': 'logging.s3.amazonaws.com' } } };
    expect(lintPolicy(rule, policy([serverAccessLogs, app, byService]))).toEqual([]);
    // Anonymous requests carry no aws:PrincipalIsAWSService: Bool "false" lets them through unencrypted.
    const publicUpload = { ...app, Principal: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } } };
    expect(lintPolicy(rule, policy([serverAccessLogs, publicUpload, sparing('Bool')]))).toHaveLength(1);
    expect(lintPolicy(rule, policy([serverAccessLogs, publicUpload, sparing('BoolIfExists')]))).toEqual([]);
    // A Deny that names another role does not cover this one.
    expect(lintPolicy(rule, policy([serverAccessLogs, app, { ...byName, Principal: { AWS: 'arn:aws:iam::111122223333:role/other' } }]))).toHaveLength(1);
  });
});

describe('presign/require-encryption-condition on templates: principals the template leaves unresolved', () => {
  const template = (principal: string, resource: string) => `Parameters:
  ElbAccount: { Type: String }
Resources:
  LogsBucket:
    Type: AWS::S3::Bucket
  LogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref LogsBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: ${principal} }
            Action: s3:PutObject
            Resource: ${resource}
`;
  const findings = (text: string) => {
    const read = readPolicyFile(text, 'logs.yaml');
    expect(read.errors).toEqual([]);
    return read.documents.flatMap((document) => lintDocument(document));
  };
  const lintDocument = (document: PolicyDocument) => {
    const run = runRule<'document', never>(rule, { document, settings: { identityPoliciesAreSigners: true, signers: null }, isSignerPolicy: () => false }, optionsOf(rule, []));
    return run.reports;
  };

  it('leaves alone an unresolved account writing under AWSLogs/ (the ELB account of the stack\'s Region)', () => {
    expect(findings(template("!Sub 'arn:aws:iam::${ElbAccount}:root'", "!Sub '${LogsBucket.Arn}/alb/AWSLogs/${AWS::AccountId}/*'"))).toEqual([]);
  });

  it('reports an unresolved principal that uploads elsewhere, or the stack\'s own account even under AWSLogs/: they may sign URLs', () => {
    expect(findings(template('!GetAtt UploaderRole.Arn', "!Sub '${LogsBucket.Arn}/uploads/*'"))).toMatchObject([{ messageId: 'missingDeny' }]);
    expect(findings(template("!Sub 'arn:aws:iam::${AWS::AccountId}:root'", "!Sub '${LogsBucket.Arn}/AWSLogs/${AWS::AccountId}/*'"))).toMatchObject([{ messageId: 'missingDeny' }]);
  });

  it('spares the unresolved log account, as the template writes it, in the Deny suggested for a role beside it', () => {
    const text = template("!Sub 'arn:aws:iam::${ElbAccount}:root'", "!Sub '${LogsBucket.Arn}/alb/AWSLogs/${AWS::AccountId}/*'").replace(
      'Statement:\n',
      "Statement:\n          - { Effect: Allow, Principal: { AWS: !GetAtt UploaderRole.Arn }, Action: s3:PutObject, Resource: !Sub '${LogsBucket.Arn}/uploads/*' }\n",
    );
    const [finding, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(finding!.message).toContain('"StringNotEquals": {"s3:x-amz-server-side-encryption": ["AES256", "aws:kms", "aws:kms:dsse"], "aws:PrincipalAccount": "${ElbAccount}"}');
  });
});

describe('presign/require-encryption-condition and placeholders of the ELB account', () => {
  it('leaves alone an AWSLogs/ grant to the guide\'s "elb-account-id", and still reports one to a real account outside AWSLogs/', () => {
    const elb = policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::elb-account-id:root' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/prefix/AWSLogs/111122223333/*' }]);
    expect(lintPolicy(rule, elb)).toEqual([]);
    const app = policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::app-account-id:root' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/uploads/*' }]);
    expect(lintPolicy(rule, app)).toMatchObject([{ ruleId: ID }]);
  });
});
