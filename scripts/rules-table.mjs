/**
 * The README rules table, made from the registry's meta. `npm run update:readme` writes it into
 * README.md (scripts/update-readme.mjs); test/project.test.ts fails when the README differs.
 */

export const TABLE_START = '<!-- begin rules table (generated: npm run update:readme) -->';
export const TABLE_END = '<!-- end rules table -->';

/** What each subject reads, as the table says it, and the order of the table's groups. */
const READS = { site: 'code', document: 'policy', signers: 'policy', inventory: 'policy', 'site-policies': 'code + policies', 'signer-need': 'code + policies' };
const ORDER = ['code', 'policy', 'code + policies'];

/** Where each rule runs by default, by what it reads and its `meta.docs.recommended`. */
const PRESETS = {
  code: { recommended: 'recommended, strict, all', strict: 'strict, all', undefined: 'all' },
  policy: { recommended: 'policies; presign-audit', strict: 'policies; presign-audit', undefined: 'presign-audit (when enabled)' },
  'code + policies': { recommended: 'presign-audit (code + policies)', strict: 'presign-audit (code + policies)', undefined: 'presign-audit (when enabled)' },
};

/** @param {readonly { name: string; subject: keyof typeof READS; meta: { severity: 'error' | 'warn'; docs: { description: string; recommended?: string }; fixable?: string; hasSuggestions?: boolean } }[]} rules */
export function rulesTable(rules) {
  const rows = rules
    .map((rule) => ({ rule, reads: READS[rule.subject] }))
    .sort((a, b) => ORDER.indexOf(a.reads) - ORDER.indexOf(b.reads) || a.rule.name.localeCompare(b.rule.name))
    .map(({ rule, reads }) => {
      const fixes = [rule.meta.fixable ? 'fix' : '', rule.meta.hasSuggestions ? 'suggestions' : ''].filter(Boolean).join(', ');
      return `| [presign/${rule.name}](docs/rules/${rule.name}.md) | ${reads} | ${rule.meta.docs.description} | ${rule.meta.severity} | ${PRESETS[reads][String(rule.meta.docs.recommended)]} | ${fixes} |`;
    });
  return [TABLE_START, '| Rule | Reads | Description | Severity | Presets | Fixes |', '| --- | --- | --- | --- | --- | --- |', ...rows, TABLE_END].join('\n');
}

/** @param {string} readme @param {string} table */
export function replaceTable(readme, table) {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error('README.md has no rules table markers');
  return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}
