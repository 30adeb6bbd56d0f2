/**
 * Policy rules in the editor: each policy check wrapped as an ESLint rule for ESLint's JSON
 * language (`@eslint/json`), so policy problems are underlined like code problems. The checks are
 * the very objects presign-audit runs (rules/policy); only the reading of the file is ESLint's.
 */
import type { Rule, SourceCode } from 'eslint';
import { readPolicyJson, type ReadResult } from './policy/read-json.js';
import { runPolicyRule, type PolicyRule } from './policy/rule.js';

const readBySource = new WeakMap<SourceCode, ReadResult>();

/** Read once per file, shared by every policy rule (ESLint makes a SourceCode per file). */
function readOnce(sourceCode: SourceCode, filename: string): ReadResult {
  let read = readBySource.get(sourceCode);
  if (!read) {
    read = readPolicyJson(sourceCode.text, filename);
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
          const settings = { identityPoliciesAreSigners: (context.settings['presign'] as { identityPoliciesAreSigners?: boolean } | undefined)?.identityPoliciesAreSigners ?? true };
          const options = { ...rule.defaultOptions[0], ...(context.options[0] as object | undefined) };
          for (const document of read.documents) {
            for (const finding of runPolicyRule(rule, document, options, settings)) {
              const { line, column, endLine, endColumn } = finding.location;
              // @eslint/json's language counts columns from 1 (`columnStart: 1`), as our positions do.
              context.report({
                loc: { start: { line, column }, end: { line: endLine, column: endColumn } },
                message: finding.message,
              });
            }
          }
        },
      };
    },
  };
}
