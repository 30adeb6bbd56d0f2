/**
 * Policy rules in the editor: each document or inventory rule (src/rule/shape.ts) as an ESLint rule
 * for ESLint's JSON language (`@eslint/json`), so policy problems are underlined like code problems.
 * The checks are the very objects presign-audit runs; only the reading of the file is ESLint's.
 */
import type { Rule as EslintRule, SourceCode } from 'eslint';
import { readPolicyFile } from '../policy/read-policy-file.js';
import type { ReadResult } from '../policy/read-json.js';
import { signerModel } from '../policy/signers.js';
import { failureMessage, runRule } from '../rule/run.js';
import type { PolicySettings, Rule } from '../rule/shape.js';
import { eslintMeta } from './site-rule.js';

const readBySource = new WeakMap<SourceCode, ReadResult>();

/** Read once per file, shared by every policy rule (ESLint makes a SourceCode per file). */
function readOnce(sourceCode: SourceCode, filename: string): ReadResult {
  let read = readBySource.get(sourceCode);
  if (!read) {
    read = readPolicyFile(sourceCode.text, filename);
    readBySource.set(sourceCode, read);
  }
  return read;
}

export function eslintPolicyRule(rule: Rule<'document' | 'inventory', unknown, string>): EslintRule.RuleModule {
  return {
    meta: eslintMeta(rule) as EslintRule.RuleMetaData,
    create(context) {
      return {
        Document() {
          const read = readOnce(context.sourceCode, context.filename);
          // A JSON file that is not a policy (package.json, tsconfig.json) is none of these rules'
          // business; presign-audit reports unreadable policies in CI.
          const shared = context.settings['presign'] as { identityPoliciesAreSigners?: boolean; signers?: string[] } | undefined;
          const settings: PolicySettings = { identityPoliciesAreSigners: shared?.identityPoliciesAreSigners ?? true, signers: shared?.signers ?? null };
          const options = (context.options as unknown[])[0] ?? rule.meta.defaultOptions[0];
          const report = (location: { line: number; column: number; endLine: number; endColumn: number }, message: string) =>
            // @eslint/json's language counts columns from 1 (`columnStart: 1`), as our positions do.
            context.report({ loc: { start: { line: location.line, column: location.column }, end: { line: location.endLine, column: location.endColumn } }, message });
          if (rule.subject === 'document') {
            const isSignerPolicy = signerModel(read, settings).isSignerDocument;
            for (const document of read.documents) {
              const run = runRule<'document', never>(rule as Rule<'document', unknown, string>, { document, settings, isSignerPolicy }, options);
              for (const r of run.reports) report(r.location, r.message);
              if (run.failure !== null) report(document.position, failureMessage(rule, run.failure, 'policy'));
            }
            return;
          }
          // Set-level rules see this file alone in the editor (a template joins its own roles,
          // buckets and keys); presign-audit joins every file of the run.
          const signers = signerModel(read, settings);
          const run = runRule<'inventory', never>(rule as Rule<'inventory', unknown, string>, { inventory: read, settings, signers }, options);
          for (const r of run.reports) if (r.file === context.filename) report(r.location, r.message);
          if (run.failure !== null) report({ line: 1, column: 1, endLine: 1, endColumn: 1 }, failureMessage(rule, run.failure, 'policy'));
        },
      };
    },
  };
}
