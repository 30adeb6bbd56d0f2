import { mkdtempSync, readFileSync } from 'node:fs';
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
  const { code, stdout, stderr } = await run(['--least-privilege'], path.join(ROOT, project));
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

  it('Python (boto3), SAM: ACL and Tagging add their actions; a direct call whose bucket is not read widens its statement', async () => {
    expect(await statements('fixtures/least-privilege/python-sam')).toEqual([
      {
        role: 'photos-signer',
        statements: [
          ['s3:PutObject', 'arn:aws:s3:::acme-photos/photos/*', 'app/handler.py:9', []],
          ['s3:PutObjectAcl', 'arn:aws:s3:::acme-photos/photos/*', 'app/handler.py:9', []],
          ['s3:PutObjectTagging', 'arn:aws:s3:::acme-photos/photos/*', 'app/handler.py:9', []],
          ['s3:GetObject', 'arn:aws:s3:::acme-photos/photos/*', 'app/handler.py:17', []],
          ['s3:ListBucket', 'arn:aws:s3:::*', 'app/handler.py:21', ['the bucket is not shown by the code']],
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
