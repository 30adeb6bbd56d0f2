/**
 * The rules that hold code against the policies (subjects `site-policies` and `signer-need`) need a
 * whole run's code and policies, which ESLint's pass over one file never has: presign-audit runs
 * them. ESLint still knows them, as rules that report nothing, so that a directive naming one
 * (`// eslint-disable-next-line presign/signer-missing-permission -- ...`, which presign-audit
 * obeys) is no "Definition for rule ... was not found" error in ESLint, and neither is a config
 * that sets one. No preset of the plugin enables them.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleInfo } from '../rule/shape.js';
import { eslintMeta } from './site-rule.js';

export function eslintAuditOnlyRule(rule: RuleInfo): TSESLint.RuleModule<string, [unknown?]> {
  const meta = eslintMeta(rule);
  const description = `${rule.meta.docs.description}. Run by presign-audit over code and policies together; in ESLint it reports nothing`;
  return {
    meta: { ...meta, docs: { ...rule.meta.docs, description } },
    defaultOptions: [],
    create: () => ({}),
  };
}
