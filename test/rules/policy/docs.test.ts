/** Every policy rule has a page in the format of the code rules' pages, matching its meta. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyRules } from '../../../rules/policy/index.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PRESETS = { recommended: '`recommended`, `strict`, `all`', strict: '`strict`, `all`', false: '`all`' } as const;

describe.each(Object.entries(policyRules))('docs/rules/%s.md', (name, rule) => {
  const page = readFileSync(path.join(ROOT, 'docs/rules', `${name}.md`), 'utf8');
  const lines = page.split('\n');

  it('has the title, the description and the presets of the rule', () => {
    expect(lines[0]).toBe(`# presign/${name}`);
    expect(lines[2]).toBe(`> ${rule.meta.docs.description}`);
    expect(lines[4]).toBe(`- Presets: ${PRESETS[String(rule.meta.docs.preset) as keyof typeof PRESETS]}`);
  });

  it('has the sections in order', () => {
    const sections = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(sections).toEqual(['What it reports', 'Why', 'Examples', 'Options', 'When not to use it']);
    expect(page).toMatch(/\nBad:\n[\s\S]*\nGood:\n/);
  });

  it('is where meta.docs.url points', () => {
    expect(rule.meta.docs.url.endsWith(`/docs/rules/${name}.md`)).toBe(true);
  });
});
