/**
 * Property: whatever a `.tf` file holds (random resources and data sources with policies written
 * every way Terraform allows, references, functions, dynamic blocks, then mutated character by
 * character), presign-audit never throws, no rule fails internally, and every message points at a
 * line inside the file it names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { audit } from '../../src/engine/audit.js';
import { tempDir } from '../cli/run-bin.js';

const config = resolveConfig({ preset: 'all' }, null);

const quote = (s: string) => JSON.stringify(s);
const action = fc.constantFrom('"s3:*"', '"s3:GetObject"', '"s3:PutObject"', '"*"', '"kms:Decrypt"', 'local.action', 'var.action', 'upper("s3:x")', '"${var.service}:Get*"');
const resource = fc.constantFrom('"*"', '"arn:aws:s3:::acme-uploads/*"', '"${aws_s3_bucket.b.arn}/*"', 'aws_s3_bucket.b.arn', '"arn:aws:s3:::${var.bucket}/*"', 'module.m.arn', 'aws_s3_bucket.b[0].arn');
const principal = fc.constantFrom('"*"', '{ AWS = "*" }', '{ Service = "lambda.amazonaws.com" }', '{ AWS = aws_iam_role.r.arn }', 'var.principal');
const statementHcl = fc.record({ effect: fc.constantFrom('"Allow"', '"Deny"', '"allow"', 'var.effect'), actions: fc.array(action, { maxLength: 3 }), resources: fc.array(resource, { maxLength: 3 }), principal: fc.option(principal) });
const jsonencoded = fc.array(statementHcl, { maxLength: 3 }).map(
  (statements) =>
    `jsonencode({\n  Version = "2012-10-17"\n  Statement = [${statements
      .map((s) => `{\n    Effect = ${s.effect}\n    Action = [${s.actions.join(', ')}]\n    Resource = [${s.resources.join(', ')}]${s.principal ? `\n    Principal = ${s.principal}` : ''}\n  }`)
      .join(', ')}]\n})`,
);
const heredoc = fc.array(fc.record({ effect: fc.constantFrom('Allow', 'Deny'), action: fc.constantFrom('s3:*', 's3:GetObject'), ip: fc.constantFrom('10.0.0.0/8', '203.0.113.0/24') }), { maxLength: 3 }).map(
  (statements) =>
    `<<EOT\n{"Version": "2012-10-17", "Statement": [${statements.map((s) => `{"Effect": ${quote(s.effect)}, "Principal": "*", "Action": ${quote(s.action)}, "Resource": "\${aws_s3_bucket.b.arn}/*", "Condition": {"IpAddress": {"aws:SourceIp": ${quote(s.ip)}}}}`).join(', ')}]}\nEOT`,
);
const policyExpression = fc.oneof(jsonencoded, heredoc, fc.constantFrom('data.aws_iam_policy_document.d.json', 'var.policy', 'file("missing.json")', '"{\\"Statement\\": []}"', '""', 'null', '[for s in var.x : s]', 'templatefile("t.json", {})'));
const documentBlock = fc.array(statementHcl, { maxLength: 3 }).map(
  (statements) =>
    `data "aws_iam_policy_document" "d" {\n${statements
      .map((s) => `  statement {\n    effect = ${s.effect}\n    actions = [${s.actions.join(', ')}]\n    resources = [${s.resources.join(', ')}]\n    principals {\n      type = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test = "StringEquals"\n      variable = "aws:SourceVpce"\n      values = [var.vpce]\n    }\n  }\n`)
      .join('')}  dynamic "statement" {\n    for_each = var.extra\n    content {\n      actions = statement.value\n    }\n  }\n}\n`,
);
const resourceBlock = fc.tuple(fc.constantFrom('aws_iam_role_policy', 'aws_iam_policy', 'aws_s3_bucket_policy', 'aws_kms_key', 'aws_sqs_queue_policy', 'aws_iam_role'), fc.integer({ min: 0, max: 9 }), policyExpression).map(([type, i, policy]) =>
  type === 'aws_iam_role'
    ? `resource "aws_iam_role" "r${i}" {\n  name = "role-${i}"\n  assume_role_policy = ${policy}\n  managed_policy_arns = [aws_iam_policy.p${i}.arn, "arn:aws:iam::aws:policy/AmazonS3FullAccess"]\n}\n`
    : `resource "${type}" "x${i}" {\n  count = ${i % 3}\n  bucket = aws_s3_bucket.b.id\n  role = aws_iam_role.r${i}.id\n  policy = ${policy}\n}\n`,
);
const fixed = 'locals {\n  action = "s3:GetObject"\n}\nvariable "bucket" {\n  default = "acme-uploads"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = var.bucket\n}\nresource "aws_lambda_function" "f" {\n  role = aws_iam_role.r1.arn\n}\n';
const file = fc.tuple(fc.array(fc.oneof(resourceBlock, documentBlock), { maxLength: 5 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('{', '}', '"', '$', '${', '<<', '[', '\n', '#', '=', '')), { maxLength: 3 })).map(([blocks, mutations]) => {
  let text = fixed + blocks.join('\n');
  for (const [at, insert] of mutations) {
    const i = at % (text.length + 1);
    text = text.slice(0, i) + insert + text.slice(i + 1);
  }
  return text;
});

const jsonString = fc.constantFrom('s3:GetObject', '*', '${aws_s3_bucket.b.arn}/*', '${var.x', '${data.aws_iam_policy_document.p.json}', '%{ if true }x%{ endif }', '${jsonencode({a = 1})}', '\\u0041');
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, jsonString, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('statement', 'actions', 'resources', 'principals', 'type', 'identifiers', 'policy', 'bucket', 'dynamic', 'role', '//'), tie('value'), { maxKeys: 4 })),
})).value;
const jsonFile = fc
  .record({ resource: fc.dictionary(fc.constantFrom('aws_s3_bucket', 'aws_s3_bucket_policy', 'aws_iam_role', 'aws_iam_role_policy'), fc.dictionary(fc.constantFrom('b', 'r', 'p'), jsonValue, { maxKeys: 2 }), { maxKeys: 3 }), data: fc.constant({ aws_iam_policy_document: { p: { statement: [{ actions: ['s3:*'], principals: { type: '*', identifiers: ['*'] } }] } } }), locals: jsonValue })
  .chain((tree) => fc.tuple(fc.constant(JSON.stringify(tree, null, 1)), fc.nat(), fc.constantFrom('', '{', '"', ']')))
  .map(([text, at, insert]) => (insert === '' ? text : text.slice(0, at % text.length) + insert + text.slice((at % text.length) + 1)));

describe('the Terraform reader on any input', () => {
  it('reads any .tf.json the same way: no throw, no rule failure, every message in its file', async () => {
    await fc.assert(
      fc.asyncProperty(jsonFile, async (text) => {
        const dir = tempDir();
        const main = path.join(dir, 'main.tf.json');
        writeFileSync(main, text);
        const run = await audit([main], config, new Set([main]), dir);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const result of run.results) {
          for (const m of result.messages) {
            expect(m.ruleId).not.toBe('presign-audit/internal-error');
            expect(m.line).toBeGreaterThanOrEqual(1);
            expect(m.line).toBeLessThanOrEqual(lines);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('never throws, never fails a rule, and locates every message in its file', async () => {
    let findings = 0;
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const dir = tempDir();
        const main = path.join(dir, 'main.tf');
        writeFileSync(main, text);
        const run = await audit([main], config, new Set([main]), dir);
        for (const result of run.results) {
          const lines = readFileSync(result.filePath, 'utf8').split(/\r\n|\r|\n/).length;
          for (const m of result.messages) {
            if (m.ruleId.startsWith('presign/')) findings++;
            expect(m.ruleId).not.toBe('presign-audit/internal-error');
            expect(m.line).toBeGreaterThanOrEqual(1);
            expect(m.line).toBeLessThanOrEqual(lines);
            expect(m.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 60 },
    );
    // The generated files are read, not only refused: rules found something in them.
    expect(findings).toBeGreaterThan(0);
  });
});
