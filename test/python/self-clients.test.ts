/**
 * boto3 clients kept on `self` (set in `__init__`, used in the class's methods) and on the class
 * itself: the rules see their settings as for a client held by a name.
 */
import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const HEADER = `import boto3\nfrom botocore.config import Config\n`;
const CALL = `generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': key}, HttpMethod='GET')`;

describe('clients on self and on the class', () => {
  it('reads a client set in __init__, a lazy client behind a None placeholder, a class attribute and cls', async () => {
    const source = `${HEADER}class Storage:
    def __init__(self, bucket):
        self.bucket = bucket
        self.s3 = boto3.client('s3', config=Config(signature_version='s3'))
    def link(self, key):
        return self.s3.${CALL}

class Lazy:
    def __init__(self):
        self._client = None
    def client(self):
        if self._client is None:
            self._client = boto3.client('s3', region_name='us-east-1')
        return self._client
    def link(self, key):
        return self._client.${CALL}

class Shared:
    s3 = boto3.Session(region_name='us-west-2').client('s3')
    def link(self, key):
        return self.s3.${CALL}
    @classmethod
    def share(cls, key):
        return cls.s3.${CALL}
    @staticmethod
    def other(key):
        return Shared.s3.${CALL}
`;
    expect(await findings(source, 'no-sigv2')).toEqual([
      '6:70 presign/no-sigv2 boto3Explicit',
      '18:16 presign/no-sigv2 boto3DefaultRegion',
      '23:16 presign/no-sigv2 boto3DefaultRegion',
      '26:16 presign/no-sigv2 boto3DefaultRegion',
      '29:16 presign/no-sigv2 boto3DefaultRegion',
    ]);
  });

  it('reads the config and the session kept on self, and the expiry kept on the class', async () => {
    const source = `${HEADER}class Links:
    TTL = 8 * 86400
    def __init__(self):
        self.config = Config(signature_version='s3v4')
        self.session = boto3.Session(region_name='eu-west-1')
        self.s3 = self.session.client('s3', config=self.config)
    def link(self, key):
        return self.s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': key}, ExpiresIn=self.TTL, HttpMethod='GET')
`;
    expect(await findings(source)).toEqual(['10:107 presign/max-expiry aboveMaximum']);
  });

  it('reads boto3 imported twice (import boto3 and import boto3.session bind the same module)', async () => {
    const source = `import boto3\nimport boto3.session\nclass S3:\n    def __init__(self):\n        self.client = boto3.client("s3")\n    def link(self, key):\n        return self.client.${CALL}\n`;
    expect(await findings(source, 'no-sigv2')).toEqual(['7:16 presign/no-sigv2 boto3UnknownRegion']);
  });

  it('leaves alone attributes the class does not set once, other receivers and self of another class', async () => {
    const source = `${HEADER}from settings import make_client
class Mixed:
    def __init__(self, fast):
        self.s3 = boto3.client('s3', config=Config(signature_version='s3v4'))
    def reset(self):
        self.s3 = make_client()
    def link(self, key):
        return self.s3.${CALL}

class Inherited(Base):
    def link(self, key):
        return self.s3.${CALL}

class Tuple:
    def __init__(self):
        self.s3, self.other = boto3.client('s3', region_name='us-east-1'), None
    def link(self, key):
        return self.s3.${CALL}

class Helper:
    @staticmethod
    def link(s3, key):
        return s3.${CALL}

class Owner:
    def __init__(self):
        self.s3 = boto3.client('s3', region_name='us-east-1')
class Other:
    def link(self, key):
        return self.s3.${CALL}
`;
    expect(await findings(source, 'no-sigv2')).toEqual([]);
  });
});
