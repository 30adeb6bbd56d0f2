/**
 * Module-level mutable state is what breaks under ESLint's worker threads and --cache: a rule that
 * remembers something from one file in another. Every piece of it in src/ and rules/ must be one of
 * the caches docs/performance.md lists and argues for; a new one fails here until it is documented.
 * "Mutable" is a top-level `let`, a top-level Map/Set/WeakMap/WeakSet the module writes to
 * (itself or through `remembered`, src/core/remembered.ts), or a top-level Buffer (one is made to
 * be written into).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

function moduleState(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isLet = !(statement.declarationList.flags & ts.NodeFlags.Const);
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(source);
      const init = declaration.initializer;
      const collection = init !== undefined && ts.isNewExpression(init) && /^(Map|Set|WeakMap|WeakSet)$/.test(init.expression.getText(source));
      // Written by the module itself, or through src/core/remembered.ts.
      const written = new RegExp(`\\b${name}\\.(set|add|delete|clear)\\(|\\bremembered\\(${name}\\b`).test(text);
      const buffer = init !== undefined && ts.isCallExpression(init) && /^Buffer\.(alloc|allocUnsafe|allocUnsafeSlow)$/.test(init.expression.getText(source));
      if (isLet || (collection && written) || buffer) found.push(`${path.relative(ROOT, file)} ${name}`);
    }
  }
  return found;
}

describe('module-level state', () => {
  it('is exactly the caches docs/performance.md documents', () => {
    const inCode = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'rules'))].flatMap(moduleState).sort();
    // Table rows of the doc: | `src/x.ts` | `name` | ...
    const doc = readFileSync(path.join(ROOT, 'docs/performance.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `([^`]+\.ts)` \| `([^`]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(inCode.length).toBeGreaterThan(5);
    expect(inCode).toEqual(documented);
  });
});
