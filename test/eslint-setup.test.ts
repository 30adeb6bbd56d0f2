/**
 * The README's ESLint set-up, as a user would copy it: each `eslint.config.js` snippet of "Use it in
 * ESLint" is written into a scratch project with a file of every JS/TS extension, a policy, and JSON
 * files that are no policy (a tsconfig.json with a comment, package.json, editor settings), and linted
 * there with ESLint 10 and ESLint 9; and an `eslint.config.ts` that uses the presets with
 * `defineConfig` passes `tsc` against each ESLint's own types.
 *
 * The scratch project's node_modules holds links to this repository's packages, with `eslint`
 * pointing at the version under test and `eslint-plugin-presign` at the built package (its
 * package.json and dist only, so that TypeScript resolves the plugin's own imports the way a
 * consumer's install does: from the consumer's node_modules). No network.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './cli/run-bin.js';

const VERSIONS = { 'ESLint 10': { package: 'eslint', ESLint: ESLint10 }, 'ESLint 9': { package: 'eslint9', ESLint: ESLint9 } } as const;

/** The ```js blocks of the README's "Use it in ESLint" section. */
function readmeSnippets(): string[] {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = /\n## Use it in ESLint\n([\s\S]*?)\n## /.exec(readme)![1]!;
  return [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** A project folder whose node_modules resolves as a consumer's would, with `eslint` at the given package. */
function scratchProject(eslintPackage: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'presign-eslint-setup-'));
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  const ours = path.join(PROJECT_ROOT, 'node_modules');
  for (const name of readdirSync(ours)) {
    if (name === '.bin' || name === '.package-lock.json' || name === 'eslint') continue;
    symlinkSync(path.join(ours, name), path.join(modules, name));
  }
  symlinkSync(path.join(ours, eslintPackage), path.join(modules, 'eslint'));
  const plugin = path.join(modules, 'eslint-plugin-presign');
  mkdirSync(plugin);
  for (const entry of ['package.json', 'dist', 'docs']) symlinkSync(path.join(PROJECT_ROOT, entry), path.join(plugin, entry));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'scratch', type: 'module', private: true }));
  return dir;
}

const SIGN = `getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 1209600 })`;
const ESM = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner';\n`;
/** One file per extension, each with a presign call above the SigV4 maximum (max-expiry); the TypeScript ones with TypeScript syntax. */
const CODE: Record<string, string> = {
  'src/a.ts': `${ESM}export type Key = string;\nexport const url = (key: Key) => ${SIGN.replace("'k'", 'key')};\n`,
  'src/b.tsx': `${ESM}export const url = (key: string): Promise<string> => ${SIGN.replace("'k'", 'key')};\n`,
  'src/c.mts': `${ESM}export const url = async (key: string): Promise<string> => ${SIGN.replace("'k'", 'key')};\n`,
  'src/d.cts': `${ESM}export const url = (key: string) => ${SIGN.replace("'k'", 'key')} as Promise<string>;\n`,
  'src/e.js': `${ESM}export const url = () => ${SIGN};\n`,
  'src/f.jsx': `${ESM}export const url = () => ${SIGN};\n`,
  'src/g.mjs': `${ESM}export const url = () => ${SIGN};\n`,
  'src/h.cjs': `const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');\nconst { getSignedUrl } = require('@aws-sdk/s3-request-presigner');\nmodule.exports = () => ${SIGN};\n`,
};
const OTHER: Record<string, string> = {
  'policies/bucket-policy.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-public/*' }] }, null, 2),
  'tsconfig.json': '{\n  // the project\'s TypeScript settings\n  "compilerOptions": { "module": "nodenext", "strict": true, "noEmit": true },\n  "include": ["src"]\n}\n',
  '.vscode/settings.json': '{\n  // editor settings\n  "editor.formatOnSave": true,\n}\n',
  'config/app.json': '{ "region": "eu-west-1" }\n',
};

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

describe.each(Object.entries(VERSIONS))('the README ESLint snippets on %s', (_, version) => {
  it.each(readmeSnippets().map((snippet, index) => [index + 1, snippet] as const))('snippet %i lints every JS/TS extension, and policy files only', async (_index, snippet) => {
    const dir = scratchProject(version.package);
    writeFiles(dir, { ...CODE, ...OTHER, 'eslint.config.js': snippet });
    const eslint = new version.ESLint({ cwd: dir, overrideConfigFile: path.join(dir, 'eslint.config.js') });
    const results = await eslint.lintFiles(['.']);
    const found = Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath).split(path.sep).join('/'), r.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`)]));
    for (const file of Object.keys(CODE)) expect(found[file], file).toEqual(['presign/max-expiry']);
    if (snippet.includes('configs.policies')) {
      expect(found['policies/bucket-policy.json']).toEqual(['presign/public-principal']);
      // A JSON file that is no policy is not an error; tool settings are not linted as policies at all.
      expect(found['config/app.json']).toEqual([]);
      expect(found).not.toHaveProperty('tsconfig.json');
      expect(found).not.toHaveProperty('package.json');
      expect(found).not.toHaveProperty('.vscode/settings.json');
    }
  }, 240_000);

  it('type-checks an eslint.config.ts that uses the presets with defineConfig', () => {
    const dir = scratchProject(version.package);
    writeFiles(dir, {
      'eslint.config.ts': `import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import presign from 'eslint-plugin-presign';

export default defineConfig([
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },
  presign.configs.recommended,
  presign.configs.policies,
  { extends: [presign.configs.strict], files: ['src/**'] },
  { plugins: { presign }, rules: { 'presign/max-expiry': ['error', { maxSeconds: 3600 }], 'presign/signature-age-limit': 'off' } },
]);
`,
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', target: 'es2022', strict: true, noEmit: true, preserveSymlinks: true, skipLibCheck: true, types: [] }, files: ['eslint.config.ts'] }),
    });
    const tsc = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 240_000);
});

describe('the declaration files', () => {
  it('import only packages a consumer has: this package, its dependencies and its peers', () => {
    const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]);
    const imported = new Set<string>();
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.d.ts')) {
          // Comments may quote imports (a usage example); only code counts.
          const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
          for (const match of code.matchAll(/(?:from |import\()['"]([^'"]+)['"]/g)) {
            const specifier = match[1]!;
            if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
            imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
          }
        }
      }
    };
    walk(path.join(PROJECT_ROOT, 'dist/src'));
    walk(path.join(PROJECT_ROOT, 'dist/rules'));
    expect([...imported].filter((name) => !allowed.has(name))).toEqual([]);
  });
});
