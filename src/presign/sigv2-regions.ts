/**
 * Where SDKs presign with Signature Version 2 unless told otherwise. A module of its own, apart from
 * the API catalogue (apis.ts): no-sigv2 needs these lists in every run, the catalogue only runs
 * that read code (docs/facts.md has the sources).
 */

/**
 * Regions where AWS SDK v2 presigns S3 URLs with SigV2 unless the client sets
 * `signatureVersion: 'v4'` (aws-sdk v2 lib/region_config_data.json; aws/aws-sdk-js#1099).
 */
export const V2_SIGV2_DEFAULT_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
  'us-gov-west-1',
]);

/**
 * Regions where boto3 presigns S3 URLs and POSTs with SigV2 unless the client's `Config` (or the
 * shared config file's `s3.signature_version`) sets a signature version: the S3 endpoints whose
 * `signatureVersions` include `s3` in botocore 1.43 data/endpoints.json (every aws-us-gov region
 * by the partition default), plus the `aws-global` pseudo-region (client.py
 * `_set_s3_presign_signature_version`; the generate_presigned_url docstring's warning).
 */
export const BOTO3_SIGV2_DEFAULT_REGIONS: ReadonlySet<string> = new Set([
  // The same S3 regions as the AWS SDK v2's list, and three more botocore knows.
  ...V2_SIGV2_DEFAULT_REGIONS,
  'aws-global',
  's3-external-1',
  'us-gov-east-1',
]);
