/**
 * The signer report's model (docs/cli.md, "Signer report"): for each role that signs URLs, what a URL it signs may do
 * on each bucket it can reach, as the evaluator answers it (allow, deny, implicit deny, or depends
 * on a key). The text and HTML renderers are pure functions of this model.
 *
 * A presigned URL is a request made as its signer, so each cell is the signer's request with the
 * presigned context S3 gives it (`s3:authType` REST-QUERY-STRING, `s3:signatureversion` SigV4) and
 * every other key unknown. Object actions are evaluated on one key inside each key pattern the
 * policies grant (`uploads/*` is tried as `uploads/example`), so a Deny on a narrower prefix only
 * shows where a pattern names it.
 */
import { bucketKey, isAwsManagedS3KeyId, type BucketInfo, type Inventory, type KeyInfo, type RoleInfo } from '../policy/inventory.js';
import { wildcardMatch } from '../policy/wildcard.js';
import { evaluateRequest, type Decision, type EvaluationRequest } from '../policy/evaluate.js';
import type { PolicyDocument, Statement } from '../policy/model.js';
import { listGrantsAction } from '../policy/actions.js';
import { namesBucket } from '../policy/signer-reach.js';
import type { Signer, SignerModel, SignerSource } from '../policy/signers.js';

export interface ReportColumn {
  /** Short heading: `get`, `put`, `kms decrypt`. */
  readonly label: string;
  readonly action: string;
  readonly on: 'object' | 'bucket' | 'kms-key';
}

/** What a URL may do that matters: read, write, delete, and take over the object or the bucket. */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { label: 'get', action: 's3:GetObject', on: 'object' },
  { label: 'put', action: 's3:PutObject', on: 'object' },
  { label: 'delete', action: 's3:DeleteObject', on: 'object' },
  { label: 'object ACL', action: 's3:PutObjectAcl', on: 'object' },
  { label: 'bucket policy', action: 's3:PutBucketPolicy', on: 'bucket' },
  { label: 'bucket ACL', action: 's3:PutBucketAcl', on: 'bucket' },
  // The key a bucket encrypts with: downloads need kms:Decrypt, uploads kms:GenerateDataKey (docs/facts.md#kms-permissions-of-a-url-signer).
  { label: 'kms decrypt', action: 'kms:Decrypt', on: 'kms-key' },
  { label: 'kms data key', action: 'kms:GenerateDataKey', on: 'kms-key' },
];

/** Where a statement is, for the reader of the report. */
export interface StatementRef {
  readonly file: string;
  readonly line: number;
  readonly sid: string | null;
  readonly effect: 'Allow' | 'Deny';
}

export interface ReportCell {
  /** `not-applicable`: a KMS column for a bucket without a customer-managed key. */
  readonly decision: Decision | 'not-applicable';
  readonly on: readonly string[];
  readonly statements: readonly StatementRef[];
}

/**
 * What the code read needs of a signer role, as src/engine/need-calls.ts finds it (the report, below
 * the join layer, takes it as given): the actions on the resources the code uses, and why the need
 * or its KMS part is not known whole.
 */
export interface CodeNeedView {
  readonly unknown: string | null;
  readonly kmsUnknown: string | null;
  readonly grants: readonly { readonly action: string; readonly resources: readonly string[] }[];
}

/** The report's code column for one row: the labels of the columns allowed there, by what the code needs. */
export interface RowNeed {
  readonly needed: readonly string[];
  readonly beyond: readonly string[];
  /** Allowed, and the code's need of it is not known (KMS when the run cannot know its KMS need). */
  readonly unknown: readonly string[];
}

export interface ReportTarget {
  /** The bucket name (or the pattern, `*`, when the signer may reach buckets the run did not read). */
  readonly bucket: string;
  /** The object key pattern the answers are for (`uploads/*`). */
  readonly keys: string;
  readonly bucketPolicy: boolean;
  /** The customer-managed key the bucket encrypts with, as the report names it; null when none. */
  readonly kmsKey: string | null;
  /** Its ARN, when the run knows it. */
  readonly kmsKeyArn: string | null;
  readonly cells: readonly ReportCell[];
  /** Null when the run read no code, or the signer's need is not known (`ReportSigner.needUnknown`). */
  readonly need: RowNeed | null;
}

export interface ReportSigner {
  readonly name: string;
  readonly arn: string | null;
  /** Why it signs URLs, as the signer model says: `run by Lambda function UploadFunction`. */
  readonly reason: string;
  readonly file: string;
  readonly line: number;
  readonly targets: readonly ReportTarget[];
  /** When the run read code: why what the code needs of this signer is not known whole, or null when it is. */
  readonly needUnknown: string | null;
}

export interface SignerReport {
  readonly signerSource: SignerSource;
  /** True when the run read code: the rows then say what of their grants the code needs. */
  readonly codeRead: boolean;
  /** What the answers take for granted, for the reader of the report. */
  readonly assumptions: readonly string[];
  readonly columns: readonly ReportColumn[];
  readonly signers: readonly ReportSigner[];
}

/**
 * The request context S3 gives a SigV4 presigned URL (S3 API reference, SigV4 bucket policy keys),
 * signed with credentials: never an AWS service principal's (docs/facts.md, "Delivery services").
 */
const PRESIGNED_CONTEXT = { 's3:authType': 'REST-QUERY-STRING', 's3:signatureversion': 'AWS4-HMAC-SHA256', 'aws:PrincipalIsAWSService': 'false' } as const;

const ASSUMPTIONS = [
  'Each URL is a SigV4 query-string request made as its signer; other request values are unknown, and an answer that turns on one says "depends on" it.',
  'Signers and buckets are in one account (S3 ARNs do not say); a KMS key and a role whose ARNs are both known are compared by account.',
  'Object actions are answered for one key inside each key pattern (uploads/* as uploads/example).',
  'Not modelled: SCPs, permission boundaries, session policies, ACLs, access points, VPC endpoint policies.',
];

/** A bucket the run knows: declared in a template, plan or dump, or named by a bucket policy file. */
interface KnownBucket {
  readonly name: string;
  readonly info: BucketInfo | null;
  readonly policy: PolicyDocument | null;
}

/** `needs`: what the code the run read needs of each role it ties to code; absent when the run read no code. */
export function buildSignerReport(inventory: Inventory, model: SignerModel, needs?: ReadonlyMap<RoleInfo, CodeNeedView>): SignerReport {
  const buckets = knownBuckets(inventory);
  const signers = model.signers.map((signer): ReportSigner => {
    const view = signer.role ? needs?.get(signer.role) : undefined;
    const needUnknown = !needs ? null : !signer.role ? 'no role to tie code to' : (view?.unknown ?? (view ? null : 'the run read no code that runs as it'));
    const targets = targetsOf(signer, buckets, inventory).map((target) => ({ ...target, need: view && needUnknown === null ? rowNeed(target, view) : null }));
    return {
      name: signer.name,
      arn: signer.role?.arn ?? null,
      reason: signer.reason,
      // Where the signer is declared: the role, or the policy file standing for an unnamed one.
      file: signer.role?.source.file ?? signer.documents[0]!.file,
      line: signer.role?.source.position.line ?? signer.documents[0]!.position.line,
      targets,
      needUnknown,
    };
  });
  return { signerSource: model.source, codeRead: needs !== undefined, assumptions: ASSUMPTIONS, columns: REPORT_COLUMNS, signers };
}

/**
 * Each column a row allows (or may allow), as needed by the code or beyond its need: needed when
 * the code needs that action on a resource that overlaps the row's (`uploads/*` and `uploads/in/*`).
 */
function rowNeed(target: Omit<ReportTarget, 'need'>, view: CodeNeedView): RowNeed {
  const needed: string[] = [];
  const beyond: string[] = [];
  const unknown: string[] = [];
  REPORT_COLUMNS.forEach((column, index) => {
    const decision = target.cells[index]!.decision;
    if (decision !== 'allow' && decision !== 'depends') return;
    if (column.on === 'kms-key' && view.kmsUnknown !== null) return void unknown.push(column.label);
    const resource = column.on === 'object' ? `arn:aws:s3:::${target.bucket}/${target.keys}` : column.on === 'bucket' ? `arn:aws:s3:::${target.bucket}` : (target.kmsKeyArn ?? '*');
    const uses = view.grants.some((grant) => grant.action === column.action && grant.resources.some((r) => overlaps(r, resource)));
    (uses ? needed : beyond).push(column.label);
  });
  return { needed, beyond, unknown };
}

/** Whether two resource patterns name a resource in common, as far as one instance of each shows. */
const overlaps = (a: string, b: string) => wildcardMatch(a, instance(b)) || wildcardMatch(b, instance(a));

const S3_ARN = /^arn:aws[\w-]*:s3:::([^/]*)(?:\/(.*))?$/;

function knownBuckets(inventory: Inventory): KnownBucket[] {
  const byName = new Map<string, KnownBucket>();
  for (const info of inventory.buckets) {
    if (info.name !== null && !byName.has(info.name)) byName.set(info.name, { name: info.name, info, policy: info.policy });
  }
  const declared = new Set(inventory.buckets.map((b) => b.policy));
  for (const document of inventory.documents) {
    if (document.kind !== 'bucket' || declared.has(document)) continue;
    // A bucket policy file names its bucket in every Resource: the first literal bucket name is it.
    const name = resourcePatterns(document.statements).map((p) => S3_ARN.exec(p)?.[1]).find((n) => n && !/[*?$]/.test(n));
    if (name && !byName.has(name)) byName.set(name, { name, info: null, policy: document });
  }
  return [...byName.values()];
}

function resourcePatterns(statements: readonly Statement[]): string[] {
  return statements.flatMap((s) => (s.resources && !s.resources.negated ? s.resources.values.map((v) => v.value) : []));
}

/**
 * The buckets a signer's identity policies name or the buckets' own policies may open to it, with
 * key patterns. A grant on every bucket (`*`) is a row of its own: it joins the signer to no bucket
 * the run read, as the set-level rules join (src/policy/signer-reach.ts), or every signer with `*`
 * would show every bucket of every unrelated template in the run.
 */
function targetsOf(signer: Signer, buckets: readonly KnownBucket[], inventory: Inventory): ReportTarget[] {
  const s3Actions = REPORT_COLUMNS.filter((c) => c.on !== 'kms-key').map((c) => c.action);
  const granting = signer.documents.flatMap((d) => d.statements).filter((s) => s.effect.value === 'Allow' && s.actions && s3Actions.some((a) => listGrantsAction(s.actions!, a)));
  const patterns = granting.flatMap((s) => (!s.resources || s.resources.negated ? ['*'] : s.resources.values.map((v) => v.value)));
  const targets: ReportTarget[] = [];
  const seen = new Set<string>();
  const opens = (target: ReportTarget) => target.cells.some((c) => c.decision === 'allow' || c.decision === 'depends');
  /** `byBucketPolicy`: a row only when the bucket policy alone opens something to the signer. */
  const add = (bucket: KnownBucket | null, name: string, keys: string, byBucketPolicy = false) => {
    if (seen.has(`${name}\0${keys}`)) return;
    seen.add(`${name}\0${keys}`);
    if (byBucketPolicy && !opens(evaluateTarget({ ...signer, documents: [] }, bucket, name, keys, inventory))) return;
    const target = evaluateTarget(signer, bucket, name, keys, inventory);
    if (opens(target)) targets.push(target);
  };
  for (const bucket of buckets) {
    const keyPatterns = keysFor(bucket.name, patterns);
    for (const keys of keyPatterns) add(bucket, bucket.name, keys);
    if (keyPatterns.length > 0 || !bucket.policy) continue;
    // Not named by the signer's policies: try the key patterns the bucket policy names.
    const policyKeys = keysFor(bucket.name, resourcePatterns(bucket.policy.statements));
    for (const keys of policyKeys.length > 0 ? policyKeys : ['*']) add(bucket, bucket.name, keys, true);
  }
  // Buckets the run did not read, and every bucket: the signer's own patterns, as written.
  for (const pattern of patterns) {
    const match = pattern === '*' ? ['*', '*'] : S3_ARN.exec(pattern)?.slice(1);
    if (!match || buckets.some((b) => namesBucket(match[0]!, b.name))) continue;
    add(null, match[0]!, match[1] ?? '*');
  }
  return targets;
}

/** The key patterns that resource patterns grant within one bucket that they name. */
function keysFor(bucket: string, patterns: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const pattern of patterns) {
    const match = S3_ARN.exec(pattern);
    if (match && namesBucket(match[1]!, bucket)) keys.add(match[2] ?? '*');
  }
  return [...keys];
}

/** A concrete name inside a pattern: each wildcard stands for `example` (`?` for one `x`). */
const instance = (pattern: string) => pattern.replace(/\$\{[^}]*\}|\*/g, (m) => (m === '*' ? 'example' : m)).replaceAll('?', 'x');

function evaluateTarget(signer: Signer, bucket: KnownBucket | null, name: string, keys: string, inventory: Inventory): ReportTarget {
  const key: KeyInfo | null = bucket?.info ? bucketKey(inventory, bucket.info) : null;
  const encryption = bucket?.info?.encryption ?? null;
  const usesKms = encryption !== null && encryption.algorithm !== 'AES256';
  const keyKnownUnread = usesKms && key === null && (encryption.kmsKeyUnknown || (encryption.kmsKeyId !== null && !isAwsManagedS3KeyId(encryption.kmsKeyId)));
  const bucketArn = `arn:aws:s3:::${instance(name)}`;
  const roleArn = signer.role?.arn ?? null;
  const principal = { arn: roleArn, account: roleArn ? (roleArn.split(':')[4] ?? null) : null };
  // S3 ARNs carry no account, so the report assumes one account (and says so); a key ARN and a
  // role ARN, when both are known, decide it for the KMS columns.
  const keyAccountKnown = Boolean(key?.arn && principal.account);
  const cells = REPORT_COLUMNS.map((column): ReportCell => {
    if (column.on === 'kms-key' && !usesKms) return { decision: 'not-applicable', on: [], statements: [] };
    if (column.on === 'kms-key' && !key && !keyKnownUnread) return { decision: 'not-applicable', on: [], statements: [] };
    const resource = column.on === 'object' ? `${bucketArn}/${instance(keys)}` : column.on === 'bucket' ? bucketArn : (key?.arn ?? 'arn:aws:kms:::key/unknown');
    const request: EvaluationRequest = { action: column.action, resource, principal, context: PRESIGNED_CONTEXT };
    const sameAccount = column.on === 'kms-key' && keyAccountKnown ? {} : { sameAccount: true };
    const result = evaluateRequest(request, { identity: signer.documents, resource: bucket?.policy ?? null, kmsKey: key?.policy ?? null, ...sameAccount });
    return {
      decision: result.decision,
      on: result.on,
      statements: result.statements.map((s) => ({ file: s.document.file, line: s.statement.position.line, sid: s.statement.sid?.value ?? null, effect: s.statement.effect.value })),
    };
  });
  const kmsKey = key ? (key.arn ?? key.keyId ?? key.logicalId ?? 'a KMS key') : usesKms ? (encryption.kmsKeyId ?? (encryption.kmsKeyUnknown ? 'an unresolved KMS key' : 'aws/s3 (AWS managed)')) : null;
  return { bucket: name, keys, bucketPolicy: Boolean(bucket?.policy), kmsKey, kmsKeyArn: key?.arn ?? (usesKms && encryption.kmsKeyId?.includes(':key/') ? encryption.kmsKeyId : null), cells, need: null };
}
