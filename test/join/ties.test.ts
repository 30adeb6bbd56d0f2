import { describe, expect, it } from 'vitest';
import { signerModel } from '../../src/policy/signers.js';
import { tieSite } from '../../src/join/ties.js';
import { bucket, inventory, role, sitesOf } from '../rules/code-x-policy/helpers.js';

const code = (bucketExpr: string) => `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
export const f = (b: string) => getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: ${bucketExpr}, Key: 'k' }));`;

const signerA = role('upload-signer', []);
const signerB = role('report-signer', []);
const inv = inventory([signerA, signerB], [bucket('acme-uploads', null), bucket('acme-reports', null)]);

describe('tying code to a role and a bucket', () => {
  it('takes the role of the codeSigners entry matching the module, and the constant Bucket', () => {
    const [site] = sitesOf(code("'acme-uploads'"));
    const tie = tieSite(site!, '/repo/src/uploads/links.ts', {
      cwd: '/repo',
      mappings: [{ files: 'src/uploads/*', role: 'upload-signer' }],
      inventory: inv,
      signers: signerModel(inv, { signers: null, identityPoliciesAreSigners: true }),
    });
    expect(tie.role?.name).toBe('upload-signer');
    expect(tie.bucket?.name).toBe('acme-uploads');
    expect(tie.bucket?.info?.name).toBe('acme-uploads');
  });

  it('takes the bucket of the entry when the code does not name it, a pattern only when one bucket matches', () => {
    const [site] = sitesOf(code('b'));
    const tieWith = (bucketPattern: string) =>
      tieSite(site!, '/repo/src/reports/x.ts', { cwd: '/repo', mappings: [{ files: 'src/reports/*', role: 'report-signer', bucket: bucketPattern }], inventory: inv, signers: signerModel(inv, { signers: null, identityPoliciesAreSigners: true }) });
    expect(tieWith('acme-rep*').bucket?.name).toBe('acme-reports');
    expect(tieWith('acme-*').bucket).toBeNull();
  });

  it('uses the only configured signer when no entry matches, and guesses nothing otherwise', () => {
    const [site] = sitesOf(code("'acme-uploads'"));
    const context = (patterns: string[] | null) => ({ cwd: '/repo', mappings: [], inventory: inv, signers: signerModel(inv, { signers: patterns, identityPoliciesAreSigners: true }) });
    expect(tieSite(site!, '/repo/a.ts', context(['report-*'])).role?.name).toBe('report-signer');
    expect(tieSite(site!, '/repo/a.ts', context(['*-signer'])).role).toBeNull();
    expect(tieSite(site!, '/repo/a.ts', context(null)).role).toBeNull();
  });
});
