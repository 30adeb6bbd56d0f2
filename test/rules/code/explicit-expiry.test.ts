import { RuleTester } from '@typescript-eslint/rule-tester';
import { eslintRuleOf } from './eslint-rule.js';

const rule = eslintRuleOf('explicit-expiry');
const ruleTester = new RuleTester();

const MINIO = `import * as Minio from 'minio';
const minio = new Minio.Client({ endPoint: 'play.min.io' });
`;
const V3 = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
`;
const MINIO_GET = 'Client#presignedGetObject (minio)';

ruleTester.run('explicit-expiry', rule, {
  valid: [
    MINIO + `minio.presignedGetObject('b', 'k', 600);`,
    MINIO + `minio.presignedUrl('GET', 'b', 'k', 3600);`,
    // An expiry the code does not show is explicit all the same.
    MINIO + `export const f = (ttl: number) => minio.presignedPutObject('b', 'k', ttl);`,
    // Short defaults are fine unless `always` is set.
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    `import AWS from 'aws-sdk';
     const s3 = new AWS.S3({ signatureVersion: 'v4' });
     s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 0 });`,
    { code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 300 });`, options: [{ always: true }] },
    `const aws4 = require('aws4');
     aws4.sign({ host: 'b.s3.amazonaws.com', path: '/k?X-Amz-Expires=300', method: 'GET', signQuery: true });`,
    // A query string built from values the code does not show may carry X-Amz-Expires.
    `const aws4 = require('aws4');
     module.exports = (key, query) => aws4.sign({ host: 'b.s3.amazonaws.com', path: \`/\${key}?\${query}\`, method: 'GET', signQuery: true });`,
    // A MinIO post policy with its own expiry.
    MINIO + `const policy = minio.newPostPolicy();
policy.setKey('k');
policy.setExpires(new Date(Date.now() + 10 * 60 * 1000));
minio.presignedPostPolicy(policy);`,
    // GCS requires `expires`: there is no default to rely on.
    { code: `import { Storage } from '@google-cloud/storage';
     new Storage().bucket('b').file('k').getSignedUrl({ version: 'v4', action: 'read' });`, options: [{ always: true }] },
  ],
  invalid: [
    {
      code: MINIO + `minio.presignedGetObject('b', 'k');`,
      errors: [
        {
          messageId: 'longDefault',
          line: 3,
          column: 1,
          data: { api: MINIO_GET, value: '604800 s (7 days)', parameter: 'expires (3rd argument)' },
        },
      ],
    },
    {
      // 0 means the 7-day default in MinIO.
      code: MINIO + `const NO_EXPIRY = 0;\nminio.presignedPutObject('b', 'k', NO_EXPIRY);`,
      errors: [
        {
          messageId: 'zeroMeansDefault',
          line: 4,
          column: 36,
          data: { api: 'Client#presignedPutObject (minio)', value: '604800 s (7 days)', parameter: 'expires (3rd argument)' },
        },
      ],
    },
    {
      // aws4 defaults X-Amz-Expires to a day.
      code: `const aws4 = require('aws4');
module.exports = (key) => aws4.sign({ host: 'b.s3.amazonaws.com', path: \`/\${key}\`, method: 'GET', signQuery: true });`,
      errors: [
        {
          messageId: 'longDefault',
          line: 2,
          column: 27,
          data: { api: 'aws4.sign with signQuery', value: '86400 s (1 day)', parameter: 'X-Amz-Expires (query string of path)' },
        },
      ],
    },
    {
      // A MinIO POST policy without setExpires lasts 7 days.
      code: `const Minio = require('minio');
const minio = new Minio.Client({ endPoint: 'play.min.io' });
const policy = new Minio.PostPolicy();
policy.setBucket('b');
policy.setKey('k');
minio.presignedPostPolicy(policy);`,
      errors: [
        {
          messageId: 'longDefault',
          line: 6,
          data: { api: 'Client#presignedPostPolicy (minio)', value: '604800 s (7 days)', parameter: 'PostPolicy#setExpires' },
        },
      ],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }));`,
      options: [{ always: true }],
      errors: [
        {
          messageId: 'implicitDefault',
          line: 4,
          data: { api: 'getSignedUrl (@aws-sdk/s3-request-presigner)', value: '900 s (15 minutes)', parameter: 'expiresIn' },
        },
      ],
    },
    {
      code: `import AWS from 'aws-sdk';
const s3 = new AWS.S3({ signatureVersion: 'v4' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 0 });
s3.createPresignedPost({ Bucket: 'b', Fields: { key: 'k' } });`,
      options: [{ always: true }],
      errors: [
        { messageId: 'zeroMeansDefault', line: 3, column: 64, data: { api: 'S3#getSignedUrl (aws-sdk v2)', value: '900 s (15 minutes)', parameter: 'Expires' } },
        { messageId: 'implicitDefault', line: 4, data: { api: 'S3#createPresignedPost (aws-sdk v2)', value: '3600 s (1 hour)', parameter: 'Expires' } },
      ],
    },
  ],
});
