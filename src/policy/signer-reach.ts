/**
 * Which buckets a signer's URLs reach, for the set-level checks: a signer reaches a bucket for
 * downloads when an `Allow` of its identity policies grants `s3:GetObject` on the bucket's objects,
 * and for uploads with `s3:PutObject`. A resource is matched by ARN when the bucket's name is
 * known, or through the template reference (`arn:aws:s3:::${UploadBucket}/*`) when it is not.
 * Conditions are not evaluated here: a conditional Allow still shows the signer is meant to reach
 * the bucket.
 */
import { listGrantsAction } from './actions.js';
import type { BucketInfo, Inventory, RoleInfo } from './inventory.js';
import type { PolicyDocument, Statement } from './model.js';
import type { SignerSelection } from './signers.js';
import { wildcardMatch } from './wildcard.js';

/** A signer: a role, or in `every-identity-policy` mode a standalone identity document. */
export interface Signer {
  readonly role: RoleInfo | null;
  readonly name: string;
  readonly documents: readonly PolicyDocument[];
}

export interface BucketReach {
  readonly signer: Signer;
  readonly bucket: BucketInfo;
  readonly download: boolean;
  readonly upload: boolean;
}

export function signersOf(inventory: Inventory, selection: SignerSelection): Signer[] {
  const signers: Signer[] = selection.roles.map((role) => ({ role, name: role.name, documents: role.identityPolicies }));
  if (selection.source === 'every-identity-policy') {
    const owned = new Set(inventory.roles.flatMap((r) => r.identityPolicies));
    for (const document of inventory.documents) {
      if (!owned.has(document) && selection.isSignerDocument(document)) signers.push({ role: null, name: document.origin ?? document.file, documents: [document] });
    }
  }
  return signers;
}

/** Whether an Allow statement's resources cover objects of the bucket (true), or it cannot be told (false). */
export function statementCoversBucketObjects(statement: Statement, bucket: BucketInfo, file: string): boolean {
  const resources = statement.resources;
  if (!resources) return false;
  const objectArn = bucket.arn === null ? null : `${bucket.arn}/presigned-object`;
  const named =
    (objectArn !== null && resources.values.some((v) => wildcardMatch(v.value, objectArn))) ||
    (bucket.logicalId !== null && file === bucket.source.file && (resources.unknowns ?? []).some((u) => u.refs.includes(bucket.logicalId!) && /\/\S*\*?$/.test(u.description)));
  return named !== resources.negated;
}

export function bucketReach(inventory: Inventory, selection: SignerSelection): BucketReach[] {
  const reach: BucketReach[] = [];
  for (const signer of signersOf(inventory, selection)) {
    for (const bucket of inventory.buckets) {
      let download = false;
      let upload = false;
      for (const document of signer.documents) {
        for (const statement of document.statements) {
          if (statement.effect.value !== 'Allow' || !statement.actions || !statementCoversBucketObjects(statement, bucket, document.file)) continue;
          download ||= listGrantsAction(statement.actions, 's3:GetObject');
          upload ||= listGrantsAction(statement.actions, 's3:PutObject');
        }
      }
      if (download || upload) reach.push({ signer, bucket, download, upload });
    }
  }
  return reach;
}
