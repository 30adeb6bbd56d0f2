import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleNamed } from '../../rules/index.js';
import { VERSION } from '../../src/core/version.js';
import type { FileResult } from '../../src/core/results.js';
import { POLICY_FIXTURES, runBin, tempDir } from './run-bin.js';

const GOOD = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
const BAD = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] };

function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const json = (run: { stdout: string }) => JSON.parse(run.stdout) as FileResult[];

describe('presign-audit (built bin)', () => {
  it('stylish: reports the bad fixtures with file, line, column and rule, and exits 1', () => {
    const run = runBin([POLICY_FIXTURES]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(path.join('fixtures', 'policies', 'signer-role', 'bad-wildcard-signer.json'));
    expect(run.stdout).toMatch(/13:17\s+error\s+"s3:\*" grants the URL signer \d+ needless S3 actions; list the exact actions\./);
    // The fixtures hold errors and advice (warnings: docs/severities.md).
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors, [1-9]\d* warnings?\)/);
    expect(run.stdout).not.toContain('good-');
  });

  it('advice warns and fails nothing by itself, as in ESLint; --max-warnings makes it count', () => {
    const dir = tempDir();
    // A bucket policy that lets a role upload, with no Deny requiring encryption: advice (require-encryption-condition).
    writeFileSync(path.join(dir, 'bucket-policy.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/uploader' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-uploads/*' }] }));
    const advice = runBin(['--format', 'json', '.'], dir);
    expect(json(advice).flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.severity}`))).toEqual(['presign/require-encryption-condition 1']);
    expect(advice.status).toBe(0);
    expect(runBin(['--max-warnings', '0', '.'], dir).status).toBe(1);
    expect(runBin(['--max-warnings', '1', '.'], dir).status).toBe(0);
  });

  it('json: ESLint\'s result shape, good fixtures clean, every rule reported somewhere', () => {
    const run = runBin(['--format', 'json', POLICY_FIXTURES]);
    expect(run.status).toBe(1);
    const results = json(run);
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual(['errorCount', 'fatalErrorCount', 'filePath', 'fixableErrorCount', 'fixableWarningCount', 'messages', 'suppressedMessages', 'warningCount']);
      expect(path.isAbsolute(result.filePath)).toBe(true);
      if (path.basename(result.filePath).startsWith('good-')) expect(result.messages, result.filePath).toEqual([]);
      // A bad fixture has a finding: an error, or a warning where the rule is advice (docs/severities.md).
      else expect(result.errorCount + result.warningCount, result.filePath).toBeGreaterThan(0);
      for (const m of result.messages) expect(m.severity, m.ruleId).toBe(ruleNamed(m.ruleId.replace('presign/', ''))?.meta.severity === 'warn' ? 1 : 2);
    }
    const ruleIds = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect([...ruleIds].sort()).toEqual([
      'presign/private-source-ip',
      'presign/public-principal',
      'presign/public-trust',
      'presign/require-encryption-condition',
      'presign/signer-wildcard-action',
      'presign/unknown-action',
      'presign/unknown-condition-key',
      'presign/valid-policy',
    ]);
  });

  it('exits 0 when nothing is at error level', () => {
    const run = runBin([path.join(POLICY_FIXTURES, 'signer-role/good-signer.json'), path.join(POLICY_FIXTURES, 'bucket/good-*.json')]);
    expect(run).toMatchObject({ status: 0, stdout: '' });
  });

  it('a directory with one invalid JSON file among good ones: names it with line and column, reports the others, exits 2', () => {
    const dir = writeFiles({
      'a-good.json': JSON.stringify(GOOD),
      'b-broken.json': '{\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}',
      'c-bad.json': JSON.stringify(BAD, null, 2),
    });
    const run = runBin(['--format', 'json', dir]);
    expect(run.status).toBe(2);
    const [good, broken, bad] = json(run);
    expect(good!.messages).toEqual([]);
    expect(broken).toMatchObject({ fatalErrorCount: 1, messages: [{ ruleId: 'presign-audit/invalid-json', line: 3, column: 24, fatal: true, severity: 2 }] });
    expect(bad!.messages.map((m) => m.ruleId)).toEqual(['presign/signer-wildcard-action']);
    const stylish = runBin([dir]);
    expect(stylish.status).toBe(2);
    expect(stylish.stdout).toMatch(/b-broken\.json\n\s+3:24\s+error\s+Invalid JSON/);
  });

  it('an empty file is a located error and exit 2', () => {
    const dir = writeFiles({ 'empty.json': '' });
    const run = runBin(['--format', 'json', path.join(dir, 'empty.json')]);
    expect(run.status).toBe(2);
    expect(json(run)[0]!.messages).toMatchObject([{ ruleId: 'presign-audit/empty', line: 1, column: 1, fatal: true }]);
  });

  it('reads a 5 MB policy file', () => {
    const statements = [];
    for (let i = 0; statements.length * 150 < 5_200_000; i++) {
      statements.push({ Sid: `Read${i}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `arn:aws:s3:::bucket-${i}/reports/*` });
    }
    statements.push({ Sid: 'Last', Effect: 'Allow', Action: 's3:Delete*', Resource: '*' });
    const dir = writeFiles({ 'huge.json': JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 1) });
    expect(readFileSync(path.join(dir, 'huge.json')).length).toBeGreaterThan(5_000_000);
    const run = runBin(['--format', 'json', dir]);
    expect(run.status).toBe(1);
    // The last statement grants deletes through a wildcard, and on every bucket.
    expect(json(run)[0]!.messages.map((m) => m.ruleId)).toEqual(['presign/signer-wildcard-action', 'presign/signer-broad-resource']);
  });

  it('a document nested 10,000 deep is a located error, not a crash', () => {
    const dir = writeFiles({ 'deep.json': '{"Statement": ' + '['.repeat(10_000) + ']'.repeat(10_000) + '}' });
    const run = runBin(['--format', 'json', dir]);
    expect(run.status).toBe(2);
    expect(json(run)[0]!.messages).toMatchObject([{ ruleId: 'presign-audit/too-deep', line: 1, fatal: true }]);
  });

  it('a JSON file that is not a policy is an explicit unknown-format error when named, and a skip said on stderr when met in a directory', () => {
    const dir = writeFiles({ 'settings.json': '{"editor.tabSize": 2}' });
    const named = runBin(['--format', 'json', path.join(dir, 'settings.json')]);
    expect(named.status).toBe(2);
    expect(json(named)[0]!.messages).toMatchObject([{ ruleId: 'presign-audit/unknown-format', line: 1, column: 1 }]);
    const walked = runBin(['--format', 'json', dir]);
    expect(walked.status).toBe(0);
    expect(json(walked)).toEqual([]);
    expect(walked.stderr).toMatch(/skipped 1 file found in directories that is not a policy, template, plan or account dump: .*settings\.json/);
  });

  it('a YAML file that is no template is an unknown-format error when named, and a skip said on stderr when met in a directory, also for the signer report', () => {
    const dir = writeFiles({
      'deploy/service.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: uploads\n',
      'infra/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Media:\n    Type: AWS::S3::Bucket\n",
    });
    const named = runBin(['--format', 'json', path.join(dir, 'deploy/service.yaml')]);
    expect(named.status).toBe(2);
    expect(json(named)[0]!.messages).toMatchObject([{ ruleId: 'presign-audit/unknown-format', line: 1, column: 1, fatal: true }]);
    const walked = runBin(['--format', 'json', dir]);
    expect(walked.status).toBe(0);
    expect(json(walked).map((r) => path.relative(dir, r.filePath))).toEqual([path.join('infra', 'template.yaml')]);
    expect(walked.stderr).toMatch(/skipped 1 file found in directories that is not a policy, template, plan or account dump: .*service\.yaml/);
    const report = runBin(['--signers-report', dir]);
    expect(report.status).toBe(0);
    expect(report.stderr).toMatch(/skipped 1 file .*service\.yaml/);
    expect(runBin(['--signers-report', path.join(dir, 'deploy/service.yaml')]).status).toBe(2);
  });

  it('usage errors exit 2; --help and --version exit 0', () => {
    const xml = runBin(['--format', 'xml', POLICY_FIXTURES]);
    expect(xml.status).toBe(2);
    expect(xml.stderr).toContain('unknown format "xml"');
    expect(runBin(['--no-such-flag'])).toMatchObject({ status: 2 });
    expect(runBin(['--max-warnings', 'many', POLICY_FIXTURES])).toMatchObject({ status: 2 });
    const noMatch = runBin(['does-not-exist/*.json']);
    expect(noMatch.status).toBe(2);
    expect(noMatch.stderr).toContain('no files match');
    const help = runBin(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--max-warnings');
    expect(runBin(['--version'])).toMatchObject({ status: 0, stdout: `${VERSION}\n` });
  });

  it('--config sets severities and options; --quiet and --max-warnings follow ESLint', () => {
    const dir = writeFiles({
      'policies/signer.json': JSON.stringify(BAD),
      'presign-audit.config.json': JSON.stringify({ rules: { 'presign/signer-wildcard-action': 'warn' } }),
      'strict.json': JSON.stringify({ rules: { 'presign/signer-wildcard-action': ['error', { allowedActions: ['s3:GetObject'] }] } }),
      'off.json': JSON.stringify({ identityPolicies: 'not-signer' }),
      'broken-config.json': JSON.stringify({ rules: { 'presign/signer-wildcard-action': ['error', { allowed: [] }] } }),
    });
    const warned = runBin(['--format', 'json', 'policies'], dir);
    expect(warned.status).toBe(0);
    expect(json(warned)[0]!.messages).toMatchObject([{ severity: 1 }]);
    expect(runBin(['--max-warnings', '0', 'policies'], dir).status).toBe(1);
    expect(runBin(['--max-warnings', '1', 'policies'], dir).status).toBe(0);
    expect(json(runBin(['--quiet', '--format', 'json', 'policies'], dir))[0]!.messages).toEqual([]);
    expect(runBin(['--config', 'strict.json', 'policies'], dir).status).toBe(1);
    expect(runBin(['--config', 'off.json', 'policies'], dir).status).toBe(0);
    const broken = runBin(['--config', 'broken-config.json', 'policies'], dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('options should NOT have additional properties ("allowed")');
    expect(runBin(['--config', 'missing.json', 'policies'], dir).status).toBe(2);
  });

  it('--output-file writes the report instead of printing it', () => {
    const dir = tempDir();
    const target = path.join(dir, 'reports', 'presign.json');
    const run = runBin(['--format', 'json', '--output-file', target, POLICY_FIXTURES]);
    expect(run).toMatchObject({ status: 1, stdout: '' });
    // One result per policy file of the fixtures.
    expect(JSON.parse(readFileSync(target, 'utf8'))).toHaveLength(readdirSync(POLICY_FIXTURES, { recursive: true }).filter((f) => String(f).endsWith('.json')).length);
  });
});
