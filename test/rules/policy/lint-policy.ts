/** Runs one policy rule on JSON text, as the CLI does, and returns what a test asserts. */
import { mergeInventories, type Inventory } from '../../../src/policy/inventory.js';
import { readPolicyJson } from '../../../src/policy/read-json.js';
import { readPolicyFile } from '../../../src/policy/read-policy-file.js';
import { signerModel } from '../../../src/policy/signers.js';
import { optionsOf, runRule } from '../../../src/rule/run.js';
import { ruleFitsDocument, type PolicySettings, type Rule } from '../../../src/rule/shape.js';
import type { DocumentKind } from '../../../src/policy/model.js';

export interface Reported {
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
  message: string;
}

const DEFAULT_SETTINGS: PolicySettings = { identityPoliciesAreSigners: true, signers: null };

/**
 * Runs a document rule on each document of one plain policy, as the CLI does: only on documents
 * whose kind the rule is right for (a failure throws: a test must see it). `file` names the policy
 * for the name hint; `kind` is what the config's `documentKinds` would say.
 */
export function lintPolicy<O, M extends string>(
  rule: Rule<'document', O, M>,
  text: string,
  options: Partial<O> = {},
  settings: Partial<PolicySettings> = {},
  { file = 'policy.json', kind }: { file?: string; kind?: DocumentKind } = {},
): Reported[] {
  const read = readPolicyJson(text, file, kind);
  if (read.errors.length > 0) throw new Error(`test policy does not read cleanly: ${read.errors.map((e) => e.message).join('; ')}`);
  const all = { ...DEFAULT_SETTINGS, ...settings };
  const isSignerPolicy = signerModel(read, all).isSignerDocument;
  return read.documents.filter((document) => ruleFitsDocument(rule, document)).flatMap((document) => {
    const run = runRule<'document', never>(rule, { document, settings: all, isSignerPolicy }, optionsOf(rule, [options]));
    if (run.failure !== null) throw new Error(run.failure);
    return run.reports.map((f) => ({ ruleId: `presign/${rule.name}`, messageId: f.messageId, line: f.location.line, column: f.location.column, message: f.message }));
  });
}

/**
 * Runs a set-level rule on several files (templates, plans, policies) read together, as one
 * presign-audit run does; findings carry their file. A signers rule runs on each file's own
 * signers, as presign-audit runs it.
 */
export function lintFiles<O, M extends string>(
  rule: Rule<'inventory', O, M> | Rule<'signers', O, M>,
  files: Record<string, string>,
  options: Partial<O> = {},
  settings: Partial<PolicySettings> = {},
): (Reported & { file: string })[] {
  const reads = Object.entries(files).map(([name, text]) => {
    const read = readPolicyFile(text, name);
    if (read.errors.length > 0) throw new Error(`test input ${name} does not read cleanly: ${read.errors.map((e) => e.message).join('; ')}`);
    return read;
  });
  const all = { ...DEFAULT_SETTINGS, ...settings };
  const runs =
    rule.subject === 'signers'
      ? reads.map((read) => runRule<'signers', never>(rule, { signers: signerModel(read, all), settings: all }, optionsOf(rule, [options])))
      : [runRule<'inventory', never>(rule, inventoryInput(reads, all), optionsOf(rule, [options]))];
  return runs.flatMap((run) => {
    if (run.failure !== null) throw new Error(run.failure);
    return run.reports.map((f) => ({ ruleId: `presign/${rule.name}`, messageId: f.messageId, line: f.location.line, column: f.location.column, message: f.message, file: f.file }));
  });
}

function inventoryInput(reads: readonly Inventory[], settings: PolicySettings) {
  const inventory = mergeInventories(reads);
  return { inventory, settings, signers: signerModel(inventory, settings) };
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
