/**
 * The ESLint flat-config plugin, built from the registry: the site rules as ESLint rules over code,
 * the document and inventory rules over JSON files through ESLint's JSON language. The rules that
 * hold code against policies need a whole run's code and policies: only presign-audit runs them, and
 * ESLint knows them as rules that report nothing (src/eslint/audit-only-rule.ts).
 */
import type { ESLint, Linter } from 'eslint';
import { RULES } from '../../rules/index.js';
import { VERSION } from '../core/version.js';
import type { Rule, RuleInfo } from '../rule/shape.js';
import { eslintAuditOnlyRule } from './audit-only-rule.js';
import { codeConfigs, policiesConfig } from './configs.js';
import { eslintPolicyRule } from './policy-rule.js';
import { eslintSiteRule } from './site-rule.js';

const codeRules: RuleInfo[] = RULES.filter((rule) => rule.subject === 'site');
const policyRules: RuleInfo[] = RULES.filter((rule) => rule.subject === 'document' || rule.subject === 'signers' || rule.subject === 'inventory');
const auditOnlyRules: RuleInfo[] = RULES.filter((rule) => rule.subject === 'site-policies' || rule.subject === 'signer-need');

const plugin: ESLint.Plugin = {
  meta: { name: 'eslint-plugin-presign', version: VERSION },
  rules: Object.fromEntries([
    ...codeRules.map((rule) => [rule.name, eslintSiteRule(rule as unknown as Rule<'site', unknown, string>)]),
    ...policyRules.map((rule) => [rule.name, eslintPolicyRule(rule as unknown as Rule<'document' | 'signers' | 'inventory', unknown, string>)]),
    ...auditOnlyRules.map((rule) => [rule.name, eslintAuditOnlyRule(rule)]),
  ]) as ESLint.Plugin['rules'],
};

/**
 * Spelled out, so that the declaration file names only `eslint`'s `Linter.Config`: an inferred type
 * would print `import("@eslint/core").RulesConfig`, which a consumer's TypeScript resolves from
 * wherever npm put @eslint/core (often another version than their ESLint's) and then refuses the
 * presets in `defineConfig` (TS2322). test/eslint-setup.test.ts runs tsc over a consumer's config.
 * A type, not an interface: ESLint.Plugin's `configs` is an index signature, which only a type
 * literal satisfies.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- see above
type PresignConfigs = {
  readonly recommended: Linter.Config;
  readonly strict: Linter.Config;
  readonly all: Linter.Config;
  readonly policies: Linter.Config;
};

const configs: PresignConfigs = {
  ...codeConfigs(plugin, codeRules),
  /** A getter, so that `@eslint/json` is loaded only by configurations that use it. */
  get policies(): Linter.Config {
    return policiesConfig(plugin, policyRules);
  },
};

export type PresignPlugin = Omit<ESLint.Plugin, 'configs' | 'rules'> & { readonly rules: NonNullable<ESLint.Plugin['rules']>; readonly configs: PresignConfigs };

export const presign: PresignPlugin = Object.assign(plugin as ESLint.Plugin & { rules: NonNullable<ESLint.Plugin['rules']> }, { configs });
