import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeInventories } from '../../src/policy/inventory.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { signerModel } from '../../src/policy/signers.js';
import { renderSignerReportHtml } from '../../src/report/render-html.js';
import { renderSignerReportText } from '../../src/report/render-text.js';
import { buildSignerReport, REPORT_COLUMNS, type SignerReport } from '../../src/report/signer-report.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (...files: string[]) => mergeInventories(files.map((f) => readPolicyFile(readFileSync(path.join(ROOT, f), 'utf8'), f)));

function report(files: string[], patterns: string[] | null = null): SignerReport {
  const inventory = read(...files);
  return buildSignerReport(inventory, signerModel(inventory, { signers: patterns, identityPoliciesAreSigners: true }));
}

/** `label -> answer` for one row, as the text renderer words it. */
function row(r: SignerReport, signer: string, bucket: string, keys?: string) {
  const target = r.signers.find((s) => s.name === signer)?.targets.find((t) => t.bucket === bucket && (keys === undefined || t.keys === keys));
  if (!target) throw new Error(`no row ${signer} ${bucket} ${keys ?? ''}`);
  return Object.fromEntries(r.columns.map((c, i) => [c.label, target.cells[i]!.decision === 'depends' ? `depends on ${target.cells[i]!.on.join(', ')}` : target.cells[i]!.decision]));
}

describe('signer report from a SAM template', () => {
  const r = report(['fixtures/templates/upload-service.yaml']);

  it('takes the Lambda roles as signers', () => {
    expect(r.signerSource).toBe('code');
    expect(r.signers.map((s) => s.name)).toEqual(['SignerRole', 'ResizeFunctionRole']);
  });

  it('answers each action on the bucket, with the TLS Deny as a dependency and the KMS key policy delegating to IAM', () => {
    const uploads = row(r, 'SignerRole', 'photo-uploads-prod', '*');
    expect(uploads).toMatchObject({
      get: 'depends on aws:SecureTransport',
      put: 'depends on aws:SecureTransport',
      delete: 'implicit-deny',
      'bucket policy': 'implicit-deny',
    });
    // The key policy delegates to the stack's account (${AWS::AccountId}:root), so the role's identity
    // policy decides the KMS columns; it allows no kms: action, as presign/kms-signer-access reports.
    expect(uploads).toMatchObject({ 'kms decrypt': 'implicit-deny', 'kms data key': 'implicit-deny' });
  });

  it('keeps a role granted every bucket (Resource "*") as a row of its own', () => {
    const resize = r.signers.find((s) => s.name === 'ResizeFunctionRole')!;
    expect(resize.targets.length).toBeGreaterThan(0);
  });
});

describe('signer report from plain policy files', () => {
  const files = ['fixtures/policies/signer-role/good-signer.json', 'fixtures/policies/signer-role/bad-wildcard-signer.json', 'fixtures/policies/bucket/good-enforced-sse.json'];
  const r = report(files);

  it('takes every identity policy as a signer and names buckets from the bucket policy', () => {
    expect(r.signerSource).toBe('code');
    expect(r.signers.map((s) => s.name)).toEqual(files.slice(0, 2));
  });

  it('scopes answers to the key pattern the signer is granted, with the bucket policy\'s Denies as dependencies', () => {
    expect(row(r, files[0]!, 'acme-user-uploads', 'incoming/*')).toEqual({
      get: 'depends on s3:signatureAge',
      put: 'depends on s3:x-amz-server-side-encryption, s3:signatureAge',
      delete: 'implicit-deny',
      'object ACL': 'implicit-deny',
      'bucket policy': 'implicit-deny',
      'bucket ACL': 'implicit-deny',
      'kms decrypt': 'not-applicable',
      'kms data key': 'not-applicable',
    });
  });

  it('shows what a wildcard signer can do to the bucket itself (the Denies cover objects only)', () => {
    expect(row(r, files[1]!, 'acme-user-uploads')).toMatchObject({ delete: 'depends on s3:signatureAge', 'bucket policy': 'allow', 'bucket ACL': 'allow' });
  });
});

describe('renderers', () => {
  // No bucket policy read: the signer's own grant decides.
  const r = report(['fixtures/policies/signer-role/good-signer.json']);

  it('text: one header with every column and one row per target, without colour when asked', () => {
    const text = renderSignerReportText(r, false);
    expect(text).not.toContain('\u001b[');
    const header = text.split('\n').find((l) => l.trim().startsWith('bucket'))!;
    for (const column of REPORT_COLUMNS) expect(header).toContain(column.label);
    expect(text).toMatch(/acme-user-uploads\s+incoming\/\*\s+allow\s+allow\s+implicit deny/);
  });

  it('text: colours answers in a terminal', () => {
    expect(renderSignerReportText(r, true)).toContain('\u001b[31mallow');
  });

  it('html: one self-contained page, no script, no external resource', () => {
    const html = renderSignerReportHtml(r, { version: '0.0.0' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toMatch(/<td class="allow"[^>]*>allow<\/td>/);
  });

  it('html: escapes what comes from the policies', () => {
    const hostile: SignerReport = { ...r, signers: [{ ...r.signers[0]!, name: '<img src=x onerror=alert(1)>' }] };
    const html = renderSignerReportHtml(hostile, { version: '0.0.0' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });
});

describe('readable at a glance', () => {
  it('opens with a summary of signers, buckets and risky rows, in both renderers', () => {
    const r = report(['fixtures/templates/upload-service.yaml']);
    const text = renderSignerReportText(r, false);
    const html = renderSignerReportHtml(r, { version: '0' });
    const buckets = new Set(r.signers.flatMap((s) => s.targets.map((t) => t.bucket))).size;
    const first = text.split('\n').slice(1, 4);
    expect(first[0]).toBe(`2 signers reaching ${buckets} buckets (${r.signers.flatMap((s) => s.targets).length} rows below).`);
    expect(first[1]).toMatch(/^\d+ rows? where a URL may delete objects or change an ACL or the bucket policy/);
    expect(first[2]).toMatch(/^\d+ rows? with an answer that depends on a request value\.$/);
    expect(html.indexOf('<ul class="summary"><li>2 signers reaching')).toBeGreaterThan(-1);
    expect(html.indexOf('<ul class="summary">')).toBeLessThan(html.indexOf('<h2>'));
  });

  it('shows an unresolved template reference as a readable unknown, and IAM policy variables as IAM writes them', () => {
    const r: SignerReport = {
      signerSource: 'code',
      assumptions: [],
      columns: REPORT_COLUMNS.slice(0, 1),
      signers: [
        {
          name: 'SignerRole',
          arn: 'arn:aws:iam::${AWS::AccountId}:role/${AWS::StackName}-signer',
          reason: 'run by Lambda function UploadFunction',
          file: 'template.yaml',
          line: 3,
          targets: [{ bucket: '${UploadBucket}', keys: 'users/${aws:username}/${Prefix}*', bucketPolicy: false, kmsKey: '${DataKey.Arn}', cells: [{ decision: 'allow', on: [], statements: [] }] }],
        },
      ],
    };
    for (const output of [renderSignerReportText(r, false), renderSignerReportHtml(r, { version: '0' })]) {
      expect(output).not.toMatch(/\$\{(?!aws:username\})/);
      expect(output).toContain('${aws:username}');
    }
    const text = renderSignerReportText(r, false);
    expect(text).toContain('arn:aws:iam::<account>:role/<stack name>-signer');
    expect(text).toContain('users/${aws:username}/<Prefix>*');
    expect(text).toContain('<UploadBucket>');
    const html = renderSignerReportHtml(r, { version: '0' });
    expect(html).toContain('<code>&#60;UploadBucket&#62;</code>');
    expect(html).toContain('KMS: &#60;DataKey ARN&#62;');
  });

  it('keeps wide tables inside the page: long names wrap, a table wider than the window scrolls in its own box', () => {
    const html = renderSignerReportHtml(report(['fixtures/templates/upload-service.yaml']), { version: '0' });
    expect(html).toMatch(/\.table \{[^}]*overflow-x: auto/);
    expect(html).toMatch(/th, td, code[^{]*\{[^}]*overflow-wrap: anywhere/);
    expect(html).toMatch(/table \{[^}]*width: 100%; min-width: 60rem; table-layout: fixed/);
    expect(html.match(/<div class="table"><table>/g)?.length).toBe(html.match(/<table>/g)?.length);
    // No width fixed in pixels that would overflow a 1400 px window.
    expect(html).not.toMatch(/width:\s*\d{4,}px/);
  });
});
