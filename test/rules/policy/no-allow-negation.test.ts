import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/no-allow-negation.js';
import { at, lintPolicy, policy } from './lint-policy.js';

describe('presign/no-allow-negation', () => {
  it('reports Allow with NotPrincipal, NotAction and NotResource, each at its key', () => {
    const text = policy([
      { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/admin' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secrets/*' },
    ]);
    const findings = lintPolicy(rule, text);
    expect(findings.map((f) => [f.messageId, f.line, f.column])).toEqual([
      ['allowWithNegation', at(text, '"NotPrincipal"').line, at(text, '"NotPrincipal"').column],
      ['allowWithNegation', at(text, '"NotAction"').line, at(text, '"NotAction"').column],
      ['allowWithNegation', at(text, '"NotResource"').line, at(text, '"NotResource"').column],
    ]);
    expect(findings[1]!.message).toContain('"NotAction"');
  });

  it('leaves alone a negation of "*": it excludes everything, so the statement grants nothing', () => {
    const text = policy([
      { Effect: 'Allow', Action: 's3:*', NotResource: '*' },
      { Effect: 'Allow', NotAction: '*', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Allow', NotPrincipal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });

  it('leaves Deny with negations and plain Allows alone', () => {
    const text = policy([
      { Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Deny', NotResource: 'arn:aws:s3:::b/*', Action: 's3:*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ]);
    expect(lintPolicy(rule, text)).toEqual([]);
  });
});
