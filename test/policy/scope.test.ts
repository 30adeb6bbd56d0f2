/** What an Allow statement really grants: src/policy/scope.ts, on the shapes real policies take. */
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/policy/model.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { readPolicyJson } from '../../src/policy/read-json.js';
import { grantedActions } from '../../src/policy/scope.js';

const documentOf = (statements: object[]): PolicyDocument => readPolicyJson(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'p.json').documents[0]!;

/** The S3 actions the first statement grants, by name. */
function granted(statements: object[], resourceTypes?: string[]): string[] {
  const document = documentOf(statements);
  return grantedActions(document.statements[0]!, document, 's3', resourceTypes).map((a) => a.name);
}

describe('grantedActions', () => {
  it('grants each action on the resources of its types only', () => {
    const onObjects = granted([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::uploads/*' }]);
    expect(onObjects).toEqual(expect.arrayContaining(['GetObject', 'PutObject', 'DeleteObject', 'PutObjectAcl']));
    expect(onObjects).not.toContain('PutBucketPolicy');
    expect(onObjects).not.toContain('ListBucket');
    const onBucket = granted([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::uploads' }]);
    expect(onBucket).toEqual(expect.arrayContaining(['PutBucketPolicy', 'ListBucket']));
    expect(onBucket).not.toContain('GetObject');
    // One character of a bucket name, then anything: a bucket and its objects.
    expect(granted([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::upload?' }])).toEqual(['ListBucket']);
    // `?` is any one character where the format has a fixed one too: `accesspoin?` reaches access points.
    const accessPointActions = ['s3:GetObject', 's3:GetAccessPointPolicy'];
    expect(granted([{ Effect: 'Allow', Action: accessPointActions, Resource: 'arn:aws:s3:us-east-1:111122223333:accesspoin?/uploads' }])).toEqual(['GetAccessPointPolicy']);
    expect(granted([{ Effect: 'Allow', Action: accessPointActions, Resource: 'arn:aws:s3:us-east-1:111122223333:accesspoinx/uploads' }])).toEqual([]);
  });

  it('grants an action only where its conditions may hold: not on a key of S3 its requests never carry', () => {
    // The IAM guide's "incorrect" example: s3:prefix is in ListBucket requests, never in GetObjectVersion's.
    expect(granted([{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObjectVersion'], Resource: '*', Condition: { StringEquals: { 's3:prefix': 'custom' } } }])).toEqual(['ListBucket']);
    // ...IfExists holds where the key is absent; a key the data ties to no action stays unjudged.
    expect(granted([{ Effect: 'Allow', Action: 's3:GetObjectVersion', Resource: '*', Condition: { StringEqualsIfExists: { 's3:prefix': 'custom' } } }])).toEqual(['GetObjectVersion']);
    expect(granted([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }])).toEqual(['GetObject']);
  });

  it('grants an action that takes no resource ARN only with "*"', () => {
    expect(granted([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::*' }])).toEqual([]);
    expect(granted([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }])).toEqual(['ListAllMyBuckets']);
    expect(granted([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', NotResource: 'arn:aws:s3:::secret' }])).toEqual(['ListAllMyBuckets']);
  });

  it('reads NotResource as everything it leaves: all of a type, or nothing', () => {
    expect(granted([{ Effect: 'Allow', Action: 's3:*', NotResource: '*' }])).toEqual([]);
    // Every S3 ARN is out; what takes no ARN (its resource is "*") and S3 Object Lambda's ARNs are not.
    for (const everyS3Arn of ['arn:*:s3:*:*:*', 'arn:aws:s3:*:*:*']) {
      const left = granted([{ Effect: 'Allow', Action: 's3:*', NotResource: everyS3Arn }]);
      expect(left).toContain('ListAllMyBuckets');
      expect(left).toContain('GetAccessPointPolicyForObjectLambda');
      expect(left.filter((name) => /Object$|Bucket$|BucketPolicy$/.test(name))).toEqual([]);
    }
    expect(granted([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::*/*' }], ['object'])).toEqual([]);
    // Every bucket's objects are out; the objects of access points are not.
    expect(granted([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::*/*' }])).toEqual(['GetObject']);
    expect(granted([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }], ['object'])).toEqual(['GetObject']);
    // A `?` covers the one character of the format it stands on (the service `s3`), not a placeholder.
    expect(granted([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s?:::*/*' }], ['object'])).toEqual([]);
    expect(granted([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::?/*' }], ['object'])).toEqual(['GetObject']);
  });

  it('grants no S3 action on another service\'s ARNs, or through NotAction limited to them', () => {
    expect(granted([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:sqs:eu-west-1:111122223333:orders' }])).toEqual([]);
    expect(granted([{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:rds:eu-west-1:111122223333:db:orders' }])).toEqual([]);
    expect(granted([{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::orders/*' }])).toContain('DeleteObject');
  });

  it('keeps what an unresolved template resource may name, and lets no Deny cover it but "*"', () => {
    const template = `Resources:
  Signer:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: 's3:*', Resource: !Sub '\${BucketArnParam}/*' }
              - { Effect: Allow, Action: 's3:*', Resource: !Sub 'arn:aws:rds:eu-west-1:\${AWS::AccountId}:db:orders' }
              - { Effect: Deny, Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::archive/*' }
`;
    const document = readPolicyFile(template, 't.yaml').roles[0]!.identityPolicies[0]!;
    const [unresolved, rds] = document.statements;
    expect(grantedActions(unresolved!, document, 's3').map((a) => a.name)).toContain('DeleteObject');
    expect(grantedActions(rds!, document, 's3')).toEqual([]);
  });

  it('takes away what unconditional Denies cover, on the same resources only', () => {
    const allow = { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::invoices', 'arn:aws:s3:::invoices/*'] };
    const afterObjectDeny = granted([allow, { Effect: 'Deny', Action: 's3:Delete*', Resource: 'arn:aws:s3:::invoices/*' }]);
    expect(afterObjectDeny).not.toContain('DeleteObject');
    // The bucket's ARN is not inside invoices/*: deleting the bucket is still granted.
    expect(afterObjectDeny).toContain('DeleteBucket');
    expect(granted([allow, { Effect: 'Deny', Action: 's3:Delete*', Resource: 'arn:aws:s3:::invoices*' }])).not.toContain('DeleteBucket');
    expect(granted([allow, { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' }])).toEqual(['GetObject']);
    // A Deny of one action takes that one away, and leaves the others that reach the same resources.
    const afterOne = granted([allow, { Effect: 'Deny', Action: 's3:PutObjectAcl', Resource: 'arn:aws:s3:::invoices/*' }]);
    expect(afterOne).not.toContain('PutObjectAcl');
    expect(afterOne).toEqual(expect.arrayContaining(['PutObject', 'GetObject', 'DeleteObject']));
    expect(afterOne).toHaveLength(granted([allow]).length - 1);
    // A Deny with a condition, or with NotResource, is not certain to apply.
    expect(granted([allow, { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }])).toContain('DeleteObject');
    expect(granted([allow, { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::other/*' }])).toContain('DeleteObject');
  });

  it('answers statements on different buckets under like Denies with one array, which callers may remember by identity', () => {
    const onBucket = (bucket: string) => {
      const objects = `arn:aws:s3:::${bucket}/*`;
      const document = documentOf([
        { Effect: 'Allow', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, objects] },
        { Effect: 'Deny', Action: 's3:Delete*', Resource: objects },
      ]);
      return grantedActions(document.statements[0]!, document, 's3');
    };
    const invoices = onBucket('invoices');
    expect(invoices.map((a) => a.name)).not.toContain('DeleteObject');
    expect(invoices.map((a) => a.name)).toContain('DeleteBucket');
    expect(onBucket('receipts')).toBe(invoices);
  });
});
