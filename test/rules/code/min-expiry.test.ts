import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { type MessageId, type MinExpiryOptions } from '../../../rules/code/min-expiry.js';
import { findings } from '../../python/helpers.js';
import { eslintRuleOf } from './eslint-rule.js';

const rule = eslintRuleOf<MessageId, [MinExpiryOptions?]>('min-expiry');
const ruleTester = new RuleTester();

const GCS_API = 'File#getSignedUrl (@google-cloud/storage)';
const GCS = `import { Storage } from '@google-cloud/storage';
const file = new Storage().bucket('reports').file('q3.pdf');
`;
const V3 = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
`;
const MINIO = `import * as Minio from 'minio';
const minio = new Minio.Client({ endPoint: 'play.min.io' });
`;

ruleTester.run('min-expiry', rule, {
  valid: [
    // Milliseconds on a millisecond clock, in every way real code writes them.
    GCS + `file.getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 5 * 60 * 60 * 1000 });`,
    GCS + `file.getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 15 * 60 * 1000 });`,
    GCS + `const ONE_HOUR_MS = 3_600_000;\nfile.getSignedUrl({ version: 'v4', action: 'read', expires: new Date(Date.now() + ONE_HOUR_MS) });`,
    GCS + `file.getSignedUrl({ version: 'v4', action: 'read', expires: new Date().getTime() + 60 * 1000 });`,
    // A Date moved by a setter counts in its own unit.
    GCS + `const d = new Date(); d.setSeconds(d.getSeconds() + 30 * 60);\nfile.getSignedUrl({ version: 'v4', action: 'read', expires: d });`,
    // Offsets and expiries the code does not show.
    GCS + `export const sign = (ttl: number) => file.getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + ttl });`,
    GCS + `file.getSignedUrl({ version: 'v4', action: 'read', expires: '2030-03-17' });`,
    // A 10-second upload URL is meant (a browser that uploads at once); 5 s is the floor.
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 10 });`,
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 5 });`,
    // 0 and below are max-expiry's finding.
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 0 });`,
    V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: -1 });`,
    // A range that reaches a meant expiry.
    V3 + `export const f = (x: number) => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: Math.min(x, 3600) });`,
    // An option that lowers the floor.
    { code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 2 });`, options: [{ minSeconds: 1 }] },
    // A wrapper's caller gives a point in time, not seconds: not re-read as a duration.
    GCS + `async function sign(expires: number) { return file.getSignedUrl({ version: 'v4', action: 'read', expires }); }\nexport const a = () => sign(3);`,
    // MinIO's POST policy, with milliseconds.
    MINIO + `const policy = minio.newPostPolicy(); policy.setExpires(new Date(Date.now() + 10 * 60 * 1000));\nminio.presignedPostPolicy(policy);`,
  ],
  invalid: [
    {
      // The case: five hours in seconds, added to milliseconds.
      code: GCS + `file.getSignedUrl({ version: 'v4', action: 'write', expires: Date.now() + 60 * 60 * 5 });`,
      errors: [{ messageId: 'secondsOnMillisecondClock', line: 3, column: 62, endColumn: 86, data: { api: GCS_API, value: '18 s', meant: '18000 s (5 hours)' } }],
    },
    {
      // A day in seconds is 86.4 s: above a minute, but not whole seconds.
      code: GCS + `const expires = new Date(Date.now() + 86400);\nfile.getSignedUrl({ action: 'read', expires });`,
      errors: [{ messageId: 'secondsOnMillisecondClock', line: 4, data: { api: GCS_API, value: '86.4 s', meant: '86400 s (1 day)' } }],
    },
    {
      code: GCS + `const TTL = 3600;\nfile.getSignedUrl({ version: 'v4', action: 'read', expires: new Date().getTime() + TTL });`,
      errors: [{ messageId: 'secondsOnMillisecondClock', line: 4, data: { api: GCS_API, value: '3.6 s', meant: '3600 s (1 hour)' } }],
    },
    {
      // MinIO's PostPolicy takes a Date the same way.
      code: MINIO + `const policy = minio.newPostPolicy();\npolicy.setExpires(new Date(Date.now() + 7 * 24 * 3600));\nminio.presignedPostPolicy(policy);`,
      errors: [{ messageId: 'secondsOnMillisecondClock', line: 4, data: { api: 'Client#presignedPostPolicy (minio)', value: '604.8 s', meant: '604800 s (7 days)' } }],
    },
    {
      // Each possible value; the minute on the clock rises with minSeconds.
      code: GCS + `export const f = (long: boolean) => file.getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + (long ? 3_600_000 : 90_000) });`,
      options: [{ minSeconds: 120 }],
      errors: [{ messageId: 'secondsOnMillisecondClock', data: { api: GCS_API, value: '90 s', meant: '90000 s (25 hours)' } }],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 3 });`,
      errors: [{ messageId: 'tooShort', line: 4, column: 80, data: { api: 'getSignedUrl (@aws-sdk/s3-request-presigner)', value: '3 s', limit: '5 s' } }],
    },
    {
      code: MINIO + `export const f = (ttl?: number) => minio.presignedGetObject('b', 'k', ttl ?? 1);`,
      errors: [{ messageId: 'tooShort', data: { api: 'Client#presignedGetObject (minio)', value: '1 s', limit: '5 s' } }],
    },
    {
      code: V3 + `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 30 });`,
      options: [{ minSeconds: 60 }],
      errors: [{ messageId: 'tooShort', data: { api: 'getSignedUrl (@aws-sdk/s3-request-presigner)', value: '30 s', limit: '60 s (1 minute)' } }],
    },
  ],
});

describe('min-expiry in Python', () => {
  const GCS_PY = `import time
from datetime import datetime, timedelta
from google.cloud import storage
blob = storage.Client().bucket("media").blob("a.mp4")
`;

  it('reports an int expiration that signature V2 reads as a 1970 time, and a few seconds', async () => {
    const source = `${GCS_PY}blob.generate_signed_url(expiration=3600, method="GET")
blob.generate_signed_url(3600, method="GET", version="v2")
blob.generate_signed_url(expiration=timedelta(seconds=2), method="GET", version="v4")
`;
    expect(await findings(source, 'min-expiry')).toEqual(['5:37 presign/min-expiry pastPointInTime', '6:26 presign/min-expiry pastPointInTime', '7:37 presign/min-expiry tooShort']);
  });

  it('leaves alone V4 ints (seconds from now), timedeltas, real timestamps and now-plus forms', async () => {
    const source = `${GCS_PY}blob.generate_signed_url(expiration=3600, method="GET", version="v4")
blob.generate_signed_url(expiration=timedelta(minutes=15), method="GET")
blob.generate_signed_url(expiration=datetime.utcnow() + timedelta(hours=1), method="GET")
blob.generate_signed_url(expiration=int(time.time()) + 3600, method="GET")
blob.generate_signed_url(expiration=1893456000, method="GET")
def link(seconds):
    return blob.generate_signed_url(expiration=seconds, method="GET")
`;
    expect(await findings(source, 'min-expiry')).toEqual([]);
  });

  it('reports a boto3 expiry of a second', async () => {
    const source = `import boto3
s3 = boto3.client("s3", region_name="eu-west-1")
s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"}, ExpiresIn=1, HttpMethod="GET")
s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"}, ExpiresIn=10, HttpMethod="GET")
`;
    expect(await findings(source, 'min-expiry')).toEqual(['3:87 presign/min-expiry tooShort']);
  });
});
