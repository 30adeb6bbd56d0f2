#!/usr/bin/env node
/**
 * Benchmark (not a test): `npm run bench:policies`.
 * 1. Policies per second on a generated corpus of 5,000 policy files, analysed in process with the
 *    `recommended` rules, beside merely reading and JSON.parse-ing the same files.
 * 2. The time for one small file from process start (spawning the built bin), beside a process
 *    that only reads and JSON.parses it.
 * 3. Templates per second on 1,000 generated CloudFormation templates (half YAML with short-form
 *    intrinsics, half CDK-style JSON), read and joined in one run with the set-level rules, beside
 *    merely parsing them (the `yaml` package and JSON.parse).
 * Needs the build (`npm run build`); the npm script runs it first.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
const { auditFile, auditPolicyFiles } = await import(path.join(ROOT, 'dist/src/cli/execute.js'));
const { parse: parseYaml } = await import('yaml');
const { resolveConfig } = await import(path.join(ROOT, 'dist/src/cli/config.js'));

const COUNT = Number(process.env.BENCH_POLICIES ?? 5000);
const SPAWNS = Number(process.env.BENCH_SPAWNS ?? 15);
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 1000);

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:Put*', 's3:*', 's3:GetObjectVersion', 's3:ListBucket', 'kms:Decrypt', 'kms:GenerateDataKey', 's3:getobject', 's3:DeleteObject'];
function generatePolicy(i) {
  const pick = (k) => ACTIONS[(i * 7 + k * 3) % ACTIONS.length];
  const bucket = `arn:aws:s3:::bucket-${i % 97}`;
  const statements = [];
  for (let s = 0; s < 1 + (i % 4); s++) {
    const statement = { Sid: `S${s}`, Effect: s === 3 ? 'Deny' : 'Allow', Action: [pick(s), pick(s + 1)], Resource: `${bucket}/*` };
    if (i % 3 === 0) statement.Principal = s % 2 ? '*' : { AWS: `arn:aws:iam::1111222233${String(i % 100).padStart(2, '0')}:role/signer` };
    if (i % 5 === 0) statement.Condition = { IpAddress: { 'aws:SourceIp': i % 2 ? '10.0.0.0/8' : '203.0.113.0/24' }, StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } };
    statements.push(statement);
  }
  const document = { Version: '2012-10-17', Statement: statements };
  // A share of the corpus is AWS CLI output, with the policy as an escaped string.
  return i % 4 === 1 ? JSON.stringify({ Policy: JSON.stringify(document) }, null, 4) : JSON.stringify(document, null, 2);
}

/** A serverless upload stack: key, encrypted bucket with a policy, signer role, function (about 80 lines). */
function generateTemplate(i) {
  const actions = [ACTIONS[i % ACTIONS.length], ACTIONS[(i * 3 + 1) % ACTIONS.length]];
  if (i % 2 === 0) {
    return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: stage${i % 7} }
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: 'kms:*'
            Resource: '*'
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'uploads-${i}-\${Stage}'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: !GetAtt Key.Arn }
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition: { Bool: { 'aws:SecureTransport': false } }
  Signer:
    Type: AWS::IAM::Role
    Properties:
      MaxSessionDuration: 3600
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
      Policies:
        - PolicyName: sign
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [${actions.join(', ')}]
                Resource: !Sub 'arn:aws:s3:::\${Bucket}/*'
              - Effect: Allow
                Action: [kms:Decrypt]
                Resource: !GetAtt Key.Arn
  Upload:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt Signer.Arn
`;
  }
  const arn = (id, suffix = '') => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, suffix]] });
  return JSON.stringify(
    {
      Resources: {
        Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } }, Action: 'kms:*', Resource: '*' }] } } },
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } } }] } } },
        BucketPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [arn('Bucket'), arn('Bucket', '/*')], Condition: { NumericGreaterThan: { 's3:signatureAge': '600000' } } }] } } },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
        RolePolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'Role' }], PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: [arn('Bucket'), arn('Bucket', '/*')] }] } } },
        Handler: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Handler: 'index.handler', Runtime: 'nodejs20.x' } },
      },
    },
    null,
    2,
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const dir = mkdtempSync(path.join(tmpdir(), 'presign-bench-'));
try {
  mkdirSync(path.join(dir, 'corpus'));
  const files = [];
  for (let i = 0; i < COUNT; i++) {
    const file = path.join(dir, 'corpus', `policy-${i}.json`);
    writeFileSync(file, generatePolicy(i));
    files.push(file);
  }
  const config = resolveConfig({}, null);

  // Warm both paths (IAM data is loaded once per process, on first use).
  for (const file of files.slice(0, 50)) auditFile(file, config);
  for (const file of files.slice(0, 50)) JSON.parse(readFileSync(file, 'utf8'));

  let start = performance.now();
  for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
  const parseMs = performance.now() - start;

  start = performance.now();
  let findings = 0;
  for (const file of files) findings += auditFile(file, config).messages.length;
  const auditMs = performance.now() - start;

  const perSecond = (ms) => Math.round((COUNT / ms) * 1000);
  console.log(`Corpus: ${COUNT} generated policy files (${findings} findings)`);
  console.log(`  presign-audit (read + analyse): ${perSecond(auditMs).toLocaleString('en')} policies/s  (${auditMs.toFixed(0)} ms)`);
  console.log(`  read + JSON.parse only:         ${perSecond(parseMs).toLocaleString('en')} policies/s  (${parseMs.toFixed(0)} ms)`);
  console.log(`  ratio: ${(auditMs / parseMs).toFixed(1)}x the time of read + JSON.parse`);

  mkdirSync(path.join(dir, 'templates'));
  const templates = [];
  for (let i = 0; i < TEMPLATES; i++) {
    const file = path.join(dir, 'templates', i % 2 === 0 ? `stack-${i}.yaml` : `Stack${i}.template.json`);
    writeFileSync(file, generateTemplate(i));
    templates.push(file);
  }
  auditPolicyFiles(templates.slice(0, 20), config);
  start = performance.now();
  for (const file of templates) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.yaml')) parseYaml(text, { logLevel: 'silent' });
    else JSON.parse(text);
  }
  const templateParseMs = performance.now() - start;
  start = performance.now();
  // One run: every template read, the per-document rules, then the set-level rules over the joined inventory.
  const templateFindings = auditPolicyFiles(templates, config).reduce((n, r) => n + r.messages.length, 0);
  const templateMs = performance.now() - start;
  const templatesPerSecond = (ms) => Math.round((TEMPLATES / ms) * 1000);
  console.log(`Templates: ${TEMPLATES} generated CloudFormation templates, half YAML, half CDK JSON (${templateFindings} findings)`);
  console.log(`  presign-audit (read + analyse + join): ${templatesPerSecond(templateMs).toLocaleString('en')} templates/s  (${templateMs.toFixed(0)} ms)`);
  console.log(`  read + parse only (yaml, JSON.parse):  ${templatesPerSecond(templateParseMs).toLocaleString('en')} templates/s  (${templateParseMs.toFixed(0)} ms)`);
  console.log(`  ratio: ${(templateMs / templateParseMs).toFixed(1)}x the time of read + parse`);

  const small = files[2];
  const spawnMs = (args) => {
    const times = [];
    for (let i = 0; i < SPAWNS; i++) {
      const t = performance.now();
      const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
      times.push(performance.now() - t);
      if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    }
    return median(times);
  };
  const binMs = spawnMs([BIN, small]);
  const nodeMs = spawnMs(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(small)}, 'utf8'))`]);
  console.log(`One small file from process start (median of ${SPAWNS}):`);
  console.log(`  presign-audit ${path.basename(small)}: ${binMs.toFixed(0)} ms`);
  console.log(`  node reading + JSON.parse:      ${nodeMs.toFixed(0)} ms`);
  console.log(`  ratio: ${(binMs / nodeMs).toFixed(1)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
