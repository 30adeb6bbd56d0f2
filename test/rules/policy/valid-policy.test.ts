import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/valid-policy.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ids = (text: string) => lintPolicy(rule, text).map((f) => f.messageId);

describe('presign/valid-policy', () => {
  it('reports policy variables without Version 2012-10-17, at the Version or the value', () => {
    const old = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }, null, 2);
    expect(lintPolicy(rule, old)).toMatchObject([{ messageId: 'variablesNeedVersion', ...at(old, '"2008-10-17"') }]);
    const none = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }, null, 2);
    expect(lintPolicy(rule, none)).toMatchObject([{ messageId: 'variablesNeedVersion', ...at(none, '"arn:aws:s3:::b/${aws:username}/*"') }]);
    expect(ids(JSON.stringify({ Version: '2012-10-18', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }))).toEqual(['unknownVersion']);
  });

  it('reports missing Resource, missing Principal in a bucket policy, Principal in an identity policy', () => {
    expect(ids(policy([{ Effect: 'Allow', Action: 's3:GetObject' }]))).toEqual(['missingResource']);
    expect(ids(policy([
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' },
    ]))).toEqual(['missingPrincipal']);
  });

  it('reports a duplicate Sid at the second one', () => {
    const text = policy([
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ]);
    expect(lintPolicy(rule, text)).toMatchObject([{ messageId: 'duplicateSid', ...at(text, '"Read"', 1) }]);
  });

  it('reports unknown operators, operators that do not fit the key type, and NullIfExists', () => {
    const text = policy([
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::b/*',
        Condition: {
          StringEqual: { 'aws:SourceVpce': 'vpce-1' },
          NumericLessThan: { 's3:x-amz-server-side-encryption': '1' },
          Bool: { 'aws:CurrentTime': 'true' },
          NullIfExists: { 's3:x-amz-server-side-encryption': 'true' },
          'ForEach:StringLike': { 'aws:TagKeys': 'a' },
        },
      },
    ]);
    const findings = lintPolicy(rule, text);
    expect(findings.map((f) => f.messageId)).toEqual(['unknownOperator', 'operatorTypeMismatch', 'operatorTypeMismatch', 'nullIfExists', 'unknownOperator']);
    expect(findings[1]).toMatchObject(at(text, '"s3:x-amz-server-side-encryption"'));
    expect(findings[2]!.message).toContain('aws:CurrentTime is a date key');
  });

  it('accepts well-formed policies with fitting operators', () => {
    const text = policy([
      { Sid: 'A', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { NumericGreaterThan: { 's3:signatureAge': '600000' }, StringNotEquals: { 's3:signatureversion': 'AWS4-HMAC-SHA256' } } },
      { Sid: 'B', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' }, 'ForAnyValue:StringLike': { 'aws:TagKeys': 'x' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' }, Null: { 's3:x-amz-server-side-encryption': 'true' } } },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });
});
