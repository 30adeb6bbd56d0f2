import { RuleTester } from '@typescript-eslint/rule-tester';
import { type MessageId, type TemporaryCredentialsOptions } from '../../../rules/code/temporary-credentials-expiry.js';
import { eslintRuleOf } from './eslint-rule.js';
import { withSuggestions } from './expected-suggestions.js';

const rule = eslintRuleOf<MessageId, [TemporaryCredentialsOptions?]>('temporary-credentials-expiry');
const ruleTester = new RuleTester();

const V3_API = 'getSignedUrl (@aws-sdk/s3-request-presigner)';

ruleTester.run('temporary-credentials-expiry', rule, {
  valid: [
    // Instance profile credentials last 6 hours: 1 hour is fine.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
     const s3 = new S3Client({ credentials: fromInstanceMetadata() });
     getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 3600 });`,
    // Long-term keys (an IAM user) may sign for 7 days.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     const s3 = new S3Client({ credentials: { accessKeyId: process.env.KEY!, secretAccessKey: process.env.SECRET! } });
     getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 604800 });`,
    // No credentials outside a Lambda handler module: the chain is unknown, say nothing.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     const s3 = new S3Client({});
     getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 604800 });`,
    // A Lambda handler within the default 900 s.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     const s3 = new S3Client({});
     export const handler = async () => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }));`,
    // AssumeRole for 12 hours covers a 6-hour URL.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
     const s3 = new S3Client({ credentials: fromTemporaryCredentials({ params: { RoleArn: 'arn:aws:iam::1:role/r', DurationSeconds: 43200 } }) });
     getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 6 * 3600 });`,
    // A duration the code does not show is not guessed.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
     export function make(d: number) {
       const s3 = new S3Client({ credentials: fromTemporaryCredentials({ params: { RoleArn: 'r', DurationSeconds: d } }) });
       return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 86400 });
     }`,
    // fromEnv/fromIni are temporary only in some set-ups: unchecked unless configured.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     import { fromEnv } from '@aws-sdk/credential-providers';
     getSignedUrl(new S3Client({ credentials: fromEnv() }), new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 86400 });`,
    // Unknown expiry.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     import { fromSSO } from '@aws-sdk/credential-providers';
     export const f = (ttl: number) => getSignedUrl(new S3Client({ credentials: fromSSO() }), new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: ttl });`,
    // An option can leave a source unchecked.
    {
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
        import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
        const s3 = new S3Client({});
        export const handler = async () => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 86400 });`,
      options: [{ lifetimes: { lambdaRole: null } }],
    },
  ],
  invalid: withSuggestions<MessageId, [TemporaryCredentialsOptions]>('shortenToLifetime', [
    {
      // The seed case: a Lambda handler signing a 1-day URL with its execution role.
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({ region: 'eu-west-1' });
export const handler = async (event: { key: string }) => {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: event.key }), { expiresIn: 86400 });
};`,
      errors: [
        {
          messageId: 'outlivesCredentials',
          line: 5,
          column: 95,
          data: { api: V3_API, expiry: '86400 s (1 day)', source: 'the Lambda execution role', lifetime: '3600 s (1 hour)', lifetimeSeconds: 3600 },
          replace: ['expiresIn: 86400', 'expiresIn: 3600', { lifetime: 3600 }],
        },
      ],
    },
    {
      // CommonJS handler export, v2 SDK.
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
exports.handler = async () => s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 7200 });`,
      errors: [{ messageId: 'outlivesCredentials', line: 3, column: 94, replace: ['Expires: 7200', 'Expires: 3600', { lifetime: 3600 }] }],
    },
    {
      code: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
const s3 = new S3Client({ credentials: fromInstanceMetadata({ timeout: 1000 }) });
getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 60 * 60 * 24 });`,
      errors: [
        {
          messageId: 'outlivesCredentials',
          line: 5,
          data: { api: V3_API, expiry: '86400 s (1 day)', source: 'an EC2 instance profile', lifetime: '21600 s (6 hours)', lifetimeSeconds: 21600 },
          replace: ['60 * 60 * 24', 'Math.min(60 * 60 * 24, 21600)', { lifetime: 21600 }],
        },
      ],
    },
    {
      // DurationSeconds read from the provider's params; the client is a class field.
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
const FIFTEEN_MINUTES = 900;
class Links {
  private readonly s3 = new S3Client({ credentials: fromTemporaryCredentials({ params: { RoleArn: 'arn:aws:iam::1:role/r', DurationSeconds: FIFTEEN_MINUTES } }) });
  link(key: string) { return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: 3600 }); }
}`,
      errors: [
        {
          messageId: 'outlivesCredentials',
          line: 7,
          data: { api: V3_API, expiry: '3600 s (1 hour)', source: 'an STS AssumeRole session', lifetime: '900 s (15 minutes)', lifetimeSeconds: 900 },
          replace: ['expiresIn: 3600', 'expiresIn: 900', { lifetime: 900 }],
        },
      ],
    },
    {
      // The SDK default counts: SignatureV4#presign defaults to 3600 s.
      code: `import { SignatureV4 } from '@smithy/signature-v4';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
const signer = new SignatureV4({ service: 's3', region: 'eu-west-1', sha256, credentials: fromTemporaryCredentials({ params: { RoleArn: 'r', DurationSeconds: 900 } }) });
signer.presign({ method: 'GET', hostname: 'h', path: '/k', protocol: 'https:', headers: {} });`,
      errors: [{ messageId: 'defaultOutlivesCredentials', line: 4, column: 1 }],
    },
    {
      // v2: credentials through the global AWS.config.
      code: `const AWS = require('aws-sdk');
AWS.config.credentials = new AWS.ChainableTemporaryCredentials({ params: { RoleArn: 'r', DurationSeconds: 1800 } });
const s3 = new AWS.S3({ signatureVersion: 'v4' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 3600 });`,
      errors: [
        {
          messageId: 'outlivesCredentials',
          line: 4,
          data: { api: 'S3#getSignedUrl (aws-sdk v2)', expiry: '3600 s (1 hour)', source: 'an STS AssumeRole session', lifetime: '1800 s (30 minutes)', lifetimeSeconds: 1800 },
          replace: ['Expires: 3600', 'Expires: 1800', { lifetime: 1800 }],
        },
      ],
    },
    {
      // v2 credentials classes on the client, with every v2 import style.
      code: `import AWS from 'aws-sdk';
import { S3, ECSCredentials } from 'aws-sdk';
const a = new AWS.S3({ credentials: new AWS.EC2MetadataCredentials() });
const b = new S3({ credentials: new ECSCredentials() });
const c = new AWS.S3({ credentials: new AWS.WebIdentityCredentials({ RoleArn: 'r', DurationSeconds: 900 }) });
a.getSignedUrl('getObject', { Bucket: 'x', Key: 'k', Expires: 86400 });
b.getSignedUrl('getObject', { Bucket: 'x', Key: 'k', Expires: 86400 });
c.getSignedUrl('getObject', { Bucket: 'x', Key: 'k', Expires: 1000 });`,
      errors: [
        { messageId: 'outlivesCredentials', line: 6, replace: ['Expires: 86400', 'Expires: 21600', { lifetime: 21600 }] },
        { messageId: 'outlivesCredentials', line: 7, replace: ["b.getSignedUrl('getObject', { Bucket: 'x', Key: 'k', Expires: 86400", "b.getSignedUrl('getObject', { Bucket: 'x', Key: 'k', Expires: 21600", { lifetime: 21600 }] },
        { messageId: 'outlivesCredentials', line: 8, replace: ['Expires: 1000', 'Expires: 900', { lifetime: 900 }] },
      ],
    },
    {
      // Web identity, SSO and Cognito providers; AWS.config.update.
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fromTokenFile, fromSSO, fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
const cmd = new GetObjectCommand({ Bucket: 'b', Key: 'k' });
getSignedUrl(new S3Client({ credentials: fromTokenFile() }), cmd, { expiresIn: 7200 });
getSignedUrl(new S3Client({ credentials: fromSSO({ profile: 'dev' }) }), cmd, { expiresIn: 7200 });
getSignedUrl(new S3Client({ credentials: fromCognitoIdentityPool({ identityPoolId: 'p' }) }), cmd, { expiresIn: 7200 });`,
      errors: [
        { messageId: 'outlivesCredentials', line: 5, replace: ['expiresIn: 7200', 'expiresIn: 3600', { lifetime: 3600 }] },
        { messageId: 'outlivesCredentials', line: 6, replace: ["fromSSO({ profile: 'dev' }) }), cmd, { expiresIn: 7200", "fromSSO({ profile: 'dev' }) }), cmd, { expiresIn: 3600", { lifetime: 3600 }] },
        { messageId: 'outlivesCredentials', line: 7, replace: ["'p' }) }), cmd, { expiresIn: 7200", "'p' }) }), cmd, { expiresIn: 3600", { lifetime: 3600 }] },
      ],
    },
    {
      code: `const AWS = require('aws-sdk');
AWS.config.update({ credentials: new AWS.CognitoIdentityCredentials({ IdentityPoolId: 'p' }) });
const s3 = new AWS.S3();
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 7200 });`,
      errors: [{ messageId: 'outlivesCredentials', line: 4, replace: ['Expires: 7200', 'Expires: 3600', { lifetime: 3600 }] }],
    },
    {
      // Lifetimes are options: env credentials configured as 1-hour sessions.
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fromEnv } from '@aws-sdk/credential-providers';
getSignedUrl(new S3Client({ credentials: fromEnv() }), new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 7200 });`,
      options: [{ lifetimes: { env: 3600 } }],
      errors: [{ messageId: 'outlivesCredentials', line: 4, replace: ['expiresIn: 7200', 'expiresIn: 3600', { lifetime: 3600 }] }],
    },
  ]),
});
