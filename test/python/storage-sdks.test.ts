/**
 * The Python MinIO SDK and google-cloud-storage: their presign calls read into sites that the same
 * rules judge, on receivers the module shows to be the SDK's, and never an application's own
 * methods of the same name.
 */
import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const MINIO = `from datetime import datetime, timedelta
from minio import Minio
from minio.datatypes import PostPolicy
client = Minio("minio.internal:9000", access_key="app", secret_key="secret")
`;
const GCS = `import time
from datetime import datetime, timedelta
from google.cloud import storage
bucket = storage.Client().bucket("media")
`;

describe('minio', () => {
  it('reads expires as a timedelta, the 7-day default, get_presigned_url methods and a PostPolicy', async () => {
    const source = `${MINIO}client.presigned_get_object("media", "a.mp4")
client.presigned_get_object("media", "a.mp4", expires=timedelta(days=8))
client.presigned_put_object(bucket_name="media", object_name="a.mp4", expires=timedelta(weeks=2))
def link(method, key):
    return client.get_presigned_url(method, "media", key, expires=timedelta(hours=1))
policy = PostPolicy("media", datetime.utcnow() + timedelta(days=10))
policy.add_starts_with_condition("key", "uploads/")
client.presigned_post_policy(policy)
`;
    expect(await findings(source)).toEqual([
      '5:1 presign/explicit-expiry longDefault',
      '6:55 presign/max-expiry aboveMaximum',
      '7:79 presign/max-expiry aboveMaximum',
      '9:37 presign/explicit-method method-not-constant',
      '10:10 presign/require-content-length-range noContentLengthRange',
      '10:30 presign/max-expiry aboveMaximum',
    ]);
  });

  it('follows the client on self and through a typed parameter, and leaves alone bounded calls and lookalike methods', async () => {
    const source = `${MINIO}class Files:
    def __init__(self):
        self.client = Minio("minio:9000", access_key="a", secret_key="b", secure=False)
    def link(self, key):
        return self.client.presigned_get_object("media", key, timedelta(days=30))
def share(c: Minio, key):
    return c.presigned_put_object("media", key, expires=timedelta(days=9))
class Storage:
    def presigned_get_object(self, key, expires_in):
        return client.presigned_get_object("media", key, expires=timedelta(seconds=expires_in))
Storage().presigned_get_object("k", 10 * 86400)
client.get_presigned_url("GET", "media", "k", expires=timedelta(minutes=15))
policy = PostPolicy("media", datetime.utcnow() + timedelta(hours=1))
policy.add_starts_with_condition("key", "uploads/")
policy.add_content_length_range_condition(1, 10 * 1024 * 1024)
client.presigned_post_policy(policy)
`;
    expect(await findings(source)).toEqual(['9:63 presign/max-expiry aboveMaximum', '11:57 presign/max-expiry aboveMaximum']);
  });
});

describe('google-cloud-storage', () => {
  it('reports V2 (the default), V4 above 7 days, a missing method, and reads int, timedelta and now + offset', async () => {
    const source = `${GCS}blob = bucket.blob("report.pdf")
blob.generate_signed_url(expiration=timedelta(days=30), method="GET")
blob.generate_signed_url(timedelta(days=8), version="v4", method="GET")
blob.generate_signed_url(expiration=8 * 86400, version="v4", method="PUT")
bucket.get_blob("a").generate_signed_url(expiration=datetime.utcnow() + timedelta(days=9), version="v4")
`;
    expect(await findings(source)).toEqual([
      '6:1 presign/no-sigv2 gcsV2',
      '7:26 presign/max-expiry aboveMaximum',
      '8:37 presign/max-expiry aboveMaximum',
      '9:1 presign/explicit-method method-implicit',
      '9:53 presign/max-expiry aboveMaximum',
    ]);
  });

  it('applies a configured cap to V2 URLs, whose lifetime has no maximum', async () => {
    const source = `${GCS}bucket.blob("a").generate_signed_url(expiration=int(time.time()) + 30 * 86400, method="GET", version="v2")\n`;
    expect(await findings(source, 'max-expiry')).toEqual([]);
    expect(await findings(source, 'max-expiry', { 'max-expiry': [{ maxSeconds: 86400 }] })).toEqual(['5:49 presign/max-expiry aboveMaximum']);
  });

  it('leaves alone V4 within 7 days, a V2 timestamp it cannot turn into a duration, and other generate_signed_url methods', async () => {
    const source = `${GCS}from .cdn import signer
blob = bucket.blob("a")
blob.generate_signed_url(expiration=timedelta(minutes=15), version="v4", method="GET")
blob.generate_signed_url(expiration=900, version="v4", method="PUT")
signer.generate_signed_url("a", expiration=10 * 86400)
class MinioService:
    @staticmethod
    def generate_signed_url(bucket, key, expires):
        return key
MinioService.generate_signed_url("b", "k", expires=timedelta(days=30))
`;
    expect(await findings(source)).toEqual([]);
  });
});
