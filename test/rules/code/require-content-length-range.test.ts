import { RuleTester } from '@typescript-eslint/rule-tester';
import { type MessageId } from '../../../rules/code/require-content-length-range.js';
import { eslintRuleOf } from './eslint-rule.js';

const rule = eslintRuleOf<MessageId, []>('require-content-length-range');
const ruleTester = new RuleTester();

const POST = `import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
const s3 = new S3Client({});
`;
const POST_API = 'createPresignedPost (@aws-sdk/s3-presigned-post)';
const MINIO = `import { Client, PostPolicy } from 'minio';
const minio = new Client({ endPoint: 'play.min.io' });
`;

ruleTester.run('require-content-length-range', rule, {
  valid: [
    // A size range, for each SDK.
    POST + `createPresignedPost(s3, { Bucket: 'b', Key: 'uploads/a', Conditions: [['content-length-range', 0, 10 * 1024 * 1024]] });`,
    `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
s3.createPresignedPost({ Bucket: 'b', Fields: { key: 'a.png' }, Conditions: [['content-length-range', 1, 1000]] });`,
    MINIO + `const policy = minio.newPostPolicy();
policy.setContentLengthRange(1, 1024 * 1024);
minio.presignedPostPolicy(policy);`,
    // Conditions the rule cannot read whole may hold the range: nothing is said.
    POST + `import { extra } from './conditions';
createPresignedPost(s3, { Bucket: 'b', Key: 'k', Conditions: [...extra] });`,
    MINIO + `import { restrict } from './policy';
const policy = new PostPolicy();
restrict(policy);
minio.presignedPostPolicy(policy);`,
    // A presigned PUT has no policy: not this rule's.
    `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
getSignedUrl(new S3Client({}), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
  ],
  invalid: [
    {
      // v3 POST without conditions.
      code: POST + `createPresignedPost(s3, { Bucket: 'b', Key: 'uploads/\${filename}', Expires: 600 });`,
      errors: [{ messageId: 'noContentLengthRange', line: 4, column: 25, data: { api: POST_API } }],
    },
    {
      // Conditions through a const that restrict type and key, not size.
      code: POST + `const CONDITIONS = [['starts-with', '$Content-Type', 'image/'], ['eq', '$acl', 'private']];
export const post = () => createPresignedPost(s3, { Bucket: 'b', Key: 'uploads/a', Conditions: CONDITIONS });`,
      errors: [{ messageId: 'noContentLengthRange', line: 5, column: 96 }],
    },
    {
      // v2, CommonJS.
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
s3.createPresignedPost({ Bucket: 'b', Fields: { key: 'uploads/a.png' }, Conditions: [['starts-with', '$Content-Type', 'image/']] });`,
      errors: [{ messageId: 'noContentLengthRange', line: 3, column: 85, data: { api: 'S3#createPresignedPost (aws-sdk v2)' } }],
    },
    {
      // MinIO PostPolicy without a size range.
      code: MINIO + `const policy = new PostPolicy();
policy.setBucket('b');
policy.setKey('uploads/a.png');
minio.presignedPostPolicy(policy);`,
      errors: [{ messageId: 'noContentLengthRange', line: 3, column: 16, data: { api: 'Client#presignedPostPolicy (minio)' } }],
    },
    {
      // The SDK loaded with a dynamic import; a conditional spread of visible objects that sets no condition (Expires only).
      code: `import { S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export async function form(png: boolean) {
  const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
  return createPresignedPost(s3, { Bucket: 'b', Key: 'a', ...(png ? { Expires: 60 } : {}) });
}`,
      errors: [{ messageId: 'noContentLengthRange', line: 5, column: 34 }],
    },
  ],
});
