/** Project-wide invariants: docs, meta, presets, README and CI agree with the code. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeRules } from '../rules/index.js';
import presign from '../src/index.js';
import { REPOSITORY_URL } from '../src/rule-creator.js';
import { VERSION } from '../src/version.js';
import { replaceTable, rulesTable, type TableRule } from './rules-table.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const allRules: TableRule[] = Object.entries(codeRules).map(([name, rule]) => ({
  name,
  kind: 'code',
  description: rule.meta.docs.description,
  preset: rule.meta.docs.preset,
  fixable: Boolean(rule.meta.fixable),
  hasSuggestions: Boolean(rule.meta.hasSuggestions),
}));

describe('every rule', () => {
  for (const [name, rule] of Object.entries(codeRules)) {
    describe(name, () => {
      it('lives in a file of its own name', () => {
        expect(existsSync(path.join(root, `rules/code/${name}.ts`))).toBe(true);
      });
      it('links to its doc page', () => {
        expect(rule.meta.docs.url).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);
      });
      it('has a doc page whose title, description and presets match the meta', () => {
        const doc = read(`docs/rules/${name}.md`);
        const lines = doc.split('\n');
        expect(lines[0]).toBe(`# presign/${name}`);
        expect(lines[2]).toBe(`> ${rule.meta.docs.description}`);
        const presets = (['recommended', 'strict', 'all'] as const).filter((p) => `presign/${name}` in (presign.configs[p].rules ?? {}));
        expect(doc).toContain(`- Presets: ${presets.map((p) => `\`${p}\``).join(', ')}\n`);
        for (const section of ['## What it reports', '## Why', '## Examples', '## Options']) expect(doc).toContain(section);
      });
      it('names every option of its schema in the doc', () => {
        const doc = read(`docs/rules/${name}.md`);
        const schema = rule.meta.schema as { properties?: Record<string, unknown> }[];
        for (const option of Object.keys(schema[0]?.properties ?? {})) expect(doc).toContain(`\`${option}\``);
      });
    });
  }

  it('has no doc page without a rule', () => {
    const pages = readdirSync(path.join(root, 'docs/rules')).map((f) => f.replace(/\.md$/, ''));
    for (const page of pages) expect(allRules.map((r) => r.name)).toContain(page);
  });
});

describe('presets', () => {
  it('are built from meta.docs.preset', () => {
    const expected = (levels: unknown[]) =>
      Object.fromEntries(allRules.filter((r) => levels.includes(r.preset)).map((r) => [`presign/${r.name}`, 'error']));
    expect(presign.configs.recommended.rules).toEqual(expected(['recommended']));
    expect(presign.configs.strict.rules).toEqual(expected(['recommended', 'strict']));
    expect(presign.configs.all.rules).toEqual(expected(['recommended', 'strict', false]));
  });

  it('register the plugin under the presign namespace', () => {
    for (const config of Object.values(presign.configs)) expect(config.plugins?.['presign']).toBe(presign);
  });
});

describe('package', () => {
  const pkg = JSON.parse(read('package.json')) as { version: string; bin: Record<string, string>; peerDependencies: Record<string, string> };

  it('reports the version of package.json', () => {
    expect(VERSION).toBe(pkg.version);
    expect(presign.meta.version).toBe(pkg.version);
  });

  it('supports ESLint 9.15+ and 10', () => {
    expect(pkg.peerDependencies['eslint']).toBe('^9.15.0 || ^10.0.0');
  });
});

describe('README', () => {
  const readme = read('README.md');

  it('starts with a Quick start of exactly two commands', () => {
    const quickStart = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme);
    expect(quickStart).not.toBeNull();
    const commands = quickStart![1]!.trim().split('\n');
    expect(commands).toHaveLength(2);
    expect(commands[1]).toMatch(/^npm ci && npm test\b/);
  });

  it('is what CI runs', () => {
    expect(read('.ci/run')).toContain('\nnpm ci && npm test\n');
  });

  it('has the generated rules table', () => {
    const table = rulesTable(allRules);
    if (process.env['UPDATE_README'] === '1') writeFileSync(path.join(root, 'README.md'), replaceTable(readme, table));
    expect(replaceTable(readme, table)).toBe(readme);
  });
});
