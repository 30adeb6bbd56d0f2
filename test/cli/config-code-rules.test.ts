import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../src/cli/config.js';
import { POLICY_FIXTURES, runBin, tempDir } from './run-bin.js';

describe('code rules in presign-audit.config.json', () => {
  it('take severities and options validated against the rule schema', () => {
    const config = resolveConfig({ rules: { 'presign/max-expiry': ['warn', { maxSeconds: 3600 }], 'presign/no-sigv2': 'off' } }, null);
    const maxExpiry = config.rules.find((r) => r.rule.name === 'max-expiry');
    expect(maxExpiry).toMatchObject({ severity: 1, given: [{ maxSeconds: 3600 }], options: { maxSeconds: 3600 } });
    expect(config.rules.some((r) => r.rule.name === 'no-sigv2')).toBe(false);
    expect(() => resolveConfig({ rules: { 'presign/max-expiry': ['error', { maxSeconds: 'a week' }] } }, null)).toThrow(ConfigError);
  });

  it('are validated by the validator ESLint itself uses, so a config mistake is a config error, not an internal error', () => {
    // Passed the old hand-written schema subset, then failed inside ESLint's ajv as "internal error".
    expect(() => resolveConfig({ rules: { 'presign/no-url-logging': ['error', { sinks: ['', ''] }] } }, 'presign-audit.config.json')).toThrow(
      /presign-audit\.config\.json: rule "presign\/no-url-logging": options\.sinks\[0\] should NOT be shorter than 1 characters\./,
    );
    expect(() => resolveConfig({ rules: { 'presign/no-url-logging': ['error', { sinks: ['a', 'a'] }] } }, null)).toThrow(/options\.sinks should NOT have duplicate items/);
    expect(() => resolveConfig({ rules: { 'presign/max-expiry': ['error', { maxSeconds: 60, unknown: 1 }] } }, null)).toThrow(/options should NOT have additional properties \("unknown"\)/);
    expect(() => resolveConfig({ rules: { 'presign/no-sigv2': ['error', { any: 1 }] } }, null)).toThrow(/takes no options/);
    expect(() => resolveConfig({ rules: { 'presign/explicit-method': ['error', { operationIsExplicit: 'yes' }] } }, null)).toThrow(/presign\/explicit-method/);
    // Options with their defaults left out are merged over the defaults, as ESLint merges them.
    const lifetimes = resolveConfig({ rules: { 'presign/temporary-credentials-expiry': ['error', { lifetimes: { lambdaRole: 3600 } }] } }, null);
    expect(lifetimes.rules.find((r) => r.rule.name === 'temporary-credentials-expiry')!.options).toEqual({ lifetimes: { lambdaRole: 3600 } });
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
