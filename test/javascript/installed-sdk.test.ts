/** The client-s3 release a project locks, read from its lockfile, and no-default-checksum on it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import presign from '../../src/index.js';
import { installedClientS3AddsChecksums } from '../../src/javascript/installed-sdk.js';

function project(lockfile: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'presign-lock-'));
  writeFileSync(path.join(dir, lockfile), text);
  mkdirSync(path.join(dir, 'src'));
  return path.join(dir, 'src', 'upload.ts');
}

const PNPM = (version: string) => `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      '@aws-sdk/client-s3':\n        specifier: ${version}\n        version: ${version}\npackages:\n  '@aws-sdk/client-s3@${version}':\n    resolution: {integrity: sha512-x}\n`;
const NPM = (version: string) => JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/@aws-sdk/client-s3': { version } } }, null, 2);
const YARN = (spec: string, version: string) => `"@aws-sdk/client-s3@${spec}":\n  version "${version}"\n`;

describe('installedClientS3AddsChecksums', () => {
  it('tells releases before 3.729.0 from later ones, in pnpm, npm and yarn lockfiles', () => {
    expect(installedClientS3AddsChecksums(project('pnpm-lock.yaml', PNPM('3.609.0')))).toBe(false);
    expect(installedClientS3AddsChecksums(project('pnpm-lock.yaml', PNPM('3.729.0')))).toBe(true);
    expect(installedClientS3AddsChecksums(project('package-lock.json', NPM('3.575.0')))).toBe(false);
    expect(installedClientS3AddsChecksums(project('package-lock.json', NPM('3.940.0')))).toBe(true);
    expect(installedClientS3AddsChecksums(project('yarn.lock', YARN('^3.600.0', '3.650.1')))).toBe(false);
  });

  it('says nothing when the lockfile names both kinds, none, or there is none', () => {
    expect(installedClientS3AddsChecksums(project('yarn.lock', YARN('^3.600.0', '3.800.0')))).toBeNull();
    expect(installedClientS3AddsChecksums(project('package-lock.json', NPM('1.0.0').replace('@aws-sdk/client-s3', 'left-pad')))).toBeNull();
    expect(installedClientS3AddsChecksums(path.join(mkdtempSync(path.join(tmpdir(), 'presign-nolock-')), 'a.ts'))).toBeNull();
    expect(installedClientS3AddsChecksums('relative/a.ts')).toBeNull();
  });
});

describe('presign/no-default-checksum and the locked release', () => {
  const code = `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
export const upload = () => getSignedUrl(new S3Client({}), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
`;
  const lint = (filename: string) =>
    new Linter({ configType: 'flat', cwd: path.parse(process.cwd()).root })
      .verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { presign }, rules: { 'presign/no-default-checksum': 'error' } }] as never, filename)
      .map((m) => m.ruleId);

  it('is silent for a project locked before default checksums, and reports after them', () => {
    expect(lint(project('pnpm-lock.yaml', PNPM('3.609.0')))).toEqual([]);
    expect(lint(project('pnpm-lock.yaml', PNPM('3.862.0')))).toEqual(['presign/no-default-checksum']);
  });
});
