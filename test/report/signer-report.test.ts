import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeInventories } from '../../src/policy/inventory.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { signerModel } from '../../src/policy/signers.js';
import { renderSignerReportHtml } from '../../src/report/render-html.js';
import { renderSignerReportText } from '../../src/report/render-text.js';
import { buildSignerReport, REPORT_COLUMNS, type CodeNeedView, type SignerReport } from '../../src/report/signer-report.js';

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

describe('the code column: needed by the code / beyond need', () => {
  const TEMPLATE = 'fixtures/least-privilege/js-kms/template.yaml';
  const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const inventory = read(TEMPLATE);
  const model = signerModel(inventory, { signers: null, identityPoliciesAreSigners: true });
  const signerRole = inventory.roles.find((r) => r.name === 'reports-signer')!;
  // What the fixture's code needs (src/handler.js): monthly reports down, attachments up, through the bucket's key.
  const grants = [
    { action: 's3:GetObject', resources: ['arn:aws:s3:::acme-reports/monthly/*'] },
    { action: 's3:PutObject', resources: ['arn:aws:s3:::acme-reports/attachments/*'] },
    { action: 'kms:Decrypt', resources: [KEY] },
    { action: 'kms:GenerateDataKey', resources: [KEY] },
  ];
  const withNeed = (view: Partial<CodeNeedView>) => buildSignerReport(inventory, model, new Map([[signerRole, { unknown: null, kmsUnknown: null, grants, ...view }]]));

  it('splits what a row allows into what the code needs and what it is granted beyond that', () => {
    const r = withNeed({});
    expect(r.codeRead).toBe(true);
    const signer = r.signers.find((s) => s.name === 'reports-signer')!;
    expect(signer.needUnknown).toBeNull();
    expect(signer.targets.map((t) => [t.bucket, t.keys, t.need])).toEqual([['acme-reports', '*', { needed: ['get', 'put', 'kms decrypt', 'kms data key'], beyond: ['delete'], unknown: [] }]]);
  });

  it('says unknown where the KMS need is unknown, and for the whole signer where the need is', () => {
    const kms = withNeed({ kmsUnknown: 'the code uses another AWS service (src/q.js:2)' }).signers[0]!.targets[0]!.need;
    expect(kms).toEqual({ needed: ['get', 'put'], beyond: ['delete'], unknown: ['kms decrypt', 'kms data key'] });
    const unknown = withNeed({ unknown: 'the role runs 2 functions, whose code the run may not have read whole' });
    expect(unknown.signers[0]!.targets[0]!.need).toBeNull();
    const text = renderSignerReportText(unknown, false);
    expect(text).toContain('code need unknown: the role runs 2 functions');
    expect(text).toMatch(/acme-reports\s+\*\s+allow.*\s+unknown\n/);
    // A role no code of the run is tied to: its need is not known either.
    const untied = buildSignerReport(inventory, model, new Map());
    expect(untied.signers[0]!.needUnknown).toBe('the run read no code that runs as it');
  });

  it('text and HTML: the column, its heading and the beyond-need cell', () => {
    const r = withNeed({});
    const text = renderSignerReportText(r, false);
    expect(text.split('\n').find((l) => l.trim().startsWith('bucket'))).toMatch(/kms data key\s+needed by the code \/ beyond need$/);
    expect(text).toMatch(/acme-reports\s+\*\s+allow\s+allow\s+allow\s.*needed: get, put, kms decrypt, kms data key; beyond: delete\n/);
    const html = renderSignerReportHtml(r, { version: '0' });
    expect(html).toContain('<th>needed by the code / beyond need</th>');
    expect(html).toContain('<td class="need beyond">needed: get, put, kms decrypt, kms data key; beyond: delete</td>');
  });

  it('has no code column when the run read no code', () => {
    const r = buildSignerReport(inventory, model);
    expect(r.codeRead).toBe(false);
    expect(renderSignerReportText(r, false)).not.toContain('needed by the code');
    expect(renderSignerReportHtml(r, { version: '0' })).not.toContain('needed by the code');
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
      codeRead: false,
      assumptions: [],
      columns: REPORT_COLUMNS.slice(0, 1),
      signers: [
        {
          name: 'SignerRole',
          arn: 'arn:aws:iam::${AWS::AccountId}:role/${AWS::StackName}-signer',
          reason: 'run by Lambda function UploadFunction',
          file: 'template.yaml',
          line: 3,
          targets: [
            { bucket: '${UploadBucket}', keys: 'users/${aws:username}/${Prefix}*', bucketPolicy: false, kmsKey: '${DataKey.Arn}', kmsKeyArn: null, cells: [{ decision: 'allow', on: [], statements: [] }], need: null },
          ],
          needUnknown: null,
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
