/**
 * aws4fetch: `new AwsClient({...}).sign(url | Request, { method, aws: { signQuery: true } })` is a
 * presigned URL, read into a site that the expiry, method, credential and logging rules judge. Only
 * the signQuery form presigns, and only a request to object storage is an S3 URL.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { eslintRuleOf } from './eslint-rule.js';

const ruleTester = new RuleTester();
const API = 'AwsClient#sign with signQuery (aws4fetch)';

const CLIENT = `import { AwsClient } from 'aws4fetch';
const r2 = new AwsClient({ accessKeyId: env.R2_ACCESS_KEY_ID, secretAccessKey: env.R2_SECRET_ACCESS_KEY });
const endpoint = \`https://\${env.ACCOUNT_ID}.r2.cloudflarestorage.com\`;
`;

ruleTester.run('explicit-expiry on aws4fetch', eslintRuleOf('explicit-expiry'), {
  valid: [
    // X-Amz-Expires set on the URL object, written in the string, or in a template.
    CLIENT + `const url = new URL(\`\${endpoint}/media/\${key}\`);\nurl.searchParams.set('X-Amz-Expires', '600');\nr2.sign(new Request(url, { method: 'GET' }), { aws: { signQuery: true } });`,
    CLIENT + `r2.sign(\`\${endpoint}/media/\${key}?X-Amz-Expires=900\`, { method: 'GET', aws: { signQuery: true } });`,
    CLIENT + `const TTL = 300;\nr2.sign(\`\${endpoint}/media/\${key}?partNumber=1&X-Amz-Expires=\${TTL}\`, { method: 'PUT', aws: { signQuery: true } });`,
    // Without signQuery aws4fetch signs headers: a request, not a URL to hand out (as client.fetch does).
    CLIENT + `r2.sign(\`\${endpoint}/media/\${key}\`, { method: 'GET' });`,
    CLIENT + `r2.fetch(\`\${endpoint}/media/\${key}\`, { method: 'GET', aws: { signQuery: true } });`,
    // Another service, signed the same way: not S3, so no S3 default applies.
    `import { AwsClient } from 'aws4fetch';
const iot = new AwsClient({ accessKeyId: a, secretAccessKey: b });
iot.sign('wss://a1b2c3-ats.iot.us-east-1.amazonaws.com/mqtt', { aws: { signQuery: true } });
iot.sign(\`https://\${apiId}.execute-api.eu-west-1.amazonaws.com/prod/items\`, { aws: { signQuery: true } });
new AwsClient({ accessKeyId: a, secretAccessKey: b, service: 'execute-api' }).sign(\`\${base}/items\`, { aws: { signQuery: true } });`,
    // A URL from a helper that may add the query, and a URL the module does not show.
    CLIENT + `r2.sign(objectUrl(bucket, key, { 'X-Amz-Expires': '600' }), { method: 'GET', aws: { signQuery: true } });`,
    CLIENT + `export const sign = (bucketUrl: string) => r2.sign(bucketUrl, { method: 'GET', aws: { signQuery: true } });`,
    // Not aws4fetch: a JWT's sign and an application's own signer.
    `import jwt from 'jsonwebtoken';\njwt.sign({ sub: 'a' }, secret);\nconst signQuery = true;`,
    `class Signer { sign(url: string, o: object) { return url; } }\nnew Signer().sign(\`\${bucketUrl}/k\`, { aws: { signQuery: true } });`,
  ],
  invalid: [
    {
      // No X-Amz-Expires: aws4fetch signs 86400 for s3.
      code: CLIENT + `export const link = (key: string) => r2.sign(\`\${endpoint}/media/\${key}\`, { method: 'GET', aws: { signQuery: true } });`,
      errors: [{ messageId: 'longDefault', line: 4, data: { api: API, parameter: 'X-Amz-Expires (query of the URL)', value: '86400 s (1 day)' } }],
    },
    {
      // `expiresIn` is no option of aws4fetch: the default applies all the same.
      code: CLIENT + `const objectUrl = \`\${endpoint}/\${env.BUCKET}/\${key}\`;\nr2.sign(new Request(objectUrl, { method: 'GET' }), { aws: { signQuery: true, expiresIn: 3600 } });`,
      errors: [{ messageId: 'longDefault', line: 5 }],
    },
    {
      // The client kept on a class (a Worker's storage helper), the URL from env names that say R2.
      code: `import { AwsClient } from 'aws4fetch';
export class Storage {
  private client = new AwsClient({ accessKeyId: process.env.R2_KEY!, secretAccessKey: process.env.R2_SECRET! });
  upload(name: string) {
    return this.client.sign(\`\${process.env.R2_ENDPOINT}/\${process.env.R2_BUCKET_NAME}/\${name}\`, { method: 'PUT', aws: { signQuery: true } });
  }
}`,
      errors: [{ messageId: 'longDefault', line: 5 }],
    },
  ],
});

ruleTester.run('max-expiry on aws4fetch', eslintRuleOf('max-expiry'), {
  valid: [
    CLIENT + `const url = new URL(\`\${endpoint}/media/\${key}\`);\nurl.searchParams.set('X-Amz-Expires', String(7 * 86400));\nr2.sign(url, { method: 'GET', aws: { signQuery: true } });`,
    // Set, then deleted: what the URL holds is not known.
    CLIENT + `const url = new URL(\`\${endpoint}/media/\${key}\`);\nurl.searchParams.set('X-Amz-Expires', '900000');\nurl.searchParams.delete('X-Amz-Expires');\nr2.sign(url, { method: 'GET', aws: { signQuery: true } });`,
  ],
  invalid: [
    {
      code: CLIENT + `const url = new URL(\`\${endpoint}/media/\${key}\`);\nurl.searchParams.set('X-Amz-Expires', String(30 * 86400));\nr2.sign(url.toString(), { method: 'GET', aws: { signQuery: true } });`,
      errors: [
        {
          messageId: 'aboveMaximum',
          line: 5,
          data: { api: API, value: '2592000 s (30 days)', limit: 'the SigV4 maximum of 604800 s (7 days)', consequence: 'S3 rejects the request when the URL is used' },
          suggestions: [{ messageId: 'clampToLimit', output: CLIENT + `const url = new URL(\`\${endpoint}/media/\${key}\`);\nurl.searchParams.set('X-Amz-Expires', String(Math.min(30 * 86400, 604800)));\nr2.sign(url.toString(), { method: 'GET', aws: { signQuery: true } });` }],
        },
      ],
    },
    {
      // A default parameter printed with toString(), bounded inside it.
      code: CLIENT + `export async function link(key: string, ttl = 10 * 86400) {\n  const url = new URL(\`\${endpoint}/media/\${key}\`);\n  url.searchParams.set('X-Amz-Expires', ttl.toString());\n  return r2.sign(new Request(url.toString(), { method: 'GET' }), { aws: { signQuery: true } });\n}`,
      errors: [
        {
          messageId: 'aboveMaximum',
          line: 6,
          suggestions: [
            {
              messageId: 'clampToLimit',
              output: CLIENT + `export async function link(key: string, ttl = 10 * 86400) {\n  const url = new URL(\`\${endpoint}/media/\${key}\`);\n  url.searchParams.set('X-Amz-Expires', Math.min(ttl, 604800).toString());\n  return r2.sign(new Request(url.toString(), { method: 'GET' }), { aws: { signQuery: true } });\n}`,
            },
          ],
        },
      ],
    },
    {
      code: CLIENT + `r2.sign(\`\${endpoint}/media/\${key}?X-Amz-Expires=\${14 * 86400}\`, { method: 'GET', aws: { signQuery: true } });`,
      errors: [{ messageId: 'aboveMaximum', line: 4, suggestions: [{ messageId: 'clampToLimit', output: CLIENT + `r2.sign(\`\${endpoint}/media/\${key}?X-Amz-Expires=\${Math.min(14 * 86400, 604800)}\`, { method: 'GET', aws: { signQuery: true } });` }] }],
    },
  ],
});

ruleTester.run('explicit-method on aws4fetch', eslintRuleOf('explicit-method'), {
  valid: [
    CLIENT + `r2.sign(\`\${endpoint}/media/\${key}?X-Amz-Expires=600\`, { method: 'PUT', aws: { signQuery: true } });`,
    // The Request's own method.
    CLIENT + `r2.sign(new Request(\`\${endpoint}/media/\${key}?X-Amz-Expires=600\`, { method: 'PUT' }), { aws: { signQuery: true } });`,
  ],
  invalid: [
    {
      code: CLIENT + `r2.sign(\`\${endpoint}/media/\${key}?X-Amz-Expires=600\`, { aws: { signQuery: true } });`,
      errors: [{ messageId: 'method-missing', line: 4, column: 55, data: { api: API } }],
    },
    {
      code: CLIENT + `r2.sign(new Request(\`\${endpoint}/media/\${key}?X-Amz-Expires=600\`), { aws: { signQuery: true } });`,
      errors: [{ messageId: 'method-missing' }],
    },
    {
      code: CLIENT + `export const sign = (req: Request) => r2.sign(req, { aws: { signQuery: true, service: 's3' } });`,
      errors: [{ messageId: 'request-unresolved' }],
    },
    {
      code: CLIENT + `export const sign = (m: string) => r2.sign(\`\${endpoint}/media/k?X-Amz-Expires=60\`, { method: m, aws: { signQuery: true } });`,
      errors: [{ messageId: 'method-not-constant' }],
    },
  ],
});

ruleTester.run('no-url-logging on aws4fetch', eslintRuleOf('no-url-logging'), {
  valid: [
    CLIENT + `const signed = await r2.sign(\`\${endpoint}/media/k?X-Amz-Expires=60\`, { method: 'GET', aws: { signQuery: true } });\nconsole.log(new URL(signed.url).pathname);`,
  ],
  invalid: [
    {
      code: CLIENT + `const signed = await r2.sign(\`\${endpoint}/media/k?X-Amz-Expires=60\`, { method: 'GET', aws: { signQuery: true } });\nconsole.log('upload to', signed.url);`,
      errors: [{ messageId: 'logged', line: 5, data: { api: API, sink: 'console.log' } }],
    },
  ],
});

ruleTester.run('temporary-credentials-expiry on aws4fetch', eslintRuleOf('temporary-credentials-expiry'), {
  valid: [
    // A session token's lifetime is set where it was issued: checked only with a configured one.
    `import { AwsClient } from 'aws4fetch';
const c = new AwsClient({ accessKeyId: a, secretAccessKey: b, sessionToken: t });
c.sign(\`https://\${bucket}.s3.eu-west-1.amazonaws.com/k?X-Amz-Expires=\${12 * 3600}\`, { method: 'GET', aws: { signQuery: true } });`,
    // Long-term keys.
    CLIENT + `r2.sign(\`\${endpoint}/media/k?X-Amz-Expires=\${6 * 86400}\`, { method: 'GET', aws: { signQuery: true } });`,
  ],
  invalid: [
    {
      code: `import { AwsClient } from 'aws4fetch';
const c = new AwsClient({ accessKeyId: a, secretAccessKey: b, sessionToken: t });
c.sign(\`https://\${bucket}.s3.eu-west-1.amazonaws.com/k?X-Amz-Expires=\${12 * 3600}\`, { method: 'GET', aws: { signQuery: true } });`,
      options: [{ lifetimes: { sessionToken: 3600 } }],
      errors: [
        {
          messageId: 'outlivesCredentials',
          line: 3,
          suggestions: [
            {
              messageId: 'shortenToLifetime',
              output: `import { AwsClient } from 'aws4fetch';
const c = new AwsClient({ accessKeyId: a, secretAccessKey: b, sessionToken: t });
c.sign(\`https://\${bucket}.s3.eu-west-1.amazonaws.com/k?X-Amz-Expires=\${Math.min(12 * 3600, 3600)}\`, { method: 'GET', aws: { signQuery: true } });`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('min-expiry on aws4fetch', eslintRuleOf('min-expiry'), {
  valid: [CLIENT + `r2.sign(\`\${endpoint}/media/k?X-Amz-Expires=60\`, { method: 'GET', aws: { signQuery: true } });`],
  invalid: [
    {
      code: CLIENT + `const url = new URL(\`\${endpoint}/media/k\`);\nurl.searchParams.set('X-Amz-Expires', '2');\nr2.sign(url, { method: 'GET', aws: { signQuery: true } });`,
      errors: [{ messageId: 'tooShort', line: 5 }],
    },
  ],
});
