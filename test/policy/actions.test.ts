/**
 * unknown-action's question of a pattern, whether it names any action of its service, answered
 * without expanding it (src/policy/actions.ts namesSomeServiceAction), against the expansion the other
 * rules use: the two must agree on every pattern, prefixes of real names above all (found by halving).
 * And listNamesServiceActions, which most statements of a policy folder answer "no" to without a lookup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listNamesServiceActions, namesSomeServiceAction, serviceActionsMatching } from '../../src/policy/actions.js';
import { iamService } from '../../src/policy/iam-data.js';
import type { ValueList } from '../../src/policy/model.js';

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

describe('listNamesServiceActions', () => {
  const position = { line: 1, column: 1, endLine: 1, endColumn: 2 };
  const list = (values: string[], negated = false): ValueList => ({ negated, position, values: values.map((value) => ({ value, position })) });

  it('is true for a pattern of the service (any case) or with a wildcard in its service part, when it names an action', () => {
    for (const values of [['S3:GetObject'], ['s3:Put*'], ['*'], ['s*:Get*'], ['?3:GetObject'], ['*:GetObject'], ['ec2:*', 's3:DeleteObject']]) expect(listNamesServiceActions(list(values), 's3'), values.join()).toBe(true);
  });

  it('is false for other services, a name no action has, and a service part without a colon', () => {
    for (const values of [['ec2:DescribeInstances'], ['ec2:Get*'], ['s3x:GetObject'], ['s3:NoSuchAction'], ['s3'], ['iam:PassRole', 'sts:AssumeRole'], []]) expect(listNamesServiceActions(list(values), 's3'), values.join()).toBe(false);
  });

  it('is true for a NotAction, whatever it lists', () => {
    expect(listNamesServiceActions(list(['s3:*'], true), 's3')).toBe(true);
  });

  it('agrees with reading the service part as written (before the first colon) on generated patterns', () => {
    const pattern = fc.string({ unit: fc.constantFrom('s', 'S', '3', 'x', ':', '*', '?', 'G', 'e', 't', 'O', 'b', 'j', 'c'), maxLength: 14 });
    fc.assert(
      fc.property(pattern, (value) => {
        const colon = value.indexOf(':');
        const servicePart = colon < 0 ? value : value.slice(0, colon);
        const mayName = /[*?]/.test(servicePart) || (colon >= 0 && servicePart.toLowerCase() === 's3');
        expect(listNamesServiceActions(list([value]), 's3')).toBe(mayName && serviceActionsMatching(value, 's3').size > 0);
      }),
      { numRuns: 2000 },
    );
  });
});
