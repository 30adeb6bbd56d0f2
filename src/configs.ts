/**
 * The presets, built from each rule's `meta.docs.preset`, never by hand:
 * `recommended` (rules marked recommended), `strict` (recommended + strict), `all` (every rule).
 */
import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint, Linter } from 'eslint';
import type { PresetLevel, PresignRuleDocs } from './rule-creator.js';

type AnyRule = { meta: { docs?: PresignRuleDocs; type: string } };
export type PresetName = 'recommended' | 'strict' | 'all';

const INCLUDED: Record<PresetName, readonly PresetLevel[]> = {
  recommended: ['recommended'],
  strict: ['recommended', 'strict'],
  all: ['recommended', 'strict', false],
};

export function presetRules(rules: Record<string, AnyRule>, preset: PresetName): TSESLint.FlatConfig.Rules {
  const out: TSESLint.FlatConfig.Rules = {};
  for (const [name, rule] of Object.entries(rules)) {
    const level = rule.meta.docs?.preset ?? false;
    if (INCLUDED[preset].includes(level)) out[`presign/${name}`] = 'error';
  }
  return out;
}

export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin, rules: Record<string, AnyRule>): Record<PresetName, TSESLint.FlatConfig.Config> {
  const make = (preset: PresetName): TSESLint.FlatConfig.Config => ({
    name: `presign/${preset}`,
    plugins: { presign: plugin },
    rules: presetRules(rules, preset),
  });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}

/** The `policies` preset: every policy rule marked recommended or strict, on JSON files, in ESLint's JSON language. */
export function policiesConfig(plugin: object, rules: Record<string, { meta: { docs: { preset: PresetLevel } } }>): Linter.Config {
  // @eslint/json is ESM; Node >= 20.19 (what ESLint needs) can require it, which keeps it lazy.
  const json = createRequire(import.meta.url)('@eslint/json') as { default: ESLint.Plugin };
  return {
    name: 'presign/policies',
    files: ['**/*.json'],
    plugins: { json: json.default, presign: plugin as ESLint.Plugin },
    language: 'json/json',
    rules: Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => rule.meta.docs.preset !== false)
        .map(([name]) => [`presign/${name}`, 'error']),
    ),
  };
}
