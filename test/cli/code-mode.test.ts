/** presign-audit on code and policies together, as CI runs it: one command, one report. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runBin, tempDir } from './run-bin.js';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; severity: number; fatal?: boolean; chain?: { file: string; line: number; label: string }[] }[];
}

describe('presign-audit on code', () => {
  it('audits code and policies in one run, with wrapper chains', () => {
    const run = runBin(['--format', 'json', 'fixtures/projects', 'fixtures/policies']);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const ruleIds = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect(ruleIds).toContain('presign/max-expiry');
    expect(ruleIds).toContain('presign/public-principal');
    const share = results.find((r) => r.filePath.endsWith(path.join('ts-service', 'src', 'routes', 'documents.ts')))!;
    const chained = share.messages.find((m) => m.line === 14)!;
    expect(chained.chain!.map((l) => `${path.relative(PROJECT_ROOT, l.file)}:${l.line}`)).toEqual([
      'fixtures/projects/ts-service/src/routes/documents.ts:14',
      'fixtures/projects/ts-service/src/lib/presign.ts:14',
      'fixtures/projects/ts-service/src/lib/presign.ts:9',
    ]);
  });

  it('puts the chain in SARIF relatedLocations', () => {
    const run = runBin(['--format', 'sarif', 'fixtures/projects/ts-service']);
    const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; relatedLocations?: { message: { text: string } }[] }[] }[] };
    const withChain = log.runs[0]!.results.filter((r) => r.relatedLocations);
    expect(withChain.length).toBe(2);
    expect(withChain[0]!.relatedLocations!.at(-1)!.message.text).toBe('getSignedUrl (@aws-sdk/s3-request-presigner)');
  });

  it('reports a file with a syntax error, located, and still audits the others (exit 2)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.ts'), 'export const x = {;\n');
    writeFileSync(
      path.join(dir, 'links.js'),
      "const AWS = require('aws-sdk');\nconst s3 = new AWS.S3({ signatureVersion: 'v4' });\nexports.link = () => s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 9e6 });\n",
    );
    mkdirSync(path.join(dir, 'policies'));
    writeFileSync(path.join(dir, 'policies', 'bad.json'), '{ "Statement": [ }');
    const run = runBin(['--format', 'json', dir]);
    expect(run.status).toBe(2);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const byName = Object.fromEntries(results.map((r) => [path.basename(r.filePath), r.messages]));
    expect(byName['broken.ts']).toEqual([expect.objectContaining({ fatal: true, line: 1, severity: 2 })]);
    expect(byName['links.js']!.map((m) => m.ruleId)).toContain('presign/max-expiry');
    expect(byName['bad.json']![0]).toEqual(expect.objectContaining({ ruleId: 'presign-audit/invalid-json', fatal: true }));
  });

  it('skips package.json and tsconfig.json in a directory scan, so it runs at a repository root', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'package.json'), '{ "name": "x" }');
    writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": {} }');
    writeFileSync(path.join(dir, 'index.ts'), 'export const answer = 42;\n');
    const run = runBin(['--format', 'json', dir]);
    // Only the summary line: no warning, no note.
    expect(run.stderr).toMatch(/^presign-audit: \d+ files? read \([^)]*\): [^\n]*\.\n$/);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => path.basename(r.filePath))).toEqual(['index.ts']);
  });
});

describe('presign-audit holds code against policies', () => {
  it('reports a presigned operation the signer lacks (also through a generic presign(command) helper) and an upload the bucket policy refuses, at the annotated lines', () => {
    const dir = 'fixtures/projects/upload-stack';
    const run = runBin(['--format', 'json', '--config', `${dir}/presign-audit.config.json`, dir]);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const found = results
      .flatMap((r) => r.messages.map((m) => `${path.relative(PROJECT_ROOT, r.filePath)}:${m.line} ${m.ruleId}`))
      .sort();
    const expected = ['src/links.ts', 'src/presign.ts', 'src/admin.ts', 'infra/template.yaml']
      .flatMap((name) =>
        readFileSync(path.join(PROJECT_ROOT, dir, name), 'utf8')
          .split('\n')
          .flatMap((line, i) => [...line.matchAll(/(?:\/\/|#) expect: ([\w/-]+)$/g)].map((m) => `${dir}/${name}:${i + 1} ${m[1]}`)),
      )
      .sort();
    // Two cross findings in links.ts, one at a call of the generic presign(command) helper; and the
    // template's bucket, which the signer's grant on documents/* reaches, has no signature age limit.
    expect(expected).toHaveLength(5);
    expect(found).toEqual(expected);
  });

  it('ties nothing without codeSigners: the role-dependent rule stays silent', () => {
    const dir = 'fixtures/projects/upload-stack';
    const run = runBin(['--format', 'json', dir]);
    const ruleIds = (JSON.parse(run.stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(ruleIds).toContain('presign/upload-missing-sse');
    expect(ruleIds).not.toContain('presign/signer-missing-permission');
  });
});

describe('presign-audit on the changed files only (a pre-commit run)', () => {
  it('still follows a wrapper that lives in a file it was not given, and reports only the given file', () => {
    const dir = 'fixtures/projects/upload-stack';
    const run = runBin(['--format', 'json', '--config', `${dir}/presign-audit.config.json`, `${dir}/src/admin.ts`, `${dir}/infra`]);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const code = results.filter((r) => r.filePath.endsWith('.ts'));
    expect(code.map((r) => path.relative(PROJECT_ROOT, r.filePath))).toEqual([`${dir}/src/admin.ts`]);
    expect(code[0]!.messages.map((m) => [m.line, m.ruleId, m.chain?.length])).toEqual([[11, 'presign/signer-missing-permission', 2]]);
  });
});
