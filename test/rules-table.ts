/**
 * The README rules table, generated from the rules' meta. test/project.test.ts fails when the
 * README differs; `npm run update:readme` rewrites it.
 */
import type { PresetLevel } from '../src/rule-creator.js';

export interface TableRule {
  readonly name: string;
  readonly kind: 'code' | 'policy' | 'project';
  readonly description: string;
  readonly preset: PresetLevel;
  readonly fixable: boolean;
  readonly hasSuggestions: boolean;
}

export const TABLE_START = '<!-- begin rules table (generated: npm run update:readme) -->';
export const TABLE_END = '<!-- end rules table -->';

const PRESETS: Record<string, Record<string, string>> = {
  code: { recommended: 'recommended, strict, all', strict: 'strict, all', false: 'all' },
  policy: { recommended: 'policies; presign-audit', strict: 'policies; presign-audit', false: 'presign-audit (when enabled)' },
  project: { recommended: 'presign-audit (code + policies)', strict: 'presign-audit (code + policies)', false: 'presign-audit (when enabled)' },
};

export function rulesTable(rules: readonly TableRule[]): string {
  const rows = [...rules]
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
    .map((r) => {
      const fixes = [r.fixable ? 'fix' : '', r.hasSuggestions ? 'suggestions' : ''].filter(Boolean).join(', ') || '';
      return `| [presign/${r.name}](docs/rules/${r.name}.md) | ${r.kind === 'project' ? 'code + policies' : r.kind} | ${r.description} | ${PRESETS[r.kind]![String(r.preset)]} | ${fixes} |`;
    });
  return [TABLE_START, '| Rule | Reads | Description | Presets | Fixes |', '| --- | --- | --- | --- | --- |', ...rows, TABLE_END].join('\n');
}

export function replaceTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error('README.md has no rules table markers');
  return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}
