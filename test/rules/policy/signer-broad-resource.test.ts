import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/signer-broad-resource.js';
import { at, lintFiles, policy } from './lint-policy.js';

const template = (resource: string, extra = '') => `Resources:
  Signer:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: ${resource}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Signer.Arn
${extra}`;

describe('presign/signer-broad-resource', () => {
  it('reports object actions on *, every bucket and NotResource, at the resource', () => {
    for (const resource of ["'*'", "'arn:aws:s3:::*'", "'arn:aws:s3:::*/*'", "'arn:*:s3:::*/uploads/*'"]) {
      const text = template(resource);
      expect(lintFiles(rule, { 't.yaml': text })).toMatchObject([{ messageId: 'broadResource', file: 't.yaml', ...at(text, resource) }]);
    }
    const plain = policy([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }]);
    expect(lintFiles(rule, { 'p.json': plain })).toMatchObject([{ messageId: 'negatedResource', ...at(plain, '"NotResource"') }]);
  });

  it('leaves alone NotResource and "*" grants that reach no object: NotResource "*" or every bucket, an explicit Deny of s3:* on "*"', () => {
    for (const excluded of ['*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*']) {
      expect(lintFiles(rule, { 'p.json': policy([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: excluded }]) })).toEqual([]);
    }
    const denied = policy([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' },
      { Sid: 'NoS3FromThisRole', Effect: 'Deny', Action: 's3:*', Resource: '*' },
    ]);
    expect(lintFiles(rule, { 'p.json': denied })).toEqual([]);
    // A conditional Deny may not apply: the grant stays.
    const conditional = policy([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' },
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } } },
    ]);
    expect(lintFiles(rule, { 'p.json': conditional })).toMatchObject([{ messageId: 'broadResource' }]);
  });

  it('names the object actions the statement grants, GetObject and PutObject first, not bucket actions', () => {
    const text = policy([{ Effect: 'Allow', Action: ['s3:ListBucketMultipartUploads', 's3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::*' }]);
    const [finding] = lintFiles(rule, { 'p.json': text });
    expect(finding!.message).toContain('for s3:GetObject, s3:PutObject on any of them');
  });

  it('leaves alone a named bucket, bucket-level actions on *, unknown resources and roles that do not sign', () => {
    expect(lintFiles(rule, { 't.yaml': template("'arn:aws:s3:::uploads-*/incoming/*'") })).toEqual([]);
    expect(lintFiles(rule, { 't.yaml': template("!Sub 'arn:aws:s3:::${BucketParam}/*'") })).toEqual([]);
    expect(lintFiles(rule, { 'p.json': policy([{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'], Resource: '*' }]) })).toEqual([]);
    // With Lambda functions in the run, only their roles sign URLs.
    const other = `  Other:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: admin
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 's3:*', Resource: '*' }] }
`;
    expect(lintFiles(rule, { 't.yaml': template("'arn:aws:s3:::uploads/*'", other) })).toEqual([]);
    // The config's signers list wins.
    expect(lintFiles(rule, { 't.yaml': template("'*'") }, {}, { identityPoliciesAreSigners: true, signers: ['someone-else'] })).toEqual([]);
    expect(lintFiles(rule, { 't.yaml': template("'arn:aws:s3:::uploads/*'", other) }, {}, { identityPoliciesAreSigners: true, signers: ['Oth*'] })).toHaveLength(1);
  });
});
