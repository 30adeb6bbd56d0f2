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
});
