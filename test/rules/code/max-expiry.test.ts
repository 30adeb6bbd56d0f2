import { RuleTester } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { type MaxExpiryOptions, type MessageId } from '../../../rules/code/max-expiry.js';
import { eslintRuleOf } from './eslint-rule.js';
import { withSuggestions } from './expected-suggestions.js';

const rule = eslintRuleOf<MessageId, [MaxExpiryOptions?]>('max-expiry');
const ruleTester = new RuleTester();

const SIGV4_LIMIT = 'the SigV4 maximum of 604800 s (7 days)';

const V3_API = 'getSignedUrl (@aws-sdk/s3-request-presigner)';

const V3 = `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
`;
const V2 = `import AWS from 'aws-sdk';
const s3 = new AWS.S3({ signatureVersion: 'v4' });
`;
const MINIO = `import * as Minio from 'minio';
const minio = new Minio.Client({ endPoint: 'play.min.io' });
`;

const INVALID = withSuggestions<MessageId, [MaxExpiryOptions]>('clampToLimit', [
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 8 * 86400 });`,
      errors: [
        {
          messageId: 'aboveMaximum',
          line: 4,
          column: 80,
          endColumn: 89,
          data: { api: V3_API, value: '691200 s (8 days)', limit: SIGV4_LIMIT, limitSeconds: 604800, consequence: 'the SDK throws when it signs' },
          replace: ['8 * 86400', 'Math.min(8 * 86400, 604800)', { limit: 604800 }],
        },
      ],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: -1 });`,
      errors: [
        {
          messageId: 'invalidExpiry',
          data: {
            api: V3_API,
            value: '-1',
            why: 'it is not positive, so the URL is expired or malformed',
            limit: SIGV4_LIMIT,
            limitSeconds: 604800,
            consequence: 'the SDK throws when it signs',
          },
        },
      ],
    },
    {
      code: `import { Client } from 'minio';
const minio = new Client({ endPoint: 'play.min.io' });
minio.presignedGetObject('b', 'k', 7200);
minio.presignedGetObject('b', 'k');`,
      options: [{ maxSeconds: 3600 }],
      errors: [
        {
          messageId: 'aboveMaximum',
          line: 3,
          data: {
            api: 'Client#presignedGetObject (minio)',
            value: '7200 s (2 hours)',
            limit: 'the configured maximum of 3600 s (1 hour)',
            limitSeconds: 3600,
            consequence: 'the URL lives longer than the configured maximum allows',
          },
          replace: ["'k', 7200)", "'k', 3600)", { limit: 3600 }],
        },
        {
          messageId: 'defaultAboveMaximum',
          line: 4,
          data: { api: 'Client#presignedGetObject (minio)', value: '604800 s (7 days)', limit: 'the configured maximum of 3600 s (1 hour)' },
        },
      ],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 604801 });`,
      errors: [{ messageId: 'aboveMaximum', line: 4, column: 80, replace: ['expiresIn: 604801', 'expiresIn: 604800', { limit: 604800 }] }],
    },
    {
      // Arithmetic and numeric separators, const in an enclosing scope.
      code: V3 + `const DAY = 86_400;\nexport function f() { const ttl = DAY * 8; return getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: ttl }); }`,
      errors: [{ messageId: 'aboveMaximum', line: 5, replace: ['expiresIn: ttl', 'expiresIn: Math.min(ttl, 604800)', { limit: 604800 }] }],
    },
    {
      // Properties of const objects, `as const`.
      code: V3 + `const LIMITS = { download: { ttl: 1_000_000 } } as const;\ngetSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: LIMITS.download.ttl });`,
      errors: [{ messageId: 'aboveMaximum', line: 5, replace: ['LIMITS.download.ttl }', 'Math.min(LIMITS.download.ttl, 604800) }', { limit: 604800 }] }],
    },
    {
      // Every possible value is checked: conditional, ??, ||.
      code: V3 + `export const f = (admin: boolean, t?: number) => [
        getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: admin ? 3600 : 864000 }),
        getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: t ?? 700000 }),
        getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: t || 700001 }),
      ];`,
      errors: [
        { messageId: 'aboveMaximum', line: 5, replace: ['admin ? 3600 : 864000', 'Math.min(admin ? 3600 : 864000, 604800)', { limit: 604800 }] },
        { messageId: 'aboveMaximum', line: 6, replace: ['t ?? 700000', 'Math.min(t ?? 700000, 604800)', { limit: 604800 }] },
        { messageId: 'aboveMaximum', line: 7, replace: ['t || 700001', 'Math.min(t || 700001, 604800)', { limit: 604800 }] },
      ],
    },
    {
      // Math.max gives a lower bound.
      code: V3 + `export const f = (x: number) => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: Math.max(x, 700000) });`,
      errors: [{ messageId: 'atLeastAboveMaximum', replace: ['Math.max(x, 700000)', 'Math.min(Math.max(x, 700000), 604800)', { limit: 604800 }] }],
    },
    {
      // Default parameter values and templates.
      code: V3 + 'export function f(ttl = Number(`${7 * 86400 + 1}`)) { return getSignedUrl(s3, new GetObjectCommand({ Bucket: "b", Key: "k" }), { expiresIn: ttl }); }',
      errors: [{ messageId: 'aboveMaximum', replace: ['expiresIn: ttl', 'expiresIn: Math.min(ttl, 604800)', { limit: 604800 }] }],
    },
    {
      // Options from a const object with a spread.
      code: V3 + `const base = { expiresIn: 10 }; const opts = { ...base, expiresIn: 9e5 };\ngetSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), opts);`,
      errors: [{ messageId: 'aboveMaximum', line: 4, replace: ['expiresIn: 9e5', 'expiresIn: 604800', { limit: 604800 }] }],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 0 });`,
      errors: [{ messageId: 'invalidExpiry' }],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: -5 });`,
      errors: [{ messageId: 'invalidExpiry' }],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 1.5 });`,
      errors: [{ messageId: 'invalidExpiry' }],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: NaN });`,
      errors: [{ messageId: 'invalidExpiry' }],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 'one hour' as any });`,
      errors: [{ messageId: 'invalidExpiry' }],
    },
    {
      // Aliased import.
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl as sign } from '@aws-sdk/s3-request-presigner';
sign(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 604801 });`,
      errors: [{ messageId: 'aboveMaximum', line: 3, replace: ['604801', '604800', { limit: 604800 }] }],
    },
    {
      // Namespace import.
      code: `import * as presigner from '@aws-sdk/s3-request-presigner';
import * as s3sdk from '@aws-sdk/client-s3';
presigner.getSignedUrl(new s3sdk.S3Client({}), new s3sdk.GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 604801 });`,
      errors: [{ messageId: 'aboveMaximum', line: 3, replace: ['604801', '604800', { limit: 604800 }] }],
    },
    {
      // require and destructured require.
      code: `const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
const presignerModule = require('@aws-sdk/s3-request-presigner');
getSignedUrl(client, cmd, { expiresIn: 604801 });
presignerModule.getSignedUrl(client, cmd, { expiresIn: 604802 });`,
      errors: [
        { messageId: 'aboveMaximum', line: 3, replace: ['604801', '604800', { limit: 604800 }] },
        { messageId: 'aboveMaximum', line: 4, replace: ['604802', '604800', { limit: 604800 }] },
      ],
    },
    {
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
createPresignedPost(new S3Client({}), { Bucket: 'b', Key: 'k', Expires: 700000 });`,
      errors: [{ messageId: 'aboveMaximum', line: 3, column: 73, replace: ['700000', '604800', { limit: 604800 }] }],
    },
    {
      code: `import { SignatureV4 } from '@smithy/signature-v4';
const signer = new SignatureV4({ service: 's3', region: 'eu-west-1', credentials: creds, sha256: Sha256 });
signer.presign(request, { expiresIn: 604801 });`,
      errors: [{ messageId: 'aboveMaximum', line: 3, replace: ['604801', '604800', { limit: 604800 }] }],
    },
    {
      code: `import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
class Links {
  private presigner = new S3RequestPresigner({ credentials: creds, region: 'eu-west-1', sha256: Hash });
  sign(req: any) { return this.presigner.presign(req, { expiresIn: 604801 }); }
}`,
      errors: [{ messageId: 'aboveMaximum', line: 4, replace: ['604801', '604800', { limit: 604800 }] }],
    },
    {
      // v2 with SigV4, through a class field assigned in the constructor.
      code: `const AWS = require('aws-sdk');
class Store {
  constructor() { this.s3 = new AWS.S3({ signatureVersion: 'v4' }); }
  link(key) { return this.s3.getSignedUrl('getObject', { Bucket: 'b', Key: key, Expires: 8 * 24 * 3600 }); }
}`,
      errors: [{ messageId: 'aboveMaximum', line: 4, replace: ['8 * 24 * 3600', 'Math.min(8 * 24 * 3600, 604800)', { limit: 604800 }] }],
    },
    {
      // TypeScript's import-equals form of a CommonJS import.
      code: `import AWS = require('aws-sdk');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 604801 });`,
      errors: [{ messageId: 'aboveMaximum', line: 3, replace: ['604801', '604800', { limit: 604800 }] }],
    },
    {
      // v2 clients/s3 default import, getSignedUrlPromise, region whose default is SigV4.
      code: `import S3 from 'aws-sdk/clients/s3';
const s3 = new S3({ region: 'eu-central-1' });
s3.getSignedUrlPromise('putObject', { Bucket: 'b', Key: 'k', Expires: 604801 });
s3.getSignedUrlPromise('putObject', { Bucket: 'b', Key: 'k', Expires: -1 });`,
      errors: [
        { messageId: 'aboveMaximum', line: 3, replace: ['604801', '604800', { limit: 604800 }] },
        { messageId: 'invalidExpiry', line: 4 },
      ],
    },
    {
      code: MINIO + `minio.presignedGetObject('b', 'k', 8 * 24 * 60 * 60);
minio.presignedUrl('GET', 'b', 'k', 604801);
minio.presignedPutObject('b', 'k', -10);`,
      errors: [
        { messageId: 'aboveMaximum', line: 3, replace: ['8 * 24 * 60 * 60', 'Math.min(8 * 24 * 60 * 60, 604800)', { limit: 604800 }] },
        { messageId: 'aboveMaximum', line: 4, replace: ['604801', '604800', { limit: 604800 }] },
        { messageId: 'invalidExpiry', line: 5 },
      ],
    },
    {
      // GCS v4: expires is absolute; now + 8 days is over the limit.
      code: `const { Storage } = require('@google-cloud/storage');
const storage = new Storage();
const file = storage.bucket('media').file('report.pdf');
file.getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 8 * 24 * 60 * 60 * 1000 });`,
      errors: [{ messageId: 'aboveMaximum', line: 4 }],
    },
    {
      code: `import aws4 from 'aws4';
aws4.sign({ host: 'b.s3.amazonaws.com', path: '/k?X-Amz-Expires=700000', service: 's3', signQuery: true, method: 'GET' });`,
      errors: [{ messageId: 'aboveMaximum', line: 2 }],
    },
    {
      // An organisation's cap; the MinIO default (7 days) is above it.
      code: MINIO + `minio.presignedGetObject('b', 'k', 7200);\nminio.presignedGetObject('b', 'k');`,
      options: [{ maxSeconds: 3600 }],
      errors: [
        { messageId: 'aboveMaximum', line: 3, replace: ['7200', '3600', { limit: 3600 }] },
        { messageId: 'defaultAboveMaximum', line: 4 },
      ],
    },
]);

ruleTester.run('max-expiry', rule, {
  valid: [
    // A wrapper's caller gives GCS a point in time (milliseconds since the epoch), not seconds.
    `import { Storage } from '@google-cloud/storage';
const file = new Storage().bucket('b').file('k');
async function sign(expires: number) { return file.getSignedUrl({ version: 'v4', action: 'read', expires }); }
export const a = () => sign(1893456000000);`,
    // Exactly the maximum is allowed (measured: 604800 passes).
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 604800 });`,
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 60 * 60 * 24 * 7 });`,
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    // Unknown values are never reported.
    V3 + `export function sign(ttl: number) { return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: ttl }); }`,
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: Number(process.env.TTL) });`,
    // Bounded by Math.min.
    V3 + `export const f = (x: number) => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: Math.min(x, 604800) });`,
    // A bounded number is never nullish: the right side of ?? is never used.
    V3 + `export const f = (x: number) => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: Math.min(x, 3600) ?? 700000 });`,
    // The CloudFront signer is another API with another limit.
    `import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
     getSignedUrl({ url: 'https://d111111abcdef8.cloudfront.net/a', keyPairId: 'K', privateKey: 'p', dateLessThan: '2030-01-01', expiresIn: 99999999 });`,
    // A look-alike local function and a local object with a getSignedUrl method.
    `function getSignedUrl(a: unknown, b: unknown, o: { expiresIn: number }) { return ''; }
     getSignedUrl(1, 2, { expiresIn: 9999999 });`,
    `const storage = { getSignedUrl(op: string, p: object) { return ''; } };
     storage.getSignedUrl('getObject', { Bucket: 'b', Expires: 9999999 });`,
    `class Fake { getSignedUrl(op: string, p: object) { return ''; } }
     new Fake().getSignedUrl('getObject', { Bucket: 'b', Expires: 9999999 });`,
    // v2: 0 means the 900 s default.
    V2 + `s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 0 });`,
    // v2 with SigV2 declared: no 7-day limit applies (presign/no-sigv2 reports the signature).
    `import AWS from 'aws-sdk';
     const s3 = new AWS.S3({ signatureVersion: 'v2' });
     s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 31536000 });`,
    // GCS v2 signing (default) has no 7-day limit.
    `import { Storage } from '@google-cloud/storage';
     const storage = new Storage();
     storage.bucket('b').file('k').getSignedUrl({ action: 'read', expires: Date.now() + 30 * 24 * 3600 * 1000 });`,
    `import { Storage } from '@google-cloud/storage';
     const storage = new Storage();
     storage.bucket('b').file('k').getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 15 * 60 * 1000 });`,
    MINIO + `minio.presignedGetObject('b', 'k', 3600);`,
    MINIO + `minio.presignedGetObject('b', 'k', 0);`,
    // aws4 without signQuery signs headers, not a URL.
    `import aws4 from 'aws4';
     aws4.sign({ host: 'b.s3.amazonaws.com', path: '/k?X-Amz-Expires=9999999', service: 's3' });`,
  ],
  invalid: INVALID,
});


describe('the clamp suggestion', () => {
  it('removes the finding it was offered for', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { presign: { rules: { 'max-expiry': rule } } as never }, rules: { 'presign/max-expiry': 'error' as const } }];
    const aboveLimit = (code: string) =>
      linter.verify(code, config, 'input.ts').filter((m) => m.messageId === 'aboveMaximum' || m.messageId === 'atLeastAboveMaximum').length;
    let checked = 0;
    for (const c of INVALID) {
      for (const error of c.errors) {
        for (const suggestion of error.suggestions ?? []) {
          // With an organisation's cap the limit comes from the options, which this plain config does not set.
          if (c.options) continue;
          expect(aboveLimit(suggestion.output)).toBe(aboveLimit(c.code) - 1);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});
