/**
 * The pre-sign entry points of every SDK we read, with the facts each check needs.
 * Sources: docs/facts.md#expiry-of-each-sdk, and the `source` of each row.
 */
import { SIGV4_MAX_EXPIRY_SECONDS } from './limits.js';

export type Sdk = 'aws-sdk-v3' | 'aws-sdk-v2' | 'minio' | 'gcs' | 'aws4' | 'aws4fetch' | 'boto3' | 'django-storages';

export type ApiId =
  | 'v3.getSignedUrl'
  | 'v3.S3RequestPresigner.presign'
  | 'v3.createPresignedPost'
  | 'v3.SignatureV4.presign'
  | 'v2.getSignedUrl'
  | 'v2.getSignedUrlPromise'
  | 'v2.createPresignedPost'
  | 'minio.presignedUrl'
  | 'minio.presignedGetObject'
  | 'minio.presignedPutObject'
  | 'minio.presignedPostPolicy'
  | 'gcs.getSignedUrl'
  | 'aws4.sign'
  | 'aws4fetch.AwsClient.sign'
  | 'boto3.generate_presigned_url'
  | 'boto3.generate_presigned_post'
  | 'minio-py.get_presigned_url'
  | 'minio-py.presigned_get_object'
  | 'minio-py.presigned_put_object'
  | 'minio-py.presigned_post_policy'
  | 'gcs-py.generate_signed_url'
  | 'django-storages.settings';

export interface ExpiryFacts {
  /** Where the caller passes the expiry, as a user would name it in a message. */
  readonly parameter: string;
  /**
   * `seconds`: a duration. `absolute-time`: a point in time (GCS `expires`), of which only
   * `now + duration` forms can be turned into a duration.
   */
  readonly unit: 'seconds' | 'absolute-time';
  /** What the SDK uses when the caller passes nothing; null when there is no duration default. */
  readonly defaultSeconds: number | null;
  /** What an expiry of 0 does: `invalid` (a broken URL) or the number of seconds the SDK uses instead. */
  readonly zeroMeans: 'invalid' | number;
  /** How the SDK reacts to an expiry above the SigV4 maximum, for messages. */
  readonly aboveMaximum: 'throws' | 'url-rejected-by-s3';
  readonly source: string;
}

export interface PresignApi {
  readonly id: ApiId;
  readonly sdk: Sdk;
  /** How the finding names the API: "getSignedUrl (@aws-sdk/s3-request-presigner)". */
  readonly label: string;
  /** Null when the API has no expiry argument. */
  readonly expiry: ExpiryFacts | null;
  /**
   * Whether the URL is signed with SigV4, and so bound by the 7-day maximum: always, or only
   * when the client/options choose v4 (AWS SDK v2 `signatureVersion`, GCS `version`).
   */
  readonly sigv4: 'always' | 'when-configured';
  /** A presigned POST (an HTML form policy), not a URL for one HTTP method. */
  readonly post: boolean;
}

const V3_EXPIRES_IN: ExpiryFacts = {
  parameter: 'expiresIn',
  unit: 'seconds',
  defaultSeconds: 900,
  zeroMeans: 'invalid',
  aboveMaximum: 'throws',
  source: '@aws-sdk/s3-request-presigner (default 900 s) and @smithy/signature-v4 (rejects > 604800 s)',
};

const V2_EXPIRES: ExpiryFacts = {
  parameter: 'Expires',
  unit: 'seconds',
  defaultSeconds: 900,
  // lib/signers/presign.js: `params.Expires || 900`.
  zeroMeans: 900,
  aboveMaximum: 'throws',
  source: 'aws-sdk v2 lib/signers/presign.js (default 900 s, InvalidExpiryTime above 604800 s with SigV4)',
};

const MINIO_EXPIRES = (parameter: string): ExpiryFacts => ({
  parameter,
  unit: 'seconds',
  // minio 8.0.7: a missing or 0 expiry means the 7-day maximum.
  defaultSeconds: SIGV4_MAX_EXPIRY_SECONDS,
  zeroMeans: SIGV4_MAX_EXPIRY_SECONDS,
  aboveMaximum: 'throws',
  source: 'minio 8.0.7 (default 604800 s; "expires param cannot be greater than 7 days")',
});

/** boto3's `ExpiresIn`: 3600 s by default, and no client-side check; S3 refuses the URL at use time. */
const BOTO3_EXPIRES_IN = (source: string): ExpiryFacts => ({
  parameter: 'ExpiresIn',
  unit: 'seconds',
  defaultSeconds: 3_600,
  zeroMeans: 'invalid',
  aboveMaximum: 'url-rejected-by-s3',
  source,
});

/** Python minio 7.2: `expires: timedelta = timedelta(days=7)`, "expires must be between 1 second to 7 days". */
const MINIO_PY_EXPIRES: ExpiryFacts = {
  parameter: 'expires',
  unit: 'seconds',
  defaultSeconds: SIGV4_MAX_EXPIRY_SECONDS,
  zeroMeans: 'invalid',
  aboveMaximum: 'throws',
  source: 'minio-py 7.2.20 minio/api.py get_presigned_url (default timedelta(days=7); ValueError outside 1 s to 7 days)',
};

export const PRESIGN_APIS: Readonly<Record<ApiId, PresignApi>> = {
  'v3.getSignedUrl': {
    id: 'v3.getSignedUrl',
    sdk: 'aws-sdk-v3',
    label: 'getSignedUrl (@aws-sdk/s3-request-presigner)',
    expiry: V3_EXPIRES_IN,
    sigv4: 'always',
    post: false,
  },
  'v3.S3RequestPresigner.presign': {
    id: 'v3.S3RequestPresigner.presign',
    sdk: 'aws-sdk-v3',
    label: 'S3RequestPresigner#presign (@aws-sdk/s3-request-presigner)',
    expiry: V3_EXPIRES_IN,
    sigv4: 'always',
    post: false,
  },
  'v3.createPresignedPost': {
    id: 'v3.createPresignedPost',
    sdk: 'aws-sdk-v3',
    label: 'createPresignedPost (@aws-sdk/s3-presigned-post)',
    expiry: {
      parameter: 'Expires',
      unit: 'seconds',
      defaultSeconds: 3_600,
      zeroMeans: 'invalid',
      aboveMaximum: 'url-rejected-by-s3',
      source: '@aws-sdk/s3-presigned-post (default 3600 s, no upper check: 700000 accepted)',
    },
    sigv4: 'always',
    post: true,
  },
  'v3.SignatureV4.presign': {
    id: 'v3.SignatureV4.presign',
    sdk: 'aws-sdk-v3',
    label: 'SignatureV4#presign (@smithy/signature-v4)',
    expiry: { ...V3_EXPIRES_IN, defaultSeconds: 3_600, source: '@smithy/signature-v4 (default 3600 s, rejects > 604800 s)' },
    sigv4: 'always',
    post: false,
  },
  'v2.getSignedUrl': {
    id: 'v2.getSignedUrl',
    sdk: 'aws-sdk-v2',
    label: 'S3#getSignedUrl (aws-sdk v2)',
    expiry: V2_EXPIRES,
    sigv4: 'when-configured',
    post: false,
  },
  'v2.getSignedUrlPromise': {
    id: 'v2.getSignedUrlPromise',
    sdk: 'aws-sdk-v2',
    label: 'S3#getSignedUrlPromise (aws-sdk v2)',
    expiry: V2_EXPIRES,
    sigv4: 'when-configured',
    post: false,
  },
  'v2.createPresignedPost': {
    id: 'v2.createPresignedPost',
    sdk: 'aws-sdk-v2',
    label: 'S3#createPresignedPost (aws-sdk v2)',
    expiry: {
      parameter: 'Expires',
      unit: 'seconds',
      defaultSeconds: 3_600,
      zeroMeans: 3_600,
      aboveMaximum: 'url-rejected-by-s3',
      source: 'aws-sdk v2 lib/services/s3.js createPresignedPost (`params.Expires || 3600`)',
    },
    // Presigned POST is always SigV4 in the v2 SDK (it builds an AWS4-HMAC-SHA256 policy).
    sigv4: 'always',
    post: true,
  },
  'minio.presignedUrl': {
    id: 'minio.presignedUrl',
    sdk: 'minio',
    label: 'Client#presignedUrl (minio)',
    expiry: MINIO_EXPIRES('expires (4th argument)'),
    sigv4: 'always',
    post: false,
  },
  'minio.presignedGetObject': {
    id: 'minio.presignedGetObject',
    sdk: 'minio',
    label: 'Client#presignedGetObject (minio)',
    expiry: MINIO_EXPIRES('expires (3rd argument)'),
    sigv4: 'always',
    post: false,
  },
  'minio.presignedPutObject': {
    id: 'minio.presignedPutObject',
    sdk: 'minio',
    label: 'Client#presignedPutObject (minio)',
    expiry: MINIO_EXPIRES('expires (3rd argument)'),
    sigv4: 'always',
    post: false,
  },
  'minio.presignedPostPolicy': {
    id: 'minio.presignedPostPolicy',
    sdk: 'minio',
    label: 'Client#presignedPostPolicy (minio)',
    expiry: {
      parameter: 'PostPolicy#setExpires',
      unit: 'absolute-time',
      // minio 8.0.7 client.js presignedPostPolicy: "Set default expiration date of 7 days".
      defaultSeconds: SIGV4_MAX_EXPIRY_SECONDS,
      zeroMeans: 'invalid',
      aboveMaximum: 'url-rejected-by-s3',
      source: 'minio 8.0.7 presignedPostPolicy (a policy without setExpires expires after 7 days)',
    },
    sigv4: 'always',
    post: true,
  },
  'gcs.getSignedUrl': {
    id: 'gcs.getSignedUrl',
    sdk: 'gcs',
    label: 'File#getSignedUrl (@google-cloud/storage)',
    expiry: {
      parameter: 'expires',
      unit: 'absolute-time',
      defaultSeconds: null,
      zeroMeans: 'invalid',
      aboveMaximum: 'throws',
      source: '@google-cloud/storage 7.22 ("Max allowed expiration is seven days (604800 seconds)" with version v4)',
    },
    sigv4: 'when-configured',
    post: false,
  },
  'aws4.sign': {
    id: 'aws4.sign',
    sdk: 'aws4',
    label: 'aws4.sign with signQuery',
    expiry: {
      parameter: 'X-Amz-Expires (query string of path)',
      unit: 'seconds',
      defaultSeconds: 86_400,
      zeroMeans: 'invalid',
      aboveMaximum: 'url-rejected-by-s3',
      source: 'aws4 1.13.2 aws4.js (X-Amz-Expires defaults to 86400, no maximum check)',
    },
    sigv4: 'always',
    post: false,
  },
  'aws4fetch.AwsClient.sign': {
    id: 'aws4fetch.AwsClient.sign',
    sdk: 'aws4fetch',
    label: 'AwsClient#sign with signQuery (aws4fetch)',
    expiry: {
      parameter: 'X-Amz-Expires (query of the URL)',
      unit: 'seconds',
      // aws4fetch sets X-Amz-Expires=86400 when it signs for s3 and the URL has none.
      defaultSeconds: 86_400,
      zeroMeans: 'invalid',
      aboveMaximum: 'url-rejected-by-s3',
      source: 'aws4fetch 1.0.20 src/main.js AwsV4Signer (X-Amz-Expires defaults to 86400 for s3, no maximum check)',
    },
    sigv4: 'always',
    post: false,
  },
  'boto3.generate_presigned_url': {
    id: 'boto3.generate_presigned_url',
    sdk: 'boto3',
    label: 'generate_presigned_url (boto3)',
    expiry: BOTO3_EXPIRES_IN('botocore signers.py generate_presigned_url(ClientMethod, Params=None, ExpiresIn=3600, HttpMethod=None): no client-side 7-day check'),
    // botocore presigns S3 with SigV2 unless a signature version is configured, in the regions of
    // BOTO3_SIGV2_DEFAULT_REGIONS of sigv2-regions.ts (client.py `_set_s3_presign_signature_version`).
    sigv4: 'when-configured',
    post: false,
  },
  'boto3.generate_presigned_post': {
    id: 'boto3.generate_presigned_post',
    sdk: 'boto3',
    label: 'generate_presigned_post (boto3)',
    expiry: BOTO3_EXPIRES_IN('botocore signers.py generate_presigned_post(Bucket, Key, Fields=None, Conditions=None, ExpiresIn=3600)'),
    // The SigV2 default covers presigned POST too (`s3-presign-post`, client.py `_default_s3_presign_to_sigv2`).
    sigv4: 'when-configured',
    post: true,
  },
  'minio-py.get_presigned_url': {
    id: 'minio-py.get_presigned_url',
    sdk: 'minio',
    label: 'Minio.get_presigned_url (minio)',
    expiry: MINIO_PY_EXPIRES,
    sigv4: 'always',
    post: false,
  },
  'minio-py.presigned_get_object': {
    id: 'minio-py.presigned_get_object',
    sdk: 'minio',
    label: 'Minio.presigned_get_object (minio)',
    expiry: MINIO_PY_EXPIRES,
    sigv4: 'always',
    post: false,
  },
  'minio-py.presigned_put_object': {
    id: 'minio-py.presigned_put_object',
    sdk: 'minio',
    label: 'Minio.presigned_put_object (minio)',
    expiry: MINIO_PY_EXPIRES,
    sigv4: 'always',
    post: false,
  },
  'minio-py.presigned_post_policy': {
    id: 'minio-py.presigned_post_policy',
    sdk: 'minio',
    label: 'Minio.presigned_post_policy (minio)',
    expiry: {
      parameter: 'PostPolicy(bucket_name, expiration)',
      unit: 'absolute-time',
      // PostPolicy's expiration is a required datetime: there is no default.
      defaultSeconds: null,
      zeroMeans: 'invalid',
      aboveMaximum: 'url-rejected-by-s3',
      source: 'minio-py 7.2.20 minio/datatypes.py PostPolicy(bucket_name, expiration: datetime)',
    },
    sigv4: 'always',
    post: true,
  },
  'gcs-py.generate_signed_url': {
    id: 'gcs-py.generate_signed_url',
    sdk: 'gcs',
    label: 'Blob.generate_signed_url (google-cloud-storage)',
    expiry: {
      parameter: 'expiration',
      // The reader turns a timedelta, `now + timedelta` and (with V4) an int into seconds.
      unit: 'seconds',
      defaultSeconds: null,
      zeroMeans: 'invalid',
      aboveMaximum: 'throws',
      source: 'google-cloud-storage 3.10.1 _signing.py get_expiration_seconds_v4 ("Max allowed expiration interval is seven days"); V2 has no maximum',
    },
    sigv4: 'when-configured',
    post: false,
  },
  'django-storages.settings': {
    id: 'django-storages.settings',
    sdk: 'django-storages',
    label: 'S3Storage.url (django-storages settings)',
    expiry: {
      parameter: 'AWS_QUERYSTRING_EXPIRE',
      unit: 'seconds',
      defaultSeconds: 3_600,
      zeroMeans: 'invalid',
      aboveMaximum: 'url-rejected-by-s3',
      source: 'django-storages 1.14.6 storages/backends/s3.py (`querystring_expire`: setting("AWS_QUERYSTRING_EXPIRE", 3600), passed to boto3 generate_presigned_url as ExpiresIn)',
    },
    // S3Storage builds the client's Config from AWS_S3_SIGNATURE_VERSION: boto3's SigV2 default applies without it.
    sigv4: 'when-configured',
    post: false,
  },
};
