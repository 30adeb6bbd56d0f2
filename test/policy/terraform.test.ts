/**
 * The Terraform HCL reader: a realistic upload service (fixtures/terraform-hcl) with each finding at
 * its line and column, the policy forms Terraform users write, values resolved where the module
 * fixes them and unknown where it does not, and bad input located without stopping the run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { audit } from '../../src/engine/audit.js';
import { readTerraform } from '../../src/engine/terraform.js';
import type { PolicyDocument } from '../../src/policy/model.js';
import { ModuleEvaluator } from '../../src/policy/terraform-values.js';
import { MODULE_BY_MODULE_BIN, PROJECT_ROOT, runBin, tempDir } from '../cli/run-bin.js';

const FIXTURE = path.join(PROJECT_ROOT, 'fixtures/terraform-hcl/upload-service');

/** A module written to a temporary directory: file name to text. */
function writeModule(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function readModule(files: Record<string, string>) {
  const dir = writeModule(files);
  const tf = Object.keys(files).filter((f) => (f.endsWith('.tf') || f.endsWith('.tf.json')) && !f.includes('/')).map((f) => path.join(dir, f));
  const run = await readTerraform(tf);
  return { dir, run, read: run.modules[0]!.read };
}

/** The statements of a document as plain JSON, for comparing with what the provider renders. */
function statementsOf(document: PolicyDocument | undefined) {
  return document?.statements.map((s) => ({
    sid: s.sid?.value ?? null,
    effect: s.effect.value,
    actions: s.actions && { negated: s.actions.negated, values: s.actions.values.map((v) => v.value) },
    resources: s.resources && { negated: s.resources.negated, values: s.resources.values.map((v) => v.value), unknown: (s.resources.unknowns ?? []).map((u) => u.description) },
    principals: s.principals && { negated: s.principals.negated, values: s.principals.values.map((p) => `${p.type}=${p.value}`) },
    conditions: s.conditions.map((c) => `${c.operator.value} ${c.key.value} ${c.values.map((v) => v.value).join(',')}`),
  }));
}

describe('the Terraform upload service fixture', () => {
  it('reports each finding at its line and column in the .tf file, modules followed', async () => {
    const files = ['main.tf', 'signer.tf', 'kms.tf', 'partner-drop.tf'].map((f) => path.join(FIXTURE, f));
    const run = await audit(files, resolveConfig({}, null), new Set(files), PROJECT_ROOT);
    const found = run.results.flatMap((r) => r.messages.map((m) => `${path.relative(FIXTURE, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`)).sort();
    expect(found).toEqual([
      // The statement of the data source whose principals block says type "*", at its identifier.
      'main.tf:22:1 presign/signature-age-limit',
      'main.tf:30:22 presign/public-principal',
      // Inside the heredoc: the Action of the upload statement, and the private range itself.
      'partner-drop.tf:16:17 presign/require-encryption-condition',
      'partner-drop.tf:18:54 presign/private-source-ip',
      // The Lambda role, whose bucket (in the module) encrypts with the key of kms.tf.
      'signer.tf:1:1 presign/kms-signer-access',
      'signer.tf:1:1 presign/kms-signer-access',
      // "s3:*" inside jsonencode().
      'signer.tf:20:19 presign/signer-wildcard-action',
    ]);
    const text = readFileSync(path.join(FIXTURE, 'partner-drop.tf'), 'utf8').split('\n');
    expect(text[17]!.slice(53, 67)).toBe('"10.20.0.0/16"');
    expect(readFileSync(path.join(FIXTURE, 'signer.tf'), 'utf8').split('\n')[19]!.slice(18, 24)).toBe('"s3:*"');
  });

  it('joins the role, the module bucket and the key: the inventory a plan would give', async () => {
    const files = ['main.tf', 'signer.tf', 'kms.tf', 'partner-drop.tf'].map((f) => path.join(FIXTURE, f));
    const { read } = (await readTerraform(files)).modules[0]!;
    const role = read.roles.find((r) => r.name === 'upload-signer')!;
    expect(role.runsCode).toEqual(['trusted by lambda.amazonaws.com', 'run by Lambda function aws_lambda_function.presign']);
    expect(role.unreadPolicies).toEqual([]);
    const inbox = read.buckets.find((b) => b.name === 'acme-upload-inbox')!;
    expect(inbox.logicalId).toBe('module.storage.aws_s3_bucket.this');
    expect(inbox.source.file).toBe(path.join(FIXTURE, 'modules/storage/main.tf'));
    expect(inbox.encryption).toMatchObject({ algorithm: 'aws:kms', kmsKeyLogicalId: 'aws_kms_key.uploads', kmsKeyUnknown: false });
    expect(inbox.policy?.file).toBe(path.join(FIXTURE, 'main.tf'));
    expect(statementsOf(inbox.policy!)?.[0]?.resources?.values).toEqual(['arn:aws:s3:::acme-upload-inbox/thumbnails/*']);
  });

  it('reads a named file with its module and reports on that file only (a pre-commit run)', async () => {
    const signer = path.join(FIXTURE, 'signer.tf');
    const run = await audit([signer], resolveConfig({}, null), new Set([signer]), PROJECT_ROOT);
    // main.tf and kms.tf are read, not reported; the local module is reported as this call makes it (clean here).
    expect(run.results.map((r) => path.relative(FIXTURE, r.filePath))).toEqual(['modules/storage/main.tf', 'signer.tf']);
    expect(run.results[0]!.messages).toEqual([]);
    // The bucket of the module and the key of kms.tf are known, so the KMS join still holds.
    expect(run.results[1]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['1:1 presign/kms-signer-access', '1:1 presign/kms-signer-access', '20:19 presign/signer-wildcard-action']);
  });

  it('reads the directory when named, and the CLI exits 1 with the findings', () => {
    const run = runBin(['--format', 'json', 'fixtures/terraform-hcl']);
    expect(run.status).toBe(1);
    const files = (JSON.parse(run.stdout) as { filePath: string; messages: unknown[] }[]).filter((r) => r.messages.length > 0).map((r) => path.relative(FIXTURE, r.filePath));
    expect(files.sort()).toEqual(['main.tf', 'partner-drop.tf', 'signer.tf']);
  });
});

describe('aws_iam_policy_document', () => {
  it('renders statements as the provider does: default effect, grouped principals and conditions, source and override documents by sid', async () => {
    const { read } = await readModule({
      'main.tf': `
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::base/*"]
  }
  statement {
    sid       = "Keep"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::base"]
  }
}

data "aws_iam_policy_document" "override" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObjectVersion"]
    resources = ["arn:aws:s3:::override/*"]
  }
}

data "aws_iam_policy_document" "bucket" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
  statement {
    effect      = "Deny"
    not_actions = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::x/public/*"]
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/a"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/b"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-1"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
  }
}

resource "aws_s3_bucket_policy" "x" {
  bucket = "x"
  policy = data.aws_iam_policy_document.bucket.json
}
`,
    });
    expect(statementsOf(read.buckets[0]!.policy!)).toEqual([
      { sid: 'Read', effect: 'Allow', actions: { negated: false, values: ['s3:GetObjectVersion'] }, resources: { negated: false, values: ['arn:aws:s3:::override/*'], unknown: [] }, principals: null, conditions: [] },
      { sid: 'Keep', effect: 'Allow', actions: { negated: false, values: ['s3:ListBucket'] }, resources: { negated: false, values: ['arn:aws:s3:::base'], unknown: [] }, principals: null, conditions: [] },
      {
        sid: null,
        effect: 'Deny',
        actions: { negated: true, values: ['s3:GetObject'] },
        resources: { negated: true, values: ['arn:aws:s3:::x/public/*'], unknown: [] },
        // Principal is read (the normaliser keeps one of Principal and NotPrincipal: the positive).
        principals: { negated: false, values: ['AWS=arn:aws:iam::111122223333:role/a', 'AWS=arn:aws:iam::111122223333:role/b'] },
        conditions: ['StringEquals aws:SourceVpce vpce-1', 'StringEquals aws:SourceAccount 111122223333'],
      },
    ]);
  });

  it('gives positions in the .tf file: the default Effect at the statement block, values at their literals', async () => {
    const { read } = await readModule({
      'main.tf': 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:PutObject"]\n    resources = ["*"]\n  }\n}\n\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.p.json\n}\n',
    });
    const statement = read.documents[0]!.statements[0]!;
    expect([statement.effect.position.line, statement.effect.position.column]).toEqual([2, 3]);
    expect([statement.actions!.values[0]!.position.line, statement.actions!.values[0]!.position.column]).toEqual([3, 18]);
  });
});

describe('policies written as text and through functions', () => {
  it('maps quoted JSON with escapes, and file() of a literal path, to their files', async () => {
    const { dir, run, read } = await readModule({
      'main.tf': 'resource "aws_iam_policy" "quoted" {\n  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:*\\", \\"Resource\\": \\"*\\"}]}"\n}\n\nresource "aws_iam_policy" "from_file" {\n  policy = file("${path.module}/policies/upload.json")\n}\n',
      'policies/upload.json': '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*" }]\n}\n',
    });
    const quoted = read.documents.find((d) => d.origin === 'aws_iam_policy.quoted')!;
    const action = quoted.statements[0]!.actions!.values[0]!;
    const line = readFileSync(path.join(dir, 'main.tf'), 'utf8').split('\n')[1]!;
    // The position covers the escaped literal \"s3:*\" in the file.
    expect(line.slice(action.position.column - 1, action.position.endColumn - 1)).toBe('\\"s3:*\\"');
    const fromFile = read.documents.find((d) => d.origin === 'aws_iam_policy.from_file')!;
    expect(fromFile.file).toBe(path.join(dir, 'policies/upload.json'));
    expect(fromFile.statements[0]!.actions!.values[0]!.position.line).toBe(3);
    // The JSON file is read as the module reads it, not again as a policy file of its own.
    expect(run.filesRead).toContain(path.join(dir, 'policies/upload.json'));
  });

  it('keeps unknown parts of a heredoc as deploy-time values naming their resource', async () => {
    const { read } = await readModule({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket_prefix = "uploads-"\n}\n\nresource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = <<-EOT\n    {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "${aws_s3_bucket.b.arn}/*"}]}\n  EOT\n}\n',
    });
    const bucket = read.buckets[0]!;
    expect(bucket.name).toBeNull();
    const unknown = bucket.policy!.statements[0]!.resources!.unknowns![0]!;
    expect(unknown.description).toBe('${aws_s3_bucket.b.arn}/*');
    expect(unknown.refs).toEqual(['aws_s3_bucket.b']);
    expect(unknown.parts).toEqual([{ deployTime: '${aws_s3_bucket.b.arn}' }, { text: '/*' }]);
  });

  it('resolves locals, variable defaults, conditionals and count instances; leaves the rest unknown as written', async () => {
    const { read } = await readModule({
      'main.tf': `
variable "env" {
  default = "prod"
}
variable "bucket" {}
variable "create" {
  default = true
}
locals {
  prefix = "acme-\${var.env}"
  actions = var.env == "prod" ? ["s3:GetObject"] : ["s3:*"]
}
data "aws_iam_policy_document" "p" {
  count = var.create ? 1 : 0
  statement {
    actions   = concat(local.actions, [for a in ["x"] : a], [upper("s3:putobject")])
    resources = ["arn:aws:s3:::\${local.prefix}-uploads/*", "arn:aws:s3:::\${var.bucket}/*", someday("x")]
  }
}
resource "aws_iam_policy" "p" {
  count  = var.create ? 1 : 0
  policy = data.aws_iam_policy_document.p[0].json
}
resource "aws_iam_policy" "gone" {
  count  = 0
  policy = "not even json"
}
`,
    });
    expect(read.errors).toEqual([]);
    const [document] = read.documents;
    // concat() of a list with a for expression is unknown as a whole: never a guess.
    expect(document!.statements[0]!.actions!.values).toEqual([]);
    expect(document!.statements[0]!.actions!.unknowns!.map((u) => u.description)).toEqual(['concat(local.actions, [for a in ["x"] : a], [upper("s3:putobject")])']);
    expect(document!.statements[0]!.resources!.values.map((v) => v.value)).toEqual(['arn:aws:s3:::acme-prod-uploads/*']);
    expect(document!.statements[0]!.resources!.unknowns!.map((u) => u.description)).toEqual(['arn:aws:s3:::${var.bucket}/*', 'someday("x")']);
  });

  it('follows a local module with its inputs, and its outputs back', async () => {
    const { read } = await readModule({
      'main.tf': 'module "store" {\n  source = "./modules/store"\n  name   = "acme-reports"\n}\n\nresource "aws_iam_role" "r" {\n  name = "reporter"\n  assume_role_policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = {Service = "ecs-tasks.amazonaws.com"}, Action = "sts:AssumeRole"}]})\n  inline_policy {\n    name   = "read"\n    policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "s3:GetObject", Resource = "${module.store.arn}/*"}]})\n  }\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]\n  max_session_duration = 7200\n}\n',
      'modules/store/main.tf': 'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\noutput "arn" {\n  value = aws_s3_bucket.this.arn\n}\n',
    });
    expect(read.buckets.map((b) => [b.name, b.logicalId])).toEqual([['acme-reports', 'module.store.aws_s3_bucket.this']]);
    const role = read.roles[0]!;
    expect(role.runsCode).toEqual(['trusted by ecs-tasks.amazonaws.com']);
    expect(role.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    expect(role.unreadPolicies).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    expect(role.maxSessionDurationSeconds).toBe(7200);
    expect(role.identityPolicies[0]!.statements[0]!.resources!.values.map((v) => v.value)).toEqual(['arn:aws:s3:::acme-reports/*']);
  });

  it('attaches a module policy by reference, and names the others as unread', async () => {
    const { read } = await readModule({
      'main.tf': `
resource "aws_iam_role" "r" {
  name               = "signer"
  assume_role_policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = {Service = "lambda.amazonaws.com"}, Action = "sts:AssumeRole"}]})
}
resource "aws_iam_policy" "upload" {
  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::u/*"}]})
}
resource "aws_iam_role_policy_attachment" "upload" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.upload.arn
}
resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
data "aws_iam_policy_document" "dyn" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions = statement.value.actions
    }
  }
}
resource "aws_iam_role_policy" "dyn" {
  role   = aws_iam_role.r.id
  policy = data.aws_iam_policy_document.dyn.json
}
resource "aws_lambda_function" "f" {
  role = aws_iam_role.r.arn
}
`,
    });
    const role = read.roles[0]!;
    expect(role.identityPolicies.map((d) => d.origin)).toEqual(['aws_iam_role_policy.dyn', 'aws_iam_policy.upload']);
    expect(role.unreadPolicies).toEqual(['what aws_iam_role_policy.dyn leaves to deploy time', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    expect(role.runsCode).toEqual(['trusted by lambda.amazonaws.com', 'run by Lambda function aws_lambda_function.f']);
  });

  it('reads aws_kms_key_policy and the legacy bucket arguments of provider v3', async () => {
    const { read } = await readModule({
      'main.tf': `
resource "aws_kms_key" "k" {}
resource "aws_kms_key_policy" "k" {
  key_id = aws_kms_key.k.id
  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = {AWS = "arn:aws:iam::111122223333:root"}, Action = "kms:*", Resource = "*"}]})
}
resource "aws_s3_bucket" "old" {
  bucket = "acme-old"
  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-old/*"}]})
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.k.arn
      }
    }
  }
}
`,
    });
    expect(read.keys[0]!.policy?.kind).toBe('kms-key');
    expect(read.buckets[0]!.policy?.kind).toBe('bucket');
    expect(read.buckets[0]!.encryption).toMatchObject({ algorithm: 'aws:kms', kmsKeyLogicalId: 'aws_kms_key.k' });
  });
});

describe('Terraform JSON syntax (.tf.json)', () => {
  it('reads blocks, nested blocks and templates in strings, positions in the JSON file', async () => {
    const text = `{
  "resource": {
    "aws_s3_bucket": { "b": { "bucket": "acme-json" } },
    "aws_s3_bucket_policy": { "b": { "bucket": "\${aws_s3_bucket.b.id}", "policy": "\${data.aws_iam_policy_document.p.json}" } }
  },
  "data": {
    "aws_iam_policy_document": {
      "p": {
        "statement": [{
          "actions": ["s3:GetObject"],
          "resources": ["\${aws_s3_bucket.b.arn}/*"],
          "principals": { "type": "*", "identifiers": ["*"] }
        }]
      }
    }
  }
}
`;
    const { read } = await readModule({ 'main.tf.json': text });
    const bucket = read.buckets[0]!;
    expect(bucket.name).toBe('acme-json');
    const statement = bucket.policy!.statements[0]!;
    expect(statement.resources!.values.map((v) => v.value)).toEqual(['arn:aws:s3:::acme-json/*']);
    const principal = statement.principals!.values[0]!;
    expect([principal.type, principal.position.line, principal.position.column]).toEqual(['*', 12, 56]);
    // The resource's position is the JSON string that wrote it.
    const resource = statement.resources!.values[0]!;
    expect(text.split('\n')[resource.position.line - 1]!.slice(resource.position.column - 1, resource.position.endColumn - 1)).toBe('"${aws_s3_bucket.b.arn}/*"');
  });
});

describe('bad Terraform input', () => {
  it('locates a syntax error, reads the rest of the module, and the run exits 2', () => {
    const dir = writeModule({
      'broken.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-b"\n  tags = {\n}\n',
      'ok.tf': 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*"}]})\n}\n',
    });
    const run = runBin(['--format', 'json', dir]);
    expect(run.status).toBe(2);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    const broken = results.find((r) => r.filePath.endsWith('broken.tf'))!;
    expect(broken.messages.map((m) => m.ruleId)).toEqual(['presign-audit/invalid-hcl']);
    // The other file was still read and checked.
    expect(results.find((r) => r.filePath.endsWith('ok.tf'))!.messages.map((m) => m.ruleId)).toContain('presign/valid-policy');
  });

  it('reads deep nesting, unknown functions, loops of references and huge files without failing', async () => {
    const deep = `locals {\n  x = ${'['.repeat(3000)}1${']'.repeat(3000)}\n}\n`;
    const loop = 'locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_iam_policy" "p" {\n  policy = local.a\n}\n';
    const calls = `resource "aws_iam_policy" "p" {\n  policy = ${'f('.repeat(500)}1${')'.repeat(500)}\n}\n`;
    const many = Array.from({ length: 1000 }, (_, i) => `resource "aws_iam_policy" "p${i}" {\n  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b${i}/*"}]})\n}\n`).join('');
    const { read } = await readModule({ 'deep.tf': deep, 'loop.tf': loop, 'calls.tf': calls, 'many.tf': many });
    expect(read.documents).toHaveLength(1000);
  });

  it('reads an argument that refers to its own resource once: unknown, not evaluated again for each reference', async () => {
    // Found by terraform.property.test.ts: `=<<var.bucket` opens a heredoc that never closes, so the
    // bucket's name is the rest of the file, which refers to the bucket twice. Each reference
    // evaluated the name again, down to the depth bound: the run never ended. In its own process,
    // so that a reader that never ends fails this test instead of stopping the suite.
    const unclosed = writeModule({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket =<<var.bucket\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "s3:GetObject", Resource = ["${aws_s3_bucket.b.arn}/*", "${aws_s3_bucket.b.arn}/a"]}]})\n}\n',
    });
    const run = spawnSync(process.execPath, [MODULE_BY_MODULE_BIN, '--format', 'json', unclosed], { encoding: 'utf8', timeout: 60_000 });
    expect(run.signal).toBeNull();
    expect((JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId))).toEqual(['presign-audit/invalid-hcl']);
    // Written out: a name made of three references to the bucket itself, which Terraform refuses.
    const { read } = await readModule({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "${aws_s3_bucket.b.arn}-${aws_s3_bucket.b.id}-${aws_s3_bucket.b.bucket}"\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*"}]})\n}\n',
    });
    expect(statementsOf(read.documents[0])?.[0]?.resources).toEqual({ negated: false, values: [], unknown: ['${aws_s3_bucket.b.arn}/*'] });
  });

  it('works out an argument that other resources refer to once, so a chain of them stays linear', async () => {
    // Each bucket's name is the next one's twice. The reader reads every bucket's name (for the joins):
    // the first one's alone would take 2^20 evaluations, were the names not remembered.
    const chain = Array.from({ length: 20 }, (_, i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "\${aws_s3_bucket.b${i + 1}.bucket}\${aws_s3_bucket.b${i + 1}.bucket}"\n}\n`).join('');
    // Counted, and cut short past the bound, so that without the memo this fails at once.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back below, and called with its own `this` through apply
    const evaluate = ModuleEvaluator.prototype.evaluate;
    let calls = 0;
    ModuleEvaluator.prototype.evaluate = function (this: ModuleEvaluator, ...args: Parameters<ModuleEvaluator['evaluate']>) {
      if (++calls > 2_000) throw new Error('evaluated more than 2,000 times');
      return evaluate.apply(this, args);
    };
    try {
      const { read } = await readModule({
        'main.tf': `${chain}resource "aws_s3_bucket" "b20" {\n  bucket = "x"\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.b10.arn}/*"}]})\n}\n`,
      });
      expect(statementsOf(read.documents[0])?.[0]?.resources?.values).toEqual([`arn:aws:s3:::${'x'.repeat(1024)}/*`]);
      expect(calls).toBeLessThanOrEqual(2_000);
    } finally {
      ModuleEvaluator.prototype.evaluate = evaluate;
    }
  });

  it('a policy-only run loads nothing of the HCL reader', () => {
    const dir = writeModule({ 'bucket.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) });
    const log = path.join(dir, 'probe.json');
    const result = spawnSync(process.execPath, ['--import', path.join(PROJECT_ROOT, 'test/bench/probe.mjs'), MODULE_BY_MODULE_BIN, path.join(dir, 'bucket.json')], {
      encoding: 'utf8',
      env: { ...process.env, PRESIGN_PROBE_LOG: log, PRESIGN_PROBE_MODULES: '1' },
    });
    expect(result.status).toBe(1);
    const modules = readFileSync(`${log}.modules`, 'utf8');
    expect(modules).toContain('/dist/src/engine/policies.js');
    for (const name of ['engine/terraform.js', 'policy/read-terraform.js', 'policy/hcl-syntax.js', 'policy/terraform-values.js', 'tree-sitter']) expect(modules).not.toContain(name);
  });
});
