/**
 * presign/explicit-method on boto3: the mission asks every call to say its method, so a
 * `generate_presigned_url` without `HttpMethod` is reported (with the method to add), unless the
 * team takes a constant operation as explicit (`operationIsExplicit`).
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPythonSource } from '../../src/engine/python.js';
import { findings } from './helpers.js';

const HEADER = `import boto3\nfrom botocore.config import Config\ns3 = boto3.client('s3', config=Config(signature_version='s3v4'))\n`;

describe('presign/explicit-method (boto3)', () => {
  it('flags a constant operation without HttpMethod, by keyword, position, constant and through self', async () => {
    const source = `${HEADER}OP = 'put_object'
s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': 'k'}, ExpiresIn=300)
s3.generate_presigned_url(ClientMethod='put_object', Params={'Bucket': 'b', 'Key': 'k'})
s3.generate_presigned_url(OP, {'Bucket': 'b', 'Key': 'k'}, 60, None)
s3.generate_presigned_url('delete_object', Params={'Bucket': 'b', 'Key': 'k'})
s3.generate_presigned_url('head_object', Params={'Bucket': 'b', 'Key': 'k'})
class Links:
    def __init__(self):
        self.s3 = boto3.client('s3', config=Config(signature_version='s3v4'))
    def upload(self, key):
        return self.s3.generate_presigned_url('upload_part', Params={'Bucket': 'b', 'Key': key})
`;
    expect(await findings(source, 'explicit-method')).toEqual([
      '5:27 presign/explicit-method method-implicit',
      '6:40 presign/explicit-method method-implicit',
      '7:27 presign/explicit-method method-implicit',
      '8:27 presign/explicit-method method-implicit',
      '9:27 presign/explicit-method method-implicit',
      '14:47 presign/explicit-method method-implicit',
    ]);
  });

  it('names the operation and the method to add, in the recommended preset', async () => {
    const source = `${HEADER}s3.generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': 'k'}, ExpiresIn=300)\n`;
    const messages = await auditPythonSource(source, resolveConfig({ preset: 'recommended' }, null));
    const found = messages.filter((m) => m.ruleId === 'presign/explicit-method');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("add `HttpMethod='PUT'`");
    expect(found[0]!.message).toContain('signs the method of `put_object` (PUT)');
    expect(found[0]!.severity).toBe(1);
  });

  it('leaves alone a constant HttpMethod, a POST, and an operation the catalogue has no method for', async () => {
    const source = `${HEADER}s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': 'k'}, HttpMethod='GET')
s3.generate_presigned_url('put_object', {'Bucket': 'b', 'Key': 'k'}, 300, 'PUT')
s3.generate_presigned_url(event['op'], Params={'Bucket': 'b'}, HttpMethod='GET')
s3.generate_presigned_url('get_bucket_policy', Params={'Bucket': 'b'})
s3.generate_presigned_post('b', 'k', Conditions=[['content-length-range', 1, 10]])
`;
    expect(await findings(source, 'explicit-method')).toEqual([]);
  });

  it('takes a constant operation as explicit with operationIsExplicit, and still flags what hides the method', async () => {
    const source = `${HEADER}s3.generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': 'k'})
def link(event):
    s3.generate_presigned_url(event['op'], Params={'Bucket': 'b', 'Key': 'k'})
    s3.generate_presigned_url('put_object', Params={'Bucket': 'b'}, HttpMethod=event['method'])
`;
    expect(await findings(source, 'explicit-method', { 'explicit-method': [{ operationIsExplicit: true }] })).toEqual([
      '6:31 presign/explicit-method operation-not-constant',
      '7:80 presign/explicit-method method-not-constant',
    ]);
  });
});
