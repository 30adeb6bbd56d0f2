/**
 * Policy rules in the editor: each policy check wrapped as an ESLint rule for ESLint's JSON
 * language (`@eslint/json`), so policy problems are underlined like code problems. The checks are
 * the very objects presign-audit runs (rules/policy); only the reading of the file is ESLint's.
 */
import type { Rule, SourceCode } from 'eslint';
import { readPolicyFile } from './policy/read-policy-file.js';
import type { ReadResult } from './policy/read-json.js';
import { selectSigners, signerPolicyTest } from './policy/signers.js';
import { runInventoryRule, runPolicyRule, type PolicyRule } from './policy/rule.js';

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

export function policyRuleForEslint(rule: PolicyRule<object, string>): Rule.RuleModule {
  return {
    meta: {
      type: rule.meta.type,
      docs: { description: rule.meta.docs.description, url: rule.meta.docs.url },
      messages: rule.meta.messages,
      schema: rule.meta.schema as never,
    },
    create(context) {
      return {
        Document() {
          const read = readOnce(context.sourceCode, context.filename);
          // A JSON file that is not a policy (package.json, tsconfig.json) is none of these rules'
          // business; presign-audit reports unreadable policies in CI.
          const shared = context.settings['presign'] as { identityPoliciesAreSigners?: boolean; signers?: string[] } | undefined;
          const settings = { identityPoliciesAreSigners: shared?.identityPoliciesAreSigners ?? true, signers: shared?.signers ?? null };
          const isSignerPolicy = signerPolicyTest(read, selectSigners(read, settings.signers, settings.identityPoliciesAreSigners), settings.identityPoliciesAreSigners);
          const options = { ...rule.defaultOptions[0], ...(context.options[0] as object | undefined) };
          // Set-level rules see this file alone in the editor (a template joins its own roles,
          // buckets and keys); presign-audit joins every file of the run.
          const findings = [
            ...read.documents.flatMap((document) => runPolicyRule(rule, document, options, settings, isSignerPolicy)),
            ...runInventoryRule(rule, read, options, settings).filter((f) => f.file === undefined || f.file === context.filename),
          ];
          for (const finding of findings) {
            const { line, column, endLine, endColumn } = finding.location;
            // @eslint/json's language counts columns from 1 (`columnStart: 1`), as our positions do.
            context.report({
              loc: { start: { line, column }, end: { line: endLine, column: endColumn } },
              message: finding.message,
            });
          }
        },
      };
    },
  };
}
