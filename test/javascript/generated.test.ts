/**
 * Minified and generated bundles are skipped: presign-audit with a `generated-code` warning and
 * nothing else for the file, ESLint's rules silently; the code people write is still read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/cli/execute.js';
import type { FileResult } from '../../src/core/results.js';
import { generatedCodeReason } from '../../src/javascript/generated.js';
import presign from '../../src/index.js';
import { tempDir } from '../cli/run-bin.js';

const IMPORTS = "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner';\n";
const CALL = "getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: k }), { expiresIn: 1209600 })";
/** What a minifier makes of many small modules: one line, a presign call inside. */
const MINIFIED = `${IMPORTS}${Array.from({ length: 400 }, (_, i) => `export const f${i}=(k)=>{const a${i}=[${i},${i + 1},${i + 2}].map((x)=>x*2).filter(Boolean);return a${i}.length};`).join('')}export const share=(k)=>${CALL};\n`;
/** A bundler's output that keeps its lines long and names its source map. */
const MAPPED = `${IMPORTS}${Array.from({ length: 150 }, (_, i) => `export const f${i} = (k) => [${i}, ${i + 1}, ${i + 2}].map((x) => x * 2).filter(Boolean).concat(["${'x'.repeat(90)}"]).length;`).join('\n')}\nexport const share = (k) => ${CALL};\n//# sourceMappingURL=bundle.js.map\n`;
/** Long, written by hand: many short lines. */
const HANDWRITTEN = `${IMPORTS}${Array.from({ length: 800 }, (_, i) => `export function helper${i}(values) {\n  return values.map((value) => value * ${i});\n}\n`).join('')}export const share = (k) => ${CALL};\n`;

describe('generatedCodeReason', () => {
  it('tells minified bundles, .min.js files and mapped bundles from code people write', () => {
    expect(MINIFIED.length).toBeGreaterThan(20_000);
    expect(generatedCodeReason('dist/app.js', MINIFIED)).toMatch(/^minified code \(\d+ lines? averaging \d+ characters\)$/);
    expect(generatedCodeReason('vendor/aws.min.js', 'short();')).toBe('a minified file (.min.js)');
    expect(generatedCodeReason('dist/bundle.js', MAPPED)).toMatch(/^a bundle with a source map/);
    expect(generatedCodeReason('src/helpers.js', HANDWRITTEN)).toBeNull();
    // The same long lines without a source map, and short files, are read.
    expect(generatedCodeReason('src/table.js', MAPPED.replace(/\/\/# sourceMappingURL=.*\n$/, ''))).toBeNull();
    expect(generatedCodeReason('src/one-line.js', `${IMPORTS}export const share = (k) => ${CALL};`)).toBeNull();
  });
});

describe('presign-audit', () => {
  it('skips a bundle with a warning, and still reports the code beside it', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'dist'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'dist/app.js'), MINIFIED);
    writeFileSync(path.join(dir, 'dist/vendor.min.js'), `${IMPORTS}export const share = (k) => ${CALL};\n`);
    writeFileSync(path.join(dir, 'src/share.js'), `${IMPORTS}export const share = (k) => ${CALL};\n`);
    let stdout = '';
    let stderr = '';
    const exit = await execute(['--format', 'json', '.'], { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
    expect(stderr).toMatch(/^presign-audit: 3 files read \(3 JS\/TS\): [^\n]*\n$/);
    expect(exit).toBe(1);
    const found = Object.fromEntries((JSON.parse(stdout) as FileResult[]).map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => `${m.ruleId} ${m.severity}`)]));
    expect(found).toEqual({
      'dist/app.js': ['presign-audit/generated-code 1'],
      'dist/vendor.min.js': ['presign-audit/generated-code 1'],
      'src/share.js': ['presign/max-expiry 2'],
    });
  });
});

describe('the ESLint rules', () => {
  it('leave a bundle alone and read the same call in a file people write', () => {
    const linter = new Linter({ configType: 'flat' });
    const lint = (text: string, filename: string) => linter.verify(text, [presign.configs.recommended], { filename }).map((m) => m.ruleId);
    expect(lint(MINIFIED, 'dist/app.js')).toEqual([]);
    expect(lint(HANDWRITTEN, 'src/helpers.js')).toEqual(['presign/max-expiry']);
  });
});
