/**
 * The inventory of one presign-audit run: the roles, buckets and KMS keys every reader found, with
 * their policies, so checks can join them (which role signs URLs, which bucket those URLs reach,
 * which key encrypts it). Plain policy files contribute documents only; templates, plans and
 * account dumps also contribute the resources. Nothing here reads files: readers build parts and
 * `mergeInventories` puts a run's parts together.
 *
 * Unknown stays unknown: a name or ARN a reader could not resolve is `null` (a CloudFormation
 * bucket without `BucketName` has a name only at deploy time), and the `logicalId` is what links
 * it to the `UnknownValue.refs` of statements that name it.
 */
import type { PolicyDocument, SourcePosition } from './model.js';

/** Where a resource was declared: the file and the resource's position in it. */
export interface SourceRef {
  readonly file: string;
  readonly position: SourcePosition;
  /** As `PolicyDocument.scope`: a Terraform root module's directory; absent, the file. */
  readonly scope?: string;
}

/**
 * Whether two declarations' references to resources name the same resources: both in one
 * template, or both in one Terraform root module (its files and local modules).
 */
export function sameScope(a: { readonly file: string; readonly scope?: string }, b: { readonly file: string; readonly scope?: string }): boolean {
  return (a.scope ?? a.file) === (b.scope ?? b.file);
}

export interface RoleInfo {
  /** The role name (`RoleName`, the name in a dump or plan), or the logical id when the template leaves naming to CloudFormation. */
  readonly name: string;
  /** The CloudFormation logical id or Terraform address; null in account dumps. */
  readonly logicalId: string | null;
  readonly arn: string | null;
  readonly source: SourceRef;
  /** Inline policies and the managed policies that could be resolved (template, plan or dump). */
  readonly identityPolicies: readonly PolicyDocument[];
  /** Managed policy ARNs attached, as written (those of the same template or dump are also in `identityPolicies`). */
  readonly managedPolicyArns: readonly string[];
  /**
   * Attached policies whose statements were not read: AWS managed policies, SAM policy templates,
   * references that could not be resolved. A check that needs everything the role may do treats
   * the role's access as unknown when this is not empty.
   */
  readonly unreadPolicies: readonly string[];
  /**
   * Where the reader read each entry of `unreadPolicies` (the ARN in `ManagedPolicyArns`, the name in
   * a SAM function's `Policies`), when it knows: an AWS managed policy resolved from the table of
   * src/policy/aws-policies.ts is placed there; otherwise at the role.
   */
  readonly policyReferences?: ReadonlyMap<string, SourcePosition>;
  /** `MaxSessionDuration` / `max_session_duration`: caps how long URLs signed with its sessions live. */
  readonly maxSessionDurationSeconds: number | null;
  /**
   * What the input says runs code as this role (such roles sign URLs: src/policy/signers.ts), for
   * messages: `run by Lambda function UploadFunction`, `trusted by ecs-tasks.amazonaws.com`. Empty when
   * nothing read says code runs as it; null when the input cannot say (AWS CLI output of one role
   * policy names the role, not its trust policy or its functions).
   */
  readonly runsCode: readonly string[] | null;
  /**
   * Where the code that runs as the role is, when the input says (a SAM `CodeUri` folder, inline
   * `ZipFile` code, a Serverless service's folder), and what presign-audit found there
   * (src/engine/code-evidence.ts): `signs` is true when that code makes a presign call, false when
   * all of it was read and none does, absent when it was not or could not be read (ESLint, code
   * elsewhere).
   */
  readonly code?: CodeOfRole;
}

/** The code that runs as a role, and whether it signs URLs. */
export interface CodeOfRole {
  readonly locations: readonly CodeLocation[];
  /** Set by presign-audit after reading; the readers leave it absent. */
  signs?: boolean;
  /** The first file that signs, for messages and the signer report. */
  evidence?: string;
}

/** One function's code: inline text, or a folder relative to the input file's. */
export type CodeLocation = { readonly function: string; readonly inline: string } | { readonly function: string; readonly directory: string };

/** Default encryption of a bucket (`BucketEncryption`, `aws_s3_bucket_server_side_encryption_configuration`). */
export interface BucketEncryption {
  readonly algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  /** `KMSMasterKeyID` as resolved: a key id, key ARN or alias; null when absent (the AWS managed `aws/s3` key) or unknown. */
  readonly kmsKeyId: string | null;
  /** The logical id of a key of the same template (`!GetAtt UploadKey.Arn`), to join with `KeyInfo.logicalId`. */
  readonly kmsKeyLogicalId: string | null;
  /** True when a key was named but could not be resolved (so `kmsKeyId: null` does not mean `aws/s3`). */
  readonly kmsKeyUnknown: boolean;
  readonly position: SourcePosition;
}

export interface BucketInfo {
  readonly name: string | null;
  readonly logicalId: string | null;
  /** `arn:aws:s3:::name` when the name is known. */
  readonly arn: string | null;
  /**
   * The name as the template writes it when it is known only at deploy time (`${BucketName}`,
   * `${AWS::StackName}-uploads`), to join with policies of the same template that write it the same
   * way (src/policy/signer-reach.ts); null when the name is known or not given.
   */
  readonly unresolvedName: string | null;
  readonly source: SourceRef;
  readonly policy: PolicyDocument | null;
  readonly encryption: BucketEncryption | null;
}

export interface KeyInfo {
  /** The key id (a UUID) when known. */
  readonly keyId: string | null;
  readonly logicalId: string | null;
  readonly arn: string | null;
  readonly source: SourceRef;
  readonly policy: PolicyDocument | null;
  /** An AWS managed key (`alias/aws/s3`): readable only by principals of the same account, key policy not editable. */
  readonly awsManaged: boolean;
}

export interface Inventory {
  readonly roles: readonly RoleInfo[];
  readonly buckets: readonly BucketInfo[];
  readonly keys: readonly KeyInfo[];
  /**
   * Every policy document read, role and bucket policies included (the same objects); in the
   * inventory a presign-audit run joins over, only those that may be signing files
   * (`joinPart`, src/policy/signers.ts): the document rules have seen the others by then.
   */
  readonly documents: readonly PolicyDocument[];
}

/** One inventory of several files' parts. Resources are kept as read: two files may declare the same bucket. */
export function mergeInventories(parts: readonly Inventory[]): Inventory {
  return {
    roles: parts.flatMap((p) => p.roles),
    buckets: parts.flatMap((p) => p.buckets),
    keys: parts.flatMap((p) => p.keys),
    documents: parts.flatMap((p) => p.documents),
  };
}

/** The AWS managed S3 key as a bucket's `KMSMasterKeyID` may name it: `alias/aws/s3` or its ARN. */
export function isAwsManagedS3KeyId(keyId: string): boolean {
  return keyId === 'alias/aws/s3' || /^arn:aws[\w-]*:kms:[^:]*:\d*:alias\/aws\/s3$/.test(keyId);
}

/**
 * The key that encrypts a bucket's new objects, when it is a customer-managed key the inventory
 * can name: by logical id in the same template, else by key id, ARN or alias ARN. Null for SSE-S3,
 * the AWS managed key, or a key not read.
 */
export function bucketKey(inventory: Inventory, bucket: BucketInfo): KeyInfo | null {
  const encryption = bucket.encryption;
  if (!encryption || encryption.algorithm === 'AES256') return null;
  if (encryption.kmsKeyLogicalId !== null) {
    const byLogicalId = inventory.keys.find((k) => k.logicalId === encryption.kmsKeyLogicalId && sameScope(k.source, bucket.source));
    if (byLogicalId) return byLogicalId;
  }
  const id = encryption.kmsKeyId;
  if (id === null) return null;
  return inventory.keys.find((k) => k.keyId === id || k.arn === id || (k.keyId !== null && id.endsWith(`:key/${k.keyId}`))) ?? null;
}
