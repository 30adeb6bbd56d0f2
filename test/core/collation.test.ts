/** compareText (src/core/collation.ts) orders text exactly as localeCompare does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/core/collation.js';
import { iamService } from '../../src/policy/iam-data.js';

const sign = (n: number) => Math.sign(n);

describe('compareText', () => {
  it('sorts every S3 and KMS action name as localeCompare does', () => {
    const names = ['s3', 'kms'].flatMap((prefix) => [...iamService(prefix)!.actions.values()].map((a) => a.name));
    expect(names.length).toBeGreaterThan(100);
    expect([...names].sort(compareText)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('agrees with localeCompare on any two strings of letters of both cases, digits, path punctuation and other characters', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'z', 'Z', '0', '9', '-', '_', '.', '/', ':', ' ', 'é'), maxLength: 8 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sign(compareText(a, b))).toBe(sign(a.localeCompare(b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('sorts file paths and rule ids as localeCompare does', () => {
    const paths = ['policies/AmazonS3FullAccess.json', 'policies/amazon-s3.json', 'policies/Amazon_S3.json', 'policies/a/b.json', 'policies/a.json', 'policies/a-b.json', 'policies/A.json', 'presign/max-expiry', 'presign-audit/invalid-json', 'presign/a'];
    expect([...paths].sort(compareText)).toEqual([...paths].sort((a, b) => a.localeCompare(b)));
  });
});
