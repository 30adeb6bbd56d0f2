/**
 * Which HTTP method a pre-signed S3 operation must be used with.
 * Source: ../shared/FACTS.md "Command to method" (S3 API reference, one page per operation).
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
