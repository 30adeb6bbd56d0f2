/** Runs one policy rule on JSON text, as the CLI does, and returns what a test asserts. */
import { mergeInventories } from '../../../src/policy/inventory.js';
import { readPolicyJson } from '../../../src/policy/read-json.js';
import { readPolicyFile } from '../../../src/policy/read-policy-file.js';
import { runInventoryRule, runPolicyRule, type PolicyCheckSettings, type PolicyRule } from '../../../src/policy/rule.js';

export interface Reported {
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
  message: string;
}

export function lintPolicy<O, M extends string>(
  rule: PolicyRule<O, M>,
  text: string,
  options: Partial<O> = {},
  settings: PolicyCheckSettings = { identityPoliciesAreSigners: true },
): Reported[] {
  const read = readPolicyJson(text, 'policy.json');
  if (read.errors.length > 0) throw new Error(`test policy does not read cleanly: ${read.errors.map((e) => e.message).join('; ')}`);
  return read.documents.flatMap((document) =>
    runPolicyRule(rule, document, { ...rule.defaultOptions[0], ...options }, settings).map((f) => ({
      ruleId: f.ruleId,
      messageId: f.messageId,
      line: f.location.line,
      column: f.location.column,
      message: f.message,
    })),
  );
}

/**
 * Runs a set-level rule on several files (templates, plans, policies) read together, as one
 * presign-audit run does; findings carry their file.
 */
export function lintFiles<O, M extends string>(
  rule: PolicyRule<O, M>,
  files: Record<string, string>,
  options: Partial<O> = {},
  settings: PolicyCheckSettings = { identityPoliciesAreSigners: true },
): (Reported & { file: string })[] {
  const reads = Object.entries(files).map(([name, text]) => {
    const read = readPolicyFile(text, name);
    if (read.errors.length > 0) throw new Error(`test input ${name} does not read cleanly: ${read.errors.map((e) => e.message).join('; ')}`);
    return read;
  });
  return runInventoryRule(rule, mergeInventories(reads), { ...rule.defaultOptions[0], ...options }, settings).map((f) => ({
    ruleId: f.ruleId,
    messageId: f.messageId,
    line: f.location.line,
    column: f.location.column,
    message: f.message,
    file: f.file ?? '',
  }));
}

/** Line and column of the n-th (0-based) occurrence of `needle`, to point at a token without counting by hand. */
export function at(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${needle} not found`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** A pretty-printed policy document, as people write them. */
export function policy(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}
