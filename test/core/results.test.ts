import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRuleIds, fileResult, type LintMessage } from '../../src/core/results.js';

const message = (ruleId: string, line = 1, column = 1): LintMessage => ({ ruleId, severity: 2, message: ruleId, line, column });

describe('compareRuleIds', () => {
  it('orders rule ids as localeCompare does, over the characters ids are written in and any others', () => {
    const id = fc.oneof(fc.stringMatching(/^[a-z0-9/-]{0,12}$/), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(Math.sign(compareRuleIds(a, b))).toBe(Math.sign(a.localeCompare(b)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fileResult', () => {
  it('orders messages by line, column, then rule id', () => {
    const messages = [message('presign/z', 2), message('presign/b', 1, 4), message('presign-audit/invalid-json', 1, 4), message('presign/a', 1, 1)];
    expect(fileResult('f.json', messages).messages.map((m) => m.ruleId)).toEqual(['presign/a', 'presign-audit/invalid-json', 'presign/b', 'presign/z']);
  });
});
