import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/kms-signer-access.js';
import { at, lintFiles } from './lint-policy.js';

const KEY_POLICY_ROOT = "{ Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }] }";
const KEY_POLICY_ROLE = "{ Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { AWS: !GetAtt Signer.Arn }, Action: [kms:Decrypt, kms:GenerateDataKey], Resource: '*' }] }";
const KEY_POLICY_ADMIN = "{ Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { AWS: 'arn:aws:iam::111122223333:role/admin' }, Action: 'kms:*', Resource: '*' }] }";

const template = (keyPolicy: string, signerStatements: string, managed = '') => `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: ${keyPolicy}
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref Key }
  Signer:
    Type: AWS::IAM::Role
    Properties:${managed}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
${signerStatements}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Signer.Arn
`;
const S3 = "              - { Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: !Sub '${Bucket.Arn}/*' }\n";
const KMS = (actions: string, resource = '!GetAtt Key.Arn') => `              - { Effect: Allow, Action: [${actions}], Resource: ${resource} }\n`;

describe('presign/kms-signer-access', () => {
  it('reports downloads and uploads the signer cannot decrypt or encrypt, at the signer role', () => {
    const text = template(KEY_POLICY_ROOT, S3);
    const findings = lintFiles(rule, { 't.yaml': text });
    expect(findings.map((f) => [f.messageId, f.line, f.column])).toEqual([
      ['signerCannotUseKey', at(text, 'Signer:').line, at(text, 'Signer:').column],
      ['signerCannotUseKey', at(text, 'Signer:').line, at(text, 'Signer:').column],
    ]);
    expect(findings[0]!.message).toContain('download');
    expect(findings[0]!.message).toContain('kms:Decrypt');
    expect(findings[1]!.message).toContain('kms:GenerateDataKey');
    // Decrypt only: uploads still fail.
    expect(lintFiles(rule, { 't.yaml': template(KEY_POLICY_ROOT, S3 + KMS('kms:Decrypt')) }).map((f) => f.message)).toEqual([expect.stringContaining('upload') as unknown]);
  });

  it('reports a key policy that neither names the signer nor delegates to the account', () => {
    const findings = lintFiles(rule, { 't.yaml': template(KEY_POLICY_ADMIN, S3 + KMS('kms:Decrypt, kms:GenerateDataKey')) });
    expect(findings).toHaveLength(2);
    expect(findings[0]!.message).toContain('neither allows kms:Decrypt to the signer nor delegates');
  });

  it('accepts identity grants under a delegating key policy, and key policies that name the signer', () => {
    expect(lintFiles(rule, { 't.yaml': template(KEY_POLICY_ROOT, S3 + KMS('kms:Decrypt, kms:GenerateDataKey*')) })).toEqual([]);
    expect(lintFiles(rule, { 't.yaml': template(KEY_POLICY_ROOT, S3 + KMS("'kms:*'", "'*'")) })).toEqual([]);
    expect(lintFiles(rule, { 't.yaml': template(KEY_POLICY_ROLE, S3) })).toEqual([]);
  });

  it('says nothing when the signer has policies that were not read, or the bucket uses SSE-S3', () => {
    const managed = "\n      ManagedPolicyArns: ['arn:aws:iam::111122223333:policy/shared-kms']";
    expect(lintFiles(rule, { 't.yaml': template(KEY_POLICY_ROOT, S3, managed) })).toEqual([]);
    const basic = "\n      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']";
    expect(lintFiles(rule, { 't.yaml': template(KEY_POLICY_ROOT, S3, basic) })).toHaveLength(2);
    const sseS3 = template(KEY_POLICY_ROOT, S3).replace('{ SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref Key }', '{ SSEAlgorithm: AES256 }');
    expect(lintFiles(rule, { 't.yaml': sseS3 })).toEqual([]);
  });
});
