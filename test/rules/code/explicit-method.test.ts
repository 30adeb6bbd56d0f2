import { RuleTester } from '@typescript-eslint/rule-tester';
import { eslintRuleOf } from './eslint-rule.js';

const rule = eslintRuleOf('explicit-method');
const ruleTester = new RuleTester();

ruleTester.run('explicit-method', rule, {
  valid: [
    // v3: the command class shows the method, inline, through a const, or a typed parameter.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     const s3 = new S3Client({});
     const cmd = new GetObjectCommand({ Bucket: 'b', Key: 'k' });
     getSignedUrl(s3, cmd);
     getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 60 });`,
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     export const sign = (s3: S3Client, cmd: GetObjectCommand) => getSignedUrl(s3, cmd);`,
    // A command our catalogue has no method for is still explicit.
    `import { S3Client, GetObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     getSignedUrl(new S3Client({}), new GetObjectLockConfigurationCommand({ Bucket: 'b' }));`,
    // v2: constant operation names, through a const too.
    `const AWS = require('aws-sdk');
     const s3 = new AWS.S3();
     const OP = 'putObject';
     s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });
     s3.getSignedUrl(OP, { Bucket: 'b', Key: 'k' });
     s3.createPresignedPost({ Bucket: 'b' });`,
    // presign(request) with a literal method, on an object literal or a HttpRequest.
    `import { SignatureV4 } from '@smithy/signature-v4';
     import { HttpRequest } from '@smithy/protocol-http';
     const signer = new SignatureV4({ service: 's3', region: 'eu-west-1', credentials, sha256 });
     signer.presign(new HttpRequest({ method: 'PUT', hostname: 'b.s3.amazonaws.com', path: '/k', protocol: 'https:' }));
     signer.presign({ method: 'GET', hostname: 'h', path: '/', protocol: 'https:', headers: {} });`,
    // MinIO methods that fix the method, and presignedUrl with a literal.
    `import { Client } from 'minio';
     const mc = new Client({ endPoint: 'localhost' });
     mc.presignedGetObject('b', 'k', 60);
     mc.presignedPutObject('b', 'k', 60);
     mc.presignedUrl('DELETE', 'b', 'k', 60);`,
    // GCS with a constant action.
    `import { Storage } from '@google-cloud/storage';
     const storage = new Storage();
     storage.bucket('b').file('k').getSignedUrl({ version: 'v4', action: 'write', expires: Date.now() + 60000 });`,
    // aws4 with a method; aws4 without signQuery is not a presign call.
    `import aws4 from 'aws4';
     aws4.sign({ host: 'h', path: '/k', service: 's3', signQuery: true, method: 'GET' });
     aws4.sign({ host: 'h', path: '/k', service: 's3' });`,
    // Look-alikes: a local object, a local class, the CloudFront signer.
    `const svc = { getSignedUrl(op: string, params: object) { return op; } };
     svc.getSignedUrl(process.env.OP!, { Bucket: 'b' });`,
    `import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
     getSignedUrl({ url: 'u', keyPairId: 'k', privateKey: 'p', dateLessThan: 'd' });`,
    // A receiver from elsewhere whose call does not look like the SDK's is left alone.
    `import { links } from './links';
     links.getSignedUrl(someOp, { Bucket: 'b' });`,
  ],
  invalid: [
    {
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
export const sign = (command: any) => getSignedUrl(s3, command, { expiresIn: 60 });`,
      errors: [
        { messageId: 'command-unresolved', line: 4, column: 56, endColumn: 63, data: { api: 'getSignedUrl (@aws-sdk/s3-request-presigner)' } },
      ],
    },
    {
      // A union of commands is not one method.
      code: `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
export const sign = (s3: S3Client, c: GetObjectCommand | PutObjectCommand) => getSignedUrl(s3, c);`,
      errors: [{ messageId: 'command-unresolved', line: 3, column: 96 }],
    },
    {
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
function link(operation, key) { return s3.getSignedUrl(operation, { Bucket: 'b', Key: key }); }`,
      errors: [{ messageId: 'operation-not-constant', line: 3, column: 56, data: { api: 'S3#getSignedUrl (aws-sdk v2)' } }],
    },
    {
      code: `import { SignatureV4 } from '@smithy/signature-v4';
const signer = new SignatureV4({ service: 's3', region: 'eu-west-1', credentials, sha256 });
signer.presign({ hostname: 'b.s3.amazonaws.com', path: '/k', protocol: 'https:', headers: {} });`,
      errors: [{ messageId: 'request-without-method', line: 3, column: 16 }],
    },
    {
      code: `import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
const presigner = new S3RequestPresigner({ credentials, region: 'eu-west-1', sha256 });
export const presign = (req: any) => presigner.presign(req);`,
      errors: [{ messageId: 'request-unresolved', line: 3, column: 56 }],
    },
    {
      code: `import * as Minio from 'minio';
const mc = new Minio.Client({ endPoint: 'localhost' });
export const link = (m: string) => mc.presignedUrl(m, 'b', 'k', 60);`,
      errors: [{ messageId: 'method-not-constant', line: 3, column: 52 }],
    },
    {
      code: `const { Storage } = require('@google-cloud/storage');
const file = new Storage().bucket('b').file('k');
file.getSignedUrl({ version: 'v4', expires: Date.now() + 1000 });
file.getSignedUrl({ version: 'v4', action: process.env.ACTION, expires: Date.now() + 1000 });`,
      errors: [
        { messageId: 'action-not-constant', line: 3, column: 19 },
        { messageId: 'action-not-constant', line: 4, column: 44 },
      ],
    },
    {
      code: `const aws4 = require('aws4');
aws4.sign({ host: 'b.s3.amazonaws.com', path: '/k', service: 's3', signQuery: true });`,
      errors: [{ messageId: 'method-missing', line: 2, column: 11, data: { api: 'aws4.sign with signQuery' } }],
    },
  ],
});
