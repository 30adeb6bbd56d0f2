/**
 * A rule that throws is our bug, never the end of a run: for each subject and each host (the ESLint
 * plugin, presign-audit on JS/TS, Python, policies, inventories, code against policies) the failure
 * becomes a located internal error, and the other rules' findings are still reported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ruleNamed } from '../../rules/index.js';
import { resolveConfig } from '../../src/cli/config.js';
import type { LintMessage } from '../../src/core/results.js';
import { crossCheck } from '../../src/engine/cross.js';
import { auditCode } from '../../src/engine/javascript.js';
import { auditPolicyTexts } from '../../src/engine/policies.js';
import { auditPythonSource } from '../../src/engine/python.js';
import presign from '../../src/index.js';
import { bucket, inventory, policy, role, sitesOf } from '../rules/code-x-policy/helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
const config = resolveConfig({ preset: 'all' }, null);

/** Makes one registered rule throw for the rest of the test. */
function breakRule(name: string): void {
  const rule = ruleNamed(name);
  if (!rule) throw new Error(`no rule ${name}`);
  vi.spyOn(rule, 'check').mockImplementation(() => {
    throw new Error('boom');
  });
}

const ids = (messages: readonly LintMessage[]) => messages.map((m) => m.ruleId);

const V3_CODE = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
export const url = (op: string) => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 700000 });
export const other = (cmd: any) => getSignedUrl(s3, cmd, { expiresIn: 60 });
`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a rule that throws', () => {
  it('in the ESLint plugin: reported at the call it failed on, the other rules still run', () => {
    breakRule('max-expiry');
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(V3_CODE, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, { files: ['**/*.ts'], ...presign.configs.all }], 'a.ts');
    const failure = messages.find((m) => m.ruleId === 'presign/max-expiry');
    expect(failure?.message).toBe('Internal error in presign/max-expiry; please report it with the code. Reason: boom. The other rules still ran.');
    expect(failure?.line).toBe(4);
    expect(messages.some((m) => m.ruleId === 'presign/explicit-method')).toBe(true);
  });

  it('in presign-audit on JS/TS: a presign-audit/internal-error, the other rules still run', async () => {
    breakRule('max-expiry');
    const file = path.join(root, 'fixtures/code/download-links.ts');
    const result = await auditCode([file], config);
    const messages = result.files.get(file) ?? [];
    expect(messages.find((m) => m.ruleId === 'presign-audit/internal-error')?.message).toMatch(/^Internal error in presign\/max-expiry; please report it with the [a-z ]+\. Reason: boom\./);
    expect(ids(messages)).not.toContain('presign/max-expiry');
    expect(ids(messages).some((id) => id.startsWith('presign/'))).toBe(true);
  });

  it('in presign-audit on Python: at the call, the other rules still run', async () => {
    breakRule('explicit-method');
    const source = `import boto3\ns3 = boto3.client('s3', region_name='eu-west-1')\nurl = s3.generate_presigned_url(op, Params={'Bucket': 'b', 'Key': 'k'}, ExpiresIn=700000)\n`;
    const messages = await auditPythonSource(source, config);
    const failure = messages.find((m) => m.ruleId === 'presign-audit/internal-error');
    expect(failure?.line).toBe(3);
    expect(failure?.message).toMatch(/^Internal error in presign\/explicit-method; please report it with the [a-z ]+\. Reason: boom\./);
    expect(ids(messages)).toContain('presign/no-sigv2');
  });

  it('on a policy document: at the document, the other rules still run', () => {
    breakRule('public-principal');
    const text = readFileSync(path.join(root, 'fixtures/policies/bucket/bad-public-upload.json'), 'utf8');
    const [result] = auditPolicyTexts([{ file: 'bucket.json', text }], config).results;
    expect(result!.messages.find((m) => m.ruleId === 'presign-audit/internal-error')?.message).toMatch(/^Internal error in presign\/public-principal; please report it with the [a-z ]+\. Reason: boom\./);
    expect(ids(result!.messages)).toContain('presign/require-encryption-condition');
  });

  it('on an inventory: at the first thing the run read, the other rules still run', () => {
    breakRule('signature-age-limit');
    const text = readFileSync(path.join(root, 'fixtures/templates/upload-service.yaml'), 'utf8');
    const [result] = auditPolicyTexts([{ file: 'template.yaml', text }], config).results;
    expect(result!.messages.find((m) => m.ruleId === 'presign-audit/internal-error')?.message).toMatch(/^Internal error in presign\/signature-age-limit; please report it with the [a-z ]+\. Reason: boom\./);
    expect(ids(result!.messages).some((id) => id.startsWith('presign/'))).toBe(true);
  });

  it('on one input\'s signers: in that input, and once in each input', () => {
    breakRule('signer-broad-resource');
    const broad = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }, null, 2);
    const template = readFileSync(path.join(root, 'fixtures/templates/upload-service.yaml'), 'utf8');
    const [policyFile, templateFile] = auditPolicyTexts([{ file: 'signer.json', text: broad }, { file: 'template.yaml', text: template }], config).results;
    expect(policyFile!.messages.find((m) => m.ruleId === 'presign-audit/internal-error')?.message).toMatch(/^Internal error in presign\/signer-broad-resource; please report it with the [a-z ]+\. Reason: boom\./);
    // Each input's signers are checked apart: the template's signer role fails in the template, once.
    for (const result of [policyFile!, templateFile!]) expect(ids(result.messages).filter((id) => id === 'presign-audit/internal-error')).toHaveLength(1);
    expect(ids(templateFile!.messages).some((id) => id.startsWith('presign/'))).toBe(true);
  });

  it('on an inventory whose first document the join does not keep (a bucket policy file): still at that document', () => {
    breakRule('signature-age-limit');
    const bucketPolicy = readFileSync(path.join(root, 'fixtures/policies/bucket/bad-public-upload.json'), 'utf8');
    const template = readFileSync(path.join(root, 'fixtures/templates/upload-service.yaml'), 'utf8');
    const [first, second] = auditPolicyTexts([{ file: 'bucket.json', text: bucketPolicy }, { file: 'template.yaml', text: template }], config).results;
    const failure = first!.messages.find((m) => m.ruleId === 'presign-audit/internal-error');
    expect(failure?.message).toMatch(/^Internal error in presign\/signature-age-limit; please report it with the [a-z ]+\. Reason: boom\./);
    expect(failure?.line).toBe(bucketPolicy.split('\n').findIndex((line) => line.trim() !== '') + 1);
    expect(ids(second!.messages)).not.toContain('presign-audit/internal-error');
  });

  it('holding code against policies: at the call, the other rules still run', () => {
    breakRule('upload-missing-sse');
    const [site] = sitesOf(`import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
getSignedUrl(s3, new DeleteObjectCommand({ Bucket: 'acme-uploads', Key: 'k' }));
`);
    const readOnly = policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-uploads/*' }] });
    const signer = role('upload-signer', [readOnly]);
    const run = inventory([signer], [bucket('acme-uploads', null)]);
    const found = crossCheck([{ file: 'service.ts', site: site! }], run, { ...config, codeSigners: [{ files: '*', role: 'upload-signer' }] }, root).get('service.ts') ?? [];
    const failure = found.find((m) => m.ruleId === 'presign-audit/internal-error');
    expect(failure?.line).toBe(4);
    expect(failure?.message).toMatch(/^Internal error in presign\/upload-missing-sse; please report it with the [a-z ]+\. Reason: boom\./);
    expect(ids(found)).toContain('presign/signer-missing-permission');
  });
});
