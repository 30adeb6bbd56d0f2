import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/private-source-ip.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ID = 'presign/private-source-ip';
const withCondition = (condition: object) =>
  policy([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: condition }]);

describe('presign/private-source-ip', () => {
  it('reports RFC 1918 ranges in IpAddress, at each value', () => {
    const text = `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {"IpAddress": {"aws:SourceIp": ["192.168.1.0/24", "198.51.100.7", "172.20.0.0/16"]}}}]}`;
    expect(lintPolicy(rule, text)).toMatchObject([
      { ruleId: ID, messageId: 'privateInIpAddress', line: 2, column: 48 },
      { ruleId: ID, messageId: 'privateInIpAddress', line: 2, column: 82 },
    ]);
  });

  it('reports NotIpAddress too, saying the condition is always true', () => {
    const text = withCondition({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } });
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ messageId: 'privateInNotIpAddress', ...at(text, '"10.0.0.0/8"') });
    expect(finding!.message).toContain('aws:VpcSourceIp');
  });

  it('reports IfExists and ForAnyValue variants, IPv6 unique-local, and a lowercase key', () => {
    expect(lintPolicy(rule, withCondition({ IpAddressIfExists: { 'aws:sourceip': '10.1.2.3/32' } }))).toHaveLength(1);
    expect(lintPolicy(rule, withCondition({ IpAddress: { 'aws:SourceIp': 'fd00::/8' } }))).toHaveLength(1);
  });

  it('leaves alone public ranges, ranges wider than a private block, and aws:VpcSourceIp', () => {
    expect(lintPolicy(rule, withCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '0.0.0.0/0', '8.0.0.0/6'] } }))).toEqual([]);
    expect(lintPolicy(rule, withCondition({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } }))).toEqual([]);
    expect(lintPolicy(rule, withCondition({ IpAddress: { 'aws:SourceIp': 'not-an-ip' } }))).toEqual([]);
  });
});
