import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/cli/execute.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await execute(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}

interface JsonOutput {
  signers: { role: string; tiedBy: string; policy: { Statement: { Sid: string; Action: string[]; Resource: string[] }[] }; trace: Record<string, { neededBy: string[]; unknown?: string[] }> }[];
  untied: string[];
}

async function statements(project: string) {
  const { code, stdout, stderr } = await run(['--least-privilege'], path.isAbsolute(project) ? project : path.join(ROOT, project));
  expect([code, stderr]).toEqual([0, '']);
  const output = JSON.parse(stdout) as JsonOutput;
  return output.signers.map((s) => ({ role: s.role, statements: s.policy.Statement.map((st) => [st.Action.join(','), st.Resource.join(','), s.trace[st.Sid]!.neededBy.join(','), s.trace[st.Sid]!.unknown ?? []]) }));
}

describe('presign-audit --least-privilege on sample projects', () => {
  it('TypeScript, CloudFormation, codeSigners: each operation on the bucket and the key prefix of its calls', async () => {
    expect(await statements('fixtures/projects/upload-stack')).toEqual([
      {
        role: 'documents-signer',
        statements: [
          ['s3:GetObject', 'arn:aws:s3:::acme-customer-documents/documents/*', 'src/admin.ts:6,src/links.ts:9', []],
          ['s3:DeleteObject', 'arn:aws:s3:::acme-customer-documents/documents/*', 'src/admin.ts:11,src/links.ts:26', []],
          ['s3:PutObject', 'arn:aws:s3:::acme-customer-documents/documents/*', 'src/links.ts:14,src/links.ts:18', []],
        ],
      },
    ]);
  });

  it('JavaScript (SDK v2), SAM, SSE-KMS bucket: the KMS actions on the bucket key, the only signer of the run', async () => {
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(await statements('fixtures/least-privilege/js-kms')).toEqual([
      {
        role: 'reports-signer',
        statements: [
          ['kms:Decrypt', key, 'src/handler.js:8', []],
          ['s3:GetObject', 'arn:aws:s3:::acme-reports/monthly/*', 'src/handler.js:8', []],
          ['kms:GenerateDataKey', key, 'src/handler.js:13', []],
          ['s3:PutObject', 'arn:aws:s3:::acme-reports/attachments/*', 'src/handler.js:13', []],
        ],
      },
    ]);
  });

  it('Python (boto3), SAM: ACL and Tagging add their actions; a direct call narrowed to its constant bucket', async () => {
    expect(await statements('fixtures/least-privilege/python-sam')).toEqual([
      {
        role: 'photos-signer',
        statements: [
          ['s3:PutObject', 'arn:aws:s3:::acme-photos/photos/*', 'app/handler.py:9', []],
          ['s3:PutObjectAcl', 'arn:aws:s3:::acme-photos/photos/*', 'app/handler.py:9', []],
          ['s3:PutObjectTagging', 'arn:aws:s3:::acme-photos/photos/*', 'app/handler.py:9', []],
          ['s3:GetObject', 'arn:aws:s3:::acme-photos/photos/*', 'app/handler.py:17', []],
          ['s3:ListBucket', 'arn:aws:s3:::acme-photos', 'app/handler.py:21', []],
        ],
      },
    ]);
  });

  it('prints CloudFormation and Terraform with the code of each statement in a comment', async () => {
    const cwd = path.join(ROOT, 'fixtures/least-privilege/js-kms');
    const yaml = await run(['--least-privilege', '--format', 'cloudformation'], cwd);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('    Type: AWS::IAM::RolePolicy\n    Properties:\n      RoleName: !Ref ReportsRole\n');
    expect(yaml.stdout).toMatch(/# needed by src\/handler\.js:8\n {10}- Sid: KMSDecrypt1\n {12}Effect: Allow\n {12}Action:\n {14}- "kms:Decrypt"/);
    const hcl = await run(['--least-privilege', '-f', 'terraform'], cwd);
    expect(hcl.stdout).toMatch(/data "aws_iam_policy_document" "reports_signer_least_privilege" \{\n {2}# needed by src\/handler\.js:8\n {2}statement \{\n {4}sid {7}= "KMSDecrypt1"/);
    expect(hcl.stdout).toContain('resources = ["arn:aws:s3:::acme-reports/attachments/*"]');
  });

  it('lists the calls it cannot tie to a role, and refuses the findings formats', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-lp-'));
    const untied = await run(['--least-privilege', '-o', path.join(dir, 'p.json'), path.join(ROOT, 'fixtures/least-privilege/js-kms/src')], ROOT);
    expect(untied.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'p.json'), 'utf8'))).toEqual({ signers: [], untied: ['fixtures/least-privilege/js-kms/src/handler.js:8', 'fixtures/least-privilege/js-kms/src/handler.js:13'] });
    const refused = await run(['--least-privilege', '-f', 'sarif'], ROOT);
    expect([refused.code, refused.stderr]).toEqual([2, 'presign-audit: --least-privilege prints json, cloudformation, terraform, not "sarif".\n']);
  });
});

describe('presign-audit --least-privilege: the bucket and key of requests the code sends itself', () => {
  it('v3 send(new XCommand), the aggregated client, boto3 client methods and transfers: constant bucket and key prefix; unknown widens that call only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-direct-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(
      path.join(dir, 'src/a.ts'),
      `import { S3Client, PutObjectCommand, GetObjectCommand, S3 } from '@aws-sdk/client-s3';
const BUCKET = 'acme-docs';
const PREFIX = 'reports';
const client = new S3Client({});
export async function put(id: string, body: string) {
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: \`\${PREFIX}/\${id}.pdf\`, Body: body }));
  await client.send(
    new GetObjectCommand({ Bucket: process.env.BUCKET, Key: 'fixed.txt' }),
  );
  await new S3({}).deleteObject({ Bucket: 'acme-docs', Key: 'tmp/' + id });
}
`,
    );
    writeFileSync(
      path.join(dir, 'src/b.py'),
      `import boto3
s3 = boto3.client('s3')
BUCKET = 'acme-py'
def handler(event, context):
    s3.put_object(Bucket=BUCKET, Key=f"in/{event['id']}", Body=b'x')
    s3.upload_file('/tmp/x', BUCKET, 'out/' + event['id'])
    s3.download_file(event['bucket'], 'k', '/tmp/y')
`,
    );
    writeFileSync(
      path.join(dir, 'template.yaml'),
      `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: worker
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
`,
    );
    expect(await statements(dir)).toEqual([
      {
        role: 'worker',
        statements: [
          ['s3:PutObject', 'arn:aws:s3:::acme-docs/reports/*,arn:aws:s3:::acme-py/in/*,arn:aws:s3:::acme-py/out/*', 'src/a.ts:6,src/b.py:5,src/b.py:6', []],
          ['s3:GetObject', 'arn:aws:s3:::*/fixed.txt,arn:aws:s3:::*/k', 'src/a.ts:7,src/b.py:7', ['the bucket is not shown by the code']],
          ['s3:DeleteObject', 'arn:aws:s3:::acme-docs/tmp/*', 'src/a.ts:10', []],
          ['s3:AbortMultipartUpload', 'arn:aws:s3:::acme-py/out/*', 'src/b.py:6', []],
        ],
      },
    ]);
  });

  it('v2 managed upload with ACL, params held in a const or not shown, GetObjectAttributes; the role of the function whose CodeUri holds the code', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-direct-'));
    mkdirSync(path.join(dir, 'fn'));
    writeFileSync(
      path.join(dir, 'fn/app.js'),
      `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
exports.handler = async (event, params) => {
  await s3.upload({ Bucket: 'acme-up', Key: 'public/' + event.id, Body: 'x', ACL: 'public-read' }).promise();
  const read = { Bucket: 'acme-up', Key: 'private/a.json' };
  await s3.getObjectAttributes(read).promise();
  await s3.putObject(params).promise();
};
`,
    );
    writeFileSync(
      path.join(dir, 'template.yaml'),
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: fn/, Handler: app.handler, Runtime: nodejs18.x }
  Other:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: other/, Handler: app.handler, Runtime: nodejs18.x }
`,
    );
    const [only, ...rest] = await statements(dir);
    expect(rest).toEqual([]);
    expect(only!.role).toBe('FnRole');
    expect(only!.statements).toEqual([
      ['s3:AbortMultipartUpload', 'arn:aws:s3:::acme-up/public/*', 'fn/app.js:4', []],
      // The upload's own acme-up/public/* is inside the */* that the unshown params of line 7 need.
      ['s3:PutObject', 'arn:aws:s3:::*/*', 'fn/app.js:4,fn/app.js:7', ['the bucket is not shown by the code', 'the key is not shown by the code']],
      ['s3:PutObjectAcl', 'arn:aws:s3:::*/*', 'fn/app.js:4,fn/app.js:7', ['the bucket is not shown by the code', 'the key is not shown by the code', 'the parameters are not shown by the code']],
      ['s3:GetObject', 'arn:aws:s3:::acme-up/private/a.json', 'fn/app.js:6', []],
      ['s3:GetObjectAttributes', 'arn:aws:s3:::acme-up/private/a.json', 'fn/app.js:6', []],
      ['s3:PutObjectLegalHold', 'arn:aws:s3:::*/*', 'fn/app.js:7', ['the bucket is not shown by the code', 'the key is not shown by the code', 'the parameters are not shown by the code']],
      ['s3:PutObjectRetention', 'arn:aws:s3:::*/*', 'fn/app.js:7', ['the bucket is not shown by the code', 'the key is not shown by the code', 'the parameters are not shown by the code']],
      ['s3:PutObjectTagging', 'arn:aws:s3:::*/*', 'fn/app.js:7', ['the bucket is not shown by the code', 'the key is not shown by the code', 'the parameters are not shown by the code']],
    ]);
  });

  it('a command sent by name is read from its const; other services\' commands and calls in comments are none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-direct-'));
    mkdirSync(path.join(dir, 'fn'));
    writeFileSync(
      path.join(dir, 'fn/app.js'),
      `const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { TranscribeClient, StartTranscriptionJobCommand } = require('@aws-sdk/client-transcribe');
const response = require('./cfn-response.js');
const s3 = new S3Client({});
const transcribe = new TranscribeClient({});
exports.handler = async (event) => {
  const command = new GetObjectCommand({ Bucket: 'media', Key: \`in/\${event.id}\` });
  await s3.send(command);
  const job = new StartTranscriptionJobCommand({ Media: { MediaFileUri: 's3://media/x' } });
  await transcribe.send(job);
  await response.send(event, 'SUCCESS');
  // await s3.deleteObject({ Bucket: 'media', Key: 'x' });
  /* s3.putObject({ Bucket: 'media', Key: 'y' }) */
  return 'https://example.com/'; // a URL's // starts no comment: s3.deleteObject( here is one
};
`,
    );
    writeFileSync(
      path.join(dir, 'template.yaml'),
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: fn/, Handler: app.handler, Runtime: nodejs20.x }
`,
    );
    expect(await statements(dir)).toEqual([{ role: 'FnRole', statements: [['s3:GetObject', 'arn:aws:s3:::media/in/*', 'fn/app.js:8', []]] }]);
  });
});
