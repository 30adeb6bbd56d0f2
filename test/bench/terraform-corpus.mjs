/**
 * A corpus of Terraform root modules shaped like an upload service (the fixture
 * fixtures/terraform-hcl/upload-service, varied): a bucket with an `aws_iam_policy_document`
 * policy, a Lambda signer role with a `jsonencode` policy, a heredoc bucket policy, a KMS key, a
 * local storage module, variables and locals. Deterministic: module i is always the same text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ACTIONS = ['"s3:GetObject"', '"s3:PutObject"', '"s3:*"', '"s3:PutObject", "s3:AbortMultipartUpload"'];

function files(i) {
  const name = `acme-${i}-uploads`;
  return {
    'main.tf': `locals {\n  bucket_name = "${name}"\n  tags        = { service = "uploads-${i}" }\n}\n\nvariable "environment" {\n  default = "prod"\n}\n\nmodule "storage" {\n  source      = "./modules/storage"\n  bucket_name = local.bucket_name\n  kms_key_arn = aws_kms_key.uploads.arn\n}\n\ndata "aws_iam_policy_document" "bucket" {\n  statement {\n    sid       = "Thumbnails"\n    actions   = ["s3:GetObject"]\n    resources = ["\${module.storage.bucket_arn}/thumbnails/*"]\n    principals {\n      type        = "${i % 3 === 0 ? '*' : 'AWS'}"\n      identifiers = ["${i % 3 === 0 ? '*' : `arn:aws:iam::1111222233${String(i % 100).padStart(2, '0')}:root`}"]\n    }\n  }\n  statement {\n    sid     = "DenyInsecure"\n    effect  = "Deny"\n    actions = ["s3:*"]\n    resources = ["\${module.storage.bucket_arn}/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n    }\n  }\n}\n\nresource "aws_s3_bucket_policy" "bucket" {\n  bucket = module.storage.bucket_id\n  policy = data.aws_iam_policy_document.bucket.json\n}\n`,
    'signer.tf': `resource "aws_iam_role" "signer" {\n  name = "signer-${i}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Service = "lambda.amazonaws.com" }\n      Action    = "sts:AssumeRole"\n    }]\n  })\n}\n\nresource "aws_iam_role_policy" "signer" {\n  role = aws_iam_role.signer.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = [${ACTIONS[i % ACTIONS.length]}]\n      Resource = ["\${module.storage.bucket_arn}/incoming/*"]\n    }]\n  })\n}\n\nresource "aws_lambda_function" "presign" {\n  function_name = "presign-${i}"\n  role          = aws_iam_role.signer.arn\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  filename      = "build/presign.zip"\n  tags          = local.tags\n}\n`,
    'kms.tf': `resource "aws_kms_key" "uploads" {\n  description = "uploads ${i}"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "arn:aws:iam::111122223333:root" }\n      Action    = "kms:*"\n      Resource  = "*"\n    }]\n  })\n}\n`,
    'partner.tf': `resource "aws_s3_bucket" "partner" {\n  bucket = "acme-${i}-partner"\n}\n\nresource "aws_s3_bucket_policy" "partner" {\n  bucket = aws_s3_bucket.partner.id\n  policy = <<POLICY\n{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Principal": { "AWS": "arn:aws:iam::444455556666:root" },\n    "Action": "s3:PutObject",\n    "Resource": "\${aws_s3_bucket.partner.arn}/*",\n    "Condition": { "IpAddress": { "aws:SourceIp": ["${i % 2 === 0 ? '10.20.0.0/16' : '203.0.113.0/24'}"] } }\n  }]\n}\nPOLICY\n}\n`,
    'modules/storage/main.tf': `variable "bucket_name" {}\nvariable "kms_key_arn" {}\n\nresource "aws_s3_bucket" "this" {\n  bucket = var.bucket_name\n}\n\nresource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = var.kms_key_arn\n    }\n  }\n}\n\noutput "bucket_arn" {\n  value = aws_s3_bucket.this.arn\n}\n\noutput "bucket_id" {\n  value = aws_s3_bucket.this.id\n}\n`,
  };
}

/** Writes `count` modules under `dir`; returns every .tf file written (modules' own included). */
export function generateTerraformCorpus(dir, count) {
  const written = [];
  for (let i = 0; i < count; i++) {
    for (const [name, text] of Object.entries(files(i))) {
      const file = path.join(dir, `service-${i}`, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      written.push(file);
    }
  }
  return written;
}
