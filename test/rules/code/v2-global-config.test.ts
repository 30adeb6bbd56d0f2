/**
 * AWS SDK v2 copies `AWS.config` when a client is constructed (AWS SDK for JavaScript v2 guide,
 * "Using the global configuration object"): no-sigv2 reads the global config as it was then.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { type MessageId } from '../../../rules/code/no-sigv2.js';
import { eslintRuleOf } from './eslint-rule.js';

const rule = eslintRuleOf<MessageId>('no-sigv2');
const ruleTester = new RuleTester();

const API = 'S3#getSignedUrl (aws-sdk v2)';

ruleTester.run('no-sigv2: the v2 global config in program order', rule, {
  valid: [
    // Updated before the client is made: a region that signs SigV4 by default.
    `const AWS = require('aws-sdk');
AWS.config.update({ region: 'us-east-2' });
const s3 = new AWS.S3();
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 60 });`,
    // A client made inside a function may be made after the update: the update is read.
    `const AWS = require('aws-sdk');
function client() { return new AWS.S3(); }
AWS.config.update({ signatureVersion: 'v4' });
client().getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 60 });`,
    // An update inside a function may run before the client is made: read, as before.
    `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
export function configure() { AWS.config.update({ signatureVersion: 'v4' }); }
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 60 });`,
  ],
  invalid: [
    {
      // Written after the client is made: it does not reach the client, whose region is then unknown.
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
AWS.config.update({ region: 'us-east-2' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 60 });`,
      errors: [
        {
          messageId: 'v2UnknownRegion',
          line: 4,
          data: { api: API },
          suggestions: [
            {
              messageId: 'useSigV4',
              data: { setting: "signatureVersion: 'v4'" },
              output: `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ signatureVersion: 'v4' });
AWS.config.update({ region: 'us-east-2' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 60 });`,
            },
          ],
        },
      ],
    },
    {
      // The last update before the client counts, not a later one.
      code: `import AWS from 'aws-sdk';
AWS.config.update({ region: 'us-east-1' });
const s3 = new AWS.S3();
AWS.config.update({ region: 'eu-central-1' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 60 });`,
      errors: [
        {
          messageId: 'v2DefaultRegion',
          line: 5,
          data: { api: API, region: 'us-east-1' },
        },
      ],
      output: `import AWS from 'aws-sdk';
AWS.config.update({ region: 'us-east-1' });
const s3 = new AWS.S3({ signatureVersion: 'v4' });
AWS.config.update({ region: 'eu-central-1' });
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 60 });`,
    },
  ],
});
