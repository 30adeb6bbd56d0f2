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
