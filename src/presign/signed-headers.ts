/**
 * Which PutObject parameters a v3 presigned URL does not sign.
 * Measured on @aws-sdk/client-s3 3.1175 with @aws-sdk/s3-request-presigner (X-Amz-SignedHeaders of
 * the URL): `ContentType` gives `host` (the presigner adds `content-type` to `unsignableHeaders`,
 * aws/aws-sdk-js-v3#3497) and `CacheControl` gives `host` (`cache-control` is always unsignable in
 * @smithy/signature-v4); both are signed when `signableHeaders` names them. `ContentLength`,
 * `ContentMD5`, `ContentDisposition` and `ContentEncoding` are signed as headers, and checksums,
 * metadata and ACLs are moved to the signed query string, so the uploader cannot change them.
 */
export const UNSIGNED_UPLOAD_PARAMETERS: Readonly<Record<string, string>> = {
  ContentType: 'content-type',
  CacheControl: 'cache-control',
};
