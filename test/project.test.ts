/** Project-wide invariants: docs, meta, presets, README and CI agree with the code. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { replaceTable, rulesTable } from '../scripts/rules-table.mjs';
import { REPOSITORY_URL } from '../src/core/docs-url.js';
import { VERSION } from '../src/core/version.js';
import presign from '../src/index.js';
import type { RuleInfo } from '../src/rule/shape.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The folder of rules/ that holds a rule of each subject. */
const FOLDER = { site: 'code', document: 'policy', signers: 'policy', inventory: 'policy', 'site-policies': 'code-x-policy', 'signer-need': 'code-x-policy' } as const;

/** The Presets line a rule's page must have: the ESLint configs that enable it. */
function presetsLine(rule: RuleInfo): string {
  if (rule.subject === 'document' || rule.subject === 'signers' || rule.subject === 'inventory') return '- Presets: `policies` (ESLint on JSON files); presign-audit runs it by default';
  if (rule.subject === 'site-policies' || rule.subject === 'signer-need') return '- Presets: presign-audit runs it by default when it reads code and policies together';
  const presets = (['recommended', 'strict', 'all'] as const).filter((p) => `presign/${rule.name}` in (presign.configs[p].rules ?? {}));
  return `- Presets: ${presets.map((p) => `\`${p}\``).join(', ')}`;
}

describe('every rule', () => {
  for (const rule of RULES) {
    const name = rule.name;
    describe(`${rule.subject} rule ${name}`, () => {
      it('lives in a file of its own name, in the folder of what it reads', () => {
        expect(existsSync(path.join(root, `rules/${FOLDER[rule.subject]}/${name}.ts`))).toBe(true);
      });
      it('links to its doc page', () => {
        expect(rule.meta.docs.url).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);
      });
      it('has a doc page whose title, description and presets match the meta, with every section', () => {
        const doc = read(`docs/rules/${name}.md`);
        const lines = doc.split('\n');
        expect(lines[0]).toBe(`# presign/${name}`);
        expect(lines[2]).toBe(`> ${rule.meta.docs.description}`);
        expect(lines[4]).toBe(presetsLine(rule));
        expect(lines[5]).toBe(`- Severity: \`${rule.meta.severity}\` (security severity ${rule.meta.securitySeverity.toFixed(1)}; [severities](../severities.md))`);
        // The required sections, in this order; a page may add its own (Preset, Fixes) between them.
        const required = ['What it reports', 'Why', 'Examples', 'Options', 'When not to use it'];
        const sections = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
        expect(sections.filter((section) => required.includes(section))).toEqual(required);
        expect(doc).toMatch(/\nBad:\n[\s\S]*\nGood:\n/);
      });
      it('names every option of its schema in the doc', () => {
        const doc = read(`docs/rules/${name}.md`);
        const schema = rule.meta.schema as { properties?: Record<string, unknown> }[];
        for (const option of Object.keys(schema[0]?.properties ?? {})) expect(doc).toContain(`\`${option}\``);
      });
    });
  }

  it('is in the severities table with its default severity and security severity', () => {
    const table = read('docs/severities.md');
    for (const rule of RULES) {
      const level = rule.meta.severity === 'warn' ? 'warning' : 'error';
      expect(table).toContain(`| [${rule.name}](rules/${rule.name}.md) | ${level} | ${rule.meta.securitySeverity.toFixed(1)} | `);
    }
  });

  it('has no doc page without a rule', () => {
    const pages = readdirSync(path.join(root, 'docs/rules')).map((f) => f.replace(/\.md$/, ''));
    for (const page of pages) expect(RULES.map((r) => r.name)).toContain(page);
  });
});

describe('presets', () => {
  it('are built from meta.docs.recommended, each rule at its meta.severity', () => {
    const expected = (subjects: string[], levels: unknown[]) =>
      Object.fromEntries(RULES.filter((r) => subjects.includes(r.subject) && levels.includes(r.meta.docs.recommended)).map((r) => [`presign/${r.name}`, r.meta.severity]));
    // Advice warns in the presets: the recommended preset holds both levels.
    expect(new Set(Object.values(presign.configs.recommended.rules ?? {}))).toEqual(new Set(['error', 'warn']));
    expect(presign.configs.recommended.rules).toEqual(expected(['site'], ['recommended']));
    expect(presign.configs.strict.rules).toEqual(expected(['site'], ['recommended', 'strict']));
    expect(presign.configs.all.rules).toEqual(expected(['site'], ['recommended', 'strict', undefined]));
    expect(presign.configs.policies.rules).toEqual(expected(['document', 'signers', 'inventory'], ['recommended', 'strict']));
  });

  it('register the plugin under the presign namespace', () => {
    for (const config of Object.values(presign.configs)) expect(config.plugins?.['presign']).toBe(presign);
    // Every rule of the registry, those only presign-audit runs too (src/eslint/audit-only-rule.ts).
    expect(Object.keys(presign.rules ?? {}).sort()).toEqual(RULES.map((r) => r.name).sort());
  });
});

describe('package', () => {
  const pkg = JSON.parse(read('package.json')) as { version: string; bin: Record<string, string>; peerDependencies: Record<string, string> };

  it('reports the version of package.json', () => {
    expect(VERSION).toBe(pkg.version);
    expect(presign.meta?.version).toBe(pkg.version);
  });

  it('supports ESLint 9.15+ and 10', () => {
    expect(pkg.peerDependencies['eslint']).toBe('^9.15.0 || ^10.0.0');
  });
});

describe('npm run bench', () => {
  // The bench runs for minutes and no test runs it, so a script of it that no longer parses would
  // only show in the next full run (a note's quotation marks once did that to run.mjs).
  it('has scripts that all parse', () => {
    const scripts = readdirSync(path.join(root, 'test/bench')).filter((name) => name.endsWith('.mjs'));
    expect(scripts).toContain('run.mjs');
    for (const name of scripts) {
      const check = spawnSync(process.execPath, ['--check', path.join(root, 'test/bench', name)], { encoding: 'utf8' });
      expect(check.stderr, name).toBe('');
      expect(check.status, name).toBe(0);
    }
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

  it('has the rules table that npm run update:readme generates', () => {
    expect(replaceTable(readme, rulesTable(RULES))).toBe(readme);
  });
});
