/** A code rule as the ESLint plugin exposes it, for RuleTester: the rule file's check behind the plugin's adapter. */
import type { TSESLint } from '@typescript-eslint/utils';
import presign from '../../../src/index.js';

export function eslintRuleOf<M extends string = string, O extends readonly unknown[] = [Record<string, unknown>?]>(name: string): TSESLint.RuleModule<M, O> {
  const rule = presign.rules?.[name];
  if (!rule) throw new Error(`the plugin has no rule ${name}`);
  return rule as unknown as TSESLint.RuleModule<M, O>;
}
