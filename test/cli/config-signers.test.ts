import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../src/cli/config.js';
import { auditPolicies } from '../../src/engine/policies.js';

const UPLOADS = path.resolve(import.meta.dirname, '../../fixtures/templates/upload-service.yaml');

describe('the signers setting', () => {
  it('takes role names and ARN patterns, and rejects anything else', () => {
    expect(resolveConfig({ signers: ['upload-signer', 'arn:aws:iam::*:role/presign-*'] }, null).settings.signers).toEqual(['upload-signer', 'arn:aws:iam::*:role/presign-*']);
    expect(resolveConfig({}, null).settings.signers).toBeNull();
    expect(() => resolveConfig({ signers: 'upload-signer' }, null)).toThrow(ConfigError);
    expect(() => resolveConfig({ signers: [''] }, null)).toThrow(/role names or ARN patterns/);
  });

  it('decides which roles the set-level rules treat as signers', () => {
    const ruleIds = (raw: object) => auditPolicies([UPLOADS], resolveConfig(raw, null)).results[0]!.messages.map((m) => m.ruleId);
    // By default the Lambda roles sign: SignerRole (KMS, signature age) and ResizeFunctionRole (broad resource).
    expect(ruleIds({})).toContain('presign/kms-signer-access');
    expect(ruleIds({})).toContain('presign/signer-broad-resource');
    // Only SignerRole: no broad-resource finding for the resize role.
    expect(ruleIds({ signers: ['SignerRole'] })).not.toContain('presign/signer-broad-resource');
    // The per-document rule (signer-wildcard-action) takes the same signers as the set-level rules.
    expect(ruleIds({})).toContain('presign/signer-wildcard-action');
    expect(ruleIds({ signers: ['nobody'] })).toEqual([]);
  });
});
