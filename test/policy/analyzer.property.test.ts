/**
 * Property: whatever text the analyzer is given (random policies, real AWS managed policies,
 * either mutated byte by byte), it never throws, no rule fails internally, and every result is a
 * finding or a located error inside the file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { policyJsonReader } from '../../src/cli/readers.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/aws-managed-policies');
const config = resolveConfig({ preset: 'all' }, null);

function assertWellFormed(text: string): void {
  const result = policyJsonReader.audit(text, 'policy.json', config);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const m of result.messages) {
    expect(m.ruleId).toMatch(/^presign(-audit)?\/[a-z-]+$/);
    expect(m.ruleId).not.toBe('presign-audit/internal-error');
    expect(m.message.length).toBeGreaterThan(0);
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.line).toBeLessThanOrEqual(lines);
    expect(m.column).toBeGreaterThanOrEqual(1);
  }
}

const ACTIONS = ['*', 's3:*', 's3:GetObject', 's3:putobject', 's3:Put*', 's3:*Object*', 'kms:Decrypt', 'iam:PassRole', 's3:Nope', 'nosuch:Thing', 'x', '', 's3:'];
const KEYS = ['aws:SourceIp', 'aws:SourceVpce', 'aws:PrincipalOrgID', 's3:x-amz-server-side-encryption', 's3:x-amz-content-type', 's3:signatureAge', 'kms:CallerAccount', 'bogus', 'aws:'];
const OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'IpAddress', 'NotIpAddress', 'Null', 'ForAnyValue:StringEquals', 'StringNotEqualsIfExists', 'Weird'];
const VALUES = ['10.0.0.0/8', '203.0.113.0/24', 'fd00::/8', 'vpce-*', 'vpce-1', 'AES256', 'aws:kms', 'true', '${aws:username}', '999.1.1.1/99', ''];

const scalarOrList = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { maxLength: 4 }));
const condition = fc.dictionary(fc.constantFrom(...OPERATORS), fc.dictionary(fc.constantFrom(...KEYS), scalarOrList(fc.oneof(fc.constantFrom(...VALUES), fc.integer(), fc.boolean()))), { maxKeys: 3 });
const statement = fc.record(
  {
    Sid: fc.string(),
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', 42),
    Action: scalarOrList(fc.oneof(fc.constantFrom(...ACTIONS), fc.string())),
    NotAction: scalarOrList(fc.constantFrom(...ACTIONS)),
    Resource: scalarOrList(fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b', 'not-an-arn')),
    Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: scalarOrList(fc.constantFrom('*', 'arn:aws:iam::111122223333:root')) }), fc.integer()),
    Condition: fc.oneof(condition, fc.string()),
  },
  { requiredKeys: [] },
);
const documentArb = fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 5 })) }, { requiredKeys: [] });
const wrapped = documentArb.chain((doc) =>
  fc.constantFrom(
    doc,
    { Policy: JSON.stringify(doc) },
    { Policy: JSON.stringify(doc, null, 2), PolicyName: 'default' },
    { PolicyDocument: doc },
    { PolicyVersion: { Document: doc } },
  ),
);

/** Deletes, inserts or replaces characters at random places: truncated files, stray quotes. */
const mutated = (text: string) =>
  fc.array(fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\\', 'x', '\n', '\u2028')), { maxLength: 4 }).map((edits) => {
    let out = text;
    for (const [at, op, ch] of edits) {
      if (op === 'delete') out = out.slice(0, at) + out.slice(at + 1);
      else if (op === 'insert') out = out.slice(0, at) + ch + out.slice(at);
      else out = out.slice(0, at) + ch + out.slice(at + 1);
    }
    return out;
  });

describe('the policy analyzer on random input', () => {
  it('random policies in every input format', () => {
    fc.assert(fc.property(wrapped, (doc) => assertWellFormed(JSON.stringify(doc, null, 2))), { numRuns: 300 });
  });

  it('mutated random policies', () => {
    fc.assert(fc.property(wrapped.chain((doc) => mutated(JSON.stringify(doc, null, 2))), assertWellFormed), { numRuns: 300 });
  });

  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), assertWellFormed), { numRuns: 300 });
  });

  const corpusFiles = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.json')) : [];
  it.skipIf(corpusFiles.length === 0)(`real AWS managed policies, whole and mutated (${existsSync(CORPUS) ? CORPUS : `skipped: ${CORPUS} is absent`})`, () => {
    const texts = corpusFiles.slice(0, 400).map((f) => readFileSync(path.join(CORPUS, f), 'utf8'));
    for (const text of texts) assertWellFormed(text);
    fc.assert(fc.property(fc.constantFrom(...texts).chain(mutated), assertWellFormed), { numRuns: 200 });
  });
});
