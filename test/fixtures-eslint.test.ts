/**
 * Lints fixtures/code through the real ESLint Node API, as an editor or CI would, with the
 * shipped (built) plugin and its `all` preset: `.js` with ESLint's default parser, `.ts` with
 * typescript-eslint, with and without type information, on ESLint 10 and ESLint 9.
 *
 * Each fixture states its expected findings on the line they belong to:
 *   `// expect: presign/max-expiry, presign/explicit-method`  (always)
 *   `// expect(typed): presign/max-expiry`                    (only with type information)
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import presign from '../dist/src/index.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const fixturesDir = path.join(root, 'fixtures/code');

type Finding = `${string}:${number} ${string}`;

function expectedFindings(files: string[], typed: boolean): Finding[] {
  const out: Finding[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (const match of line.matchAll(/\/\/ expect(\(typed\))?: ([\w/,\s-]+)$/g)) {
        if (match[1] && !typed) continue;
        for (const rule of match[2]!.split(',')) out.push(`${path.relative(root, file)}:${index + 1} ${rule.trim()}`);
      }
    });
  }
  return out.sort();
}

function config(typed: boolean) {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: typed ? { projectService: true, tsconfigRootDir: fixturesDir } : {},
      },
    },
    { files: ['**/*.js', '**/*.ts'], ...presign.configs.all },
  ];
}

async function lint(ESLint: typeof ESLint10, typed: boolean): Promise<Finding[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config(typed) as never });
  const results = await eslint.lintFiles(['fixtures/code/**/*.{js,ts}']);
  const out: Finding[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      // A parse error or a crashed rule has no presign ruleId and fails the comparison loudly.
      out.push(`${path.relative(root, result.filePath)}:${message.line} ${message.ruleId ?? `FATAL ${message.message}`}`);
    }
  }
  return out.sort();
}

describe('fixtures linted through the ESLint API', async () => {
  const files = await glob('fixtures/code/**/*.{js,ts}', { cwd: root, absolute: true });

  it('has fixtures for every SDK and both languages', () => {
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files.some((f) => f.endsWith('.ts'))).toBe(true);
    expect(expectedFindings(files, false).length).toBeGreaterThan(5);
  });

  for (const [name, ESLint] of [
    ['ESLint 10', ESLint10],
    ['ESLint 9', ESLint9 as unknown as typeof ESLint10],
  ] as const) {
    it(`${name} without type information reports exactly the annotated findings`, async () => {
      expect(await lint(ESLint, false)).toEqual(expectedFindings(files, false));
    });
  }

  it('ESLint 10 with type information also reads constants across modules', async () => {
    expect(await lint(ESLint10, true)).toEqual(expectedFindings(files, true));
  });

  it('gives the same findings with two worker threads and with the cache, as with one thread', async () => {
    // Worker threads load the config from a file: the demo's config is the user's set-up.
    const run = async (options: ConstructorParameters<typeof ESLint10>[0]) => {
      const eslint = new ESLint10({ cwd: root, overrideConfigFile: 'fixtures/eslint.config.js', ...options });
      const results = await eslint.lintFiles(['fixtures/code/**/*.{js,ts}']);
      return results
        .flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
        .sort();
    };
    const single = await run({ concurrency: 'off' });
    expect(single).not.toEqual([]);
    expect(await run({ concurrency: 2 })).toEqual(single);
    const cacheLocation = path.join(await mkdtemp(path.join(tmpdir(), 'presign-cache-')), '.eslintcache');
    expect(await run({ cache: true, cacheLocation })).toEqual(single);
    expect(await run({ cache: true, cacheLocation })).toEqual(single);
  });
});
