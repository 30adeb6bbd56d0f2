import { describe, expect, it } from 'vitest';
import rule from '../../../rules/code-x-policy/signer-missing-permission.js';
import { checkSite, bucket, inventory, policy, role, sitesOf } from './helpers.js';

const V3 = `import { S3Client, GetObjectCommand, PutObjectCommand, DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
`;

const readWriteUploads = policy({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-uploads/uploads/*' },
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-uploads' },
  ],
});

function check(code: string, signer = role('upload-signer', [readWriteUploads]), bucketPolicy = null as ReturnType<typeof policy> | null) {
  const b = bucket('acme-uploads', bucketPolicy);
  const inv = inventory([signer], [b]);
  return sitesOf(code).flatMap((site) => checkSite(rule, { site, tie: { role: signer, bucket: { name: 'acme-uploads', info: b } }, inventory: inv }));
}

describe('presign/signer-missing-permission', () => {
  it('reports an operation the role may not perform: DeleteObject', () => {
    const findings = check(V3 + `getSignedUrl(s3, new DeleteObjectCommand({ Bucket: 'acme-uploads', Key: 'uploads/a.png' }));`);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.messageId).toBe('missingPermission');
    expect(findings[0]!.data).toMatchObject({ operation: 'DeleteObject', action: 's3:DeleteObject', role: 'upload-signer', bucket: 'acme-uploads', decision: 'no statement allows it' });
    expect((findings[0]!.node as { loc: { start: { line: number } } }).loc.start.line).toBe(4);
  });

  it('reports a constant key outside the allowed prefix', () => {
    expect(check(V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'acme-uploads', Key: 'private/report.pdf' }));`)).toHaveLength(1);
  });

  it('leaves allowed operations alone, whatever the key when the code does not show it', () => {
    expect(check(V3 + `export const f = (k: string) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: k }));`)).toEqual([]);
    expect(check(V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'acme-uploads', Key: 'uploads/a.png' }));`)).toEqual([]);
    expect(check(V3 + `getSignedUrl(s3, new ListObjectsV2Command({ Bucket: 'acme-uploads' }));`)).toEqual([]);
  });

  it('multipart uploads are authorised as s3:PutObject', () => {
    const code = `import { S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
getSignedUrl(new S3Client({}), new UploadPartCommand({ Bucket: 'acme-uploads', Key: 'uploads/big.bin', UploadId: 'u', PartNumber: 1 }));`;
    expect(check(code)).toEqual([]);
  });

  it('reports an explicit Deny in the bucket policy', () => {
    const denyDeletes = policy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-uploads/uploads/secret/*' }],
    });
    const findings = check(V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'acme-uploads', Key: 'uploads/secret/a' }));`, undefined, denyDeletes);
    expect(findings.map((f) => f.data!['decision'])).toEqual(['an explicit Deny applies']);
  });

  it('says nothing when a condition decides (depends on a key the code does not show)', () => {
    const conditional = policy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::acme-uploads/*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }],
    });
    expect(check(V3 + `getSignedUrl(s3, new DeleteObjectCommand({ Bucket: 'acme-uploads', Key: 'a' }));`, role('r', [conditional]))).toEqual([]);
  });

  it('says nothing when the role or bucket is not tied, or the role has policies it could not read', () => {
    const [site] = sitesOf(V3 + `getSignedUrl(s3, new DeleteObjectCommand({ Bucket: 'acme-uploads', Key: 'a' }));`);
    const signer = role('upload-signer', [readWriteUploads]);
    const b = bucket('acme-uploads', null);
    const inv = inventory([signer], [b]);
    expect(checkSite(rule, { site: site!, tie: { role: null, bucket: { name: 'acme-uploads', info: b } }, inventory: inv })).toEqual([]);
    expect(checkSite(rule, { site: site!, tie: { role: signer, bucket: null }, inventory: inv })).toEqual([]);
    // A bucket the run did not read may grant the role in its own policy.
    expect(checkSite(rule, { site: site!, tie: { role: signer, bucket: { name: 'acme-uploads', info: null } }, inventory: inv })).toEqual([]);
    const managed = role('upload-signer', [readWriteUploads], { unreadPolicies: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'] });
    expect(checkSite(rule, { site: site!, tie: { role: managed, bucket: { name: 'acme-uploads', info: b } }, inventory: inv })).toEqual([]);
  });
});
