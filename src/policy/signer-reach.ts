/**
 * Which buckets a signer's URLs reach, for the set-level checks: a signer reaches a bucket for
 * downloads when an `Allow` of its identity policies grants `s3:GetObject` on objects of that
 * bucket, and for uploads with `s3:PutObject`. The statement's resource must name the bucket:
 *
 * - by ARN, when the bucket's name is known (`arn:aws:s3:::uploads/*`, or a pattern of several
 *   buckets such as `arn:aws:s3:::uploads-*` with a key pattern).
 *   Bucket names are global, so this joins a role and a bucket read from different files.
 * - within one template, by the template's own reference to a bucket whose name is known only at
 *   deploy time: `${UploadBucket.Arn}/*`, `arn:aws:s3:::${UploadBucket}/*`, or the name as the
 *   template writes it (`arn:aws:s3:::${BucketName}/*` for `BucketName: !Ref BucketName`).
 *
 * A resource that names no bucket (`*`, `arn:aws:s3:::*` with any key, a `NotResource`) joins none: it says
 * the signer may reach every bucket of its account, not which ones its URLs are for, and a run over
 * unrelated templates would otherwise tie every such role to every bucket
 * (rules/policy/signer-broad-resource.ts reports those resources). Conditions are not evaluated
 * here: a conditional Allow still shows the signer is meant to reach the bucket.
 */
import { listGrantsAction } from './actions.js';
import { sameScope, type BucketInfo, type Inventory } from './inventory.js';
import type { PolicyDocument, Statement, UnknownValue } from './model.js';
import type { Signer, SignerModel } from './signers.js';
import { wildcardMatch } from './wildcard.js';

export interface BucketReach {
  readonly signer: Signer;
  readonly bucket: BucketInfo;
  readonly download: boolean;
  readonly upload: boolean;
}

/** An object ARN pattern's bucket and key parts: `arn:aws:s3:::uploads/incoming/*`. */
const OBJECT_ARN = /^arn:[^:]*:s3:::([^/]+)\/(.+)$/;

/** Whether the bucket part of an ARN pattern names this bucket: `uploads-*` does; `*` names every bucket, so none in particular. */
export function namesBucket(bucketPattern: string, bucketName: string): boolean {
  return !/^[*?]*$/.test(bucketPattern) && wildcardMatch(bucketPattern, bucketName);
}

/** Whether a resource pattern names objects of this bucket. */
function namesBucketObjects(pattern: string, bucketName: string): boolean {
  const match = OBJECT_ARN.exec(pattern);
  return match !== null && namesBucket(match[1]!, bucketName);
}

/** Whether an Allow statement's resources name objects of the bucket (true), or it cannot be told (false). */
export function statementCoversBucketObjects(statement: Statement, bucket: BucketInfo, document: PolicyDocument): boolean {
  const resources = statement.resources;
  if (!resources || resources.negated) return false;
  if (bucket.name !== null && resources.values.some((v) => namesBucketObjects(v.value, bucket.name!))) return true;
  if (!sameScope(document, bucket.source)) return false;
  return (resources.unknowns ?? []).some((u) => {
    const viaAttribute = bucket.logicalId !== null && (u.description.startsWith(`\${${bucket.logicalId}.Arn}/`) || objectsOfReference(u, bucket.logicalId));
    const viaName = [bucket.logicalId === null ? null : `\${${bucket.logicalId}}`, bucket.unresolvedName].some((name) => name !== null && namesBucketObjects(u.description, name));
    return viaAttribute || viaName;
  });
}

/**
 * Terraform: a value built on a reference to the bucket (`${aws_s3_bucket.uploads.arn}/*`,
 * `arn:aws:s3:::${aws_s3_bucket.uploads.id}/*`, from a local module too), followed by a key path.
 */
function objectsOfReference(unknown: UnknownValue, logicalId: string): boolean {
  const parts = unknown.parts ?? [];
  return unknown.refs.includes(logicalId) && parts.some((part, i) => 'deployTime' in part && /\.(arn|id|bucket)\}?$/.test(part.deployTime) && (parts[i + 1] as { text?: string } | undefined)?.text?.startsWith('/') === true);
}

/**
 * The bucket parts of the object ARNs that a document's `Allow` statements name (`uploads` of
 * `arn:aws:s3:::uploads/*`), less those that name every bucket. A policy file of its own reaches a
 * bucket of another input only through one of them (`statementCoversBucketObjects`: a reference to
 * a bucket joins only within its template), so the run need not keep such a file's documents for
 * the join unless one of these names a bucket it read (src/engine/policies.ts).
 */
export function namedBucketPatterns(documents: readonly PolicyDocument[]): string[] {
  const patterns: string[] = [];
  for (const document of documents) {
    for (const statement of document.statements) {
      if (statement.effect.value !== 'Allow' || !statement.resources || statement.resources.negated) continue;
      for (const resource of statement.resources.values) {
        const bucket = OBJECT_ARN.exec(resource.value)?.[1];
        if (bucket !== undefined && !/^[*?]*$/.test(bucket)) patterns.push(bucket);
      }
    }
  }
  return patterns;
}

/** Whether one of these bucket patterns names one of the buckets (by name, as `namesBucket`). */
export function namesAnyBucket(patterns: readonly string[], buckets: readonly BucketInfo[]): boolean {
  return patterns.some((pattern) => buckets.some((bucket) => bucket.name !== null && namesBucket(pattern, bucket.name)));
}

export function bucketReach(inventory: Inventory, model: SignerModel): BucketReach[] {
  const reach: BucketReach[] = [];
  for (const signer of model.signers) {
    for (const bucket of inventory.buckets) {
      let download = false;
      let upload = false;
      for (const document of signer.documents) {
        for (const statement of document.statements) {
          if (statement.effect.value !== 'Allow' || !statement.actions || !statementCoversBucketObjects(statement, bucket, document)) continue;
          download ||= listGrantsAction(statement.actions, 's3:GetObject');
          upload ||= listGrantsAction(statement.actions, 's3:PutObject');
        }
      }
      if (download || upload) reach.push({ signer, bucket, download, upload });
    }
  }
  return reach;
}
