/** Project-wide invariants: docs, meta, presets, README and CI agree with the code. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeRules } from '../rules/index.js';
import { policyRules } from '../rules/policy/index.js';
import { projectRules } from '../rules/project/index.js';
import presign from '../src/index.js';
import { REPOSITORY_URL } from '../src/rule-creator.js';
import { VERSION } from '../src/version.js';
import { replaceTable, rulesTable, type TableRule } from './rules-table.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface AnyRule {
  meta: { docs?: { description: string; preset: TableRule['preset']; url?: string }; fixable?: unknown; hasSuggestions?: unknown; schema?: unknown };
}
const rulesByKind: [TableRule['kind'], Record<string, AnyRule>][] = [
  ['code', codeRules],
  ['policy', policyRules],
  ['project', projectRules],
];
const allRules: TableRule[] = rulesByKind.flatMap(([kind, rules]) =>
  Object.entries(rules).map(([name, rule]) => ({
    name,
    kind,
    description: rule.meta.docs!.description,
    preset: rule.meta.docs!.preset,
    fixable: Boolean(rule.meta.fixable),
    hasSuggestions: Boolean(rule.meta.hasSuggestions),
  })),
);

/** The Presets line a rule's page must have: the ESLint configs that enable it. */
function presetsLine(kind: TableRule['kind'], name: string): string {
  if (kind === 'policy') return '- Presets: `policies` (ESLint on JSON files); presign-audit runs it by default';
  if (kind === 'project') return '- Presets: presign-audit runs it by default when it reads code and policies together';
  const presets = (['recommended', 'strict', 'all'] as const).filter((p) => `presign/${name}` in (presign.configs[p].rules ?? {}));
  return `- Presets: ${presets.map((p) => `\`${p}\``).join(', ')}`;
}

describe('every rule', () => {
  for (const [kind, rules] of rulesByKind) for (const [name, rule] of Object.entries(rules)) {
    describe(`${kind} rule ${name}`, () => {
      it('lives in a file of its own name', () => {
        expect(existsSync(path.join(root, `rules/${kind}/${name}.ts`))).toBe(true);
      });
      it('links to its doc page', () => {
        expect(rule.meta.docs!.url).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);
      });
      it('has a doc page whose title, description and presets match the meta, with every section', () => {
        const doc = read(`docs/rules/${name}.md`);
        const lines = doc.split('\n');
        expect(lines[0]).toBe(`# presign/${name}`);
        expect(lines[2]).toBe(`> ${rule.meta.docs!.description}`);
        expect(lines[4]).toBe(presetsLine(kind, name));
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

  it('has no doc page without a rule', () => {
    const pages = readdirSync(path.join(root, 'docs/rules')).map((f) => f.replace(/\.md$/, ''));
    for (const page of pages) expect(allRules.map((r) => r.name)).toContain(page);
  });
});

describe('presets', () => {
  it('are built from meta.docs.preset', () => {
    const expected = (levels: unknown[]) =>
      Object.fromEntries(allRules.filter((r) => r.kind === 'code' && levels.includes(r.preset)).map((r) => [`presign/${r.name}`, 'error']));
    expect(presign.configs.recommended.rules).toEqual(expected(['recommended']));
    expect(presign.configs.strict.rules).toEqual(expected(['recommended', 'strict']));
    expect(presign.configs.all.rules).toEqual(expected(['recommended', 'strict', false]));
    expect(presign.configs.policies.rules).toEqual(
      Object.fromEntries(allRules.filter((r) => r.kind === 'policy' && r.preset !== false).map((r) => [`presign/${r.name}`, 'error'])),
    );
  });

  it('register the plugin under the presign namespace', () => {
    for (const config of Object.values(presign.configs)) expect(config.plugins?.['presign']).toBe(presign);
    expect(Object.keys(presign.rules).sort()).toEqual(allRules.filter((r) => r.kind !== 'project').map((r) => r.name).sort());
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
