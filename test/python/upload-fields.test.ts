/**
 * What the boto3 reader fills for the upload rules, whatever rule reads it: a POST policy's
 * conditions (as botocore builds them, with the lists and dicts the module changes after writing
 * them) and the signed parameters of a presigned URL (`ACL`, `ContentType`).
 */
import { describe, expect, it } from 'vitest';
import type { PresignSite } from '../../src/presign/site.js';
import { boto3Sites } from '../../src/python/boto3-sites.js';
import { PythonEvaluator } from '../../src/python/evaluate.js';
import { PythonModule } from '../../src/python/scope.js';
import { parsePython, type PyNode } from '../../src/python/syntax.js';
import { findings } from './helpers.js';

const HEADER = `import boto3\nfrom botocore.config import Config\ns3 = boto3.client('s3', config=Config(signature_version='s3v4'))\n`;

async function sites(source: string): Promise<PresignSite<PyNode>[]> {
  const parsed = await parsePython(source);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const module = new PythonModule(parsed.root);
  return boto3Sites(module, new PythonEvaluator(module));
}

function conditions(site: PresignSite<PyNode>): string[] {
  return site.post!.conditions.map((c) => (c.kind === 'content-length-range' ? c.kind : `${c.kind} ${c.field} ${c.value}`));
}

describe('POST policy conditions', () => {
  it('holds the Conditions, then bucket and key as botocore appends them, with items appended, inserted or extended later', async () => {
    const [post, later] = await sites(`${HEADER}s3.generate_presigned_post('b', 'u/\${filename}', Fields={'acl': 'public-read'}, Conditions=[{'acl': 'public-read'}, ['starts-with', '$Content-Type', '']])
conditions = [{'acl': 'private'}]
conditions.append(['content-length-range', 1, 1024])
conditions.insert(0, ['eq', '$Content-Type', 'image/png'])
conditions.extend([['starts-with', '$x-amz-meta-user', '']])
s3.generate_presigned_post('b', 'k', Conditions=conditions)
`);
    expect(conditions(post!)).toEqual(['eq acl public-read', 'starts-with content-type ', 'eq bucket b', 'starts-with key u/']);
    expect(post!.post!.complete).toBe(true);
    expect(conditions(later!)).toEqual(['eq acl private', 'content-length-range', 'eq content-type image/png', 'starts-with x-amz-meta-user ', 'eq bucket b', 'eq key k']);
    expect(later!.post!.complete).toBe(true);
  });

  it('is incomplete when the list is changed in a way it cannot read, or handed to another function', async () => {
    const all = await sites(`${HEADER}from limits import add_limits
a = [{'acl': 'private'}]
a.append(make_condition())
s3.generate_presigned_post('b', 'k', Conditions=a)
b = [{'acl': 'private'}]
add_limits(b)
s3.generate_presigned_post('b', 'k', Conditions=b)
c = [{'acl': 'private'}]
c += LIMITS
s3.generate_presigned_post('b', 'k', Conditions=c)
d = [{'acl': 'private'}]
d.extend(LIMITS)
s3.generate_presigned_post('b', 'k', Conditions=d)
`);
    expect(all.map((site) => site.post!.complete)).toEqual([false, false, false, false]);
  });
});

describe('signed parameters of a presigned URL', () => {
  it('holds ACL and ContentType from the Params dict, dict(), and keys set after it is written', async () => {
    const [inline, built, changed] = await sites(`${HEADER}def links(key, content_type):
    s3.generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': key, 'ACL': 'public-read', 'ContentType': content_type}, HttpMethod='PUT')
    s3.generate_presigned_url('put_object', Params=dict(Bucket='b', Key=key, ACL='public-read'), HttpMethod='PUT')
    params = {'Bucket': 'b', 'Key': key}
    params['ACL'] = 'public-read'
    params['ContentType'] = 'image/png'
    s3.generate_presigned_url('put_object', Params=params, HttpMethod='PUT')
`);
    expect(inline!.parameters!.entries.get('ACL')!.value).toEqual([{ kind: 'value', value: 'public-read' }]);
    expect(inline!.parameters!.entries.get('ContentType')!.value).toEqual([{ kind: 'unknown' }]);
    expect([...built!.parameters!.entries.keys()]).toEqual(['Bucket', 'Key', 'ACL']);
    expect(changed!.parameters!.complete).toBe(true);
    expect(changed!.parameters!.entries.get('ACL')!.value).toEqual([{ kind: 'value', value: 'public-read' }]);
    expect(changed!.parameters!.entries.get('ContentType')!.value).toEqual([{ kind: 'value', value: 'image/png' }]);
  });

  it('is incomplete when the dict is updated or handed to another function', async () => {
    const all = await sites(`${HEADER}def links(key, extra):
    p = {'Bucket': 'b', 'Key': key}
    p.update(extra)
    s3.generate_presigned_url('put_object', Params=p, HttpMethod='PUT')
    q = {'Bucket': 'b', 'Key': key}
    q[extra] = 'x'
    s3.generate_presigned_url('put_object', Params=q, HttpMethod='PUT')
    r = {'Bucket': 'b', 'Key': key}
    add_acl(r)
    s3.generate_presigned_url('put_object', Params=r, HttpMethod='PUT')
`);
    expect(all.map((site) => site.parameters!.complete)).toEqual([false, false, false]);
  });
});

describe('presign/require-content-length-range and enforce-upload-constraints on boto3 POSTs', () => {
  it('flags a policy without a size range, also when conditions are appended, and an empty key prefix', async () => {
    const source = `${HEADER}def form(user):
    conditions = [{'acl': 'private'}]
    conditions.append(['starts-with', '$Content-Type', 'image/'])
    return s3.generate_presigned_post('uploads', f'{user}/avatar.png', Fields={'acl': 'private'}, Conditions=conditions, ExpiresIn=600)
def public_form():
    return s3.generate_presigned_post(Bucket='site', Key='\${filename}', Conditions=[{'acl': 'public-read'}])
`;
    expect(await findings(source, 'require-content-length-range')).toEqual([
      '7:110 presign/require-content-length-range noContentLengthRange',
      '9:84 presign/require-content-length-range noContentLengthRange',
    ]);
    expect(await findings(source, 'enforce-upload-constraints')).toEqual(['9:58 presign/enforce-upload-constraints anyKey']);
  });

  it('leaves alone a size range appended later, or given in a tuple, and a list changed where it cannot be read', async () => {
    const source = `${HEADER}from limits import add_limits
def form(user, max_size):
    conditions = [{'acl': 'private'}]
    conditions.append(['content-length-range', 0, max_size])
    s3.generate_presigned_post('uploads', f'{user}/a.png', Conditions=conditions)
    s3.generate_presigned_post('uploads', f'{user}/b.png', Conditions=(('content-length-range', 0, 10),))
    others = []
    add_limits(others)
    s3.generate_presigned_post('uploads', f'{user}/c.png', Conditions=others)
`;
    expect(await findings(source, 'require-content-length-range')).toEqual([]);
  });
});
