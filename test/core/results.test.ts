import { describe, expect, it } from 'vitest';
import { fileResult, type LintMessage } from '../../src/core/results.js';

const message = (ruleId: string, line = 1, column = 1): LintMessage => ({ ruleId, severity: 2, message: ruleId, line, column });

describe('fileResult', () => {
  it('orders messages by line, column, then rule id', () => {
    const messages = [message('presign/z', 2), message('presign/b', 1, 4), message('presign-audit/invalid-json', 1, 4), message('presign/a', 1, 1)];
    expect(fileResult('f.json', messages).messages.map((m) => m.ruleId)).toEqual(['presign/a', 'presign-audit/invalid-json', 'presign/b', 'presign/z']);
  });
});
