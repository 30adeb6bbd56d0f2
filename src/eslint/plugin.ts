/**
 * The ESLint flat-config plugin, built from the registry: the site rules as ESLint rules over code,
 * the document and inventory rules over JSON files through ESLint's JSON language. The rules that
 * hold code against policies need a whole run's code and policies: only presign-audit runs them.
 */
import type { ESLint, Linter } from 'eslint';
import { RULES } from '../../rules/index.js';
import { VERSION } from '../core/version.js';
import type { Rule, RuleInfo } from '../rule/shape.js';
import { codeConfigs, policiesConfig } from './configs.js';
import { eslintPolicyRule } from './policy-rule.js';
import { eslintSiteRule } from './site-rule.js';

const codeRules: RuleInfo[] = RULES.filter((rule) => rule.subject === 'site');
const policyRules: RuleInfo[] = RULES.filter((rule) => rule.subject === 'document' || rule.subject === 'inventory');

const plugin: ESLint.Plugin = {
  meta: { name: 'eslint-plugin-presign', version: VERSION },
  rules: Object.fromEntries([
    ...codeRules.map((rule) => [rule.name, eslintSiteRule(rule as unknown as Rule<'site', unknown, string>)]),
    ...policyRules.map((rule) => [rule.name, eslintPolicyRule(rule as unknown as Rule<'document' | 'inventory', unknown, string>)]),
  ]) as ESLint.Plugin['rules'],
};

const configs = {
  ...codeConfigs(plugin, codeRules),
  /** A getter, so that `@eslint/json` is loaded only by configurations that use it. */
  get policies(): Linter.Config {
    return policiesConfig(plugin, policyRules);
  },
};

export type PresignPlugin = Omit<ESLint.Plugin, 'configs' | 'rules'> & { readonly rules: NonNullable<ESLint.Plugin['rules']>; readonly configs: typeof configs };

export const presign: PresignPlugin = Object.assign(plugin as ESLint.Plugin & { rules: NonNullable<ESLint.Plugin['rules']> }, { configs });
