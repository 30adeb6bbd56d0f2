/**
 * The need of a URL signer, from the code: which S3 (and KMS) actions on which resources the code
 * it runs signs or performs. Each code call becomes IAM actions (src/presign/commands.ts, plus the
 * actions its parameters add) on the narrowest resource the code shows: the bucket and the longest
 * constant key prefix. What the code does not show (the bucket, the key, the operation) widens that
 * call's resource or actions and is said in a note; a call is never dropped.
 * Facts: docs/facts.md, "Actions a request's parameters add" and "KMS permissions of a URL signer".
 */
import { compareText } from '../core/collation.js';
import { bucketKey, type Inventory, type RoleInfo } from '../policy/inventory.js';
import { iamActionOfOperation } from '../presign/commands.js';
import { singleValue } from '../presign/possible.js';
import { wildcardMatch } from '../policy/wildcard.js';
import type { PresignSite } from '../presign/site.js';
import type { SiteTie } from './ties.js';

/** What the code shows of an object key: the exact keys, a constant prefix, or nothing. */
export type KeyShown = { readonly kind: 'exact'; readonly keys: readonly string[] } | { readonly kind: 'prefix'; readonly prefix: string } | { readonly kind: 'unknown' };

/** One S3 call of the code, signed or performed, tied to its signer and bucket. */
export interface CodeCall {
  /** `file:line` of the call, relative to the working directory. */
  readonly at: string;
  /** True for a pre-sign call, false for a request the code sends itself. */
  readonly signed: boolean;
  /** The S3 operation (PascalCase), or null when the code does not show it. */
  readonly operation: string | null;
  /** Parameter names the call passes with a value (`ACL`, `Tagging`, ...), for the actions they add; `ANY_PARAMETER` when the code does not show them all. */
  readonly parameters: ReadonlySet<string>;
  /** The source object of CopyObject/UploadPartCopy when the code shows it as `bucket/key`. */
  readonly copySource: string | null;
  /** `SSEKMSKeyId` when the code gives it as a constant: the key the request encrypts with. */
  readonly kmsKeyId: string | null;
  readonly key: KeyShown;
  readonly tie: SiteTie;
}

/** One action the code needs, on the resources its calls name, with the calls that need it. */
export interface NeededGrant {
  readonly action: string;
  readonly resources: readonly string[];
  /** `file:line` of every call that needs it. */
  readonly at: readonly string[];
  /** What the code does not show and so widened this grant; empty when it is exact. */
  readonly unknown: readonly string[];
}

export interface SignerNeed {
  readonly role: RoleInfo;
  readonly grants: readonly NeededGrant[];
}

/** In `CodeCall.parameters`: the call passes parameters the code does not show (`s3.putObject(params)`). */
export const ANY_PARAMETER = '*';

/**
 * Actions a parameter adds to the operation's own (S3 API reference, "Permissions" of PutObject,
 * CopyObject, CreateMultipartUpload, GetObject, DeleteObject; docs/facts.md).
 */
const WRITE_PARAMETER_ACTIONS: Readonly<Record<string, string>> = {
  ACL: 's3:PutObjectAcl',
  GrantFullControl: 's3:PutObjectAcl',
  GrantRead: 's3:PutObjectAcl',
  GrantReadACP: 's3:PutObjectAcl',
  GrantWriteACP: 's3:PutObjectAcl',
  Tagging: 's3:PutObjectTagging',
  ObjectLockMode: 's3:PutObjectRetention',
  ObjectLockRetainUntilDate: 's3:PutObjectRetention',
  ObjectLockLegalHoldStatus: 's3:PutObjectLegalHold',
};
/** Operations authorised by more than their own action (S3 API reference, "Permissions"; docs/facts.md). */
const OPERATION_EXTRA_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  // "If the bucket is not versioned, you need the s3:GetObject and s3:GetObjectAttributes permissions."
  GetObjectAttributes: ['s3:GetObject'],
};
const WRITES = new Set(['PutObject', 'CopyObject', 'CreateMultipartUpload']);
/** With `VersionId`, these operations are authorised as the version action. */
const VERSION_ACTIONS: Readonly<Record<string, string>> = {
  's3:GetObject': 's3:GetObjectVersion',
  's3:DeleteObject': 's3:DeleteObjectVersion',
  's3:GetObjectAcl': 's3:GetObjectVersionAcl',
  's3:GetObjectTagging': 's3:GetObjectVersionTagging',
  's3:PutObjectTagging': 's3:PutObjectVersionTagging',
  's3:DeleteObjectTagging': 's3:DeleteObjectVersionTagging',
  's3:GetObjectAttributes': 's3:GetObjectVersionAttributes',
};
/** KMS actions an SSE-KMS bucket adds: reading decrypts; writing makes a data key; multipart does both. */
const KMS_READ = new Set(['GetObject', 'HeadObject']);
const KMS_WRITE = new Set(['PutObject', 'CopyObject']);
const KMS_MULTIPART = new Set(['CreateMultipartUpload', 'UploadPart', 'UploadPartCopy', 'CompleteMultipartUpload']);

/** Whether a request of this operation uses the bucket's KMS key (SSE-KMS): reads decrypt, writes make data keys. */
export function usesBucketKey(operation: string | null): boolean {
  return operation !== null && (KMS_READ.has(operation) || KMS_WRITE.has(operation) || KMS_MULTIPART.has(operation));
}

/**
 * Why what the code needs of a role is not known whole, or null when it is: then neither the rule
 * nor the signer report may call a grant beyond the need. The code of a role that runs several
 * functions may be partly unread; an operation the code does not show may be any S3 action; a
 * service that reads or writes S3 with the caller's permissions (`s3OnBehalf`: `rekognition
 * (src/app.py:5)`) needs S3 actions no S3 call shows.
 */
export function needUnknown(role: RoleInfo, calls: readonly CodeCall[], grants: readonly NeededGrant[], s3OnBehalf: readonly string[] = []): string | null {
  const functions = (role.runsCode ?? []).filter((reason) => reason.includes('function'));
  if (functions.length > 1) return `the role runs ${functions.length} functions, whose code the run may not have read whole`;
  if (calls.length === 0) return 'the run read no code that runs as the role';
  if (s3OnBehalf.length > 0) return `the code uses ${s3OnBehalf[0]}, which reads or writes S3 with the role's permissions`;
  const anyAction = grants.find((grant) => grant.action === 's3:*');
  return anyAction ? `the code does not show the operation of ${anyAction.at[0]}` : null;
}

/**
 * Why the KMS part of the need is not known, or null when it is: the code uses other AWS services
 * (a queue, a table or a secret may be encrypted with a key the role needs), or an object request
 * goes to a bucket whose encryption the run did not read, or a bucket's key ARN is not known.
 * `otherServices`: `file:line` of the role's code where a client of another AWS service is made.
 */
export function kmsNeedUnknown(calls: readonly CodeCall[], grants: readonly NeededGrant[], otherServices: readonly string[]): string | null {
  if (otherServices.length > 0) return `the code uses another AWS service (${otherServices[0]}), whose resources may be encrypted with a KMS key`;
  const unread = calls.find((call) => usesBucketKey(call.operation) && call.kmsKeyId === null && !call.tie.bucket?.info);
  if (unread) return `the run did not read the encryption of the bucket of ${unread.at}`;
  return grants.find((grant) => grant.action.startsWith('kms:') && grant.unknown.length > 0)?.unknown[0] ?? null;
}

/** The IAM actions one call needs on S3 (object or bucket), before resources. */
export function s3ActionsOf(call: Pick<CodeCall, 'operation' | 'parameters'>): { actions: string[]; on: 'object' | 'bucket'; base: string } | null {
  if (call.operation === null) return null;
  const base = call.operation === 'UploadPartCopy' ? { action: 's3:PutObject', on: 'object' as const } : iamActionOfOperation(call.operation);
  if (!base) return null;
  const actions = new Set([base.action, ...(OPERATION_EXTRA_ACTIONS[call.operation] ?? [])]);
  // Parameters the code does not show may be any of them.
  const passes = (name: string) => call.parameters.has(name) || call.parameters.has(ANY_PARAMETER);
  if (WRITES.has(call.operation)) for (const [name, action] of Object.entries(WRITE_PARAMETER_ACTIONS)) if (passes(name)) actions.add(action);
  // Writes create a version; they take no `VersionId`.
  if (!WRITES.has(call.operation) && passes('VersionId')) for (const action of [...actions]) if (VERSION_ACTIONS[action]) actions.add(VERSION_ACTIONS[action]);
  return { actions: [...actions].sort(), on: base.on, base: base.action };
}

/** Groups the calls by signer role; calls tied to no role are left out (no policy to write for them). */
export function needsOf(calls: readonly CodeCall[], inventory: Inventory): SignerNeed[] {
  const byRole = new Map<RoleInfo, CodeCall[]>();
  for (const call of calls) if (call.tie.role) byRole.set(call.tie.role, [...(byRole.get(call.tie.role) ?? []), call]);
  return [...byRole].map(([role, roleCalls]) => ({ role, grants: grantsOf(roleCalls, inventory) }));
}

interface Piece {
  readonly action: string;
  readonly resource: string;
  readonly at: string;
  readonly unknown: readonly string[];
}

/** The grants of one signer's calls: one per action, with every resource its calls need and the calls. */
export function grantsOf(calls: readonly CodeCall[], inventory: Inventory): NeededGrant[] {
  const byAction = new Map<string, { resources: Set<string>; at: Set<string>; unknown: Set<string> }>();
  for (const piece of calls.flatMap((call) => piecesOf(call, inventory))) {
    const entry = byAction.get(piece.action) ?? { resources: new Set(), at: new Set(), unknown: new Set() };
    entry.resources.add(piece.resource);
    entry.at.add(piece.at);
    for (const note of piece.unknown) entry.unknown.add(note);
    byAction.set(piece.action, entry);
  }
  // A resource another grant already covers (`uploads/*` under `*/*`, GetObject under `s3:*`) is left out: no call needs it twice.
  const coveredBy = (action: string, resource: string) =>
    [...byAction].some(([other, e]) => (other === action || (other === 's3:*' && action.startsWith('s3:'))) && [...e.resources].some((r) => (other !== action || r !== resource) && wildcardMatch(r, resource)));
  return [...byAction]
    .map(([action, e]) => ({ action, resources: [...e.resources].filter((r) => !coveredBy(action, r)).sort(), at: [...e.at].sort(byPlace), unknown: [...e.unknown].sort() }))
    .filter((grant) => grant.resources.length > 0)
    .sort((a, b) => byPlace(a.at[0]!, b.at[0]!) || compareText(a.action, b.action));
}

function piecesOf(call: CodeCall, inventory: Inventory): Piece[] {
  const bucket = call.tie.bucket?.name ?? null;
  const unknownBucket = bucket === null ? ['the bucket is not shown by the code'] : [];
  const s3 = s3ActionsOf(call);
  const objectResource = (): { resource: string; unknown: string[] } => {
    const b = bucket ?? '*';
    const key = call.key;
    if (key.kind === 'exact' && key.keys.length === 1 && !/[*?$]/.test(key.keys[0]!)) return { resource: `arn:aws:s3:::${b}/${key.keys[0]}`, unknown: unknownBucket };
    if (key.kind === 'prefix' || (key.kind === 'exact' && key.keys.length > 0)) {
      const prefix = key.kind === 'prefix' ? key.prefix : commonPrefix(key.keys);
      return { resource: `arn:aws:s3:::${b}/${literalPrefix(prefix)}*`, unknown: unknownBucket };
    }
    return { resource: `arn:aws:s3:::${b}/*`, unknown: [...unknownBucket, 'the key is not shown by the code'] };
  };
  const pieces: Piece[] = [];
  if (!s3) {
    // The operation is not shown: every S3 action, on what the code shows of the bucket.
    const { resource, unknown } = objectResource();
    pieces.push({ action: 's3:*', resource, at: call.at, unknown: [...unknown, 'the operation is not shown by the code'] });
    pieces.push({ action: 's3:*', resource: `arn:aws:s3:::${bucket ?? '*'}`, at: call.at, unknown: [...unknownBucket, 'the operation is not shown by the code'] });
    return pieces;
  }
  const { resource, unknown } = s3.on === 'bucket' ? { resource: `arn:aws:s3:::${bucket ?? '*'}`, unknown: unknownBucket } : objectResource();
  const parametersUnknown = call.parameters.has(ANY_PARAMETER) ? ['the parameters are not shown by the code'] : [];
  for (const action of s3.actions) pieces.push({ action, resource, at: call.at, unknown: action === s3.base ? unknown : [...unknown, ...parametersUnknown] });
  // CopyObject and UploadPartCopy read their source.
  if (call.operation === 'CopyObject' || call.operation === 'UploadPartCopy') {
    const source = call.copySource?.replace(/^\//, '').split('?')[0] ?? null;
    pieces.push(
      source && source.includes('/') && !/[*?$]/.test(source)
        ? { action: 's3:GetObject', resource: `arn:aws:s3:::${source}`, at: call.at, unknown: [] }
        : { action: 's3:GetObject', resource: 'arn:aws:s3:::*/*', at: call.at, unknown: ['the copy source is not shown by the code'] },
    );
  }
  pieces.push(...kmsPieces(call, inventory));
  return pieces;
}

function kmsPieces(call: CodeCall, inventory: Inventory): Piece[] {
  const operation = call.operation ?? '';
  const actions = KMS_READ.has(operation) ? ['kms:Decrypt'] : KMS_WRITE.has(operation) ? ['kms:GenerateDataKey'] : KMS_MULTIPART.has(operation) ? ['kms:Decrypt', 'kms:GenerateDataKey'] : [];
  if (actions.length === 0) return [];
  // A key the request names (SSEKMSKeyId) is the one it uses, whatever the bucket's default.
  if (call.kmsKeyId?.startsWith('arn:') && call.kmsKeyId.includes(':key/')) return actions.map((action) => ({ action, resource: call.kmsKeyId!, at: call.at, unknown: [] }));
  const info = call.tie.bucket?.info;
  const encryption = info?.encryption;
  if (!info || !encryption || encryption.algorithm === 'AES256') return [];
  // The AWS managed aws/s3 key's policy lets every principal of the account use it through S3: no IAM grant needed.
  if (encryption.kmsKeyId === null && encryption.kmsKeyLogicalId === null && !encryption.kmsKeyUnknown) return [];
  const key = bucketKey(inventory, info);
  const arn = key?.arn ?? (encryption.kmsKeyId?.startsWith('arn:') && encryption.kmsKeyId.includes(':key/') ? encryption.kmsKeyId : null);
  const unknown = arn ? [] : [`the ARN of the KMS key of bucket ${info.name} is not known to the run`];
  return actions.map((action) => ({ action, resource: arn ?? '*', at: call.at, unknown }));
}

/** A prefix as an IAM resource pattern: `*` and `?` would be wildcards, so the prefix stops before them. */
function literalPrefix(prefix: string): string {
  const stop = prefix.search(/[*?$]/);
  return stop === -1 ? prefix : prefix.slice(0, stop);
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Orders `file:line` by file, then by line as a number. */
function byPlace(a: string, b: string): number {
  const [fa, la] = splitPlace(a);
  const [fb, lb] = splitPlace(b);
  return compareText(fa, fb) || la - lb;
}

function splitPlace(place: string): [string, number] {
  const at = place.lastIndexOf(':');
  return [place.slice(0, at), Number(place.slice(at + 1))];
}

/** The call of a presign site: operation (a presigned POST is a PutObject), parameters, key. */
export function callOfSite<N>(site: PresignSite<N>, at: string, tie: SiteTie, keyPrefix: string | null): CodeCall {
  const operation = site.operation ?? (site.api.post ? 'PutObject' : null);
  const entries = site.parameters?.entries;
  const parameters = new Set(entries ? [...entries.keys()] : []);
  // A POST policy's `acl` and `tagging` fields are the headers' form fields.
  for (const condition of site.post?.conditions ?? []) {
    if (condition.kind === 'content-length-range') continue;
    if (condition.field === 'acl') parameters.add('ACL');
    if (condition.field === 'tagging') parameters.add('Tagging');
  }
  const constant = (name: string): string | null => {
    const entry = entries?.get(name);
    const value = entry ? singleValue(entry.value) : null;
    return value && typeof value.value === 'string' ? value.value : null;
  };
  return {
    at,
    signed: true,
    operation,
    parameters,
    copySource: constant('CopySource'),
    kmsKeyId: constant('SSEKMSKeyId'),
    key: keyOfSite(site, keyPrefix),
    tie,
  };
}

function keyOfSite<N>(site: PresignSite<N>, keyPrefix: string | null): KeyShown {
  const entry = site.parameters?.entries.get('Key');
  if (entry) {
    const values = entry.value.map((c) => (c.kind === 'value' && typeof c.value === 'string' ? c.value : null));
    if (values.length > 0 && values.every((v) => v !== null)) return { kind: 'exact', keys: values };
  }
  // A presigned POST's `starts-with $key` condition bounds the key the uploader may choose.
  const startsWith = site.post?.complete ? site.post.conditions.find((c) => c.kind !== 'content-length-range' && c.field === 'key') : undefined;
  if (startsWith && startsWith.kind !== 'content-length-range' && startsWith.value !== null && !site.parameters?.entries.get('Key')) {
    return startsWith.kind === 'eq' ? { kind: 'exact', keys: [startsWith.value] } : { kind: 'prefix', prefix: startsWith.value };
  }
  return keyPrefix ? { kind: 'prefix', prefix: keyPrefix } : { kind: 'unknown' };
}

