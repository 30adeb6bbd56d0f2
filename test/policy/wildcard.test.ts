import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard, wildcardMatch } from '../../src/policy/wildcard.js';

describe('wildcardMatch', () => {
  it.each([
    ['s3:*', 's3:GetObject', true],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:*Object*', 's3:PutObjectAcl', true],
    ['s3:Get?bject', 's3:GetObject', true],
    ['s3:Get?bject', 's3:GetObjects', false],
    ['*a*b', 'xaxxb', true],
    ['*a*b', 'xaxxbc', false],
    ['a*a', 'a', false],
    ['', '', true],
    ['*', '', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/uploads/x', true],
    ['arn:aws:s3:::B/*', 'arn:aws:s3:::b/x', false],
  ])('%s ~ %s is %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it('compares case-insensitively only when asked (action names)', () => {
    expect(wildcardMatch('S3:get*', 's3:GetObject', { caseInsensitive: true })).toBe(true);
    expect(wildcardMatch('S3:get*', 's3:GetObject')).toBe(false);
  });

  // A backtracking matcher would not end on these in any lifetime: the test's own bound catches a
  // hang without timing anything (speed is measured in npm run bench, never asserted).
  it('does not backtrack on a hostile pattern', () => {
    const pattern = 's3:' + '*a'.repeat(2000) + '*b';
    const text = 's3:' + 'a'.repeat(100_000);
    expect(wildcardMatch(pattern, text)).toBe(false);
    expect(wildcardMatch('s3:*a*a*a*a*a*a*a*a*a*a*b', 's3:' + 'a'.repeat(100_000))).toBe(false);
  }, 10_000);
});

describe('wildcardMatch against a regular expression', () => {
  it('answers as the pattern read as a regular expression (`*` any run, `?` one character)', () => {
    const asRegExp = (pattern: string) => new RegExp(`^${[...pattern].map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c)).join('')}$`);
    const word = fc.string({ unit: fc.constantFrom('a', 'b', ':', '*', '?'), maxLength: 8 });
    fc.assert(
      fc.property(word, fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 8 }), (pattern, text) => {
        expect(wildcardMatch(pattern, text)).toBe(asRegExp(pattern).test(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compileWildcard', () => {
  it('answers as wildcardMatch for any pattern and text', () => {
    // Few letters, so that patterns and texts often match (and often almost match).
    const word = fc.string({ unit: fc.constantFrom('a', 'b', ':', '*', '?'), maxLength: 8 });
    fc.assert(
      fc.property(word, fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 8 }), { maxLength: 5 }), (pattern, texts) => {
        const matches = compileWildcard(pattern);
        for (const text of texts) expect(matches(text)).toBe(wildcardMatch(pattern, text));
      }),
      { numRuns: 500 },
    );
  });
});
