import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callOfSite, grantsOf, s3ActionsOf, type CodeCall, type KeyShown } from '../../src/join/need.js';
import { evaluateRequest } from '../../src/policy/evaluate.js';
import type { BucketInfo, Inventory } from '../../src/policy/inventory.js';
import { bucket, inventory, policy, role, sitesOf } from '../rules/code-x-policy/helpers.js';

const signer = role('signer', []);
const noInventory = inventory([signer], []);

function call(operation: string | null, bucketName: string | null, key: KeyShown, parameters: string[] = [], at = 'src/a.ts:1'): CodeCall {
  return { at, signed: true, operation, parameters: new Set(parameters), copySource: null, kmsKeyId: null, key, tie: { role: signer, bucket: bucketName ? { name: bucketName, info: null } : null } };
}

describe('the actions a call needs', () => {
  it('maps the operation and adds what its parameters imply', () => {
    expect(s3ActionsOf({ operation: 'PutObject', parameters: new Set(['ACL', 'Tagging', 'ObjectLockMode', 'ObjectLockLegalHoldStatus']) })?.actions).toEqual([
      's3:PutObject',
      's3:PutObjectAcl',
      's3:PutObjectLegalHold',
      's3:PutObjectRetention',
      's3:PutObjectTagging',
    ]);
    expect(s3ActionsOf({ operation: 'GetObject', parameters: new Set(['VersionId']) })?.actions).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    // `Tagging` on a read is no write of tags.
    expect(s3ActionsOf({ operation: 'GetObject', parameters: new Set(['Tagging']) })?.actions).toEqual(['s3:GetObject']);
    expect(s3ActionsOf({ operation: 'UploadPart', parameters: new Set() })?.actions).toEqual(['s3:PutObject']);
    expect(s3ActionsOf({ operation: 'ListObjectsV2', parameters: new Set() })).toEqual({ actions: ['s3:ListBucket'], on: 'bucket', base: 's3:ListBucket' });
    expect(s3ActionsOf({ operation: null, parameters: new Set() })).toBeNull();
  });

  it('reads the presign site: a POST is a PutObject, its starts-with $key the prefix, its acl field PutObjectAcl', () => {
    const [site] = sitesOf(`import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
export const f = () => createPresignedPost(new S3Client({}), { Bucket: 'b', Key: 'in/\${filename}', Conditions: [['starts-with', '$key', 'in/'], { acl: 'private' }] });`);
    const made = callOfSite(site!, 'service.ts:3', { role: signer, bucket: { name: 'b', info: null } }, null);
    expect([made.operation, [...made.parameters], made.key]).toEqual(['PutObject', ['ACL'], { kind: 'prefix', prefix: 'in/' }]);
    expect(grantsOf([made], noInventory)).toEqual([
      { action: 's3:PutObject', resources: ['arn:aws:s3:::b/in/*'], at: ['service.ts:3'], unknown: [] },
      { action: 's3:PutObjectAcl', resources: ['arn:aws:s3:::b/in/*'], at: ['service.ts:3'], unknown: [] },
    ]);
  });
});

describe('the grants of a signer', () => {
  it('narrows to the bucket and the constant key prefix, and widens only what the code does not show', () => {
    const grants = grantsOf(
      [
        call('GetObject', 'uploads', { kind: 'prefix', prefix: 'incoming/' }, [], 'src/a.ts:3'),
        call('GetObject', null, { kind: 'exact', keys: ['report.pdf'] }, [], 'src/a.ts:9'),
        call('DeleteObject', 'uploads', { kind: 'unknown' }, [], 'src/b.ts:2'),
        call(null, 'uploads', { kind: 'prefix', prefix: 'tmp/' }, [], 'src/b.ts:10'),
      ],
      noInventory,
    );
    expect(grants).toEqual([
      { action: 's3:GetObject', resources: ['arn:aws:s3:::*/report.pdf', 'arn:aws:s3:::uploads/incoming/*'], at: ['src/a.ts:3', 'src/a.ts:9'], unknown: ['the bucket is not shown by the code'] },
      { action: 's3:DeleteObject', resources: ['arn:aws:s3:::uploads/*'], at: ['src/b.ts:2'], unknown: ['the key is not shown by the code'] },
      { action: 's3:*', resources: ['arn:aws:s3:::uploads', 'arn:aws:s3:::uploads/tmp/*'], at: ['src/b.ts:10'], unknown: ['the operation is not shown by the code'] },
    ]);
  });

  it('adds KMS for a bucket whose SSE-KMS key the run knows, and none for the aws/s3 key', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const encrypted: BucketInfo = { ...bucket('vault', null), encryption: { algorithm: 'aws:kms' as const, kmsKeyId: keyArn, kmsKeyLogicalId: null, kmsKeyUnknown: false, position: { line: 1, column: 1, endLine: 1, endColumn: 1 } } };
    const managed: BucketInfo = { ...bucket('plain', null), encryption: { ...encrypted.encryption!, kmsKeyId: null } };
    const inv: Inventory = inventory([signer], [encrypted, managed]);
    const on = (info: BucketInfo, operation: string) => ({ ...call(operation, info.name, { kind: 'unknown' }), tie: { role: signer, bucket: { name: info.name!, info } } });
    const kms = (calls: CodeCall[]) => grantsOf(calls, inv).filter((g) => g.action.startsWith('kms:')).map((g) => [g.action, g.resources]);
    expect(kms([on(encrypted, 'GetObject')])).toEqual([['kms:Decrypt', [keyArn]]]);
    expect(kms([on(encrypted, 'PutObject')])).toEqual([['kms:GenerateDataKey', [keyArn]]]);
    expect(kms([on(encrypted, 'CreateMultipartUpload')])).toEqual([['kms:Decrypt', [keyArn]], ['kms:GenerateDataKey', [keyArn]]]);
    expect(kms([on(encrypted, 'DeleteObject'), on(managed, 'GetObject')])).toEqual([]);
  });
});

/**
 * The generated policy, evaluated with the project's evaluator, allows every request the calls can
 * make, and each of its statements is needed: without it, some call's request is refused.
 */
describe('a generated policy against the code calls (property)', () => {
  const OPERATIONS = ['GetObject', 'PutObject', 'DeleteObject', 'HeadObject', 'UploadPart', 'CompleteMultipartUpload', 'AbortMultipartUpload', 'ListObjectsV2', 'GetObjectTagging'];
  const word = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);
  const keyShown: fc.Arbitrary<KeyShown> = fc.oneof(
    word.map((k): KeyShown => ({ kind: 'exact', keys: [k] })),
    word.map((p): KeyShown => ({ kind: 'prefix', prefix: `${p}/` })),
    fc.constant<KeyShown>({ kind: 'unknown' }),
  );
  const generatedCall = fc.record({
    operation: fc.constantFrom(...OPERATIONS),
    bucket: fc.option(fc.constantFrom('uploads', 'reports'), { nil: null }),
    key: keyShown,
    parameters: fc.subarray(['ACL', 'Tagging', 'VersionId', 'ObjectLockMode']),
    suffix: word,
  });

  /**
   * One concrete request per action the call needs: its bucket (or another, when unknown), a key it
   * may use. A key the code does not fix ends in `_`, which no generated word holds, so another
   * call's exact key (`arn:aws:s3:::*\/e7`) never happens to cover it and hide that its own grant
   * is needed (fast-check found `any/e7` under the grant for the exact key `e7`).
   */
  function requestsOf(c: { operation: string; bucket: string | null; key: KeyShown; parameters: string[]; suffix: string }) {
    const needed = s3ActionsOf({ operation: c.operation, parameters: new Set(c.parameters) })!;
    const b = c.bucket ?? `other-${c.suffix}`;
    const key = c.key.kind === 'exact' ? c.key.keys[0]! : c.key.kind === 'prefix' ? `${c.key.prefix}${c.suffix}_` : `any_${c.suffix}_`;
    return needed.actions.map((action) => ({ action, resource: needed.on === 'bucket' ? `arn:aws:s3:::${b}` : `arn:aws:s3:::${b}/${key}` }));
  }

  const allowed = (grants: ReturnType<typeof grantsOf>, request: { action: string; resource: string }) => {
    if (grants.length === 0) return false;
    const document = policy({ Version: '2012-10-17', Statement: grants.map((g) => ({ Effect: 'Allow', Action: g.action, Resource: [...g.resources] })) });
    const result = evaluateRequest({ ...request, principal: { arn: signer.arn!, account: '111122223333' }, context: {} }, { identity: [document], resource: null, sameAccount: true });
    return result.decision === 'allow';
  };

  it('allows every call and holds no statement none of them needs', () => {
    fc.assert(
      fc.property(fc.array(generatedCall, { minLength: 1, maxLength: 6 }), (generated) => {
        const calls = generated.map((c, i) => call(c.operation, c.bucket, c.key, c.parameters, `src/gen.ts:${i + 1}`));
        const grants = grantsOf(calls, noInventory);
        const requests = generated.flatMap(requestsOf);
        for (const request of requests) expect(allowed(grants, request), `${request.action} ${request.resource}`).toBe(true);
        grants.forEach((grant, index) => {
          for (const resource of grant.resources) {
            const without = grants.map((g, i) => (i === index ? { ...g, resources: g.resources.filter((r) => r !== resource) } : g)).filter((g) => g.resources.length > 0);
            expect(requests.some((request) => !allowed(without, request)), `${grant.action} on ${resource} is needed`).toBe(true);
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});

