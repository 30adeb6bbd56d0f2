/** `--shard i/n`: the shards of a run report, together, exactly what the run reports (src/engine/shard.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/results.js';
import { execute } from '../../src/cli/execute.js';
import { ownedBy } from '../../src/engine/shard.js';
import { tempDir } from './run-bin.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** presign-audit in this process: exit code, and the JSON report's findings as `file line:column rule message`. */
async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await execute(args, { cwd, color: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function findings(stdout: string, cwd: string): { files: string[]; messages: string[] } {
  const results = JSON.parse(stdout) as FileResult[];
  return {
    files: results.map((r) => path.relative(cwd, r.filePath)),
    messages: results.flatMap((r) => r.messages.map((m) => `${path.relative(cwd, r.filePath)} ${m.line}:${m.column} ${m.ruleId} ${m.message}`)),
  };
}

/** The unsharded run and the n shards' runs, for one set of paths. */
async function shardsAgainstWhole(paths: string[], cwd: string, count: number) {
  const whole = await run(['--format', 'json', ...paths], cwd);
  const shards = [];
  for (let i = 1; i <= count; i++) shards.push(await run(['--format', 'json', '--shard', `${i}/${count}`, ...paths], cwd));
  const parts = shards.map((s) => findings(s.stdout, cwd));
  return { whole: findings(whole.stdout, cwd), wholeCode: whole.code, parts, codes: shards.map((s) => s.code) };
}

const write = (dir: string, file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

describe('presign-audit --shard', () => {
  it('splits fixtures/ into 4 shards whose findings together equal one run, each file in one shard', async () => {
    const { whole, parts } = await shardsAgainstWhole(['fixtures'], ROOT, 4);
    expect(whole.messages.length).toBeGreaterThan(50);
    const files = parts.flatMap((p) => p.files);
    expect(files.sort()).toEqual([...whole.files].sort());
    expect(new Set(files).size).toBe(files.length);
    // signer-beyond-need needs all the code a role runs, so sharded runs do not run it (docs/cli.md).
    const sharded = whole.messages.filter((m) => !m.includes(' presign/signer-beyond-need '));
    expect(parts.flatMap((p) => p.messages).sort()).toEqual(sharded.sort());
    // Every shard has work: the split is not all-in-one.
    expect(parts.filter((p) => p.files.length > 0).length).toBeGreaterThan(1);
  }, 600_000);

  it('keeps each TypeScript project whole, and joins a role and a bucket that fall in different shards', async () => {
    const dir = tempDir();
    // Two projects, each with a wrapper in one file whose expiry comes from another.
    for (const name of ['billing', 'media']) {
      write(dir, `${name}/tsconfig.json`, JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022' }, include: ['src'] }));
      write(dir, `${name}/src/ttl.ts`, 'export const LINK_TTL = 30 * 24 * 3600;\n');
      write(
        dir,
        `${name}/src/links.ts`,
        [
          "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
          "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
          "import { LINK_TTL } from './ttl.js';",
          "const s3 = new S3Client({ region: 'eu-west-1' });",
          `export const link = (key: string) => getSignedUrl(s3, new GetObjectCommand({ Bucket: '${name}-files', Key: key }), { expiresIn: LINK_TTL });`,
          '',
        ].join('\n'),
      );
    }
    write(dir, 'scripts/share.py', "import boto3\ns3 = boto3.client('s3', region_name='eu-west-1')\nurl = s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': 'k'}, ExpiresIn=999999)\n");
    for (let i = 0; i < 6; i++) {
      write(dir, `policies/role-${i}.json`, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, null, 2));
    }
    // A Lambda role in one template reaches a bucket declared in another: the bucket's finding needs
    // both. Names chosen so that the two files fall in different shards.
    const shardOf = (file: string) => [1, 2, 3].find((index) => ownedBy({ index, count: 3 }, path.join(dir, file), dir));
    const bucketFile = 'infra/bucket.yaml';
    const roleFile = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => `infra/role-${s}.yaml`).find((f) => shardOf(f) !== shardOf(bucketFile))!;
    write(dir, bucketFile, 'Resources:\n  Media:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: media-files\n');
    write(
      dir,
      roleFile,
      [
        'Resources:',
        '  LinkRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }',
        '      Policies:',
        '        - PolicyName: links',
        '          PolicyDocument:',
        "            Version: '2012-10-17'",
        '            Statement:',
        "              - { Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::media-files/*' }",
        '',
      ].join('\n'),
    );
    const { whole, parts, wholeCode, codes } = await shardsAgainstWhole(['.'], dir, 3);
    expect(whole.messages.some((m) => m.startsWith(path.join('infra', 'bucket.yaml')) && m.includes('presign/signature-age-limit'))).toBe(true);
    expect(whole.messages.some((m) => m.startsWith(path.join('billing', 'src', 'links.ts')) && m.includes('presign/max-expiry'))).toBe(true);
    expect(parts.flatMap((p) => p.messages).sort()).toEqual([...whole.messages].sort());
    expect(parts.flatMap((p) => p.files).sort()).toEqual([...whole.files].sort());
    for (const project of ['billing', 'media']) {
      const holders = parts.filter((p) => p.files.some((f) => f.startsWith(`${project}${path.sep}`)));
      expect(holders, project).toHaveLength(1);
      expect(holders[0]!.files.filter((f) => f.startsWith(`${project}${path.sep}`)).sort()).toEqual([path.join(project, 'src', 'links.ts'), path.join(project, 'src', 'ttl.ts')]);
    }
    expect(wholeCode).toBe(1);
    expect(codes.every((c) => c === 0 || c === 1)).toBe(true);
  }, 600_000);

  it('names each shard\'s SARIF run by its own category, and refuses shards that do not exist', async () => {
    const policy = path.join('fixtures', 'policies', 'signer-role', 'bad-wildcard-signer.json');
    const one = await run(['--format', 'sarif', '--shard', '1/1', policy], ROOT);
    const runOf = (stdout: string) => (JSON.parse(stdout) as { runs: { automationDetails?: unknown }[] }).runs[0]!;
    expect(runOf(one.stdout).automationDetails).toEqual({ id: 'presign-audit/shard-1-of-1/' });
    const plain = await run(['--format', 'sarif', policy], ROOT);
    expect(runOf(plain.stdout).automationDetails).toBeUndefined();
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2']) {
      const refused = await run(['--shard', bad, policy], ROOT);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toContain('--shard takes i/n with 1 <= i <= n');
    }
  });
});
