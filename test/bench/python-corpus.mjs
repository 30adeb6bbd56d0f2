/**
 * Generates Python modules of a boto3 service for the benchmark: most are plain handlers and
 * helpers, one in ten presigns. Deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PLAIN = (i) => `import json
import logging

logger = logging.getLogger(__name__)
PAGE_SIZE = 50


def paginate_${i}(items, page):
    start = (page - 1) * PAGE_SIZE
    return items[start:start + PAGE_SIZE]


def handle_${i}(event, context):
    body = json.loads(event.get("body") or "{}")
    if "name" not in body:
        return {"statusCode": 400, "body": json.dumps({"error": "name is required"})}
    logger.info("created %s", body["name"])
    return {"statusCode": 201, "body": json.dumps({"id": ${i}, "name": body["name"]})}
`;

const PRESIGN = (i) => `import boto3
from botocore.config import Config

s3 = boto3.client("s3", region_name="eu-west-1", config=Config(signature_version="s3v4"))
LINK_TTL = ${i % 3 === 0 ? '8 * 24 * 3600' : '900'}


def download_${i}(key):
    return s3.generate_presigned_url("get_object", Params={"Bucket": "files", "Key": key}, ExpiresIn=LINK_TTL)
`;

export function generatePythonCorpus(dir, files = 1000) {
  mkdirSync(dir, { recursive: true });
  let presigning = 0;
  for (let i = 0; i < files; i++) {
    const presigns = i % 10 === 0;
    if (presigns) presigning++;
    writeFileSync(path.join(dir, `module_${i}.py`), presigns ? PRESIGN(i) : PLAIN(i));
  }
  return { files, presigning };
}
