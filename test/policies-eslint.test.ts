/**
 * The `policies` flat config lints policy JSON through ESLint's JSON language with the very checks
 * presign-audit runs: the same rule ids at the same places as the CLI's JSON report.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import presign from '../dist/src/index.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');

type Finding = string;

async function eslintFindings(): Promise<Finding[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [presign.configs.policies] });
  const results = await eslint.lintFiles(['fixtures/policies/**/*.json']);
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
}

function cliFindings(): Finding[] {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, ['dist/src/cli/bin.js', '--format', 'json', 'fixtures/policies'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // Exit code 1: findings. The report is on stdout all the same.
    stdout = (error as { stdout: string }).stdout;
  }
  const results = JSON.parse(stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[];
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
}

describe('presign.configs.policies', () => {
  it('reports policy problems in ESLint exactly where presign-audit does', async () => {
    const fromEslint = await eslintFindings();
    expect(fromEslint.length).toBeGreaterThan(5);
    expect(fromEslint).toEqual(cliFindings());
  });

  it('leaves JSON files that are not policies alone, and does not take tool settings for policies at all', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [presign.configs.policies] });
    const [result] = await eslint.lintText('{ "name": "some-service", "version": "1.0.0" }', { filePath: path.join(root, 'config/service.json') });
    expect(result!.messages).toEqual([]);
    // Comments are JSONC, not a parse error, in a JSON file that is no policy.
    const [commented] = await eslint.lintText('{\n  // the region\n  "region": "eu-west-1"\n}\n', { filePath: path.join(root, 'config/settings.json') });
    expect(commented!.messages).toEqual([]);
    for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'packages/web/package.json', '.vscode/settings.json']) {
      expect(await eslint.calculateConfigForFile(path.join(root, file)), file).toBeUndefined();
    }
  });

  it('reads settings.presign.documentKinds relative to the working directory, and stops on a bad one', async () => {
    const onePublicBucket = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-uploads/*' }] }, null, 2);
    const lint = async (settings: object) => {
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [presign.configs.policies, { settings: { presign: settings } }] });
      const [result] = await eslint.lintText(onePublicBucket, { filePath: path.join(root, 'network/endpoints/s3.json') });
      return result!.messages.map((m) => m.ruleId);
    };
    expect(await lint({})).toEqual(['presign/public-principal', 'presign/require-encryption-condition']);
    expect(await lint({ documentKinds: { 'network/endpoints/*.json': 'vpc-endpoint' } })).toEqual([]);
    expect(await lint({ documentKinds: { 'other/*.json': 'vpc-endpoint' } })).toEqual(['presign/public-principal', 'presign/require-encryption-condition']);
    await expect(lint({ documentKinds: { 'network/*.json': 'endpoint' } })).rejects.toThrow(/settings\.presign: "documentKinds": "network\/\*\.json" has kind "endpoint"/);
  });

  it('runs on a policy whose kind is not told only the rules right for every kind it may be', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [presign.configs.policies] });
    // A trust policy IAM would refuse (it names a Resource), or an endpoint policy for STS: public-trust is right for one of them only.
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/deploy' }] });
    const ruleIds = async (file: string) => (await eslint.lintText(text, { filePath: path.join(root, file) }))[0]!.messages.map((m) => m.ruleId);
    expect(await ruleIds('deploy.json')).toEqual([]);
    // Its name says trust policy: both checks of a trust policy run.
    expect(await ruleIds('roles/deploy/trust-policy.json')).toEqual(['presign/public-trust', 'presign/valid-policy']);
  });

  it('enables the policy rules only, in the json language', () => {
    const config = presign.configs.policies;
    expect(config.language).toBe('json/jsonc');
    const policyRules = RULES.filter((rule) => rule.subject === 'document' || rule.subject === 'signers' || rule.subject === 'inventory').map((rule) => `presign/${rule.name}`);
    expect(Object.keys(config.rules ?? {}).sort()).toEqual(policyRules.sort());
  });
});
