import { RuleTester, type InvalidTestCase } from '@typescript-eslint/rule-tester';
import { type MessageId, type UploadConstraintsOptions } from '../../../rules/code/enforce-upload-constraints.js';
import { eslintRuleOf } from './eslint-rule.js';
import { fixedCode } from './fixed-code.js';

const rule = eslintRuleOf<MessageId, [UploadConstraintsOptions?]>('enforce-upload-constraints');
const ruleTester = new RuleTester();

const V3 = `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
`;
const V3_API = 'getSignedUrl (@aws-sdk/s3-request-presigner)';
const POST = `import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
const s3 = new S3Client({});
`;
const POST_API = 'createPresignedPost (@aws-sdk/s3-presigned-post)';
const MINIO = `import { Client, PostPolicy } from 'minio';
const minio = new Client({ endPoint: 'play.min.io' });
`;

const invalid: InvalidTestCase<MessageId, [UploadConstraintsOptions]>[] = [
  {
    code: V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'image/png' }), { expiresIn: 300 });`,
    errors: [
      {
        messageId: 'unsignedParameter',
        line: 4,
        column: 77,
        data: { api: V3_API, parameter: 'ContentType', header: 'content-type' },
        suggestions: [
          {
            messageId: 'signHeaders',
            data: { headers: 'content-type' },
            output: V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'image/png' }), { expiresIn: 300, signableHeaders: new Set(['content-type']) });`,
          },
        ],
      },
    ],
  },
  {
    // Two unsigned parameters, no options: one suggestion signs both.
    code: V3 + `const command = new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'text/csv', CacheControl: 'no-store' });
export const url = () => getSignedUrl(s3, command);`,
    errors: ['ContentType', 'CacheControl'].map((parameter) => ({
      messageId: 'unsignedParameter' as const,
      line: 4,
      data: { api: V3_API, parameter, header: parameter === 'ContentType' ? 'content-type' : 'cache-control' },
      suggestions: [
        {
          messageId: 'signHeaders' as const,
          data: { headers: 'content-type, cache-control' },
          output: V3 + `const command = new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'text/csv', CacheControl: 'no-store' });
export const url = () => getSignedUrl(s3, command, { signableHeaders: new Set(['content-type', 'cache-control']) });`,
        },
      ],
    })),
  },
  {
    // signableHeaders that names another header: the missing one is added to the set.
    code: V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'image/png' }), { signableHeaders: new Set(['content-md5']) });`,
    errors: [
      {
        messageId: 'unsignedParameter',
        suggestions: [
          {
            messageId: 'signHeaders',
            data: { headers: 'content-type' },
            output: V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'image/png' }), { signableHeaders: new Set(['content-md5', 'content-type']) });`,
          },
        ],
      },
    ],
  },
  {
    // v3 POST without conditions, and a key the uploader chooses entirely.
    code: POST + `createPresignedPost(s3, { Bucket: 'b', Key: '\${filename}', Expires: 600 });`,
    errors: [{ messageId: 'anyKey', line: 4, column: 45, data: { api: POST_API } }],
  },
  {
    // Conditions through a const, with an empty starts-with prefix; Content-Type required by option.
    code: POST + `const CONDITIONS = [['starts-with', '$key', ''], ['eq', '$acl', 'private']];
export const post = () => createPresignedPost(s3, { Bucket: 'b', Key: 'uploads/a', Conditions: CONDITIONS });`,
    options: [{ requireContentType: true }],
    errors: [
      { messageId: 'anyKey', line: 4, column: 21, data: { api: POST_API } },
      { messageId: 'noContentType', line: 5, column: 96, data: { api: POST_API } },
    ],
  },
  {
    // v2, CommonJS, without a Content-Type condition (a size range is require-content-length-range's).
    code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
s3.createPresignedPost({ Bucket: 'b', Fields: { key: 'uploads/a.png' } });`,
    options: [{ requireContentType: true }],
    errors: [{ messageId: 'noContentType', line: 3, column: 24, data: { api: 'S3#createPresignedPost (aws-sdk v2)' } }],
  },
  {
    // MinIO PostPolicy without a size range.
    code: MINIO + `const policy = new PostPolicy();
policy.setBucket('b');
policy.setKeyStartsWith('');
policy.setContentType('image/png');
minio.presignedPostPolicy(policy);`,
    errors: [{ messageId: 'anyKey', line: 5, column: 1, data: { api: 'Client#presignedPostPolicy (minio)' } }],
  },
];

ruleTester.run('enforce-upload-constraints', rule, {
  valid: [
    // No size limit: presign/require-content-length-range reports it, not this rule.
    POST + `createPresignedPost(s3, { Bucket: 'b', Key: 'uploads/a.png' });`,
    V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'image/png' }), { signableHeaders: new Set(['content-type']) });`,
    // Signed as headers or in the query (measured): not reported.
    V3 + `getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentLength: 1024, ChecksumSHA256: 'x', ContentMD5: 'y' }));`,
    // A set the rule cannot read.
    V3 + `export const f = (headers: Set<string>) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'a/b' }), { signableHeaders: headers });`,
    // A POST with both conditions, for each SDK.
    POST + `createPresignedPost(s3, {
  Bucket: 'b',
  Key: 'uploads/\${filename}',
  Conditions: [['content-length-range', 0, 10 * 1024 * 1024], ['starts-with', '$Content-Type', 'image/']],
});`,
    {
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
s3.createPresignedPost({ Bucket: 'b', Fields: { key: 'a.png', 'Content-Type': 'image/png' }, Conditions: [['content-length-range', 1, 1000]] });`,
      options: [{ requireContentType: true }],
    },
    MINIO + `const policy = minio.newPostPolicy();
policy.setKeyStartsWith('uploads/');
policy.setContentLengthRange(1, 1024 * 1024);
minio.presignedPostPolicy(policy);`,
    // Conditions the rule cannot read in full: only what is known is judged.
    POST + `import { extra } from './conditions';
createPresignedPost(s3, { Bucket: 'b', Key: 'k', Conditions: [...extra] });`,
    MINIO + `import { restrict } from './policy';
const policy = new PostPolicy();
restrict(policy);
minio.presignedPostPolicy(policy);`,
    ...fixedCode(invalid),
  ],
  invalid,
});
