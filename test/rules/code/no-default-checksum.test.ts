import { RuleTester, type InvalidTestCase } from '@typescript-eslint/rule-tester';
import { type MessageId } from '../../../rules/code/no-default-checksum.js';
import { eslintRuleOf } from './eslint-rule.js';
import { fixedCode } from './fixed-code.js';

const rule = eslintRuleOf<MessageId>('no-default-checksum');
const ruleTester = new RuleTester();

const API = 'getSignedUrl (@aws-sdk/s3-request-presigner)';
const IMPORTS = `import { S3Client, PutObjectCommand, UploadPartCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
`;

const invalid: InvalidTestCase<MessageId, []>[] = [
  {
    code: IMPORTS + `const s3 = new S3Client({ region: 'eu-west-1' });
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 300 });`,
    errors: [
      {
        messageId: 'defaultChecksum',
        line: 4,
        column: 1,
        data: { api: API, operation: 'PutObject' },
        suggestions: [
          {
            messageId: 'setWhenRequired',
            output: IMPORTS + `const s3 = new S3Client({ region: 'eu-west-1', requestChecksumCalculation: 'WHEN_REQUIRED' });
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 300 });`,
          },
        ],
      },
    ],
  },
  {
    // A client without arguments, in a class field; multipart parts too.
    code: IMPORTS + `export class Uploads {
  private readonly s3 = new S3Client();
  part(n: number) {
    return getSignedUrl(this.s3, new UploadPartCommand({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: n }));
  }
}`,
    errors: [
      {
        messageId: 'defaultChecksum',
        line: 6,
        data: { api: API, operation: 'UploadPart' },
        suggestions: [
          {
            messageId: 'setWhenRequired',
            output: IMPORTS + `export class Uploads {
  private readonly s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
  part(n: number) {
    return getSignedUrl(this.s3, new UploadPartCommand({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: n }));
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // Explicit WHEN_SUPPORTED, through a const config object; ChecksumAlgorithm alone signs an empty-body SHA-256.
    code: IMPORTS + `const CONFIG = { region: 'us-east-1', requestChecksumCalculation: 'WHEN_SUPPORTED' } as const;
const s3 = new S3Client(CONFIG);
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ChecksumAlgorithm: 'SHA256' }));`,
    errors: [
      {
        messageId: 'checksumWhenSupported',
        line: 3,
        column: 67,
        data: { api: API, operation: 'PutObject', value: '"WHEN_SUPPORTED"' },
        suggestions: [
          {
            messageId: 'setWhenRequired',
            output: IMPORTS + `const CONFIG = { region: 'us-east-1', requestChecksumCalculation: 'WHEN_REQUIRED' } as const;
const s3 = new S3Client(CONFIG);
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k', ChecksumAlgorithm: 'SHA256' }));`,
          },
        ],
      },
    ],
  },
  {
    // CommonJS, destructured require.
    code: `const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
const client = new S3Client({});
const command = new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'image/png' });
module.exports = () => getSignedUrl(client, command);`,
    errors: [
      {
        messageId: 'defaultChecksum',
        line: 5,
        suggestions: [
          {
            messageId: 'setWhenRequired',
            output: `const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
const client = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
const command = new PutObjectCommand({ Bucket: 'b', Key: 'k', ContentType: 'image/png' });
module.exports = () => getSignedUrl(client, command);`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-default-checksum', rule, {
  valid: [
    IMPORTS + `const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    // Downloads carry no request checksum.
    IMPORTS + `getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    // A checksum value in the command is signed instead of the default (measured).
    IMPORTS + `export const f = (sha: string) => getSignedUrl(new S3Client({}), new PutObjectCommand({ Bucket: 'b', Key: 'k', ChecksumSHA256: sha }));`,
    // Unknown: a client made elsewhere, settings spread from elsewhere, a setting from the environment, a spread in the command.
    IMPORTS + `export const f = (s3: S3Client) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    IMPORTS + `import { base } from './config';
getSignedUrl(new S3Client({ ...base }), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    IMPORTS + `getSignedUrl(new S3Client({ requestChecksumCalculation: process.env.CHECKSUMS as never }), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    IMPORTS + `export const f = (input: object) => getSignedUrl(new S3Client({}), new PutObjectCommand({ Bucket: 'b', Key: 'k', ...input }));`,
    // The fixed code passes.
    ...fixedCode(invalid),
  ],
  invalid,
});
