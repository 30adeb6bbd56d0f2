import { RuleTester } from '@typescript-eslint/rule-tester';
import { eslintRuleOf } from './eslint-rule.js';

const rule = eslintRuleOf('method-mismatch');
const ruleTester = new RuleTester();

const V3 = `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
`;
const V3_API = 'getSignedUrl (@aws-sdk/s3-request-presigner)';

ruleTester.run('method-mismatch', rule, {
  valid: [
    // fetch with the right method; a GET URL fetched with the default.
    V3 + `export async function upload(key: string, body: Blob) {
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key }));
  await fetch(url, { method: 'PUT', body });
  const download = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }));
  return fetch(download);
}`,
    // axios.put, axios({ url, method }), got.put, ky.put, XMLHttpRequest with PUT.
    V3 + `import axios from 'axios';
import got from 'got';
import ky from 'ky';
export async function upload(key: string, body: Blob) {
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key }));
  await axios.put(url, body);
  await axios({ url, method: 'put', data: body });
  await got.put(url, { body: 'x' });
  await ky.put(url, { body });
  const xhr = new XMLHttpRequest();
  xhr.open('PUT', url);
}`,
    // A method the code does not show; a URL whose method is unknown.
    V3 + `export async function upload(key: string, method: string) {
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key }));
  return fetch(url, { method });
}
export async function any(cmd: any) {
  return fetch(await getSignedUrl(s3, cmd));
}`,
    // A presigned POST is sent with POST.
    `import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
export async function form(body: FormData) {
  const { url } = await createPresignedPost(new S3Client({}), { Bucket: 'b', Key: 'k' });
  return fetch(url, { method: 'POST', body });
}`,
    // A property every object has is not a shortcut method.
    V3 + `import axios from 'axios';
export async function f(key: string) { return axios.constructor(await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key }))); }`,
    // A local function named fetch is not the Fetch API.
    V3 + `function fetch(u: string) { return u; }
export async function f(key: string) { return fetch(await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key }))); }`,
  ],
  invalid: [
    {
      // fetch without a method sends GET.
      code: V3 + `export async function upload(key: string, body: Blob) {
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key }));
  return fetch(url, { body });
}`,
      errors: [{ messageId: 'defaultMethod', line: 6, column: 10, data: { api: V3_API, signed: 'PUT', used: 'GET', client: 'fetch' } }],
    },
    {
      // axios.post on a PUT URL, through .then and an object property; axios.create instances.
      code: V3 + `import axios from 'axios';
const api = axios.create({ timeout: 5000 });
export function upload(key: string, body: Blob) {
  return getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key })).then(async (signed) => {
    const target = { url: signed };
    await axios.post(target.url, body);
    await api.patch(signed, body);
  });
}`,
      errors: [
        { messageId: 'wrongMethod', line: 9, column: 11, data: { api: V3_API, signed: 'PUT', used: 'POST', client: 'axios.post' } },
        { messageId: 'wrongMethod', line: 10, column: 11, data: { api: V3_API, signed: 'PUT', used: 'PATCH', client: 'axios.patch' } },
      ],
    },
    {
      // A GET URL used with PUT; axios config form; XMLHttpRequest; template strings.
      code: V3 + `import axios from 'axios';
export async function f(key: string) {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }));
  await fetch(url, { method: 'PUT' });
  await axios({ url, method: 'delete' });
  const xhr = new XMLHttpRequest();
  xhr.open('POST', \`\${url}\`);
}`,
      errors: [
        { messageId: 'wrongMethod', line: 7, data: { api: V3_API, signed: 'GET', used: 'PUT', client: 'fetch' } },
        { messageId: 'wrongMethod', line: 8, data: { api: V3_API, signed: 'GET', used: 'DELETE', client: 'axios' } },
        { messageId: 'wrongMethod', line: 10, data: { api: V3_API, signed: 'GET', used: 'POST', client: 'XMLHttpRequest#open' } },
      ],
    },
    {
      // v2 sync URL, got and ky (CommonJS), MinIO PUT URL.
      code: `const AWS = require('aws-sdk');
const got = require('got');
const ky = require('ky').default;
const Minio = require('minio');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
const minio = new Minio.Client({ endPoint: 'e' });
async function f() {
  const url = s3.getSignedUrl('putObject', { Bucket: 'b', Key: 'k' });
  await got(url);
  await ky.post(url);
  await got.get(await minio.presignedPutObject('b', 'k', 60));
}`,
      errors: [
        { messageId: 'defaultMethod', line: 9, data: { api: 'S3#getSignedUrl (aws-sdk v2)', signed: 'PUT', used: 'GET', client: 'got' } },
        { messageId: 'wrongMethod', line: 10, data: { api: 'S3#getSignedUrl (aws-sdk v2)', signed: 'PUT', used: 'POST', client: 'ky.post' } },
        { messageId: 'wrongMethod', line: 11, data: { api: 'Client#presignedPutObject (minio)', signed: 'PUT', used: 'GET', client: 'got.get' } },
      ],
    },
    {
      // A presigned POST's url fetched without a method; a GCS write URL.
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { Storage } from '@google-cloud/storage';
export async function form() {
  const post = await createPresignedPost(new S3Client({}), { Bucket: 'b', Key: 'k' });
  await fetch(post.url);
  const [url] = await new Storage().bucket('b').file('k').getSignedUrl({ version: 'v4', action: 'write', expires: Date.now() + 60000 });
  await fetch(url, { method: 'POST' });
}`,
      errors: [
        { messageId: 'defaultMethod', line: 6, data: { api: 'createPresignedPost (@aws-sdk/s3-presigned-post)', signed: 'POST', used: 'GET', client: 'fetch' } },
        { messageId: 'wrongMethod', line: 8, data: { api: 'File#getSignedUrl (@google-cloud/storage)', signed: 'PUT', used: 'POST', client: 'fetch' } },
      ],
    },
  ],
});
