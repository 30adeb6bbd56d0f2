import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeRules } from '../../rules/index.js';
import { ConfigError, mentionsCodeRules, resolveConfig } from '../../src/cli/config.js';
import { POLICY_FIXTURES, runBin, tempDir } from './run-bin.js';

describe('code rules in presign-audit.config.json', () => {
  it('are told apart from policy and project rules, so a policy-only run loads them only when configured', () => {
    expect(mentionsCodeRules({ rules: { 'presign/public-principal': 'off', 'presign/upload-missing-sse': 'warn' } })).toBe(false);
    expect(mentionsCodeRules({ rules: { 'presign/max-expiry': ['error', { maxSeconds: 3600 }] } })).toBe(true);
    expect(mentionsCodeRules({})).toBe(false);
  });

  it('take severities and options validated against the rule schema', () => {
    const config = resolveConfig({ rules: { 'presign/max-expiry': ['warn', { maxSeconds: 3600 }], 'presign/no-sigv2': 'off' } }, null, codeRules);
    expect(config.codeRules.get('max-expiry')).toEqual({ severity: 1, options: [{ maxSeconds: 3600 }] });
    expect(config.codeRules.has('no-sigv2')).toBe(false);
    expect(() => resolveConfig({ rules: { 'presign/max-expiry': ['error', { maxSeconds: 'a week' }] } }, null, codeRules)).toThrow(ConfigError);
  });

  it('work in a policy-only run (the CLI loads the code rules to validate them)', () => {
    const dir = tempDir();
    const configFile = path.join(dir, 'presign-audit.config.json');
    writeFileSync(configFile, JSON.stringify({ rules: { 'presign/max-expiry': ['error', { maxSeconds: 3600 }] } }));
    expect(runBin(['--config', configFile, path.join(POLICY_FIXTURES, 'signer-role/good-signer.json')]).status).toBe(0);
    writeFileSync(configFile, JSON.stringify({ rules: { 'presign/max-expiry': ['error', { maxSeconds: -1 }] } }));
    const invalid = runBin(['--config', configFile, path.join(POLICY_FIXTURES, 'signer-role/good-signer.json')]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('presign/max-expiry');
  });
});
