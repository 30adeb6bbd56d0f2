/** Which TypeScript program a file is read through, and declaration files shared between programs. */
import path from 'node:path';
import typescript from 'typescript';
import type * as TS from 'typescript';
import { describe, expect, it } from 'vitest';
import { createPrograms } from '../../src/engine/program.js';
import { scratch } from '../cli/helpers.js';

// The compiler module, typed as the engine types it (src/engine/javascript.ts).
const ts = typescript as unknown as typeof TS;

const configOf = (dir: string, groups: ReturnType<typeof createPrograms>['groups']) =>
  Object.fromEntries(groups.flatMap((g) => g.files.map((f) => [path.relative(dir, f), g.tsconfig === null ? null : path.relative(dir, g.tsconfig)])));

describe('createPrograms', () => {
  it('reads each file through the nearest tsconfig.json or jsconfig.json that includes it, as the editor does', () => {
    const dir = scratch({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
      'src/app.ts': 'export const app = 1;\n',
      'scripts/seed.ts': 'export const seed = 1;\n',
      'services/legacy/jsconfig.json': JSON.stringify({ compilerOptions: { checkJs: false } }),
      'services/legacy/lib/storage.js': 'exports.storage = 1;\n',
      'packages/web/tsconfig.json': JSON.stringify({ compilerOptions: {}, include: ['src'] }),
      'packages/web/src/page.tsx': 'export const page = 1;\n',
      'packages/web/test/page.test.ts': 'export const test = 1;\n',
    });
    const files = ['src/app.ts', 'scripts/seed.ts', 'services/legacy/lib/storage.js', 'packages/web/src/page.tsx', 'packages/web/test/page.test.ts'].map((f) => path.join(dir, f));
    const { groups, problems } = createPrograms(ts, files);
    expect(problems).toEqual([]);
    expect(configOf(dir, groups)).toEqual({
      'src/app.ts': 'tsconfig.json',
      // Outside every config's files: the allowJs program, not the root project's whole program.
      'scripts/seed.ts': null,
      // The jsconfig.json beside it wins over the tsconfig.json further up.
      'services/legacy/lib/storage.js': 'services/legacy/jsconfig.json',
      'packages/web/src/page.tsx': 'packages/web/tsconfig.json',
      // Its package's config leaves test/ out; the root config's does too.
      'packages/web/test/page.test.ts': null,
    });
  });

  it('parses a declaration file once for every program that reads it with the same language version and format', () => {
    const dir = scratch({
      'types/shared.d.ts': 'declare module "shared" { export const value: number; }\n',
      'a/tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', strict: true }, files: ['index.ts', '../types/shared.d.ts'] }),
      'a/index.ts': 'import { value } from "shared";\nexport const a = value;\n',
      'b/tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', strict: false, noImplicitAny: false }, files: ['index.ts', '../types/shared.d.ts'] }),
      'b/index.ts': 'import { value } from "shared";\nexport const b = value;\n',
    });
    const { groups } = createPrograms(ts, [path.join(dir, 'a/index.ts'), path.join(dir, 'b/index.ts')]);
    const [a, b] = groups.map((g) => g.program.getSourceFile(path.join(dir, 'types/shared.d.ts')));
    expect(a).toBeDefined();
    expect(a).toBe(b);
    // Each program still checks against it: the shared file's symbols resolve in both.
    for (const group of groups) {
      const index = group.program.getSourceFile(group.files[0]!)!;
      const checker = group.program.getTypeChecker();
      const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!);
      expect(checker.typeToString(checker.getTypeOfSymbol(exported[0]!))).toBe('number');
    }
  });
});
