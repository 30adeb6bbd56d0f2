import { RuleTester, type InvalidTestCase } from '@typescript-eslint/rule-tester';
import { type MessageId } from '../../../rules/code/no-sigv2.js';
import { eslintRuleOf } from './eslint-rule.js';
import { fixedCode } from './fixed-code.js';

const rule = eslintRuleOf<MessageId>('no-sigv2');
const ruleTester = new RuleTester();

const V2_GET = 'S3#getSignedUrl (aws-sdk v2)';
const GCS = 'File#getSignedUrl (@google-cloud/storage)';

const invalid: InvalidTestCase<MessageId, []>[] = [
  {
    // A SigV2 default region, a known region and expiries SigV4 accepts: safe to autofix.
    code: `import AWS from 'aws-sdk';
const s3 = new AWS.S3({ region: 'us-east-1' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 600 });`,
    output: `import AWS from 'aws-sdk';
const s3 = new AWS.S3({ region: 'us-east-1', signatureVersion: 'v4' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 600 });`,
    errors: [{ messageId: 'v2DefaultRegion', line: 3, column: 1, data: { api: V2_GET, region: 'us-east-1' } }],
  },
  {
    // The region comes from the global config; the client has no arguments.
    code: `const AWS = require('aws-sdk');
AWS.config.update({ region: 'eu-west-1' });
const s3 = new AWS.S3();
module.exports = () => s3.getSignedUrlPromise('putObject', { Bucket: 'b', Key: 'k' });`,
    output: `const AWS = require('aws-sdk');
AWS.config.update({ region: 'eu-west-1' });
const s3 = new AWS.S3({ signatureVersion: 'v4' });
module.exports = () => s3.getSignedUrlPromise('putObject', { Bucket: 'b', Key: 'k' });`,
    errors: [{ messageId: 'v2DefaultRegion', line: 4, data: { api: 'S3#getSignedUrlPromise (aws-sdk v2)', region: 'eu-west-1' } }],
  },
  {
    // A year-long URL works only with SigV2: switching would make the SDK throw, so only a suggestion.
    code: `import AWS from 'aws-sdk';
const s3 = new AWS.S3({ region: 'us-west-2' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 31536000 });`,
    errors: [
      {
        messageId: 'v2DefaultRegion',
        suggestions: [
          {
            messageId: 'useSigV4',
            data: { setting: "signatureVersion: 'v4'" },
            output: `import AWS from 'aws-sdk';
const s3 = new AWS.S3({ region: 'us-west-2', signatureVersion: 'v4' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 31536000 });`,
          },
        ],
      },
    ],
  },
  {
    // Unknown region counts as SigV2; SigV4 needs the region, so only a suggestion.
    code: `import AWS from 'aws-sdk';
const s3 = new AWS.S3({ region: process.env.AWS_REGION, });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
    errors: [
      {
        messageId: 'v2UnknownRegion',
        line: 3,
        data: { api: V2_GET },
        suggestions: [
          {
            messageId: 'useSigV4',
            data: { setting: "signatureVersion: 'v4'" },
            output: `import AWS from 'aws-sdk';
const s3 = new AWS.S3({ region: process.env.AWS_REGION, signatureVersion: 'v4', });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
          },
        ],
      },
    ],
  },
  {
    // Explicit v2, reported where it is set; two sites share the client, one report each.
    code: `import { S3 } from 'aws-sdk';
const s3 = new S3({ region: 'ap-south-1', signatureVersion: 'v2' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'a' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'b', Expires: 3600 });`,
    output: `import { S3 } from 'aws-sdk';
const s3 = new S3({ region: 'ap-south-1', signatureVersion: 'v4' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'a' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'b', Expires: 3600 });`,
    errors: [
      { messageId: 'v2Explicit', line: 2, column: 61, data: { api: V2_GET, value: '"v2"' } },
      { messageId: 'v2Explicit', line: 2, column: 61, data: { api: V2_GET, value: '"v2"' } },
    ],
  },
  {
    // Set on the global config: fixed there.
    code: `const AWS = require('aws-sdk');
AWS.config.signatureVersion = 'v2';
const s3 = new AWS.S3({ region: 'eu-central-1' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
    output: `const AWS = require('aws-sdk');
AWS.config.signatureVersion = 'v4';
const s3 = new AWS.S3({ region: 'eu-central-1' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
    errors: [{ messageId: 'v2Explicit', line: 2 }],
  },
  {
    // GCS defaults to V2; a 15-minute URL is safe to switch.
    code: `import { Storage } from '@google-cloud/storage';
const file = new Storage().bucket('b').file('k');
file.getSignedUrl({ action: 'read', expires: Date.now() + 15 * 60 * 1000 });`,
    output: `import { Storage } from '@google-cloud/storage';
const file = new Storage().bucket('b').file('k');
file.getSignedUrl({ action: 'read', expires: Date.now() + 15 * 60 * 1000, version: 'v4' });`,
    errors: [{ messageId: 'gcsV2', line: 3, column: 1, data: { api: GCS } }],
  },
  {
    // Explicit v2 with a 30-day expiry: V4 would throw, so a suggestion.
    code: `import { Storage } from '@google-cloud/storage';
const file = new Storage().bucket('b').file('k');
file.getSignedUrl({ version: 'v2', action: 'read', expires: Date.now() + 30 * 86400 * 1000 });`,
    errors: [
      {
        messageId: 'gcsV2',
        suggestions: [
          {
            messageId: 'useSigV4',
            data: { setting: "version: 'v4'" },
            output: `import { Storage } from '@google-cloud/storage';
const file = new Storage().bucket('b').file('k');
file.getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 30 * 86400 * 1000 });`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-sigv2', rule, {
  valid: [
    `import AWS from 'aws-sdk';
     const s3 = new AWS.S3({ region: 'us-east-1', signatureVersion: 'v4' });
     s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
    `const AWS = require('aws-sdk');
     const s3 = new AWS.S3({ signatureVersion: 's3v4' });
     s3.getSignedUrlPromise('putObject', { Bucket: 'b', Key: 'k' });`,
    // Regions outside the SigV2 list default to SigV4.
    `import S3 from 'aws-sdk/clients/s3';
     const s3 = new S3({ region: 'eu-central-1' });
     s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
    // Set once on the global config.
    `const AWS = require('aws-sdk');
     AWS.config.update({ signatureVersion: 'v4' });
     const s3 = new AWS.S3();
     s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
    // createPresignedPost is always SigV4.
    `import AWS from 'aws-sdk';
     const s3 = new AWS.S3();
     s3.createPresignedPost({ Bucket: 'b', Fields: { key: 'k' } });`,
    // Unknown: a version from the environment, settings spread from elsewhere, a client made elsewhere.
    `import AWS from 'aws-sdk';
     const s3 = new AWS.S3({ signatureVersion: process.env.SIG });
     s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
    `import AWS from 'aws-sdk';
     import { base } from './config';
     const s3 = new AWS.S3({ ...base });
     s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`,
    `export function sign(s3: any) { return s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' }); }`,
    `import { Storage } from '@google-cloud/storage';
     const file = new Storage().bucket('b').file('k');
     file.getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 60_000 });`,
    // v3 always signs with SigV4.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    // The fixed code passes.
    ...fixedCode(invalid),
  ],
  invalid,
});
