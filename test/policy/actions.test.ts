/**
 * unknown-action's question of a pattern, whether it names any action of its service, answered
 * without expanding it (src/policy/actions.ts namesSomeServiceAction), against the expansion the other
 * rules use: the two must agree on every pattern, prefixes of real names above all (found by halving).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namesSomeServiceAction, serviceActionsMatching } from '../../src/policy/actions.js';
import { iamService } from '../../src/policy/iam-data.js';

const SERVICES = ['s3', 'ec2', 'kms', 'iam', 'sts', 'lambda', 'cloudfront', 'a4b'].filter((prefix) => iamService(prefix) !== null);

function agree(prefix: string, actionPart: string): void {
  const service = iamService(prefix)!;
  expect(namesSomeServiceAction(actionPart, service), `${prefix}:${actionPart}`).toBe(serviceActionsMatching(`${prefix}:${actionPart}`, prefix).size > 0);
}

describe('namesSomeServiceAction', () => {
  it('has services to check', () => {
    expect(SERVICES.length).toBeGreaterThanOrEqual(6);
  });

  it('agrees with the expansion on every prefix of every action name, in either case, and one character past it', () => {
    for (const prefix of SERVICES) {
      for (const { name } of iamService(prefix)!.actions.values()) {
        for (let length = 0; length <= name.length; length++) {
          const part = name.slice(0, length);
          agree(prefix, `${part}*`);
          agree(prefix, `${part.toUpperCase()}*`);
          agree(prefix, `${part}z*`);
          agree(prefix, `${part}~*`);
        }
      }
    }
  });

  it('answers as the expansion does for the patterns that name something and those that do not', () => {
    expect(namesSomeServiceAction('Get*', iamService('s3')!)).toBe(true);
    expect(namesSomeServiceAction('*', iamService('s3')!)).toBe(true);
    expect(namesSomeServiceAction('GetObjectz*', iamService('s3')!)).toBe(false);
    expect(namesSomeServiceAction('*Objectz', iamService('s3')!)).toBe(false);
    expect(namesSomeServiceAction('Get?bject', iamService('s3')!)).toBe(true);
    expect(namesSomeServiceAction('Get?bject*', iamService('s3')!)).toBe(true);
    expect(namesSomeServiceAction('Zzz*', iamService('s3')!)).toBe(false);
  });

  it('agrees with the expansion on generated patterns', () => {
    const unit = fc.constantFrom('g', 'e', 't', 'o', 'b', 'j', 'c', 'p', 'u', 'G', 'O', '*', '?');
    fc.assert(
      fc.property(fc.constantFrom(...SERVICES), fc.string({ unit, minLength: 1, maxLength: 10 }), (prefix, part) => {
        agree(prefix, part);
      }),
      { numRuns: 2000 },
    );
  });
});
