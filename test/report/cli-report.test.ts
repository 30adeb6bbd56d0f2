import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/cli/execute.js';
import { FILE_SERVICE_ROLE_POLICY } from '../policy/signer-inputs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SIGNER = 'fixtures/policies/signer-role/good-signer.json';

async function run(args: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const code = await execute(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}

describe('presign-audit --signers-report', () => {
  it('prints the table instead of findings', async () => {
    const { code, stdout, stderr } = await run(['--signers-report', SIGNER]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^Signer report\n/);
    expect(stdout).toMatch(/acme-user-uploads\s+incoming\/\*\s+allow\s+allow\s+implicit deny/);
    expect(stdout).not.toContain('problem');
  });

  it('--signers-report-html writes the page and prints nothing else', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-report-'));
    const { code, stdout } = await run(['--signers-report-html', path.join(dir, 'out/report.html'), SIGNER]);
    expect([code, stdout]).toEqual([0, '']);
    expect(readFileSync(path.join(dir, 'out/report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*acme-user-uploads/);
  });

  it('with code in the run: each row says what the code needs and what the role has beyond it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-report-'));
    const cwd = path.join(ROOT, 'fixtures/least-privilege/js-kms');
    const { code, stdout, stderr } = await run(['--signers-report', '--signers-report-html', path.join(dir, 'report.html'), '.'], cwd);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/acme-reports\s+\*\s+allow\s+allow\s+allow\s.*needed: get, put, kms decrypt, kms data key; beyond: delete\n/);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('<td class="need beyond">needed: get, put, kms decrypt, kms data key; beyond: delete</td>');
  });

  it('--output-file takes the table, uncoloured', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-report-'));
    const { code, stdout } = await run(['--signers-report', '-o', path.join(dir, 'report.txt'), SIGNER]);
    expect([code, stdout]).toEqual([0, '']);
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toMatch(/^Signer report\n[\s\S]*incoming\/\*/);
  });

  it('reports unreadable input, located, exits 2, and still reports the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-report-'));
    writeFileSync(path.join(dir, 'broken.json'), '{"Statement": [');
    const { code, stdout, stderr } = await run(['--signers-report', path.join(dir, 'broken.json'), path.join(ROOT, SIGNER)], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^broken\.json:1:\d+: /);
    expect(stdout).toContain('acme-user-uploads');
  });

  it('takes the signers the config names', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-report-'));
    writeFileSync(path.join(dir, 'template.yaml'), readFileSync(path.join(ROOT, 'fixtures/templates/upload-service.yaml')));
    writeFileSync(path.join(dir, 'presign-audit.config.json'), JSON.stringify({ signers: ['Resize*'] }));
    const { code, stdout } = await run(['--signers-report', 'template.yaml'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('the config\'s "signers" list');
    expect(stdout).toMatch(/^ResizeFunctionRole /m);
    expect(stdout).not.toMatch(/^SignerRole /m);
  });

  it('takes a get-role-policy file by its RoleName, as the rules do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-report-'));
    writeFileSync(path.join(dir, 'file-service-signer.json'), FILE_SERVICE_ROLE_POLICY);
    writeFileSync(path.join(dir, 'presign-audit.config.json'), JSON.stringify({ signers: ['file-service-signer'] }));
    const report = await run(['--signers-report', 'file-service-signer.json'], dir);
    expect(report.stdout).toMatch(/^file-service-signer\s+file-service-signer\.json:\d+ \(named in the config's "signers"\)$/m);
    expect(report.stdout).toMatch(/acme-files\s+uploads\/\*\s+allow\s+allow/);
    const findings = await run(['--format', 'json', 'file-service-signer.json'], dir);
    expect((JSON.parse(findings.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).toEqual(['presign/signer-wildcard-action']);
    // Another signer named: neither the report nor the rules take the file.
    writeFileSync(path.join(dir, 'presign-audit.config.json'), JSON.stringify({ signers: ['media-signer'] }));
    expect((await run(['--signers-report', 'file-service-signer.json'], dir)).stdout).toContain('No signer roles or identity policies were read.');
    expect((JSON.parse((await run(['--format', 'json', 'file-service-signer.json'], dir)).stdout) as { messages: unknown[] }[])[0]!.messages).toEqual([]);
  });

  it('is in --help', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toContain('--signers-report ');
    expect(stdout).toContain('--signers-report-html <file>');
  });
});
