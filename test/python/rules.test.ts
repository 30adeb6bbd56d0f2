/**
 * The code rules on boto3 code: each rule must flag its fault and leave correct code alone, in
 * every import style and argument form the Python reader claims to follow.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPythonSource } from '../../src/engine/python.js';
import { findings, pythonRules } from './helpers.js';

const V4 = "config=Config(signature_version='s3v4')";
const HEADER = `import boto3\nfrom botocore.config import Config\n`;

describe('presign/max-expiry', () => {
  it('flags ExpiresIn above 7 days: keyword, positional, arithmetic, module constant, timedelta', async () => {
    const source = `${HEADER}from datetime import timedelta
WEEK_AND_A_DAY = 8 * 24 * 3600
s3 = boto3.client('s3', ${V4})
s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': 'k'}, ExpiresIn=WEEK_AND_A_DAY)
s3.generate_presigned_url('get_object', {'Bucket': 'b', 'Key': 'k'}, 700000)
s3.generate_presigned_url('get_object', ExpiresIn=int(timedelta(days=8).total_seconds()))
s3.generate_presigned_url('get_object', ExpiresIn=max(3600, 700000))
s3.generate_presigned_url('get_object', ExpiresIn=0)
`;
    expect(await findings(source, 'max-expiry')).toEqual([
      '6:87 presign/max-expiry aboveMaximum',
      '7:70 presign/max-expiry aboveMaximum',
      '8:51 presign/max-expiry aboveMaximum',
      '9:51 presign/max-expiry aboveMaximum',
      '10:51 presign/max-expiry invalidExpiry',
    ]);
  });

  it('flags a default parameter value and a value a local caller passes', async () => {
    const source = `${HEADER}s3 = boto3.client('s3', ${V4})
def link(key, ttl=900):
    return s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': key}, ExpiresIn=ttl)
def share(key):
    return link(key, 30 * 86400)
def bad(key, ttl=10 * 86400):
    return s3.generate_presigned_url('get_object', ExpiresIn=ttl)
`;
    expect(await findings(source, 'max-expiry')).toEqual(['5:98 presign/max-expiry aboveMaximum', '9:62 presign/max-expiry aboveMaximum']);
  });

  it('leaves alone bounded, unknown and valid expiries', async () => {
    const source = `${HEADER}import os
s3 = boto3.client('s3', ${V4})
def link(key, ttl):
    s3.generate_presigned_url('get_object', ExpiresIn=ttl)
    s3.generate_presigned_url('get_object', ExpiresIn=min(ttl, 604800))
    s3.generate_presigned_url('get_object', ExpiresIn=int(os.environ.get('TTL', '3600')))
    s3.generate_presigned_url('get_object', ExpiresIn=604800)
    s3.generate_presigned_url('get_object')
`;
    expect(await findings(source, 'max-expiry')).toEqual([]);
  });

  it('applies a configured cap, with the rule message', async () => {
    const source = `${HEADER}s3 = boto3.client('s3', ${V4})\ns3.generate_presigned_url('get_object', ExpiresIn=7200, HttpMethod='GET')\n`;
    const messages = await auditPythonSource(source, resolveConfig({ preset: 'all', rules: { 'presign/max-expiry': ['warn', { maxSeconds: 3600 }] } }, null));
    expect(messages).toEqual([
      {
        ruleId: 'presign/max-expiry',
        messageId: 'aboveMaximum',
        severity: 1,
        message:
          'Expiry 7200 s (2 hours) is above the configured maximum of 3600 s (1 hour); lower it. With generate_presigned_url (boto3), the URL lives longer than the configured maximum allows.',
        line: 4,
        column: 51,
        endLine: 4,
        endColumn: 55,
      },
    ]);
  });
});

describe('recognising clients', () => {
  const call = `.generate_presigned_url('get_object', ExpiresIn=700000)`;
  it.each([
    ['import boto3 as b3', `c = b3.client('s3', ${V4})\nc${call}`],
    ['from boto3 import client as mk', `c = mk('s3', ${V4})\nc${call}`],
    ['import boto3', `session = boto3.Session(region_name='eu-central-1')\nc = session.client('s3')\nc${call}`],
    ['import boto3.session', `c = boto3.session.Session().client('s3', ${V4})\nc${call}`],
    ['import boto3', `c = boto3.resource('s3', ${V4}).meta.client\nc${call}`],
    ['import boto3', `def get_client():\n    return boto3.client('s3', ${V4})\nget_client()${call}`],
    ['import boto3', `def sign(client):\n    return client${call}\nsign(boto3.client('s3', ${V4}))`],
    ['import boto3', `def sign(client):\n    return client${call}`],
  ])('%s / %s', async (importLine, body) => {
    const source = `${importLine}\nfrom botocore.config import Config\n${body}\n`;
    expect(await findings(source, 'max-expiry')).toHaveLength(1);
  });

  it.each([
    ['another service', `c = boto3.client('sqs')\nc.generate_presigned_url('send_message', ExpiresIn=700000)`],
    ['a local class', `class Fake:\n    def generate_presigned_url(self, *a, **k): return ''\nFake().generate_presigned_url('x', ExpiresIn=700000)`],
    ['a receiver made elsewhere without an S3 shape', `def sign(signer):\n    return signer.generate_presigned_url(method, ExpiresIn=700000)`],
  ])('leaves alone %s', async (_, body) => {
    expect(await findings(`import boto3\n${body}\n`, 'max-expiry')).toEqual([]);
  });
});

describe('presign/temporary-credentials-expiry', () => {
  it('flags an expiry longer than the Lambda role, in a handler module, with the default chain', async () => {
    const source = `${HEADER}s3 = boto3.client('s3', ${V4})
def lambda_handler(event, context):
    return s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': 'k'}, ExpiresIn=86400)
`;
    expect(await findings(source, 'temporary-credentials-expiry')).toEqual(['5:98 presign/temporary-credentials-expiry outlivesCredentials']);
  });

  it('flags an assumed-role session shorter than the expiry, with DurationSeconds', async () => {
    const source = `${HEADER}sts = boto3.client('sts')
creds = sts.assume_role(RoleArn='arn:aws:iam::1:role/r', RoleSessionName='s', DurationSeconds=900)['Credentials']
session = boto3.Session(aws_access_key_id=creds['AccessKeyId'], aws_secret_access_key=creds['SecretAccessKey'], aws_session_token=creds['SessionToken'])
s3 = session.client('s3', ${V4})
s3.generate_presigned_url('get_object', ExpiresIn=3600)
`;
    expect(await findings(source, 'temporary-credentials-expiry')).toEqual(['7:51 presign/temporary-credentials-expiry outlivesCredentials']);
  });

  it('leaves alone IAM user keys, a session token of unknown lifetime, and clients outside a handler module', async () => {
    const source = `${HEADER}import os
user = boto3.client('s3', aws_access_key_id='AKIA...', aws_secret_access_key=os.environ['SECRET'], ${V4})
user.generate_presigned_url('get_object', ExpiresIn=86400)
token = boto3.Session(aws_access_key_id='a', aws_secret_access_key='b', aws_session_token=os.environ['TOKEN']).client('s3', ${V4})
token.generate_presigned_url('get_object', ExpiresIn=86400)
plain = boto3.client('s3', ${V4})
plain.generate_presigned_url('get_object', ExpiresIn=86400)
`;
    expect(await findings(source, 'temporary-credentials-expiry')).toEqual([]);
  });
});

describe('a file that does not parse', () => {
  it('gives one located fatal message and no findings', async () => {
    const messages = await auditPythonSource(`import boto3\ndef broken(:\n    pass\n`, pythonRules());
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: 'presign-audit/parse-error', fatal: true, severity: 2, line: 2 });
    expect(messages[0]!.message).toMatch(/^Python syntax error/);
  });
});
