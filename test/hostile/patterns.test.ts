/**
 * Patterns built to be slow or to confuse parsers: wildcards that make a backtracking matcher
 * exponential, ARNs of 10,000 colons, CIDRs that are not CIDRs. Time bounds are hang guards.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicyTexts } from '../../src/engine/policies.js';
import type { FileResult } from '../../src/core/results.js';
import { parseCidr } from '../../src/policy/ip.js';
import { wildcardMatch } from '../../src/policy/wildcard.js';

const config = resolveConfig({ preset: 'all' }, null);

/**
 * One document audited; a pattern built to backtrack would not end, so the test's own bound is the
 * hang guard (speed is measured in npm run bench, never asserted here).
 */
function auditOne(document: object): FileResult {
  const result = auditPolicyTexts([{ text: JSON.stringify(document), file: 'policy.json' }], config).results[0]!;
  expect(result.messages.filter((m) => m.ruleId === 'presign-audit/internal-error')).toEqual([]);
  return result;
}

const statement = (extra: object) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', ...extra }] });

describe('wildcards built to backtrack', () => {
  const evil = `s3:${'*a'.repeat(10)}*b`;
  const longName = `s3:${'a'.repeat(100_000)}`;

  it('match in linear time against long names, with the right answer', () => {
    expect(wildcardMatch(evil, longName)).toBe(false);
    expect(wildcardMatch(evil, `${longName}b`)).toBe(true);
    expect(wildcardMatch(`s3:${'*a'.repeat(5_000)}*b`, longName)).toBe(false);
    expect(wildcardMatch(`s3:${'?*'.repeat(5_000)}b`, `${longName}b`)).toBe(true);
    expect(wildcardMatch(`s3:${'*a?'.repeat(2_000)}`, longName, { caseInsensitive: true })).toBe(true);
  });

  it('as actions and as resources of a policy: analysed, reported as matching nothing', () => {
    const result = auditOne(statement({ Action: [evil, `s3:${'*a'.repeat(5_000)}*b`, `s3:${'?'.repeat(10_000)}`], Resource: [`arn:aws:s3:::${'*a'.repeat(5_000)}*b`, `arn:aws:s3:::${'a'.repeat(100_000)}*a*a*a*b`] }));
    expect(result.messages.filter((m) => m.ruleId === 'presign/unknown-action')).toHaveLength(3);
  });
});

describe('ARNs with 10,000 colons', () => {
  it('as resources, principals and condition values', () => {
    const colons = `arn${':'.repeat(10_000)}`;
    const parts = `arn:aws:s3:::bucket${':x'.repeat(10_000)}`;
    const result = auditOne(
      statement({
        Principal: { AWS: [colons, parts] },
        Resource: [colons, parts, `${parts}/*`],
        Condition: { ArnLike: { 'aws:SourceArn': [colons, parts] }, StringEquals: { 'aws:PrincipalArn': colons } },
      }),
    );
    // Fixed (if odd) principals: not public, so nothing is reported as public.
    expect(result.messages.map((m) => m.ruleId)).not.toContain('presign/public-principal');
  });
});

describe('CIDRs that are not CIDRs', () => {
  const NOT_CIDRS = ['10.0.0.0/99', '::/129', '1.2.3', '/8', '1.2.3.4/', '1.2.3.4/8/8', '256.0.0.0/8', '1.2.3.4/-1', '1.2.3.4/0x8', ':::/8', '1::2::3/64', 'fffff::/16', '', ' ', `${'1'.repeat(1 << 20)}`, `1.2.3.4/${'9'.repeat(100_000)}`, ':'.repeat(100_000), `::${':1'.repeat(50_000)}`, `${'1.'.repeat(100_000)}1/8`];

  it('do not parse', () => {
    for (const text of NOT_CIDRS) expect(parseCidr(text), text.slice(0, 40)).toBeNull();
    expect(parseCidr('10.0.0.0/8')).toEqual({ version: 4, start: 10n << 24n, prefixLength: 8 });
    expect(parseCidr('::/0')).toEqual({ version: 6, start: 0n, prefixLength: 0 });
  });

  it('in aws:SourceIp: each reported as not an IP range, none read as private or as confining', () => {
    for (const text of NOT_CIDRS) {
      const result = auditOne(statement({ Condition: { IpAddress: { 'aws:SourceIp': text } } }));
      const rules = result.messages.map((m) => m.ruleId);
      expect(rules, text.slice(0, 40)).not.toContain('presign/private-source-ip');
      expect(result.messages.find((m) => m.ruleId === 'presign/public-principal')?.message, text.slice(0, 40)).toContain('is not an IP range');
    }
  });
});
