import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/require-encryption-condition.js';
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
