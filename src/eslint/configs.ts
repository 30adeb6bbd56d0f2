/**
 * The presets, built from each rule's `meta.docs.recommended`, never by hand: `recommended` (rules
 * marked recommended), `strict` (recommended + strict), `all` (every code rule), and `policies`
 * (the policy rules marked recommended or strict, on JSON files, in ESLint's JSON language).
 */
import { createRequire } from 'node:module';
import type { ESLint, Linter } from 'eslint';
import type { PresetLevel, RuleInfo } from '../rule/shape.js';

export type PresetName = 'recommended' | 'strict' | 'all';

/** The levels each preset includes; `undefined` is a rule marked neither (only in `all`). */
export const PRESET_LEVELS: Readonly<Record<PresetName, readonly (PresetLevel | undefined)[]>> = {
  recommended: ['recommended'],
  strict: ['recommended', 'strict'],
  all: ['recommended', 'strict', undefined],
};

export function inPreset(rule: RuleInfo, preset: PresetName): boolean {
  return PRESET_LEVELS[preset].includes(rule.meta.docs.recommended);
}

/** Each rule of the preset at its own default severity (`meta.severity`): advice warns, failures and exposures are errors. */
function presetRules(rules: readonly RuleInfo[], preset: PresetName): Linter.RulesRecord {
  return Object.fromEntries(rules.filter((rule) => inPreset(rule, preset)).map((rule) => [`presign/${rule.name}`, rule.meta.severity]));
}

/**
 * Every JS/TS extension the code rules read. ESLint lints only *.js, *.mjs and *.cjs unless a config
 * object names others in `files`; TypeScript syntax still needs a parser (typescript-eslint), which
 * the README's snippets set.
 */
export const CODE_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

/**
 * JSON files that are never policies (tool configs, often with comments): the `policies` preset
 * leaves them to whatever else lints JSON. The same names as presign-audit's directory walk skips
 * (src/cli/discover.ts), as globs, and editor folders.
 */
export const NOT_POLICY_FILES = [
  '**/package.json',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/tsconfig*.json',
  '**/jsconfig*.json',
  '**/cdk.json',
  '**/cdk.context.json',
  '**/.eslintrc.json',
  '**/renovate.json',
  '**/turbo.json',
  '**/lerna.json',
  '**/nx.json',
  '**/presign-audit.config.json',
  '**/.vscode/**',
  '**/.devcontainer/**',
];

export function codeConfigs(plugin: ESLint.Plugin, rules: readonly RuleInfo[]): Record<PresetName, Linter.Config> {
  const make = (preset: PresetName): Linter.Config => ({ name: `presign/${preset}`, files: CODE_FILES, plugins: { presign: plugin }, rules: presetRules(rules, preset) });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}

export function policiesConfig(plugin: ESLint.Plugin, rules: readonly RuleInfo[]): Linter.Config {
  // @eslint/json is ESM; Node >= 20.19 (what ESLint needs) can require it, which keeps it lazy.
  const json = createRequire(import.meta.url)('@eslint/json') as { default: ESLint.Plugin };
  return {
    name: 'presign/policies',
    files: ['**/*.json'],
    ignores: NOT_POLICY_FILES,
    plugins: { json: json.default, presign: plugin },
    // JSONC: a JSON file with comments that is no policy (an editor's or a tool's settings) is read,
    // not a parse error; the policy rules read a file only when it parses as a policy.
    language: 'json/jsonc',
    rules: presetRules(rules, 'strict'),
  };
}
