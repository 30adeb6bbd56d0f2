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
    stdout = execFileSync(process.execPath, ['dist/src/cli/bin.js', '--format', 'json', 'fixtures/policies'], { cwd: root, encoding: 'utf8' });
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

  it('leaves JSON files that are not policies alone', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [presign.configs.policies] });
    const [result] = await eslint.lintText('{ "name": "some-package", "version": "1.0.0" }', { filePath: path.join(root, 'package.json') });
    expect(result!.messages).toEqual([]);
  });

  it('enables the policy rules only, in the json language', () => {
    const config = presign.configs.policies;
    expect(config.language).toBe('json/json');
    const policyRules = RULES.filter((rule) => rule.subject === 'document' || rule.subject === 'inventory').map((rule) => `presign/${rule.name}`);
    expect(Object.keys(config.rules ?? {}).sort()).toEqual(policyRules.sort());
  });
});
