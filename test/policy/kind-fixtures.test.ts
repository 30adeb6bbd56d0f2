/**
 * fixtures/policies/<kind>/: one folder per kind of policy, `bad-` files that each kind's rules must
 * report and `good-` files they must leave alone. Each file's kind, and every finding of a whole
 * presign-audit run over the folder, by rule and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicies } from '../../src/engine/policies.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { at } from '../rules/policy/lint-policy.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/policies');
const text = (file: string) => readFileSync(path.join(FIXTURES, file), 'utf8');
const line = (file: string, needle: string, occurrence = 0) => at(text(file), needle, occurrence).line;

/** Every fixture of the kinds this test covers: its kind, and its findings as `rule:line`. */
const EXPECTED: Record<string, { kind: string; findings: string[] }> = {
  'trust/bad-vendor-any-account.json': { kind: 'trust', findings: [`public-trust:${line('trust/bad-vendor-any-account.json', '"*"')}`] },
  'trust/good-github-oidc.json': { kind: 'trust', findings: [] },
  'trust/good-org-wide-readers.json': { kind: 'trust', findings: [] },
  'trust/good-get-role.json': { kind: 'trust', findings: [] },
  // AWS's shape of an S3 gateway endpoint policy: Principal "*" over several buckets. Read as a
  // bucket policy it drew public-principal and require-encryption-condition.
  'vpc-endpoint/good-s3-gateway-endpoint.json': { kind: 'vpc-endpoint', findings: [] },
  'vpc-endpoint/good-default-endpoint-policy.json': { kind: 'vpc-endpoint', findings: [] },
  'vpc-endpoint/bad-office-network-only.json': {
    kind: 'vpc-endpoint',
    findings: [`private-source-ip:${line('vpc-endpoint/bad-office-network-only.json', '"10.40.0.0/16"')}`, `private-source-ip:${line('vpc-endpoint/bad-office-network-only.json', '"10.41.0.0/16"')}`],
  },
  'access-point/bad-public-reports.json': { kind: 'access-point', findings: [`public-principal:${line('access-point/bad-public-reports.json', '"*"')}`] },
  'access-point/good-get-access-point-policy.json': { kind: 'access-point', findings: [] },
  // As an identity policy (no Principal), "Allow *" would be a URL signer's s3:* (signer-wildcard-action).
  'scp/good-full-aws-access.json': { kind: 'scp', findings: [] },
  'scp/good-deny-leaving-and-public-buckets.json': { kind: 'scp', findings: [] },
  'scp/bad-describe-policy-with-principal.json': { kind: 'scp', findings: ['valid-policy:11'] },
  // Principal "*" in every statement: public-principal and missing-Principal checks must stay away.
  'rcp/good-org-identities-only.json': { kind: 'rcp', findings: [] },
  'rcp/bad-secure-transport-typo.json': { kind: 'rcp', findings: [`unknown-condition-key:${line('rcp/bad-secure-transport-typo.json', '"aws:SecureTransports"')}`] },
  'sqs/good-s3-event-queue.json': { kind: 'resource', findings: [] },
  // A boundary grants nothing: its s3:* on "*" is no signer's grant. A stack policy's Update:* is CloudFormation's own action.
  'boundary/good-developer-boundary.json': { kind: 'boundary', findings: [] },
  'stack/good-protect-upload-bucket.json': { kind: 'stack', findings: [] },
  'sqs/bad-get-queue-attributes.json': { kind: 'resource', findings: ['unknown-action:3'] },
  'kms/bad-key-policy.json': { kind: 'kms-key', findings: [`public-principal:${line('kms/bad-key-policy.json', '"*"', 1)}`] },
  'kms/good-get-key-policy.json': { kind: 'kms-key', findings: [] },
  'bucket/bad-get-bucket-policy.json': { kind: 'bucket', findings: ['private-source-ip:2', 'public-principal:2'] },
  'bucket/good-enforced-sse.json': { kind: 'bucket', findings: [] },
  'bucket/good-get-bucket-policy.json': { kind: 'bucket', findings: [] },
  // Log-delivery buckets: the services' uploads ask for no encryption Deny; the app role's do.
  'bucket/good-alb-access-logs.json': { kind: 'bucket', findings: [] },
  'bucket/good-cloudtrail-bucket.json': { kind: 'bucket', findings: [] },
  'bucket/good-logs-and-app-uploads.json': { kind: 'bucket', findings: [] },
  'bucket/bad-logs-and-app-uploads.json': { kind: 'bucket', findings: [`require-encryption-condition:${line('bucket/bad-logs-and-app-uploads.json', '"s3:PutObject"', 1)}`] },
  'bucket/bad-public-upload.json': {
    kind: 'bucket',
    findings: [`public-principal:${line('bucket/bad-public-upload.json', '"*"')}`, `require-encryption-condition:${line('bucket/bad-public-upload.json', '"s3:x-amz-server-side-encryption"')}`],
  },
};

describe('fixtures/policies by kind', () => {
  const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json') && !f.startsWith('signer-role'));

  it('covers every fixture of these folders, and each kind of policy', () => {
    expect(files.map((f) => f.split(path.sep).join('/')).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(Object.values(EXPECTED).map((e) => e.kind))).toEqual(new Set(['trust', 'vpc-endpoint', 'access-point', 'scp', 'rcp', 'resource', 'kms-key', 'bucket', 'boundary', 'stack']));
  });

  it('reads each as its kind', () => {
    for (const [file, { kind }] of Object.entries(EXPECTED)) {
      const read = readPolicyFile(text(file), path.join(FIXTURES, file));
      expect(read.errors, file).toEqual([]);
      expect(read.documents.map((d) => d.kind), file).toEqual([kind]);
    }
  });

  it('reports exactly the expected findings, and nothing in good- files', () => {
    const names = Object.keys(EXPECTED);
    const results = auditPolicies(names.map((f) => path.join(FIXTURES, f)), resolveConfig({ preset: 'all' }, null)).results;
    for (const [index, result] of results.entries()) {
      const file = names[index]!;
      const found = result.messages.map((m) => `${m.ruleId.replace('presign/', '')}:${m.line}`);
      expect(found, file).toEqual(EXPECTED[file]!.findings);
      if (path.basename(file).startsWith('good-')) expect(found, file).toEqual([]);
    }
  });
});
