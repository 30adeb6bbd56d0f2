/**
 * eslint-plugin-presign: the ESLint flat-config plugin.
 *
 *   import presign from 'eslint-plugin-presign';
 *   export default [presign.configs.recommended];          // code
 *   export default [presign.configs.policies];             // IAM / bucket / KMS policy JSON files
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { Linter, Rule } from 'eslint';
import { codeRules } from '../rules/index.js';
import { policyRules } from '../rules/policy/index.js';
import { buildConfigs, policiesConfig } from './configs.js';
import { policyRuleForEslint } from './policy-eslint.js';
import { VERSION } from './version.js';

const policyRulesForEslint = Object.fromEntries(
  Object.entries(policyRules).map(([name, rule]) => [name, policyRuleForEslint(rule as never)]),
) as Record<keyof typeof policyRules, Rule.RuleModule>;

const plugin = {
  meta: { name: 'eslint-plugin-presign', version: VERSION },
  rules: { ...codeRules, ...policyRulesForEslint },
};

const codeConfigs = buildConfigs(plugin as TSESLint.FlatConfig.Plugin, codeRules);

const configs = {
  ...codeConfigs,
  /**
   * The policy rules on JSON files through ESLint's JSON language. A getter, so that
   * `@eslint/json` is loaded only by configurations that use it.
   */
  get policies(): Linter.Config {
    return policiesConfig(plugin, policyRules);
  },
};

export type PresignPlugin = typeof plugin & { configs: typeof configs; policyRules: typeof policyRules };

const presign: PresignPlugin = Object.assign(plugin, { configs, policyRules });

export default presign;
export { codeRules, configs, policyRules };
