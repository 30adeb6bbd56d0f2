/**
 * The registry (rules/index.ts) is the rule files on disk, each once: a rule file that is not
 * registered would be missing from the plugin, the presets, the config and SARIF alike. It tells
 * what each rule is from src/rule/catalogue.ts, made from the rules themselves, and loads a rule's
 * check from its file when the check first runs (test/cli/loading.test.ts: in the built bin).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { catalogueSource, ordered } from '../../scripts/catalogue.mjs';
import { RULES, ruleFile } from '../../rules/index.js';
import { CATALOGUE } from '../../src/rule/catalogue.js';
import type { AnyRule } from '../../src/rule/shape.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

/** Every rule file of rules/<folder>/, loaded, in the catalogue's order (new files last). */
async function ruleFiles(): Promise<{ file: string; rule: AnyRule }[]> {
  const files = (await glob(['rules/*/*.ts'], { cwd: root })).map((file) => file.slice('rules/'.length, -'.ts'.length));
  return Promise.all(
    ordered(files, CATALOGUE.map((rule) => rule.name)).map(async (file) => ({ file: `rules/${file}.ts`, rule: ((await import(pathToFileURL(path.join(root, `rules/${file}.ts`)).href)) as { default: AnyRule }).default })),
  );
}

describe('the rule registry', () => {
  it('holds every rule file of rules/ and nothing else, each once, under its file name', async () => {
    const loaded = await ruleFiles();
    expect(loaded.length).toBeGreaterThan(20);
    for (const { file, rule } of loaded) {
      expect(path.basename(file, '.ts')).toBe(rule.name);
      // The registry finds a rule's file by its subject and name.
      expect(fileURLToPath(ruleFile(rule)).replace(/\.js$/, '.ts')).toBe(path.join(root, file));
    }
    expect(RULES.map((rule) => rule.name)).toEqual(loaded.map(({ rule }) => rule.name));
    expect(new Set(RULES.map((rule) => rule.name)).size).toBe(RULES.length);
  });

  it('is described by a catalogue that is what the rules say (npm run update:registry)', async () => {
    const rules = (await ruleFiles()).map(({ rule }) => rule);
    expect(readFileSync(path.join(root, 'src/rule/catalogue.ts'), 'utf8')).toBe(catalogueSource(rules));
    // What each rule is, as the registry tells it without loading the rule, is what the rule says.
    const withoutCheck = (rule: AnyRule) => ({ ...rule, check: null });
    expect(RULES.map(withoutCheck)).toEqual(rules.map(withoutCheck));
  });

  it('keeps the catalogue\'s order and puts a new rule file last', () => {
    expect(ordered(['policy/b-rule', 'code/new-rule', 'code/a-rule', 'policy/another-new'], ['a-rule', 'b-rule'])).toEqual(['code/a-rule', 'policy/b-rule', 'policy/another-new', 'code/new-rule']);
  });
});
