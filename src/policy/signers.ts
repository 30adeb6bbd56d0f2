/**
 * Which identities sign pre-signed URLs: one answer for every policy rule (document and inventory),
 * the signer report and the ties of code to roles.
 *
 * - A role signs when the config's `signers` names it (a role name or an ARN pattern, IAM
 *   wildcards); without that list, when code runs as it: a Lambda function of its template or plan,
 *   or a trust policy that lets a compute service run code as it (src/policy/code-runners.ts),
 *   unless presign-audit read all of that code and found no presign call in it (`RoleInfo.code`).
 * - An identity policy that is a file of its own (a plain policy, AWS CLI output) and that no role
 *   holds is the signer's unless the config says `"identityPolicies": "not-signer"`; so is a role
 *   known only from `get-role-policy` output, whose trust the file does not show, unless the
 *   config's `signers` decides by its name.
 *
 * Each answer reads the role's own file and the config only, never the rest of the run: a file's
 * findings do not change when an unrelated template, dump or policy joins it.
 */
import type { Inventory, RoleInfo } from './inventory.js';
import type { InputFormat, PolicyDocument } from './model.js';
import { wildcardMatch } from './wildcard.js';

/** What decides the signers: the config's `signers` list, or what runs code (and the policy files). */
export type SignerSource = 'config' | 'code';

/** The config's settings the choice reads (presign-audit.config.json, ESLint's `settings.presign`). */
export interface SignerSettings {
  /** Role names or ARN patterns; null or empty: the roles that run code. */
  readonly signers: readonly string[] | null;
  /** Whether an identity policy file no role holds is the signer's (`identityPolicies`). */
  readonly identityPoliciesAreSigners: boolean;
}

/** A signer: a role, or an identity policy file that stands for an unnamed one. */
export interface Signer {
  readonly role: RoleInfo | null;
  readonly name: string;
  readonly documents: readonly PolicyDocument[];
  /** Why it counts as a URL signer, for the report: `run by Lambda function UploadFunction`. */
  readonly reason: string;
}

export interface SignerModel {
  readonly source: SignerSource;
  /** Every signer of the inventory, roles first. */
  readonly signers: readonly Signer[];
  /** The signers that are roles. */
  readonly roles: readonly RoleInfo[];
  /** Whether an identity document is a signer's: one of a signer role's, or a signing policy file. */
  readonly isSignerDocument: (document: PolicyDocument) => boolean;
}

/** Inputs that declare what holds their policies; a policy of theirs that no role holds is no signer's. */
const DECLARING_FORMATS: ReadonlySet<InputFormat> = new Set(['cloudformation', 'terraform-plan', 'terraform', 'aws-cli:iam-get-account-authorization-details']);

export function signerModel(inventory: Inventory, settings: SignerSettings): SignerModel {
  const patterns = settings.signers !== null && settings.signers.length > 0 ? settings.signers : null;
  // What follows, for an input that holds no role (most policy files, each modelled on its own for
  // its document and signer rules: src/engine/policies.ts): its signers are its signing files, and
  // no set is built. Building them for each of 5,000 such files cost about 115 million
  // instructions (docs/performance.md, "The whole first pass, step by step").
  if (inventory.roles.length === 0) {
    const isSigningFile = settings.identityPoliciesAreSigners ? isSigningFileKind : isNoSigner;
    const signers: Signer[] = [];
    for (let d = 0; d < inventory.documents.length; d++) {
      const document = inventory.documents[d]!;
      if (isSigningFile(document)) signers.push(fileSigner(document));
    }
    return { source: patterns ? 'config' : 'code', signers, roles: [], isSignerDocument: isSigningFile };
  }
  const reasonOf = (role: RoleInfo): string | null => {
    // ARNs and role names compare case-sensitively, as IAM compares ARNs.
    if (patterns) return patterns.some((p) => (p.includes(':') ? role.arn !== null && wildcardMatch(p, role.arn) : wildcardMatch(p, role.name))) ? 'named in the config\'s "signers"' : null;
    if (role.runsCode === null) return settings.identityPoliciesAreSigners ? 'its policy file is an identity policy ("identityPolicies": "signer")' : null;
    // All of its code was read and none of it presigns (src/engine/code-evidence.ts): it signs no URL.
    if (role.runsCode.length === 0 || role.code?.signs === false) return null;
    const runs = role.runsCode.join('; ');
    return role.code?.signs ? `${runs}, whose code presigns (${role.code.evidence ?? ''})` : runs;
  };
  const signers: Signer[] = [];
  for (let r = 0; r < inventory.roles.length; r++) {
    const role = inventory.roles[r]!;
    const reason = reasonOf(role);
    if (reason !== null) signers.push({ role, name: role.name, documents: role.identityPolicies, reason });
  }
  const roles = signers.map((s) => s.role!);
  // Loops, not flatMap: this runs once per file read (src/engine/policies.ts), most of them holding no role.
  const held = new Set<PolicyDocument>();
  for (const role of inventory.roles) for (const document of role.identityPolicies) held.add(document);
  const signing = new Set<PolicyDocument>();
  for (const role of roles) for (const document of role.identityPolicies) signing.add(document);
  const isSigningFile = (document: PolicyDocument) => settings.identityPoliciesAreSigners && isSigningFileKind(document) && !held.has(document);
  for (let d = 0; d < inventory.documents.length; d++) {
    const document = inventory.documents[d]!;
    if (isSigningFile(document)) signers.push(fileSigner(document));
  }
  return {
    source: patterns ? 'config' : 'code',
    signers,
    roles,
    isSignerDocument: (document) => document.kind === 'identity' && (signing.has(document) || isSigningFile(document)),
  };
}

/** The signer an identity policy file of its own stands for. */
function fileSigner(document: PolicyDocument): Signer {
  return { role: null, name: document.origin ?? document.file, documents: [document], reason: 'an identity policy file ("identityPolicies": "signer")' };
}

/**
 * What of one input `signerModel` and the set-level rules can read once its document rules have run:
 * its roles, buckets and keys (each with its own policies), and of its documents only those that
 * may be signing files. The others (a bucket policy file, a trust policy, a policy a template
 * declares) no set-level reader asks for, so a run need not keep them until the join: not keeping
 * them took about a ninth off the first pass over 5,000 policies (docs/performance.md, "The join
 * keeps only what it reads").
 */
export function joinPart(read: Inventory, settings: SignerSettings): Inventory {
  const signing = settings.identityPoliciesAreSigners ? read.documents.filter(isSigningFileKind) : [];
  return signing.length === read.documents.length ? read : { roles: read.roles, buckets: read.buckets, keys: read.keys, documents: signing };
}

/** An identity policy of its own, not one a template, plan or dump declares (what `isSigningFile` asks besides the config and the roles). */
function isSigningFileKind(document: PolicyDocument): boolean {
  return document.kind === 'identity' && !DECLARING_FORMATS.has(document.format);
}

const isNoSigner = (): boolean => false;
