/**
 * Values and clients the ESLint reader follows within one file (issue 13): enum members, the SDK
 * loaded with a dynamic import, in-file wrappers, client factories, a `let` assigned twice, a
 * command chosen among visible classes, spreads of visible objects; and shapes it must not take
 * for an SDK's (an application's own `presignedGetObject(key, ttl)`, a GCS call with a spread).
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { type MessageId as ChecksumId } from '../../../rules/code/no-default-checksum.js';
import { type MessageId as ExpiryId } from '../../../rules/code/explicit-expiry.js';
import { type MessageId as MethodId } from '../../../rules/code/explicit-method.js';
import { type MaxExpiryOptions, type MessageId as MaxId } from '../../../rules/code/max-expiry.js';
import { eslintRuleOf } from './eslint-rule.js';
import { withSuggestions } from './expected-suggestions.js';

const ruleTester = new RuleTester();

const V3 = `import { S3Client, GetObjectCommand, PutObjectCommand, UploadPartCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
`;
const clamp = (expression: string): [string, string, Record<string, unknown>] => [expression, `Math.min(${expression}, 604800)`, { limit: 604800 }];

ruleTester.run('max-expiry: enums, dynamic imports, in-file wrappers', eslintRuleOf<MaxId, [MaxExpiryOptions?]>('max-expiry'), {
  valid: [
    // An enum member within the limit, an uninitialised one (0, 1, ...) and one the file does not show.
    V3 + `enum LinkTtl { Short = 15 * 60, Day = 86400 }
getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: LinkTtl.Day });`,
    V3 + `import { Ttl } from './ttl';
getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: Ttl.Long });`,
    // A wrapper called with values inside the limit, and with none (its default).
    V3 + `async function presignDownload(key: string, ttl = 3600) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: ttl });
}
export const a = () => presignDownload('a', 24 * 3600);
export const b = () => presignDownload('b');`,
    // A MinIO PostPolicy that expires tomorrow, moved with a setter.
    `import * as Minio from 'minio';
const mc = new Minio.Client({ endPoint: 'play.min.io' });
const policy = mc.newPostPolicy();
const expires = new Date();
expires.setDate(expires.getDate() + 1);
policy.setExpires(expires);
mc.presignedPostPolicy(policy);`,
    // A dynamic import of another package's getSignedUrl (CloudFront's signer is no S3 presign call).
    `export async function cf(url: string) {
  const { getSignedUrl } = await import('@aws-sdk/cloudfront-signer');
  return getSignedUrl({ url, keyPairId: 'K', privateKey: 'p', dateLessThan: '2030-01-01', expiresIn: 30 * 86400 });
}`,
  ],
  invalid: withSuggestions<MaxId, [MaxExpiryOptions]>('clampToLimit', [
    {
      // `expiresIn: LinkTtl.Long` with `Long = 14 * 24 * 60 * 60`.
      code: V3 + `enum LinkTtl { Short = 900, Long = 14 * 24 * 60 * 60 }
getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: LinkTtl.Long });`,
      errors: [{ messageId: 'aboveMaximum', line: 5, replace: clamp('LinkTtl.Long') }],
    },
    {
      // A member defined by a sibling.
      code: V3 + `const enum Ttl { Week = 7 * 86400, Fortnight = Week * 2 }
getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: Ttl.Fortnight });`,
      errors: [{ messageId: 'aboveMaximum', line: 5, replace: clamp('Ttl.Fortnight') }],
    },
    {
      // The presigner loaded with a dynamic import, destructured and renamed.
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
export async function link(key: string) {
  const { getSignedUrl: sign } = await import('@aws-sdk/s3-request-presigner');
  return sign(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: 30 * 24 * 3600 });
}`,
      errors: [{ messageId: 'aboveMaximum', line: 4, replace: clamp('30 * 24 * 3600') }],
    },
    {
      // ...and as a namespace, the client's module too.
      code: `export async function link(key: string) {
  const m = await import('@aws-sdk/s3-request-presigner');
  const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
  return m.getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: 8 * 86400 });
}`,
      errors: [{ messageId: 'aboveMaximum', line: 4, replace: clamp('8 * 86400') }],
    },
    {
      // MinIO's own example: a PostPolicy that expires in ten days (setSeconds past the current minute).
      code: `import * as Minio from 'minio';
const mc = new Minio.Client({ endPoint: 'play.min.io' });
const policy = mc.newPostPolicy();
policy.setContentLengthRange(1, 1024);
const expires = new Date();
expires.setSeconds(24 * 60 * 60 * 10);
policy.setExpires(expires);
mc.presignedPostPolicy(policy);`,
      errors: [{ messageId: 'atLeastAboveMaximum', line: 7 }],
    },
    {
      // An in-file wrapper: reported at the call that passes 90 days, not at the wrapper.
      code: V3 + `async function presignDownload(key: string, ttl = 3600) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: ttl });
}
export const archive = (key: string) => presignDownload(key, 90 * 24 * 3600);
export const preview = (key: string) => presignDownload(key, 600);`,
      errors: [{ messageId: 'aboveMaximum', line: 7, column: 62, replace: clamp('90 * 24 * 3600') }],
    },
  ]),
});

ruleTester.run('explicit-expiry: MinIO shapes that are an application\'s own methods', eslintRuleOf<ExpiryId>('explicit-expiry'), {
  valid: [
    // An application's storage wrapper, made elsewhere: (key, expiresIn) is not MinIO's (bucket, key).
    `import { storage } from './storage';
export const link = (key: string) => storage.presignedGetObject(key, 3600);
export const upload = (key: string) => storage.presignedPutObject(key, 600);`,
    `export class Files {
  constructor(private readonly store: { presignedGetObject(key: string, ttl: number): Promise<string> }) {}
  link(key: string) { return this.store.presignedGetObject(key, 3600); }
}`,
  ],
  invalid: [
    {
      // Two arguments on a receiver named after MinIO, or in a module that imports it: MinIO's default of 7 days.
      code: `import { minioClient } from './minio';
export const link = (key: string) => minioClient.presignedGetObject('photos', key);`,
      errors: [{ messageId: 'longDefault', line: 2 }],
    },
    {
      code: `import type { Client } from 'minio';
export const link = (client: Client, key: string) => client.presignedGetObject('photos', key);`,
      errors: [{ messageId: 'longDefault', line: 2 }],
    },
  ],
});

ruleTester.run('explicit-method: spreads and several commands', eslintRuleOf<MethodId>('explicit-method'), {
  valid: [
    // A GCS action with a conditional spread of visible objects, and with a spread of unknown options.
    `import { Storage } from '@google-cloud/storage';
const file = new Storage().bucket('b').file('k');
export const put = (type?: string) => file.getSignedUrl({ version: 'v4', action: 'write', expires: Date.now() + 600_000, ...(type ? { contentType: type } : {}) });
export const put2 = (extra: object) => file.getSignedUrl({ version: 'v4', action: 'write', expires: Date.now() + 600_000, ...extra });`,
    // The client module loaded by a dynamic import elsewhere: `new sdk.PutObjectCommand` names its method.
    `export class Storage {
  private async s3() { const sdk = await import('@aws-sdk/client-s3'); return { sdk, client: new sdk.S3Client({}) }; }
  async put(key: string) {
    const { sdk, client } = await this.s3();
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    return getSignedUrl(client, new sdk.PutObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: 3600 });
  }
}`,
    // A command constructed one of two ways: the code names both.
    V3 + `export function presign(key: string, method: 'PUT' | 'GET', expiresIn: number) {
  const command = method === 'PUT' ? new PutObjectCommand({ Bucket: 'b', Key: key }) : new GetObjectCommand({ Bucket: 'b', Key: key });
  return getSignedUrl(s3, command, { expiresIn });
}`,
    // One of two visible commands: the code names both.
    V3 + `export const meta = (head: boolean) => getSignedUrl(s3, new (head ? HeadObjectCommand : GetObjectCommand)({ Bucket: 'b', Key: 'k' }));`,
  ],
  invalid: [
    {
      code: `import { Storage } from '@google-cloud/storage';
const file = new Storage().bucket('b').file('k');
export const any = (action: any) => file.getSignedUrl({ version: 'v4', ...(action ? { action } : {}), expires: Date.now() + 600_000 });`,
      errors: [{ messageId: 'action-not-constant', line: 3 }],
    },
  ],
});

const CHECKSUM_IMPORTS = `import { S3Client, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
`;
const FIX = "requestChecksumCalculation: 'WHEN_REQUIRED'";

ruleTester.run('no-default-checksum: factories, spreads, two assignments, two commands', eslintRuleOf<ChecksumId>('no-default-checksum'), {
  valid: [
    // A factory whose client sets the checksum, a spread of a visible object that sets it.
    CHECKSUM_IMPORTS + `function makeClient() { return new S3Client({ region: 'eu-west-1', ${FIX} }); }
getSignedUrl(makeClient(), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    CHECKSUM_IMPORTS + `const base = { ${FIX} } as const;
getSignedUrl(new S3Client({ ...base, region: 'eu-west-1' }), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    // Two assignments, one of which sets it: unknown, not missing.
    CHECKSUM_IMPORTS + `let s3: S3Client;
if (process.env.ENDPOINT) s3 = new S3Client({ endpoint: process.env.ENDPOINT, ${FIX} });
else s3 = new S3Client({});
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    // A spread the file does not show may set it.
    CHECKSUM_IMPORTS + `import { config } from './config';
getSignedUrl(new S3Client({ ...config, region: 'eu-west-1' }), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    // A factory that returns clients made elsewhere.
    CHECKSUM_IMPORTS + `import { shared } from './shared';
const client = () => shared;
getSignedUrl(client(), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
  ],
  invalid: [
    {
      // A function factory and an arrow one.
      code: CHECKSUM_IMPORTS + `function makeClient() {
  return new S3Client({ region: 'eu-west-1' });
}
const arrow = () => new S3Client({ region: 'eu-west-1' });
getSignedUrl(makeClient(), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
getSignedUrl(arrow(), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
      errors: [
        { messageId: 'defaultChecksum', line: 7, suggestions: [{ messageId: 'setWhenRequired', output: CHECKSUM_IMPORTS + `function makeClient() {
  return new S3Client({ region: 'eu-west-1', ${FIX} });
}
const arrow = () => new S3Client({ region: 'eu-west-1' });
getSignedUrl(makeClient(), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
getSignedUrl(arrow(), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));` }] },
        { messageId: 'defaultChecksum', line: 8, suggestions: [{ messageId: 'setWhenRequired', output: CHECKSUM_IMPORTS + `function makeClient() {
  return new S3Client({ region: 'eu-west-1' });
}
const arrow = () => new S3Client({ region: 'eu-west-1', ${FIX} });
getSignedUrl(makeClient(), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
getSignedUrl(arrow(), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));` }] },
      ],
    },
    {
      // A lazily made singleton, a spread of a visible object, and a command that is one of two uploads.
      code: CHECKSUM_IMPORTS + `const base = { region: 'eu-west-1' };
let client: S3Client | undefined;
function s3() {
  if (!client) client = new S3Client({ ...base, forcePathStyle: true });
  return client;
}
export const part = (isPart: boolean) => getSignedUrl(s3(), new (isPart ? UploadPartCommand : PutObjectCommand)({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 1 }));`,
      errors: [{ messageId: 'defaultChecksum', line: 9, suggestions: [{ messageId: 'setWhenRequired', output: CHECKSUM_IMPORTS + `const base = { region: 'eu-west-1' };
let client: S3Client | undefined;
function s3() {
  if (!client) client = new S3Client({ ...base, forcePathStyle: true, ${FIX} });
  return client;
}
export const part = (isPart: boolean) => getSignedUrl(s3(), new (isPart ? UploadPartCommand : PutObjectCommand)({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 1 }));` }] }],
    },
    {
      // A let assigned in both branches, neither setting the checksum.
      code: CHECKSUM_IMPORTS + `let s3: S3Client;
if (process.env.ENDPOINT) s3 = new S3Client({ endpoint: process.env.ENDPOINT, forcePathStyle: true });
else s3 = new S3Client({ region: 'eu-west-1' });
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
      errors: [{ messageId: 'defaultChecksum', line: 6, suggestions: [{ messageId: 'setWhenRequired', output: CHECKSUM_IMPORTS + `let s3: S3Client;
if (process.env.ENDPOINT) s3 = new S3Client({ endpoint: process.env.ENDPOINT, forcePathStyle: true, ${FIX} });
else s3 = new S3Client({ region: 'eu-west-1' });
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }));` }] }],
    },
  ],
});
