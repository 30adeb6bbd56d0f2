import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { type MessageId } from '../../../rules/code/public-upload-content-type.js';
import { findings } from '../../python/helpers.js';
import { eslintRuleOf } from './eslint-rule.js';

const rule = eslintRuleOf<MessageId, []>('public-upload-content-type');
const ruleTester = new RuleTester();

const V3 = `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
`;
const V3_API = 'getSignedUrl (@aws-sdk/s3-request-presigner)';
const POST_API = 'createPresignedPost (@aws-sdk/s3-presigned-post)';

ruleTester.run('public-upload-content-type', rule, {
  valid: [
    // The type is signed.
    V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ACL: 'public-read', ContentType: 'image/png' }), { signableHeaders: new Set(['content-type']) });`,
    // Private objects, and an ACL the code does not show.
    V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'image/png' }));`,
    V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ACL: 'private' }));`,
    V3 + `export const put = (acl: any) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ACL: acl }));`,
    // A signableHeaders set the rule cannot read.
    V3 + `export const put = (h: Set<string>) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ACL: 'public-read' }), { signableHeaders: h });`,
    // A public POST that fixes the type, or a prefix of it.
    V3 + `createPresignedPost(s3, { Bucket: 'b', Key: 'a.png', Fields: { acl: 'public-read', 'Content-Type': 'image/png' }, Conditions: [['content-length-range', 1, 10]] });`,
    V3 + `createPresignedPost(s3, { Bucket: 'b', Key: 'a', Conditions: [{ acl: 'public-read' }, ['starts-with', '$Content-Type', 'image/']] });`,
    // A policy the file does not show whole.
    V3 + `import { extra } from './extra';
createPresignedPost(s3, { Bucket: 'b', Key: 'a', Conditions: [{ acl: 'public-read' }, ...extra] });`,
  ],
  invalid: [
    {
      // A public avatar upload whose ContentType is set but not signed (novu's shape).
      code: V3 + `export const avatar = (key: string, type: string) => getSignedUrl(s3, new PutObjectCommand({ Key: key, Bucket: 'b', ACL: 'public-read', ContentType: type }), { expiresIn: 3600 });`,
      errors: [{ messageId: 'publicPutAnyType', line: 5, column: 122, data: { api: V3_API } }],
    },
    {
      // No type at all, and a signableHeaders set that names another header; public-read-write too.
      code: V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ACL: 'public-read-write' }), { signableHeaders: new Set(['content-md5']) });`,
      errors: [{ messageId: 'publicPutAnyType', line: 5 }],
    },
    {
      // A public POST without a Content-Type condition, through Fields and through Conditions.
      code: V3 + `createPresignedPost(s3, { Bucket: 'b', Key: 'a', Fields: { acl: 'public-read' }, Conditions: [['content-length-range', 1, 10]] });
createPresignedPost(s3, { Bucket: 'b', Key: 'a', Conditions: [['eq', '$acl', 'public-read'], ['starts-with', '$Content-Type', '']] });`,
      errors: [
        { messageId: 'publicPostAnyType', line: 5, data: { api: POST_API } },
        { messageId: 'publicPostAnyType', line: 6, data: { api: POST_API } },
      ],
    },
  ],
});

describe('presign/public-upload-content-type on boto3', () => {
  it('reports a public generate_presigned_post without a Content-Type condition, and leaves one with it alone', async () => {
    const source = `import boto3
from botocore.config import Config
s3 = boto3.client('s3', config=Config(signature_version='s3v4'))
s3.generate_presigned_post('b', 'k', Conditions=[{'acl': 'public-read'}, ['content-length-range', 1, 10]])
s3.generate_presigned_post('b', 'k', Conditions=[{'acl': 'public-read'}, ['starts-with', '$Content-Type', 'image/']])
`;
    expect(await findings(source, 'public-upload-content-type')).toEqual(['4:58 presign/public-upload-content-type publicPostAnyType']);
  });
});
