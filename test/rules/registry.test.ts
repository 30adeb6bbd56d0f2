/**
 * The registry (rules/index.ts) is the rule files on disk, each once: a rule file that is not
 * registered would be missing from the plugin, the presets, the config and SARIF alike. It tells
 * what each rule is from rules/catalogue.ts, made from the rules themselves, and loads a rule's
 * check from its file when the check first runs (test/cli/loading.test.ts: in the built bin).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { catalogueSource } from '../../scripts/catalogue.mjs';
import { ALL_RULES } from '../../rules/all.js';
import { RULES, ruleFile } from '../../rules/index.js';
import type { AnyRule } from '../../src/rule/shape.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

describe('the rule registry', () => {
  it('holds every rule file of rules/ and nothing else, each once, under its file name', async () => {
    const files = await glob(['rules/*/*.ts'], { cwd: root });
    expect(files.length).toBeGreaterThan(20);
    const loaded = await Promise.all(files.map(async (file) => ({ file, rule: ((await import(pathToFileURL(path.join(root, file)).href)) as { default: AnyRule }).default })));
    for (const { file, rule } of loaded) {
      expect(ALL_RULES, `${file} is not in rules/all.ts`).toContain(rule);
      expect(path.basename(file, '.ts')).toBe(rule.name);
      // The registry finds a rule's file by its subject and name.
      expect(fileURLToPath(ruleFile(rule)).replace(/\.js$/, '.ts')).toBe(path.join(root, file));
    }
    expect(new Set(ALL_RULES).size).toBe(ALL_RULES.length);
    expect(ALL_RULES).toHaveLength(loaded.length);
  });

  it('is described by a catalogue that is what the rules say (npm run update:registry)', () => {
    expect(readFileSync(path.join(root, 'rules/catalogue.ts'), 'utf8')).toBe(catalogueSource(ALL_RULES));
    expect(RULES.map((rule) => rule.name)).toEqual(ALL_RULES.map((rule) => rule.name));
    // What each rule is, as the registry tells it without loading the rule, is what the rule says.
    const withoutCheck = (rule: AnyRule) => ({ ...rule, check: null });
    expect(RULES.map(withoutCheck)).toEqual(ALL_RULES.map(withoutCheck));
  });
});
