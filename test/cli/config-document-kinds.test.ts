import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/results.js';
import { runBin, tempDir } from './run-bin.js';

/** A gateway endpoint policy limited to one bucket, as AWS's example writes it: shaped like a bucket policy. */
const ONE_BUCKET = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'UploadsOnly', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::acme-uploads', 'arn:aws:s3:::acme-uploads/*'] }] },
  null,
  2,
);

function project(config: object): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'infra', 'network'), { recursive: true });
  mkdirSync(path.join(dir, 'infra', 'buckets'), { recursive: true });
  writeFileSync(path.join(dir, 'infra', 'network', 'uploads.json'), ONE_BUCKET);
  writeFileSync(path.join(dir, 'infra', 'buckets', 'uploads.json'), ONE_BUCKET);
  writeFileSync(path.join(dir, 'infra', 'presign-audit.config.json'), JSON.stringify(config));
  return dir;
}

describe('documentKinds in presign-audit.config.json (built bin)', () => {
  it('names the kind of the files its patterns match, relative to the config file', () => {
    const dir = project({ documentKinds: { 'network/*.json': 'vpc-endpoint' } });
    const run = runBin(['--format', 'json', '--config', 'infra/presign-audit.config.json', 'infra'], dir);
    const byFile = Object.fromEntries((JSON.parse(run.stdout) as FileResult[]).map((r) => [path.relative(dir, r.filePath).split(path.sep).join('/'), r.messages.map((m) => m.ruleId)]));
    expect(byFile['infra/network/uploads.json']).toEqual([]);
    expect(byFile['infra/buckets/uploads.json']).toEqual(['presign/public-principal', 'presign/require-encryption-condition']);
  });

  it('is a config error, exit 2, when a kind is not one of the kinds', () => {
    const dir = project({ documentKinds: { 'network/*.json': 'endpoint-policy' } });
    const run = runBin(['--config', 'infra/presign-audit.config.json', 'infra'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"documentKinds": "network/*.json" has kind "endpoint-policy"; use one of "identity", "boundary", "trust", "bucket", "access-point", "kms-key", "vpc-endpoint", "scp", "rcp", "resource", "stack".');
  });
});
