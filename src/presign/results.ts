/**
 * What each presign API gives back, and where in it the URL and the secret are: the facts the
 * readers' URL flows (src/javascript/url-flow.ts, src/python/url-flow.ts) need to follow a presigned
 * URL through the code and to say what each flow carries (`UrlFlow.secret`, `.requestUrl`).
 * Sources: each SDK's typings (aws-sdk v2 `S3#getSignedUrl(op, params, cb?)`, v3
 * `getSignedUrl(): Promise<string>`, `createPresignedPost(): Promise<{ url, fields }>`, minio 8
 * `presignedGetObject(): Promise<string>` with an optional callback, `presignedPostPolicy():
 * Promise<{ postURL, formData }>`, @google-cloud/storage `getSignedUrl(): Promise<[string]>`
 * with `(err, url)` callbacks, aws4 `sign(opts)` returning `opts` with the signed `path`, aws4fetch
 * `AwsClient#sign(): Promise<Request>`).
 */
import type { ApiId } from './apis.js';

/** A property path inside a value: `['fields']`, `['0']`; `[]` is the value itself. */
export type ValuePath = readonly string[];

export interface PresignResult {
  /** The call returns a Promise of the result (otherwise the result itself). */
  readonly promise: boolean;
  /**
   * A function passed as the last argument receives `(err, value)`; `callbackValue` is where
   * that value is in the result (GCS passes the URL, not the `[url]` its Promise gives).
   */
  readonly callbackValue: ValuePath | null;
  /** Where the URL to send the request to is; null when the result is not a usable URL. */
  readonly url: ValuePath | null;
  /**
   * The parts that grant access to whoever holds them: the whole signed URL, or a POST's
   * signed form fields (its `url` is only the bucket's address).
   */
  readonly secrets: readonly ValuePath[];
}

const URL_PROMISE: PresignResult = { promise: true, callbackValue: null, url: [], secrets: [[]] };
const URL_WITH_CALLBACK = (promise: boolean): PresignResult => ({ promise, callbackValue: [], url: [], secrets: [[]] });
/** A signed request object (v3 presigners): its query holds the signature, `formatUrl` makes the URL. */
const SIGNED_REQUEST: PresignResult = { promise: true, callbackValue: null, url: null, secrets: [[]] };

export const PRESIGN_RESULTS: Readonly<Record<ApiId, PresignResult>> = {
  'v3.getSignedUrl': URL_PROMISE,
  'v3.S3RequestPresigner.presign': SIGNED_REQUEST,
  'v3.SignatureV4.presign': SIGNED_REQUEST,
  'v3.createPresignedPost': { promise: true, callbackValue: null, url: ['url'], secrets: [['fields']] },
  'v2.getSignedUrl': URL_WITH_CALLBACK(false),
  'v2.getSignedUrlPromise': URL_PROMISE,
  'v2.createPresignedPost': { promise: false, callbackValue: [], url: ['url'], secrets: [['fields']] },
  'minio.presignedUrl': URL_WITH_CALLBACK(true),
  'minio.presignedGetObject': URL_WITH_CALLBACK(true),
  'minio.presignedPutObject': URL_WITH_CALLBACK(true),
  'minio.presignedPostPolicy': { promise: true, callbackValue: [], url: ['postURL'], secrets: [['formData']] },
  'gcs.getSignedUrl': { promise: true, callbackValue: ['0'], url: ['0'], secrets: [['0']] },
  // The signed options object: `https://${signed.host}${signed.path}` is the URL.
  'aws4.sign': { promise: false, callbackValue: null, url: ['path'], secrets: [['path']] },
  // A Promise of the signed `Request`: its `url` is the presigned URL.
  'aws4fetch.AwsClient.sign': { promise: true, callbackValue: null, url: ['url'], secrets: [['url']] },
  // botocore signers.py: the URL as a str; a POST as `{'url': ..., 'fields': {...}}`.
  'boto3.generate_presigned_url': { promise: false, callbackValue: null, url: [], secrets: [[]] },
  'boto3.generate_presigned_post': { promise: false, callbackValue: null, url: ['url'], secrets: [['fields']] },
  // minio-py 7.2 api.py: the URL as a str; presigned_post_policy gives the form data as a dict (no URL).
  'minio-py.get_presigned_url': { promise: false, callbackValue: null, url: [], secrets: [[]] },
  'minio-py.presigned_get_object': { promise: false, callbackValue: null, url: [], secrets: [[]] },
  'minio-py.presigned_put_object': { promise: false, callbackValue: null, url: [], secrets: [[]] },
  'minio-py.presigned_post_policy': { promise: false, callbackValue: null, url: null, secrets: [[]] },
  // google-cloud-storage blob.py: the signed URL as a str.
  'gcs-py.generate_signed_url': { promise: false, callbackValue: null, url: [], secrets: [[]] },
  // The settings sign every `storage.url(name)` the application makes; the reader follows none of them.
  'django-storages.settings': { promise: false, callbackValue: null, url: [], secrets: [[]] },
};

/** A value that is, or holds, the part `within` of the result holds a part that grants access. */
export function holdsSecret(apiId: ApiId, within: ValuePath): boolean {
  return PRESIGN_RESULTS[apiId].secrets.some((secret) => within.length <= secret.length && within.every((part, i) => secret[i] === part));
}
