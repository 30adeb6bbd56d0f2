/**
 * Default request checksums of AWS SDK v3 and pre-signed uploads.
 * Measured on @aws-sdk/client-s3 3.1175 with @aws-sdk/s3-request-presigner (docs/facts.md#v3-default-checksum): since
 * client-s3 3.729.0 a presigned PutObject or UploadPart from a client with default settings
 * carries `x-amz-checksum-crc32=AAAAAA==` (the CRC32 of an empty body) and
 * `x-amz-sdk-checksum-algorithm=CRC32`, so S3 rejects any real body. `ChecksumAlgorithm: 'SHA256'`
 * alone signs the SHA-256 of an empty body instead; a checksum value passed by the code
 * (`ChecksumSHA256: '...'`) is signed as given and no default is added.
 */

/** The first @aws-sdk/client-s3 release whose clients add a default checksum (3.729.0). */
export const DEFAULT_CHECKSUMS_SINCE: readonly [major: number, minor: number, patch: number] = [3, 729, 0];

/** The client setting that removes the default checksum, and its safe value. */
export const CHECKSUM_SETTING = 'requestChecksumCalculation';
export const CHECKSUM_WHEN_REQUIRED = 'WHEN_REQUIRED';

/** PutObject / UploadPart parameters that carry a checksum value, which replaces the default. */
export const CHECKSUM_VALUE_PARAMETERS: readonly string[] = [
  'ChecksumCRC32',
  'ChecksumCRC32C',
  'ChecksumCRC64NVME',
  'ChecksumSHA1',
  'ChecksumSHA256',
];
