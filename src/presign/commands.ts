/**
 * Which HTTP method a pre-signed S3 operation must be used with.
 * Source: docs/facts.md#command-to-method (S3 API reference, one page per operation).
 */
export type HttpMethod = 'GET' | 'PUT' | 'DELETE' | 'HEAD' | 'POST';

const METHOD_OF_OPERATION: Readonly<Record<string, HttpMethod>> = {
  GetObject: 'GET',
  GetObjectAcl: 'GET',
  GetObjectAttributes: 'GET',
  GetObjectTagging: 'GET',
  ListObjects: 'GET',
  ListObjectsV2: 'GET',
  ListObjectVersions: 'GET',
  ListMultipartUploads: 'GET',
  ListParts: 'GET',
  ListBuckets: 'GET',
  PutObject: 'PUT',
  UploadPart: 'PUT',
  UploadPartCopy: 'PUT',
  CopyObject: 'PUT',
  PutObjectAcl: 'PUT',
  PutObjectTagging: 'PUT',
  PutObjectRetention: 'PUT',
  PutObjectLegalHold: 'PUT',
  CreateBucket: 'PUT',
  DeleteObject: 'DELETE',
  AbortMultipartUpload: 'DELETE',
  DeleteObjectTagging: 'DELETE',
  DeleteBucket: 'DELETE',
  HeadObject: 'HEAD',
  HeadBucket: 'HEAD',
  CreateMultipartUpload: 'POST',
  CompleteMultipartUpload: 'POST',
  DeleteObjects: 'POST',
  RestoreObject: 'POST',
  SelectObjectContent: 'POST',
};

/** Every S3 operation we know a method for, in its PascalCase name. */
export const KNOWN_OPERATIONS: readonly string[] = Object.keys(METHOD_OF_OPERATION);

/** Operations that upload a body: the ones whose URLs are used for uploads. */
export const UPLOAD_OPERATIONS: ReadonlySet<string> = new Set(['PutObject', 'UploadPart']);

/** `GetObject` for `getObject` (v2), `GetObjectCommand` (v3) or `GetObject`. */
export function operationName(name: string): string | null {
  const base = name.endsWith('Command') ? name.slice(0, -'Command'.length) : name;
  const pascal = base.charAt(0).toUpperCase() + base.slice(1);
  return pascal in METHOD_OF_OPERATION ? pascal : null;
}

export function methodOfOperation(operation: string): HttpMethod | null {
  return METHOD_OF_OPERATION[operation] ?? null;
}

/** Google Cloud Storage `getSignedUrl({ action })` to HTTP method (@google-cloud/storage docs). */
export const GCS_ACTION_METHOD: Readonly<Record<string, HttpMethod>> = {
  read: 'GET',
  write: 'PUT',
  delete: 'DELETE',
  resumable: 'POST',
};

const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'POST']);

export function asHttpMethod(value: unknown): HttpMethod | null {
  if (typeof value !== 'string') return null;
  const upper = value.toUpperCase();
  return HTTP_METHODS.has(upper) ? (upper as HttpMethod) : null;
}

/**
 * The IAM action S3 authorises an operation's request as, and whether it acts on an object or on
 * the bucket. Multipart uploads are authorised as s3:PutObject; CreateMultipartUpload and
 * UploadPart are not IAM actions (docs/facts.md#iam-actions-of-s3-operations: "Actions, resources, and
 * condition keys for Amazon S3"). Null for operations a URL is not signed for in practice.
 */
const IAM_ACTION_OF_OPERATION: Readonly<Record<string, { action: string; on: 'object' | 'bucket' }>> = {
  GetObject: { action: 's3:GetObject', on: 'object' },
  HeadObject: { action: 's3:GetObject', on: 'object' },
  GetObjectAcl: { action: 's3:GetObjectAcl', on: 'object' },
  GetObjectTagging: { action: 's3:GetObjectTagging', on: 'object' },
  GetObjectAttributes: { action: 's3:GetObjectAttributes', on: 'object' },
  PutObject: { action: 's3:PutObject', on: 'object' },
  UploadPart: { action: 's3:PutObject', on: 'object' },
  CreateMultipartUpload: { action: 's3:PutObject', on: 'object' },
  CompleteMultipartUpload: { action: 's3:PutObject', on: 'object' },
  CopyObject: { action: 's3:PutObject', on: 'object' },
  PutObjectAcl: { action: 's3:PutObjectAcl', on: 'object' },
  PutObjectTagging: { action: 's3:PutObjectTagging', on: 'object' },
  DeleteObject: { action: 's3:DeleteObject', on: 'object' },
  DeleteObjectTagging: { action: 's3:DeleteObjectTagging', on: 'object' },
  AbortMultipartUpload: { action: 's3:AbortMultipartUpload', on: 'object' },
  ListParts: { action: 's3:ListMultipartUploadParts', on: 'object' },
  ListObjects: { action: 's3:ListBucket', on: 'bucket' },
  ListObjectsV2: { action: 's3:ListBucket', on: 'bucket' },
  ListObjectVersions: { action: 's3:ListBucketVersions', on: 'bucket' },
  ListMultipartUploads: { action: 's3:ListBucketMultipartUploads', on: 'bucket' },
};

export function iamActionOfOperation(operation: string): { action: string; on: 'object' | 'bucket' } | null {
  return IAM_ACTION_OF_OPERATION[operation] ?? null;
}
