import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/public-principal.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ID = 'presign/public-principal';
const read = (principal: unknown, condition?: object) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::media/*',
  ...(condition ? { Condition: condition } : {}),
});

describe('presign/public-principal', () => {
  it('reports Principal "*" without conditions, at the principal', () => {
    const text = `{
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media/*"}
  ]
}`;
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'publicPrincipal', line: 3, column: 38 });
    expect(finding!.message).toContain('it has no condition');
  });

  it('reports {"AWS": "*"} and "*" inside a list', () => {
    const text = policy([read({ AWS: ['arn:aws:iam::111122223333:root', '*'] })]);
    expect(lintPolicy(rule, text)).toMatchObject([{ ruleId: ID, ...at(text, '"*"') }]);
  });

  it('leaves alone a "*" made non-public by aws:PrincipalOrgID or aws:SourceVpce', () => {
    expect(lintPolicy(rule, policy([read('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })]))).toEqual([]);
    expect(lintPolicy(rule, policy([read('*', { StringEquals: { 'aws:SourceVpce': ['vpce-1a2b3c4d'] } })]))).toEqual([]);
    expect(lintPolicy(rule, policy([read({ AWS: '*' }, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })]))).toEqual([]);
  });

  it('reports StringLike aws:SourceVpce "vpce-*": a wildcard makes it public again', () => {
    const text = policy([read('*', { StringLike: { 'aws:SourceVpce': 'vpce-*' } })]);
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ ruleId: ID, ...at(text, '"*"') });
    expect(finding!.message).toContain('"vpce-*" has a wildcard');
  });

  it('reports an SSE condition, a policy variable, a negated operator, IfExists and a /7 range', () => {
    const cases = [
      { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
      { StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } },
      { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
      { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
      { IpAddress: { 'aws:SourceIp': '8.0.0.0/7' } },
      { IpAddress: { 'aws:SourceIp': '2001:db8::/16' } },
    ];
    for (const condition of cases) expect(lintPolicy(rule, policy([read('*', condition)])), JSON.stringify(condition)).toHaveLength(1);
  });

  it('leaves alone Deny statements, named principals and identity policies', () => {
    expect(lintPolicy(rule, policy([{ ...read('*'), Effect: 'Deny' }]))).toEqual([]);
    expect(lintPolicy(rule, policy([read({ AWS: 'arn:aws:iam::111122223333:role/app' })]))).toEqual([]);
    expect(lintPolicy(rule, policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]))).toEqual([]);
  });

  it('accepts kms:CallerAccount in a KMS key policy', () => {
    const kms = { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' };
    expect(lintPolicy(rule, policy([{ ...kms, Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } }]))).toEqual([]);
    expect(lintPolicy(rule, policy([kms]))).toHaveLength(1);
  });
});
