/**
 * A Django settings module that configures django-storages' S3 backend is the presign site of
 * every `storage.url()` the application makes: the rules judge its expiry and signature version
 * at the setting's line.
 */
import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

describe('django-storages settings', () => {
  it('judges AWS_QUERYSTRING_EXPIRE and AWS_S3_SIGNATURE_VERSION where they are set', async () => {
    const source = `import os
DEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
AWS_STORAGE_BUCKET_NAME = os.environ["BUCKET"]
AWS_S3_REGION_NAME = "eu-central-1"
AWS_S3_SIGNATURE_VERSION = "s3"
AWS_QUERYSTRING_AUTH = True
AWS_QUERYSTRING_EXPIRE = 60 * 60 * 24 * 30
`;
    expect(await findings(source)).toEqual(['5:28 presign/no-sigv2 settingsExplicit']);
    const v4 = source.replace('"s3"', '"s3v4"');
    expect(await findings(v4)).toEqual(['7:26 presign/max-expiry aboveMaximum']);
  });

  it('reports the boto3 SigV2 default for a region that accepts it, and an unknown region', async () => {
    const east = `STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}\nAWS_S3_REGION_NAME = "us-east-1"\nAWS_QUERYSTRING_EXPIRE = 600\n`;
    expect(await findings(east, 'no-sigv2')).toEqual(['3:26 presign/no-sigv2 settingsDefaultRegion']);
    const unknown = `AWS_QUERYSTRING_EXPIRE = 600\n`;
    expect(await findings(unknown, 'no-sigv2')).toEqual(['1:26 presign/no-sigv2 settingsUnknownRegion']);
  });

  it('reads the OPTIONS of each S3 backend in STORAGES over the settings, and every branch of an if', async () => {
    const source = `import os
DEBUG = os.environ.get("DEBUG") == "1"
AWS_S3_SIGNATURE_VERSION = "s3v4"
if DEBUG:
    AWS_QUERYSTRING_EXPIRE = 60
else:
    AWS_QUERYSTRING_EXPIRE = 10 * 86400
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"querystring_expire": 900}},
    "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"signature_version": "s3", "region_name": "eu-west-1"}},
    "media": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"location": "media"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
`;
    // "private" signs SigV2, which has no 7-day limit; "media" takes the module's expiry, 10 days in one branch.
    expect(await findings(source)).toEqual(['7:30 presign/max-expiry aboveMaximum', '10:95 presign/no-sigv2 settingsExplicit']);
  });

  it('judges a backend with OPTIONS and the backends that take the module settings each once', async () => {
    const source = `AWS_S3_SIGNATURE_VERSION = "s3v4"
AWS_QUERYSTRING_EXPIRE = 9 * 86400
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"querystring_expire": 8 * 86400}},
    "exports": {"BACKEND": "storages.backends.s3.S3Storage"},
    "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage"},
}
`;
    expect(await findings(source)).toEqual(['2:26 presign/max-expiry aboveMaximum', '4:96 presign/max-expiry aboveMaximum']);
  });

  it('leaves alone unsigned URLs, short expiries, settings taken from a star import, a whole client Config, and other modules', async () => {
    for (const source of [
      `AWS_QUERYSTRING_AUTH = False\nAWS_QUERYSTRING_EXPIRE = 10 * 86400\nAWS_S3_SIGNATURE_VERSION = "s3"\n`,
      `AWS_S3_SIGNATURE_VERSION = "s3v4"\nAWS_QUERYSTRING_EXPIRE = 300\n`,
      `from .base import *\nAWS_QUERYSTRING_EXPIRE = 900\n`,
      `from botocore.config import Config\nAWS_S3_CLIENT_CONFIG = Config(signature_version="s3v4")\nAWS_QUERYSTRING_EXPIRE = 900\n`,
      `AWS_QUERYSTRING_EXPIRE = int(os.environ.get("LINK_TTL", "3600"))\nAWS_S3_SIGNATURE_VERSION = os.environ.get("SIG", "s3v4")\n`,
      `DEFAULT_FILE_STORAGE = "django.core.files.storage.FileSystemStorage"\nEXPIRE = 10 * 86400\n`,
      `import os\nAWS_S3_CUSTOM_DOMAIN = f"{os.environ['BUCKET']}.s3.amazonaws.com"\nAWS_QUERYSTRING_EXPIRE = 10 * 86400\n`,
      `STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"custom_domain": "cdn.example.com", "signature_version": "s3"}}}\n`,
    ]) {
      expect(await findings(source), source).toEqual([]);
    }
  });
});
