import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../../rules/code-x-policy/signer-beyond-need.js';
import { execute } from '../../../src/cli/execute.js';
import { grantsOf, kmsNeedUnknown, needUnknown, type CodeCall, type KeyShown } from '../../../src/join/need.js';
import type { BucketInfo, RoleInfo } from '../../../src/policy/inventory.js';
import { optionsOf, runRule } from '../../../src/rule/run.js';
import { bucket, inventory, policy, role } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function call(r: RoleInfo, operation: string | null, bucket: string | null, key: KeyShown, at = 'src/a.ts:1'): CodeCall {
  return { at, signed: true, operation, parameters: new Set(), copySource: null, kmsKeyId: null, key, tie: { role: r, bucket: bucket ? { name: bucket, info: null } : null } };
}

function findings(statements: object[], calls: (r: RoleInfo) => CodeCall[], extra: Partial<RoleInfo> = {}, buckets: BucketInfo[] = [], otherServices: string[] = []) {
  const r = role('uploader', [policy({ Version: '2012-10-17', Statement: statements })], extra);
  const inv = inventory([r], buckets);
  const roleCalls = calls(r);
  const need = grantsOf(roleCalls, inv);
  const input = { role: r, calls: roleCalls, need, unknown: needUnknown(r, roleCalls, need), kmsUnknown: kmsNeedUnknown(roleCalls, need, otherServices), inventory: inv };
  const run = runRule(rule, input, optionsOf(rule));
  if (run.failure) throw new Error(run.failure);
  return run.reports.map((report) => [report.messageId, report.location.line, report.message]);
}

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab';
const encrypted = (name: string, key: string): BucketInfo => ({ ...bucket(name, null), encryption: { algorithm: 'aws:kms', kmsKeyId: key, kmsKeyLogicalId: null, kmsKeyUnknown: false, position: { line: 1, column: 1, endLine: 1, endColumn: 1 } } });
const vault = encrypted('vault', KEY);
const archive = encrypted('archive', OTHER_KEY);
/** Uploads to the SSE-KMS bucket `vault`, whose encryption the run read. */
const vaultUploads = (r: RoleInfo) => [{ ...call(r, 'PutObject', 'vault', { kind: 'prefix', prefix: 'in/' }, 'src/a.ts:4'), tie: { role: r, bucket: { name: 'vault', info: vault } } }];
const vaultS3 = { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::vault/in/*' };

const uploads = (r: RoleInfo) => [call(r, 'PutObject', 'acme', { kind: 'prefix', prefix: 'incoming/' }, 'src/a.ts:4'), call(r, 'GetObject', 'acme', { kind: 'prefix', prefix: 'incoming/' }, 'src/a.ts:9')];

describe('presign/signer-beyond-need: must report', () => {
  it('an action no call needs, a wildcard wider than the need, a resource wider than the need', () => {
    const found = findings(
      [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::acme/incoming/*' },
        { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::acme/incoming/*' },
        { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme/*' },
      ],
      uploads,
    );
    expect(found.map(([id]) => id)).toEqual(['beyondActions', 'replacePattern', 'beyondResources']);
    expect(found[0]![2]).toContain('allowed s3:DeleteObject here, which none of the code tied to it needs (src/a.ts:4, src/a.ts:9)');
    expect(found[1]![2]).toMatch(/allowed s3:Get\*, \d+ actions more than .* it needs only s3:GetObject\. Replace s3:Get\*/);
    expect(found[2]![2]).toContain('allowed s3:PutObject on arn:aws:s3:::acme/*, wider than the code tied to it needs (arn:aws:s3:::acme/incoming/*)');
  });

  it('on the real-shaped fixture: DeleteObject and the bucket-wide resource, at their lines of the template', async () => {
    let stdout = '';
    const code = await execute(['--format', 'json'], { cwd: path.join(ROOT, 'fixtures/least-privilege/js-kms'), stdout: (t) => (stdout += t), stderr: () => undefined, color: false });
    // The rule's findings are warnings, which fail no run by themselves.
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; messageId: string; severity: number }[] }[];
    expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'presign/signer-beyond-need').map((m) => m.severity))).toEqual([1, 1, 1]);
    const mine = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'presign/signer-beyond-need').map((m) => [path.basename(r.filePath), m.line, m.messageId]));
    // kms:* on the bucket's key: the code signs a GetObject and a PutObject, which need Decrypt and GenerateDataKey.
    expect(mine).toEqual([
      ['template.yaml', 44, 'beyondActions'],
      ['template.yaml', 48, 'beyondResources'],
      ['template.yaml', 50, 'replacePattern'],
    ]);
  });
});

describe('presign/signer-beyond-need: KMS, must report', () => {
  it('KMS actions no call needs on the bucket key, a KMS wildcard, and the key of a bucket the code does not use', () => {
    const found = findings(
      [vaultS3, { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: KEY }, { Effect: 'Allow', Action: 'kms:*', Resource: KEY }, { Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: [KEY, OTHER_KEY] }],
      vaultUploads,
      {},
      [vault, archive],
    );
    expect(found.map(([id]) => id)).toEqual(['beyondActions', 'replacePattern', 'beyondResources']);
    expect(found[0]![2]).toContain('allowed kms:Decrypt here, which none of the code tied to it needs (src/a.ts:4)');
    expect(found[1]![2]).toMatch(/allowed kms:\*, \d+ actions more .* it needs only kms:GenerateDataKey\. Replace kms:\*/);
    expect(found[2]![2]).toContain(`allowed kms:GenerateDataKey on ${OTHER_KEY}, wider than the code tied to it needs (${KEY})`);
  });
});

describe('presign/signer-beyond-need: KMS, must leave alone', () => {
  const wideKms = [vaultS3, { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: KEY }];

  it('exactly the KMS the uploads need', () => {
    expect(findings([vaultS3, { Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: KEY }], vaultUploads, {}, [vault])).toEqual([]);
  });

  it('KMS on "*" or on a key of no bucket the run read: it may be for a queue, a table or a secret', () => {
    expect(findings([vaultS3, { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' }], vaultUploads, {}, [vault])).toEqual([]);
    expect(findings([vaultS3, { Effect: 'Allow', Action: 'kms:Decrypt', Resource: OTHER_KEY }], vaultUploads, {}, [vault])).toEqual([]);
  });

  it('the code uses another AWS service, or a bucket whose encryption the run did not read', () => {
    expect(findings(wideKms, vaultUploads, {}, [vault], ['src/queue.ts:3'])).toEqual([]);
    const unread = (r: RoleInfo) => [...vaultUploads(r), call(r, 'GetObject', 'elsewhere', { kind: 'prefix', prefix: 'x/' }, 'src/b.ts:2')];
    expect(findings([...wideKms, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::elsewhere/x/*' }], unread, {}, [vault])).toEqual([]);
  });
});

describe('presign/signer-beyond-need: must leave alone', () => {
  it('a policy that is exactly the need, and an exact bucket ARN that object actions do not use', () => {
    expect(findings([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::acme/incoming/*', 'arn:aws:s3:::acme'] }], uploads)).toEqual([]);
  });

  it('a call whose operation the code does not show: the need may be any action', () => {
    expect(findings([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::acme/*' }], (r) => [...uploads(r), call(r, null, 'acme', { kind: 'unknown' })])).toEqual([]);
  });

  it('a resource when the code does not show the bucket or the key of its action', () => {
    expect(findings([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }], (r) => [call(r, 'GetObject', null, { kind: 'prefix', prefix: 'a/' })])).toEqual([]);
    expect(findings([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme/*' }], (r) => [call(r, 'GetObject', 'acme', { kind: 'unknown' })])).toEqual([]);
  });

  it('code that hands S3 locations to a service that reads them with the role\'s permissions (Rekognition)', () => {
    const r = role('labeller', [policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme/*' }] })]);
    const calls = [call(r, 'PutObject', 'acme', { kind: 'prefix', prefix: 'out/' })];
    const need = grantsOf(calls, inventory([r], []));
    expect(needUnknown(r, calls, need, ['rekognition (src/app.py:5)'])).toBe("the code uses rekognition (src/app.py:5), which reads or writes S3 with the role's permissions");
    const input = { role: r, calls, need, unknown: needUnknown(r, calls, need, ['rekognition (src/app.py:5)']), kmsUnknown: null, inventory: inventory([r], []) };
    expect(runRule(rule, input, optionsOf(rule)).reports).toEqual([]);
  });

  it('a role that runs several functions, statements with conditions, NotAction, or other services', () => {
    const wide = [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }];
    expect(findings(wide, uploads, { runsCode: ['run by Lambda function A', 'run by Lambda function B'] })).toEqual([]);
    expect(findings([{ Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::acme/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' } } }], uploads)).toEqual([]);
    expect(findings([{ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::acme/*' }], uploads)).toEqual([]);
    expect(findings([{ Effect: 'Allow', Action: ['logs:PutLogEvents', 'dynamodb:GetItem'], Resource: '*' }], uploads)).toEqual([]);
  });

  it('a project whose config and template tie no code to the role (the run does not know which code runs as it)', async () => {
    let stdout = '';
    // An empty config, and a role no function's code folder names: nothing says the code runs as it.
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-need-'));
    writeFileSync(path.join(dir, 'presign-audit.config.json'), '{}');
    writeFileSync(path.join(dir, 'app.py'), "import boto3\nboto3.client('s3').put_object(Bucket='acme', Key='a', Body=b'')\n");
    writeFileSync(
      path.join(dir, 'template.yaml'),
      `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies: [{ PolicyName: p, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 's3:*', Resource: '*' }] } }]
`,
    );
    await execute(['--format', 'json', '.'], { cwd: dir, stdout: (t) => (stdout += t), stderr: () => undefined, color: false });
    expect(stdout).toContain('signer-wildcard-action');
    expect(stdout).not.toContain('signer-beyond-need');
  });
});
