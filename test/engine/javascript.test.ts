import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import presign from '../../src/index.js';
import { auditCode } from '../../src/engine/javascript.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const allRules = resolveConfig({ preset: 'all' }, null);

/** Every finding of a sample project, as `file:line`, rule and chain, relative to the project. */
async function auditSample(sample: string, pattern: string) {
  const dir = path.join(root, 'fixtures/projects', sample);
  const result = await auditCode(await glob(pattern, { cwd: dir, absolute: true }), allRules);
  return [...result.files].flatMap(([file, messages]) =>
    messages.map((m) => ({ at: `${path.relative(dir, file)}:${m.line}`, ruleId: m.ruleId, chain: m.chain?.map((l) => `${path.relative(dir, l.file)}:${l.line} ${l.label}`) })),
  );
}

describe('auditCode on the TypeScript sample service', async () => {
  const findings = await auditSample('ts-service', 'src/**/*.ts');

  it('checks the wrapper at each call site with the value given there, and shows the chain', () => {
    expect(findings).toContainEqual({
      at: 'src/routes/documents.ts:18',
      ruleId: 'presign/max-expiry',
      chain: ['src/routes/documents.ts:18 calls presignDownload()', 'src/lib/presign.ts:9 getSignedUrl (@aws-sdk/s3-request-presigner)'],
    });
  });

  it('follows wrappers of wrappers', () => {
    expect(findings).toContainEqual({
      at: 'src/routes/documents.ts:14',
      ruleId: 'presign/max-expiry',
      chain: [
        'src/routes/documents.ts:14 calls shareLink()',
        'src/lib/presign.ts:14 calls presignDownload()',
        'src/lib/presign.ts:9 getSignedUrl (@aws-sdk/s3-request-presigner)',
      ],
    });
  });

  it('reads the credentials of a client made in another module', () => {
    expect(findings).toContainEqual({ at: 'src/routes/reports.ts:7', ruleId: 'presign/temporary-credentials-expiry', chain: undefined });
  });

  it('leaves call sites with values inside the limit alone', () => {
    expect(findings.map((f) => f.at).sort()).toEqual(['src/routes/documents.ts:14', 'src/routes/documents.ts:18', 'src/routes/exports.ts:12', 'src/routes/reports.ts:7']);
  });
});

describe('auditCode on the CommonJS sample service', async () => {
  const findings = await auditSample('js-service', '**/*.js');

  it('reads constants through require() of another module and follows the wrapper', () => {
    expect(findings).toContainEqual({
      at: 'routes/reports.js:10',
      ruleId: 'presign/max-expiry',
      chain: ['routes/reports.js:10 calls signedGet()', 'lib/storage.js:7 S3#getSignedUrlPromise (aws-sdk v2)'],
    });
    expect(findings.filter((f) => f.ruleId === 'presign/max-expiry')).toHaveLength(1);
  });
});

describe('presign-audit and ESLint with type information', () => {
  it('give the same per-call findings where both can see them', async () => {
    const dir = path.join(root, 'fixtures/projects/ts-service');
    const files = await glob('src/**/*.ts', { cwd: dir, absolute: true });
    const audit = await auditCode(files, allRules);
    const fromAudit = [...audit.files]
      .flatMap(([file, messages]) => messages.filter((m) => !m.chain).map((m) => `${path.relative(dir, file)}:${m.line}:${m.column} ${m.ruleId}`))
      .sort();

    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
        { files: ['**/*.ts'], ...presign.configs.all },
      ] as never,
    });
    const fromEslint = (await eslint.lintFiles(['src/**/*.ts']))
      .flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
      .sort();

    expect(fromAudit).toContain('src/routes/exports.ts:12:108 presign/max-expiry');
    expect(fromAudit).toEqual(fromEslint);
  });
});
