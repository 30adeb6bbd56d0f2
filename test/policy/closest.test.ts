/** compareNames (src/policy/closest.ts) orders names exactly as localeCompare does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/policy/closest.js';
import { iamService } from '../../src/policy/iam-data.js';

const sign = (n: number) => Math.sign(n);

describe('compareNames', () => {
  it('sorts every S3 and KMS action name as localeCompare does', () => {
    const names = ['s3', 'kms'].flatMap((prefix) => [...iamService(prefix)!.actions.values()].map((a) => a.name));
    expect(names.length).toBeGreaterThan(100);
    expect([...names].sort(compareNames)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('agrees with localeCompare on any two names, with letters of both cases, digits and other characters', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'z', 'Z', '0', '9', '-', ':', 'é'), maxLength: 6 });
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sign(compareNames(a, b))).toBe(sign(a.localeCompare(b)));
      }),
      { numRuns: 1000 },
    );
  });
});
