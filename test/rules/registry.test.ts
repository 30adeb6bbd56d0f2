/**
 * The registry (rules/index.ts) is the rule files on disk, each once: a rule file that is not
 * registered would be missing from the plugin, the presets, the config and SARIF alike.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

describe('the rule registry', () => {
  it('holds every rule file of rules/ and nothing else, each once, under its file name', async () => {
    const files = await glob(['rules/*/*.ts'], { cwd: root });
    expect(files.length).toBeGreaterThan(20);
    const loaded = await Promise.all(
      files.map(async (file) => ({ file, rule: ((await import(pathToFileURL(path.join(root, file)).href)) as { default: (typeof RULES)[number] }).default })),
    );
    for (const { file, rule } of loaded) {
      expect(RULES, `${file} is not registered`).toContain(rule);
      expect(path.basename(file, '.ts')).toBe(rule.name);
    }
    expect(new Set(RULES).size).toBe(RULES.length);
    expect(RULES).toHaveLength(loaded.length);
  });
});
