/**
 * The layers of docs/architecture.md, held against the code: every import (type-only and dynamic
 * ones included) runs from a layer down to a lower one or stays in its folder, and no files import
 * each other in a loop.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Bottom first; folders on one level may not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['src/core'],
  ['src/presign', 'src/policy'],
  ['src/join', 'src/report'],
  ['src/rule'],
  ['src/javascript', 'src/python'],
  ['rules'],
  ['src/eslint'],
  // The package's entry point: the plugin, as ESLint loads it.
  ['src/index.ts'],
  ['src/engine'],
  ['src/cli'],
];

function folderOf(file: string): string {
  const found = LAYERS.flat().find((folder) => file === folder || file.startsWith(`${folder}/`));
  if (!found) throw new Error(`${file} is in no layer of docs/architecture.md`);
  return found;
}

const levelOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

/** Relative imports of a file: `import ... from`, `export ... from`, `import('...')`, `import x = require('...')`. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'));
}

describe('the import graph', async () => {
  const files = (await glob(['src/**/*.ts', 'rules/**/*.ts'], { cwd: root })).sort();
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('runs down the layers: no import from a lower layer up, none across one level', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      for (const target of targets) {
        const to = folderOf(target);
        if (to !== from && levelOf(to) >= levelOf(from)) upward.push(`${file} -> ${target}`);
      }
    }
    expect(files.length).toBeGreaterThan(80);
    expect(upward).toEqual([]);
  });

  it('has no cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
