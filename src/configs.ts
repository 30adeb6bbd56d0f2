/**
 * The presets, built from each rule's `meta.docs.preset`, never by hand:
 * `recommended` (rules marked recommended), `strict` (recommended + strict), `all` (every rule).
 */
import type { TSESLint } from '@typescript-eslint/utils';
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
