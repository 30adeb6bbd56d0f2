/**
 * Policy rules in the editor: each document, signers or inventory rule (src/rule/shape.ts) as an ESLint rule
 * for ESLint's JSON language (`@eslint/json`), so policy problems are underlined like code problems.
 * The checks are the very objects presign-audit runs; only the reading of the file is ESLint's.
 */
import path from 'node:path';
import type { Rule as EslintRule, SourceCode } from 'eslint';
import { configuredKind, parseDocumentKinds } from '../policy/kinds.js';
import type { DocumentKind } from '../policy/model.js';
import { readPolicyFile } from '../policy/read-policy-file.js';
import type { ReadResult } from '../policy/read-json.js';
import { signerModel } from '../policy/signers.js';
import { failureMessage, runRule } from '../rule/run.js';
import { ruleFitsDocument, type PolicySettings, type Rule } from '../rule/shape.js';
import { eslintMeta } from './site-rule.js';

const readBySource = new WeakMap<SourceCode, ReadResult>();

/** What `settings.presign` may hold for the policy rules. */
interface PresignSettings {
  readonly identityPoliciesAreSigners?: boolean;
  readonly signers?: string[];
  /** As presign-audit's `documentKinds`, with patterns relative to ESLint's working directory. */
  readonly documentKinds?: unknown;
}

/** Read once per file, shared by every policy rule (ESLint makes a SourceCode per file, and gives every rule of it the same settings). */
function readOnce(sourceCode: SourceCode, context: EslintRule.RuleContext, shared: PresignSettings | undefined): ReadResult {
  let read = readBySource.get(sourceCode);
  if (!read) {
    let configured: DocumentKind | undefined;
    if (shared?.documentKinds !== undefined) {
      const patterns = parseDocumentKinds(shared.documentKinds);
      // A mistake in the config, as ESLint treats bad rule options: the run stops and says where.
      if ('problem' in patterns) throw new Error(`settings.presign: ${patterns.problem}`);
      configured = configuredKind(patterns, path.relative(context.cwd, context.filename).split(path.sep).join('/'));
    }
    read = readPolicyFile(sourceCode.text, context.filename, configured);
    readBySource.set(sourceCode, read);
  }
  return read;
}

export function eslintPolicyRule(rule: Rule<'document' | 'signers' | 'inventory', unknown, string>): EslintRule.RuleModule {
  return {
    meta: eslintMeta(rule) as EslintRule.RuleMetaData,
    create(context) {
      return {
        Document() {
          const shared = context.settings['presign'] as PresignSettings | undefined;
          // A JSON file that is not a policy (package.json, tsconfig.json) is none of these rules'
          // business; presign-audit reports unreadable policies in CI.
          const read = readOnce(context.sourceCode, context, shared);
          const settings: PolicySettings = { identityPoliciesAreSigners: shared?.identityPoliciesAreSigners ?? true, signers: shared?.signers ?? null };
          const options = (context.options as unknown[])[0] ?? rule.meta.defaultOptions[0];
          const report = (location: { line: number; column: number; endLine: number; endColumn: number }, message: string) =>
            // @eslint/json's language counts columns from 1 (`columnStart: 1`), as our positions do.
            context.report({ loc: { start: { line: location.line, column: location.column }, end: { line: location.endLine, column: location.endColumn } }, message });
          if (rule.subject === 'document') {
            const isSignerPolicy = signerModel(read, settings).isSignerDocument;
            // presign-audit also says when a document's kind is not told; ESLint has no place for such notes.
            for (const document of read.documents.filter((d) => ruleFitsDocument(rule, d))) {
              const run = runRule<'document', never>(rule as Rule<'document', unknown, string>, { document, settings, isSignerPolicy }, options);
              for (const r of run.reports) report(r.location, r.message);
              if (run.failure !== null) report(document.position, failureMessage(rule, run.failure, 'policy'));
            }
            return;
          }
          // Set-level rules see this file alone in the editor (a template joins its own roles,
          // buckets and keys); presign-audit joins every file of the run. A file's signers are its own in both.
          const signers = signerModel(read, settings);
          const run =
            rule.subject === 'signers'
              ? runRule<'signers', never>(rule as Rule<'signers', unknown, string>, { signers, settings }, options)
              : runRule<'inventory', never>(rule as Rule<'inventory', unknown, string>, { inventory: read, settings, signers }, options);
          for (const r of run.reports) if (r.file === context.filename) report(r.location, r.message);
          if (run.failure !== null) report({ line: 1, column: 1, endLine: 1, endColumn: 1 }, failureMessage(rule, run.failure, 'policy'));
        },
      };
    },
  };
}
