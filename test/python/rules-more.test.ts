/** no-sigv2, enforce-upload-constraints and no-url-logging on boto3 code. */
import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const HEADER = `import boto3\nfrom botocore.config import Config\n`;
const V4 = "config=Config(signature_version='s3v4')";

describe('presign/no-sigv2', () => {
  it('flags clients without a signature version in SigV2 regions or an unknown region, and an explicit s3', async () => {
    const source = `${HEADER}east = boto3.client('s3', 'us-east-1')
east.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': 'k'})
anywhere = boto3.client('s3')
anywhere.generate_presigned_post('b', 'k', Conditions=[['content-length-range', 1, 10]])
old = boto3.client('s3', config=Config(signature_version='s3'))
old.generate_presigned_url('get_object', Params={'Bucket': 'b'})
`;
    expect(await findings(source, 'no-sigv2')).toEqual([
      '4:1 presign/no-sigv2 boto3DefaultRegion',
      '6:1 presign/no-sigv2 boto3UnknownRegion',
      '7:58 presign/no-sigv2 boto3Explicit',
    ]);
  });

  it('leaves alone s3v4 clients, SigV4-only regions and a Config it cannot read', async () => {
    const source = `${HEADER}from settings import CONFIG
v4 = boto3.client('s3', ${V4})
v4.generate_presigned_url('get_object', Params={'Bucket': 'b'})
frankfurt = boto3.Session(region_name='eu-central-1').client('s3')
frankfurt.generate_presigned_url('get_object', Params={'Bucket': 'b'})
shared = boto3.client('s3', config=CONFIG)
shared.generate_presigned_url('get_object', Params={'Bucket': 'b'})
`;
    expect(await findings(source, 'no-sigv2')).toEqual([]);
  });

  it('lets max-expiry bind a SigV2 URL only where the region signs SigV4', async () => {
    const source = `${HEADER}boto3.client('s3', region_name='us-east-1').generate_presigned_url('get_object', ExpiresIn=700000)
boto3.client('s3', region_name='eu-central-1').generate_presigned_url('get_object', ExpiresIn=700000)
`;
    expect(await findings(source, 'max-expiry')).toEqual(['4:95 presign/max-expiry aboveMaximum']);
  });
});

describe('presign/require-content-length-range', () => {
  it('flags a presigned POST without content-length-range, and leaves one with it alone', async () => {
    const source = `${HEADER}s3 = boto3.client('s3', ${V4})
s3.generate_presigned_post('b', 'uploads/a.png')
s3.generate_presigned_post(Bucket='b', Key='\${filename}', Conditions=[['content-length-range', 1, 1048576]])
s3.generate_presigned_post('b', 'k', Conditions=BASE)
`;
    expect(await findings(source, 'require-content-length-range')).toEqual(['4:1 presign/require-content-length-range noContentLengthRange']);
  });
});

describe('presign/enforce-upload-constraints', () => {
  it('flags a key prefix of only ${filename}, and no longer the size range (require-content-length-range)', async () => {
    const source = `${HEADER}s3 = boto3.client('s3', ${V4})
s3.generate_presigned_post('b', 'uploads/a.png')
s3.generate_presigned_post(Bucket='b', Key='\${filename}', Conditions=[['content-length-range', 1, 1048576]])
CONDITIONS = [{'acl': 'private'}, ['starts-with', '$Content-Type', 'image/']]
s3.generate_presigned_post('b', 'k', None, CONDITIONS)
`;
    expect(await findings(source, 'enforce-upload-constraints')).toEqual(['5:44 presign/enforce-upload-constraints anyKey']);
  });

  it('leaves alone size-limited policies, policies it cannot read whole, and presigned URLs', async () => {
    const source = `${HEADER}from shared import BASE
s3 = boto3.client('s3', ${V4})
s3.generate_presigned_post('b', 'uploads/\${filename}', Conditions=[('content-length-range', 1, 10)])
s3.generate_presigned_post('b', 'k', Conditions=[*BASE, {'acl': 'private'}])
s3.generate_presigned_post('b', 'k', Conditions=BASE)
s3.generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': 'k', 'ContentType': 'image/png'})
`;
    expect(await findings(source, 'enforce-upload-constraints')).toEqual([]);
  });

  it('requires a Content-Type condition with requireContentType', async () => {
    const source = `${HEADER}boto3.client('s3', ${V4}).generate_presigned_post('b', 'k', Conditions=[['content-length-range', 1, 10]])\n`;
    expect(await findings(source, 'enforce-upload-constraints', { 'enforce-upload-constraints': [{ requireContentType: true }] })).toEqual([
      '3:106 presign/enforce-upload-constraints noContentType',
    ]);
  });
});

describe('presign/no-url-logging', () => {
  it('flags the URL or POST fields reaching print, logging, loggers and exceptions', async () => {
    const source = `${HEADER}import logging
log = logging.getLogger(__name__)
audit = logging.getLogger('audit')
s3 = boto3.client('s3', ${V4})
def link(key):
    url = s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': key})
    print(url)
    logging.info("link: %s" % url)
    log.debug(f"made {url}")
    audit.info("made {}".format(url))
    return url
def handler(event, context):
    url = link(event['key'])
    post = s3.generate_presigned_post('b', 'k', Conditions=[['content-length-range', 1, 2]])
    print(post['fields'])
    print(post['url'])
    if not url:
        raise UploadError('no link: ' + url)
    return {'url': url}
`;
    expect(await findings(source, 'no-url-logging')).toEqual([
      '9:11 presign/no-url-logging logged',
      '10:18 presign/no-url-logging logged',
      '11:15 presign/no-url-logging logged',
      '12:16 presign/no-url-logging logged',
      '17:11 presign/no-url-logging logged',
      '20:27 presign/no-url-logging inError',
    ]);
  });

  it('leaves alone redacted URLs, other values and URLs returned to the caller', async () => {
    const source = `${HEADER}import logging
logger = logging.getLogger(__name__)
s3 = boto3.client('s3', ${V4})
def link(key):
    url = s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': key})
    logger.info("signed %s", key)
    logger.info(url.split('?')[0])
    logger.info(redact(url))
    return {'statusCode': 200, 'body': url}
`;
    expect(await findings(source, 'no-url-logging')).toEqual([]);
  });

  it('takes extra sinks from the options', async () => {
    const source = `${HEADER}import sentry_sdk
url = boto3.client('s3', ${V4}).generate_presigned_url('get_object', Params={'Bucket': 'b'})
sentry_sdk.capture_message(url)
`;
    expect(await findings(source, 'no-url-logging', { 'no-url-logging': [{ sinks: ['sentry_sdk.capture_message'] }] })).toEqual([
      '5:28 presign/no-url-logging logged',
    ]);
    expect(await findings(source, 'no-url-logging')).toEqual([]);
  });
});
