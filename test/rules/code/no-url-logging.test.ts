import { RuleTester } from '@typescript-eslint/rule-tester';
import { eslintRuleOf } from './eslint-rule.js';

const rule = eslintRuleOf('no-url-logging');
const ruleTester = new RuleTester();

const V3 = `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
`;
const V3_API = 'getSignedUrl (@aws-sdk/s3-request-presigner)';

ruleTester.run('no-url-logging', rule, {
  valid: [
    // Returned to the client, not logged.
    V3 + `export async function link(key: string) {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }));
  return { statusCode: 200, body: JSON.stringify({ url }) };
}`,
    // Logged after redaction.
    V3 + `declare function redact(u: string): string;
export async function link(key: string) {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }));
  console.log('signed', redact(url));
  console.info('signed', url.split('?')[0]);
  logger.info({ key, expiresIn: 900 }, 'signed a download link');
  return url;
}`,
    // Reassigned: which value is logged is unknown.
    V3 + `export async function link(key: string) {
  let url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }));
  url = new URL(url).origin;
  console.log(url);
}`,
    // A presigned POST's url is only the bucket address; its fields are the secret.
    `import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
export async function form() {
  const { url, fields } = await createPresignedPost(new S3Client({}), { Bucket: 'b', Key: 'k' });
  console.log('posting to', url);
  return { url, fields };
}`,
    // Not a logger: a catalog, a method called log on something else, a Promise.
    V3 + `declare const catalog: { info(x: unknown): void };
export async function link(key: string) {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }));
  catalog.info(url);
  console.log(getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key })));
}`,
    // A local console.
    V3 + `export async function link(key: string, console: { log(x: string): void }) {
  console.log(await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key })));
}`,
    // Cut or redacted before the log: the address without its query, the origin, the field names only.
    V3 + `import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
export async function link(key: string) {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }));
  console.log(\`issued \${url.split('?')[0]}\`);
  console.log('host', new URL(url).origin);
  const { fields } = await createPresignedPost(s3, { Bucket: 'b', Key: key, Conditions: [['content-length-range', 1, 10]] });
  console.log(Object.keys(fields).join(', '));
  console.log(Object.entries(fields).map(([name]) => name).join(' '));
  const parts = [];
  for (const name in fields) parts.push(name);
  console.log(parts.join(','));
}`,
  ],
  invalid: [
    {
      code: V3 + `export async function link(key: string) {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }));
  console.log('download link', url);
  return url;
}`,
      errors: [{ messageId: 'logged', line: 6, column: 32, data: { api: V3_API, sink: 'console.log' } }],
    },
    {
      // .then, template strings, pino object shape, a child logger, this.logger.
      code: V3 + `declare const logger: any;
export class Links {
  private readonly logger = logger;
  share(key: string) {
    return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key })).then((signed) => {
      this.logger.debug(\`signed \${signed}\`);
      logger.child({ key }).info({ url: signed }, 'signed');
      return signed;
    });
  }
}`,
      errors: [
        { messageId: 'logged', line: 9, column: 25, data: { api: V3_API, sink: 'logger.debug' } },
        { messageId: 'logged', line: 10, column: 34, data: { api: V3_API, sink: 'logger.info' } },
      ],
    },
    {
      // An error message, through an object property and a local helper function.
      code: V3 + `function fail(link: string): never {
  throw new Error('upload failed for ' + link);
}
export async function upload(key: string, body: Blob) {
  const target = { url: await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key })) };
  const res = await fetch(target.url, { method: 'PUT', body });
  if (!res.ok) fail(target.url);
}`,
      errors: [{ messageId: 'inError', line: 5, column: 19, data: { api: V3_API, sink: 'Error' } }],
    },
    {
      // v2 callback style, winston, and a sink named by the option.
      code: `const AWS = require('aws-sdk');
const winston = require('winston');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' }, (err, url) => {
  winston.info(url);
  Sentry.captureMessage(\`link: \${url}\`);
});`,
      options: [{ sinks: ['Sentry.captureMessage'] }],
      errors: [
        { messageId: 'logged', line: 5, column: 16, data: { api: 'S3#getSignedUrl (aws-sdk v2)', sink: 'winston.info' } },
        { messageId: 'logged', line: 6, column: 25, data: { api: 'S3#getSignedUrl (aws-sdk v2)', sink: 'Sentry.captureMessage' } },
      ],
    },
    {
      // GCS array results, MinIO promises, a POST's fields.
      code: `import { Storage } from '@google-cloud/storage';
import * as Minio from 'minio';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
const minio = new Minio.Client({ endPoint: 'e' });
export async function all(log: { warn(...a: unknown[]): void }) {
  const [gcsUrl] = await new Storage().bucket('b').file('k').getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 60000 });
  log.warn(gcsUrl);
  const minioUrl = await minio.presignedGetObject('b', 'k', 60);
  process.stdout.write(minioUrl + '\\n');
  const post = await createPresignedPost(new S3Client({}), { Bucket: 'b', Key: 'k' });
  console.debug(JSON.stringify(post));
  console.debug(post.fields);
}`,
      errors: [
        { messageId: 'logged', line: 8, column: 12, data: { api: 'File#getSignedUrl (@google-cloud/storage)', sink: 'log.warn' } },
        { messageId: 'logged', line: 10, column: 24, data: { api: 'Client#presignedGetObject (minio)', sink: 'process.stdout.write' } },
        { messageId: 'logged', line: 12, column: 17, data: { api: 'createPresignedPost (@aws-sdk/s3-presigned-post)', sink: 'console.debug' } },
        { messageId: 'logged', line: 13, column: 17, data: { api: 'createPresignedPost (@aws-sdk/s3-presigned-post)', sink: 'console.debug' } },
      ],
    },
    {
      // A curl command printed with the POST's fields: Object.entries, map, join, in a template.
      code: V3 + `import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
export async function form(key: string) {
  const { url, fields } = await createPresignedPost(s3, { Bucket: 'b', Key: key, Conditions: [['content-length-range', 1, 10]] });
  console.log(\`curl \${url} \${Object.entries(fields).map(([k, v]) => \`-F \${k}=\${v}\`).join(' ')} -F file=@x\`);
}`,
      errors: [{ messageId: 'logged', line: 7, column: 15, data: { api: 'createPresignedPost (@aws-sdk/s3-presigned-post)', sink: 'console.log' } }],
    },
    {
      // A MinIO PostPolicy's formData pushed into an array in a loop, printed with join.
      code: `import * as Minio from 'minio';
const mc = new Minio.Client({ endPoint: 'play.min.io', accessKey: 'a', secretKey: 's' });
export async function form() {
  const policy = mc.newPostPolicy();
  policy.setContentLengthRange(1, 1024);
  const { postURL, formData } = await mc.presignedPostPolicy(policy);
  const curl: string[] = [];
  curl.push(\`curl \${postURL}\`);
  for (const field in formData) curl.push(\`-F \${field}=\${formData[field]}\`);
  console.log(curl.join(' '));
}`,
      errors: [{ messageId: 'logged', line: 10, column: 15, data: { api: 'Client#presignedPostPolicy (minio)', sink: 'console.log' } }],
    },
    {
      // formatUrl of @aws-sdk/util-format-url: the presigned request as its URL.
      code: `import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { formatUrl } from '@aws-sdk/util-format-url';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
const presigner = new S3RequestPresigner({ credentials: { accessKeyId: 'a', secretAccessKey: 's' }, region: 'eu-west-1', sha256: Sha256 });
export async function link() {
  const request = new HttpRequest({ method: 'GET', protocol: 'https:', hostname: 'b.s3.eu-west-1.amazonaws.com', path: '/k' });
  console.log(formatUrl(await presigner.presign(request)));
}`,
      errors: [{ messageId: 'logged', line: 8, column: 15, data: { api: 'S3RequestPresigner#presign (@aws-sdk/s3-request-presigner)', sink: 'console.log' } }],
    },
  ],
});
