import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/signature-age-limit.js';
import { at, lintFiles } from './lint-policy.js';

const template = (bucketPolicy: string) => `Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-uploads
${bucketPolicy}
  Signer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: s3:PutObject, Resource: !Sub '\${Uploads.Arn}/*' }
`;
const policy = (statements: string) => `  UploadsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Uploads
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statements}`;
const AGE = "          - { Effect: Deny, Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-uploads/*', Condition: { NumericGreaterThan: { 's3:signatureAge': 600000 } } }\n";
const SIGV4 = "          - { Effect: Deny, Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-uploads/*', Condition: { StringNotEquals: { 's3:signatureversion': AWS4-HMAC-SHA256 } } }\n";
const TLS = "          - { Effect: Deny, Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-uploads/*', Condition: { Bool: { 'aws:SecureTransport': false } } }\n";

describe('presign/signature-age-limit', () => {
  it('reports a signed-for bucket without a policy at the bucket, and one without the limit at its policy', () => {
    const bare = template('');
    const [finding] = lintFiles(rule, { 't.yaml': bare });
    // The role runs code and may sign URLs; only the config's "signers" makes it certain.
    expect(finding).toMatchObject({ messageId: 'noSignatureAgeLimitIfSigning', ...at(bare, 'Uploads:') });
    expect(finding!.message).toContain('which may sign URLs for it');
    const [declared] = lintFiles(rule, { 't.yaml': bare }, {}, { signers: ['Signer'] });
    expect(declared).toMatchObject({ messageId: 'noSignatureAgeLimit', ...at(bare, 'Uploads:') });
    expect(declared!.message).toContain('through URLs signed by "Signer"');
    expect(finding!.message).toContain('"s3:signatureAge":"600000"');
    expect(finding!.message).toContain('"Resource":"arn:aws:s3:::acme-uploads/*"');
    const tlsOnly = template(policy(TLS));
    expect(lintFiles(rule, { 't.yaml': tlsOnly }, { maxAgeMilliseconds: 300000 })).toMatchObject([
      { messageId: 'noSignatureAgeLimitIfSigning', ...at(tlsOnly, "Version: '2012-10-17'"), message: expect.stringContaining('"s3:signatureAge":"300000"') as unknown },
    ]);
  });

  it('reports an age limit without SigV4 at the s3:signatureAge key', () => {
    const text = template(policy(AGE));
    expect(lintFiles(rule, { 't.yaml': text })).toMatchObject([{ messageId: 'sigV2Bypass', ...at(text, "'s3:signatureAge'") }]);
  });

  it('accepts the age limit with SigV4 required, and buckets no signer reaches', () => {
    expect(lintFiles(rule, { 't.yaml': template(policy(AGE + SIGV4)) })).toEqual([]);
    const unreached = template('').replace("!Sub '${Uploads.Arn}/*'", "'arn:aws:s3:::other-bucket/*'");
    expect(lintFiles(rule, { 't.yaml': unreached })).toEqual([]);
  });
});

describe('presign/signature-age-limit and AWS delivery services', () => {
  const LOGS = "          - { Sid: S3ServerAccessLogs, Effect: Allow, Principal: { Service: logging.s3.amazonaws.com }, Action: s3:PutObject, Resource: 'arn:aws:s3:::acme-uploads/access-logs/*' }\n";
  const ELB = "          - { Sid: AlbLogs, Effect: Allow, Principal: { AWS: 'arn:aws:iam::156460612806:root' }, Action: s3:PutObject, Resource: 'arn:aws:s3:::acme-uploads/alb/AWSLogs/111122223333/*' }\n";
  const denies = (message: string) => [...message.matchAll(/\{"Effect":"Deny".*?\}\}\}/g)].map((m) => JSON.parse(m[0]) as { Condition: Record<string, Record<string, unknown>> });

  it('suggests Denies that spare the logging service and the ELB account the bucket policy lets write', () => {
    const [finding] = lintFiles(rule, { 't.yaml': template(policy(LOGS + ELB)) });
    expect(finding!.message).toContain('spares the AWS delivery services');
    const [age, sigv4] = denies(finding!.message);
    expect(age!.Condition).toEqual({
      NumericGreaterThan: { 's3:signatureAge': '600000' },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      StringNotEquals: { 'aws:PrincipalAccount': '156460612806' },
    });
    expect(sigv4!.Condition).toEqual({ StringNotEquals: { 's3:signatureversion': 'AWS4-HMAC-SHA256', 'aws:PrincipalAccount': '156460612806' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } });
    const bypass = lintFiles(rule, { 't.yaml': template(policy(LOGS + AGE)) })[0]!;
    expect(bypass.messageId).toBe('sigV2Bypass');
    expect(denies(bypass.message)[0]!.Condition['BoolIfExists']).toEqual({ 'aws:PrincipalIsAWSService': 'false' });
  });

  it('suggests plain Denies when no delivery service is let in', () => {
    const [finding] = lintFiles(rule, { 't.yaml': template(policy(TLS)) });
    expect(finding!.message).not.toContain('aws:Principal');
    expect(denies(finding!.message)).toHaveLength(2);
  });
});
