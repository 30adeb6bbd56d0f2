/**
 * Which roles sign pre-signed URLs, in order of what the user told us:
 * 1. a `signers` list in the config (role names or ARN patterns, IAM wildcards);
 * 2. else, when templates declare Lambda functions, the roles those functions run as;
 * 3. else every identity policy read (a plain policy file is the signer's unless configured otherwise).
 */
import type { Inventory, RoleInfo } from './inventory.js';
import type { PolicyDocument } from './model.js';
import { wildcardMatch } from './wildcard.js';

export type SignerSource = 'config' | 'lambda' | 'every-identity-policy';

export interface SignerSelection {
  readonly source: SignerSource;
  isSigner(role: RoleInfo): boolean;
  /** Whether an identity document is a signer's: one of a signer role's, or any in `every-identity-policy` mode. */
  isSignerDocument(document: PolicyDocument): boolean;
  /** The signer roles of the inventory. */
  readonly roles: readonly RoleInfo[];
}

/**
 * `patterns` is the config's `signers` (null when not set). A pattern with a colon is matched
 * against the role's ARN, any other against its name; ARNs and role names compare case-sensitively
 * as IAM compares ARNs.
 */
export function selectSigners(inventory: Inventory, patterns: readonly string[] | null, identityPoliciesAreSigners = true): SignerSelection {
  let source: SignerSource;
  let isSigner: (role: RoleInfo) => boolean;
  if (patterns !== null && patterns.length > 0) {
    source = 'config';
    isSigner = (role) =>
      patterns.some((pattern) => (pattern.includes(':') ? role.arn !== null && wildcardMatch(pattern, role.arn) : wildcardMatch(pattern, role.name)));
  } else if (inventory.roles.some((role) => role.usedByLambda)) {
    source = 'lambda';
    isSigner = (role) => role.usedByLambda;
  } else {
    source = 'every-identity-policy';
    isSigner = () => identityPoliciesAreSigners;
  }
  const roles = inventory.roles.filter(isSigner);
  const signerDocuments = new Set(roles.flatMap((role) => role.identityPolicies));
  return {
    source,
    isSigner,
    roles,
    isSignerDocument: (document) =>
      document.kind === 'identity' && (signerDocuments.has(document) || (source === 'every-identity-policy' && identityPoliciesAreSigners)),
  };
}

/**
 * Whether a document is a URL signer's policy, as the per-document rules ask it: a signer role's
 * identity policy; or an identity policy no role of the inventory holds (a plain policy file, AWS
 * CLI output), which is the signer's unless the config says `"identityPolicies": "not-signer"`.
 */
export function signerPolicyTest(inventory: Inventory, signers: SignerSelection, identityPoliciesAreSigners: boolean): (document: PolicyDocument) => boolean {
  const held = new Set(inventory.roles.flatMap((role) => role.identityPolicies));
  return (document) => document.kind === 'identity' && (signers.isSignerDocument(document) || (!held.has(document) && identityPoliciesAreSigners));
}
