/**
 * The repository carries its own facts: docs/facts.md states each AWS and SDK fact the code relies
 * on, with its public source. Code and docs point there, never to files outside the repository nor
 * to this project's issue tracker; and every link to a section of docs/facts.md must find it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const FACTS = 'docs/facts.md';
const SELF = path.relative(root, import.meta.filename).split(path.sep).join('/');

/** Files git tracks (or would: new, not ignored) under the given paths, relative to the root with `/`; a directory walk outside a git checkout. */
function trackedFiles(paths: readonly string[]): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...paths], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = out.split('\0').filter((f) => f !== '');
    if (files.length > 0) return files.filter((f) => existsSync(path.join(root, f)));
  } catch {
    // Not a git checkout (a package tarball): walk the directories instead.
  }
  const found: string[] = [];
  const walk = (relative: string): void => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full)) if (entry !== 'node_modules' && entry !== 'dist' && !entry.startsWith('.')) walk(`${relative}/${entry}`);
    } else found.push(relative);
  };
  for (const p of paths) walk(p);
  return found;
}

const TEXT_FILE = /\.(ts|mts|cts|js|mjs|cjs|md|json|ya?ml|sh|py|txt)$|(^|\/)(run|README)$/;
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

/**
 * References that point outside the repository: the shared notes beside it, and this project's own
 * tracker ("issue 6", "#12"). An upstream reference names its repository (`aws/aws-sdk-js#1099`,
 * `terraform-provider-aws#33026`), so a `#<number>` right after a name, a `/` or a `.` is allowed;
 * so are HTML character references (`&#60;`) and CSS colours (`color: #116329;`).
 */
const OUTSIDE_REFERENCES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'the shared notes outside the repository', pattern: /\.\.\/shared\b/g },
  { what: 'the fact list outside the repository (FACTS.md)', pattern: /\bFACTS\b/g },
  { what: "this project's issue tracker", pattern: /\bissues?\s+#?\d+\b/gi },
  { what: "this project's issue tracker", pattern: /(?<![\w/.&-])#\d+\b(?!;)/g },
];

export function outsideReferences(text: string): { line: number; text: string; what: string }[] {
  const found: { line: number; text: string; what: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    for (const { what, pattern } of OUTSIDE_REFERENCES) {
      for (const match of line.matchAll(pattern)) found.push({ line: index + 1, text: match[0], what });
    }
  });
  return found;
}

/** GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of every heading of a Markdown text, outside fenced code, numbered as GitHub numbers repeats. */
export function markdownAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = headingAnchor(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Links to a section of docs/facts.md in a file: `docs/facts.md#x` from the root, `../facts.md#x` relative to the file. */
export function factLinks(file: string, text: string): { target: string; anchor: string; line: number }[] {
  const links: { target: string; anchor: string; line: number }[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/((?:\.{1,2}\/)*[\w./-]*?facts\.md)#([^\s)\]`'"<>,;]*)/g)) {
      const written = match[1]!;
      const target = written.startsWith('docs/') ? written : path.posix.join(path.posix.dirname(file), written);
      links.push({ target, anchor: match[2]!.replace(/[.:]+$/, ''), line: index + 1 });
    }
  });
  return links;
}

describe('the detectors of this test', () => {
  it('flag tracker and outside references, and allow upstream ones', () => {
    const flagged = (text: string) => outsideReferences(text).map((r) => r.text);
    expect(flagged('roles that sign URLs (issue 6 §3)')).toEqual(['issue 6']);
    expect(flagged('see Issues 3')).toEqual(['Issues 3']);
    expect(flagged('fixed in #12, see (#7)')).toEqual(['#12', '#7']);
    expect(flagged(['see ..', 'shared', 'FACTS.md'].join('/'))).toEqual(['../shared', 'FACTS']);
    expect(flagged('aws/aws-sdk-js#1099, aws/aws-sdk-js-v3#3497, terraform-provider-aws#33026')).toEqual([]);
    expect(flagged('color: #1f2328; color: #116329; &#60;img&#62; ## Targets docs/facts.md#sigv4-maximum-expiry')).toEqual([]);
  });

  it('read anchors and links as GitHub does', () => {
    expect(headingAnchor('NotPrincipal, NotAction and NotResource')).toBe('notprincipal-notaction-and-notresource');
    expect(headingAnchor('Config: `presign-audit.config.json`')).toBe('config-presign-auditconfigjson');
    expect([...markdownAnchors('# A\n```\n# not a heading\n```\n## A\n')]).toEqual(['a', 'a-1']);
    expect(factLinks('docs/rules/x.md', 'see [facts](../facts.md#sigv4-maximum-expiry).')).toEqual([{ target: FACTS, anchor: 'sigv4-maximum-expiry', line: 1 }]);
    expect(factLinks('src/a.ts', ' * (docs/facts.md#command-to-method).')).toEqual([{ target: FACTS, anchor: 'command-to-method', line: 1 }]);
  });
});

describe('docs/facts.md', () => {
  it('is the only place facts are sourced from: no file of src, rules, docs, README.md or BENCHMARKS.md points outside the repository', () => {
    const files = trackedFiles(['src', 'rules', 'docs', 'README.md', 'BENCHMARKS.md']).filter((f) => TEXT_FILE.test(f));
    expect(files).toContain(FACTS);
    const problems = files.flatMap((file) => outsideReferences(read(file)).map((r) => `${file}:${r.line}: "${r.text}" refers to ${r.what}`));
    expect(problems, 'cite a section of docs/facts.md instead (an upstream issue is written owner/repo#N)').toEqual([]);
  });

  it('has every section that a link in the repository names', () => {
    const anchors = markdownAnchors(read(FACTS));
    const files = trackedFiles(['.']).filter((f) => TEXT_FILE.test(f) && f !== SELF && !f.endsWith('package-lock.json'));
    const links = files.flatMap((file) => factLinks(file, read(file)).map((link) => ({ file, ...link })));
    // Its own links to its sections: `[...](#anchor)`.
    for (const match of read(FACTS).matchAll(/\]\(#([^)\s]+)\)/g)) links.push({ file: FACTS, target: FACTS, anchor: match[1]!, line: 0 });
    expect(links.length).toBeGreaterThan(10);
    const broken = links
      .filter((link) => link.target !== FACTS || !anchors.has(link.anchor))
      .map((link) => `${link.file}:${link.line}: ${link.target}#${link.anchor}`);
    expect(broken, `sections of ${FACTS}: ${[...anchors].join(', ')}`).toEqual([]);
  });

  it('names only files that exist as the users of a fact', () => {
    const usedBy = read(FACTS).split(/\n\s*\n/).filter((paragraph) => paragraph.startsWith('Used by:')).join('\n');
    const named = [...usedBy.matchAll(/`((?:src|rules|docs|test)\/[\w./-]+|package\.json)`/g)].map((m) => m[1]!).filter((p) => !p.includes('*'));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((p) => !existsSync(path.join(root, p)))).toEqual([]);
  });
});

describe('docs/cli.md', () => {
  it('lists every input problem a run can emit (the SARIF helpUri of each points there)', async () => {
    const { INPUT_PROBLEMS } = await import('../src/core/problems.js');
    const cli = readFileSync(path.join(root, 'docs/cli.md'), 'utf8');
    const listed = [...cli.matchAll(/^\| `(presign-audit\/[a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(INPUT_PROBLEMS).sort());
  });
});
