import { describe, expect, it } from 'vitest';
import rule from '../../../rules/code-x-policy/upload-missing-sse.js';
import { checkSite, bucket, inventory, policy, sitesOf } from './helpers.js';

const IMPORTS = `import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
`;

/** AWS's pattern: deny uploads whose SSE is not aws:kms, and uploads without the header. */
const requireKms = policy(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyWrongEncryption',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::acme-uploads/*',
        Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      },
      {
        Sid: 'DenyMissingEncryption',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::acme-uploads/*',
        Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
      },
    ],
  },
  'bucket-policy.json',
);

function check(code: string, bucketPolicy: ReturnType<typeof policy> | null = requireKms) {
  const b = bucket('acme-uploads', bucketPolicy);
  const inv = inventory([], [b]);
  return sitesOf(code).flatMap((site) => checkSite(rule, { site, tie: { role: null, bucket: { name: 'acme-uploads', info: b } }, inventory: inv }));
}

describe('presign/upload-missing-sse', () => {
  it('reports a presigned PutObject without ServerSideEncryption, naming the Deny', () => {
    const findings = check(IMPORTS + `export const up = (k: string) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: k }));`);
    expect(findings.map((f) => f.messageId)).toEqual(['missingSse']);
    expect(findings[0]!.data!['statement']).toBe('bucket-policy.json:4 "DenyWrongEncryption"');
  });

  it('reports AES256 where the policy requires aws:kms', () => {
    const findings = check(IMPORTS + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'k', ServerSideEncryption: 'AES256' }));`);
    expect(findings.map((f) => [f.messageId, f.data!['sent']])).toEqual([['wrongSse', 'AES256']]);
  });

  it('reports a presigned POST whose policy carries no SSE condition', () => {
    const findings = check(IMPORTS + `createPresignedPost(s3, { Bucket: 'acme-uploads', Key: 'k', Conditions: [['content-length-range', 0, 1000]] });`);
    expect(findings.map((f) => f.messageId)).toEqual(['missingSse']);
  });

  it('leaves alone uploads with the required encryption, downloads, unknown values and buckets without such a policy', () => {
    expect(check(IMPORTS + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'k', ServerSideEncryption: 'aws:kms' }));`)).toEqual([]);
    expect(
      check(IMPORTS + `createPresignedPost(s3, { Bucket: 'acme-uploads', Key: 'k', Fields: { 'x-amz-server-side-encryption': 'aws:kms' }, Conditions: [{ 'x-amz-server-side-encryption': 'aws:kms' }] });`),
    ).toEqual([]);
    expect(check(IMPORTS + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'acme-uploads', Key: 'k' }));`)).toEqual([]);
    expect(check(IMPORTS + `export const up = (sse: 'AES256' | 'aws:kms') => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'k', ServerSideEncryption: sse }));`)).toEqual([]);
    expect(check(IMPORTS + `export const up = (p: object) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'k', ...p }));`)).toEqual([]);
    expect(check(IMPORTS + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'k' }));`, null)).toEqual([]);
    const allowOnlyWithSse = policy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-uploads/*', Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }],
    });
    // An Allow with an SSE condition denies nothing: presign/require-encryption-condition's business.
    expect(check(IMPORTS + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'k' }));`, allowOnlyWithSse)).toEqual([]);
  });

  it('reports against a Deny that spares AWS delivery services: a URL is never a service\'s request', () => {
    const sparing = policy(
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'S3ServerAccessLogs', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-uploads/access-logs/*' },
          {
            Sid: 'DenyUnencryptedUploads',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::acme-uploads/*',
            Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
          },
        ],
      },
      'bucket-policy.json',
    );
    const findings = check(IMPORTS + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'k' }));`, sparing);
    expect(findings.map((f) => [f.messageId, f.data!['statement']])).toEqual([['missingSse', 'bucket-policy.json:13 "DenyUnencryptedUploads"']]);
  });

  it('says nothing when the bucket is not tied', () => {
    const [site] = sitesOf(IMPORTS + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'k' }));`);
    expect(checkSite(rule, { site: site!, tie: { role: null, bucket: null }, inventory: inventory([], []) })).toEqual([]);
  });
});
