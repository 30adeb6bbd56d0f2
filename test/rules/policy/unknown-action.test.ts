import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/unknown-action.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ID = 'presign/unknown-action';
const actions = (...names: string[]) => policy([{ Effect: 'Allow', Action: names, Resource: '*' }]);

describe('presign/unknown-action', () => {
  it('reports a misspelt action with the closest real names, at the value', () => {
    const text = `{"Statement": [{"Effect": "Allow",
  "Action": ["s3:GetObject", "s3:PutObjetc"], "Resource": "*"}]}`;
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'unknownAction', line: 2, column: 30 });
    expect(finding!.message).toContain('Did you mean s3:PutObject');
  });

  it('reports API operations that are not IAM actions', () => {
    const text = actions('s3:CreateMultipartUpload', 's3:UploadPart');
    expect(lintPolicy(rule, text)).toMatchObject([
      { messageId: 'unknownAction', ...at(text, '"s3:CreateMultipartUpload"') },
      { messageId: 'unknownAction', ...at(text, '"s3:UploadPart"') },
    ]);
  });

  it('leaves alone a lowercase valid action, wildcards that match, and "*"', () => {
    expect(lintPolicy(rule, actions('s3:getobject', 'S3:PUTOBJECT', 's3:Get*', 's3:*Object', '*', 'kms:Decrypt', 's?:ListBucket'))).toEqual([]);
  });

  it('reports an unknown service, a pattern matching nothing and a malformed name', () => {
    const text = actions('s4:GetObject', 's3:Fly*', 'GetObject');
    expect(lintPolicy(rule, text).map((f) => f.messageId)).toEqual(['unknownService', 'patternMatchesNothing', 'malformedAction']);
    expect(lintPolicy(rule, text)[0]!.message).toContain('s3:GetObject');
  });

  it('checks NotAction values too', () => {
    const text = policy([{ Effect: 'Deny', NotAction: ['s3:GetObjectz'], Resource: '*' }]);
    expect(lintPolicy(rule, text)).toMatchObject([{ ...at(text, '"s3:GetObjectz"') }]);
  });

  it('reports S3 API names and a misspelt action that AWS managed policies themselves carry, with the action meant', () => {
    // AmazonLaunchWizardFullaccess grants s3:ListBuckets and s3:ListObjectsV2, AmazonApplicationWizardFullaccess
    // ssm:RemoveTagsToResource; a replication role often says s3:ReplicationTags for s3:ReplicateTags.
    const text = policy([
      { Sid: 'Discover', Effect: 'Allow', Action: ['s3:ListBuckets', 's3:ListObjectsV2', 's3:GetBucketLocation'], Resource: '*' },
      { Sid: 'Replicate', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicationTags'], Resource: 'arn:aws:s3:::acme-backup-replica/*' },
      { Sid: 'Tags', Effect: 'Allow', Action: ['ssm:AddTagsToResource', 'ssm:RemoveTagsToResource'], Resource: '*' },
    ]);
    const findings = lintPolicy(rule, text);
    expect(findings).toMatchObject([
      { messageId: 'unknownAction', ...at(text, '"s3:ListBuckets"') },
      { messageId: 'unknownAction', ...at(text, '"s3:ListObjectsV2"') },
      { messageId: 'unknownAction', ...at(text, '"s3:ReplicationTags"') },
      { messageId: 'unknownAction', ...at(text, '"ssm:RemoveTagsToResource"') },
    ]);
    expect(findings[1]!.message).toContain('Did you mean s3:ListBucket?');
    expect(findings[2]!.message).toContain('s3:ReplicateTags');
    expect(findings[3]!.message).toContain('ssm:RemoveTagsFromResource');
  });

  it('leaves alone what AWS managed policies grant and the reference no longer lists, and still reports a near miss of it', () => {
    // ReadOnlyAccess grants account:GetChallengeQuestions and deepcomposer:*; RDSCloudHsmAuthorizationRole
    // the CloudHSM Classic actions; AWSMobileHub_ReadOnly mobilehub:Get*.
    const aws = actions('account:GetChallengeQuestions', 'cloudhsm:DescribeHapg', 'CloudHSM:describelunaclient', 'deepcomposer:List*', 'mobilehub:GetProject', 'zocalo:Describe*');
    expect(lintPolicy(rule, aws)).toEqual([]);
    const text = actions('cloudhsm:DescribeHapgs', 'mobilehubs:GetProject');
    expect(lintPolicy(rule, text)).toMatchObject([
      { messageId: 'unknownAction', ...at(text, '"cloudhsm:DescribeHapgs"') },
      { messageId: 'unknownService', ...at(text, '"mobilehubs:GetProject"') },
    ]);
  });
});
