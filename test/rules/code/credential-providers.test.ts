/**
 * temporary-credentials-expiry with web-identity credentials (EKS IRSA's fromTokenFile, fromWebToken,
 * Vercel's OIDC provider) and SSO: an hour unless the code gives a duration.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { type MessageId, type TemporaryCredentialsOptions } from '../../../rules/code/temporary-credentials-expiry.js';
import { eslintRuleOf } from './eslint-rule.js';
import { withSuggestions } from './expected-suggestions.js';

const rule = eslintRuleOf<MessageId, [TemporaryCredentialsOptions?]>('temporary-credentials-expiry');
const ruleTester = new RuleTester();

const IMPORTS = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fromTokenFile, fromWebToken, fromSSO } from '@aws-sdk/credential-providers';
import { awsCredentialsProvider } from '@vercel/functions/oidc';
`;
const sign = (client: string, expiry: string) => `getSignedUrl(${client}, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: ${expiry} });`;
const WEB = 'a web identity (AssumeRoleWithWebIdentity) session';
const shorten = (expiry: string, lifetime: number): [string, string, Record<string, unknown>] => [expiry, `Math.min(${expiry}, ${lifetime})`, { lifetime }];

ruleTester.run('temporary-credentials-expiry: web identity and SSO', rule, {
  valid: [
    // Within the hour.
    IMPORTS + `const s3 = new S3Client({ credentials: fromTokenFile() });\n` + sign('s3', '3600'),
    // A duration that covers the URL: fromWebToken's and Vercel's `durationSeconds`.
    IMPORTS + `const s3 = new S3Client({ credentials: fromWebToken({ roleArn: 'r', webIdentityToken: 't', durationSeconds: 43200 }) });\n` + sign('s3', '6 * 3600'),
    IMPORTS + `const s3 = new S3Client({ credentials: awsCredentialsProvider({ roleArn: process.env.AWS_ROLE_ARN!, durationSeconds: 12 * 3600 }) });\n` + sign('s3', '3 * 3600'),
    // A duration the code does not show.
    IMPORTS + `export const link = (d: number) => ${sign(`new S3Client({ credentials: awsCredentialsProvider({ roleArn: 'r', durationSeconds: d }) })`, '86400')}`,
    // The default chain in a module that is plainly an ECS/EKS service: unknown, not an hour.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import express from 'express';
const s3 = new S3Client({ region: process.env.AWS_REGION });
const app = express();
app.get('/share', async (_req, res) => res.json({ url: await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 24 * 3600 }) }));
app.listen(8080);`,
  ],
  invalid: withSuggestions<MessageId, [TemporaryCredentialsOptions]>('shortenToLifetime', [
    {
      // EKS IRSA: a 3-hour URL from the token file's session.
      code: IMPORTS + `const s3 = new S3Client({ credentials: fromTokenFile() });\n` + sign('s3', '3 * 3600'),
      errors: [{ messageId: 'outlivesCredentials', line: 6, data: { api: 'getSignedUrl (@aws-sdk/s3-request-presigner)', source: WEB, lifetime: '3600 s (1 hour)', expiry: '10800 s (3 hours)' }, replace: shorten('3 * 3600', 3600) }],
    },
    {
      // Vercel OIDC without a duration, and with one shorter than the URL.
      code: IMPORTS + `const s3 = new S3Client({ credentials: awsCredentialsProvider({ roleArn: process.env.AWS_ROLE_ARN! }) });
const short = new S3Client({ credentials: awsCredentialsProvider({ roleArn: 'r', durationSeconds: 2 * 3600 }) });
${sign('s3', '24 * 3600')}
${sign('short', '24 * 3600')}`,
      errors: [
        { messageId: 'outlivesCredentials', line: 7, data: { api: 'getSignedUrl (@aws-sdk/s3-request-presigner)', source: WEB, lifetime: '3600 s (1 hour)', expiry: '86400 s (1 day)' }, replace: shorten('24 * 3600', 3600) },
        {
          messageId: 'outlivesCredentials',
          line: 8,
          data: { api: 'getSignedUrl (@aws-sdk/s3-request-presigner)', source: WEB, lifetime: '7200 s (2 hours)', expiry: '86400 s (1 day)' },
          suggestions: [
            {
              messageId: 'shortenToLifetime',
              data: { lifetime: 7200 },
              output: IMPORTS + `const s3 = new S3Client({ credentials: awsCredentialsProvider({ roleArn: process.env.AWS_ROLE_ARN! }) });
const short = new S3Client({ credentials: awsCredentialsProvider({ roleArn: 'r', durationSeconds: 2 * 3600 }) });
${sign('s3', '24 * 3600')}
${sign('short', 'Math.min(24 * 3600, 7200)')}`,
            },
          ],
        },
      ],
    },
    {
      // SSO role credentials.
      code: IMPORTS + `const s3 = new S3Client({ credentials: fromSSO({ profile: 'dev' }) });\n` + sign('s3', '24 * 3600'),
      errors: [{ messageId: 'outlivesCredentials', line: 6, data: { api: 'getSignedUrl (@aws-sdk/s3-request-presigner)', source: 'an IAM Identity Center (SSO) role', lifetime: '3600 s (1 hour)', expiry: '86400 s (1 day)' }, replace: shorten('24 * 3600', 3600) }],
    },
  ]),
});
