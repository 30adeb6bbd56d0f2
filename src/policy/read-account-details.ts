/**
 * Reads `aws iam get-account-authorization-details` output: each role with its inline policies
 * (`RolePolicyList`) and its attached managed policies resolved against the dump's `Policies`
 * (the default version's document), and its trust policy (`AssumeRolePolicyDocument`). The CLI prints documents as JSON objects; the raw API
 * URL-encodes them, and those are read too, with positions at the encoded string.
 */
import { codeRunnersOfTrustTree } from './code-runners.js';
import type { RoleInfo } from './inventory.js';
import type { DocumentKind, PolicyDocument, SourcePosition } from './model.js';
import { elements, member, text, type PolicyTree } from './normalise.js';
import { documentFromTree, parseEmbeddedJson, policyFromText, type ReadError, type ReadResult } from './read-json.js';
import type { SourceText } from './source-text.js';

export function readAccountDetails(root: PolicyTree, source: SourceText, file: string): ReadResult {
  const errors: ReadError[] = [];
  const documents: PolicyDocument[] = [];
  const FORMAT = 'aws-cli:iam-get-account-authorization-details' as const;

  const readDocument = (node: PolicyTree | undefined, origin: string, kind: DocumentKind = 'identity', awsPolicy?: string): PolicyDocument | null => {
    let tree: PolicyTree | undefined = node;
    if (node?.type === 'string') tree = embedded(node, origin);
    if (tree?.type !== 'object') {
      if (node && node.type !== 'string') errors.push({ code: 'invalid-policy', message: `${origin}: the policy document is not an object.`, position: node.position, fatal: false });
      return null;
    }
    const document = documentFromTree(tree, { file, format: FORMAT, kind, origin, ...(awsPolicy ? { awsPolicy } : {}) }, errors);
    documents.push(document);
    return document;
  };
  const embedded = (node: PolicyTree & { type: 'string' }, origin: string): PolicyTree | undefined => {
    if (/^\s*\{/.test(node.value) && node.position.offset !== undefined && node.position.endOffset !== undefined) {
      const parsed = parseEmbeddedJson(source, node, origin);
      if ('tree' in parsed) return parsed.tree;
      errors.push({ ...parsed.error, fatal: false });
      return undefined;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(node.value);
    } catch {
      errors.push({ code: 'invalid-policy', message: `${origin}: the policy document is neither JSON nor URL-encoded JSON.`, position: node.position, fatal: false });
      return undefined;
    }
    // Offsets inside URL-encoded text do not map back simply: every position is the string's.
    const parsed = policyFromText(decoded, node.position, origin);
    if ('errors' in parsed) {
      errors.push(...parsed.errors);
      return undefined;
    }
    return parsed.tree;
  };

  // Managed policies by ARN, read once however many roles attach them.
  const managed = new Map<string, { node: PolicyTree; name: string; document?: PolicyDocument | null }>();
  for (const policy of elements(member(root, 'Policies'))) {
    const arn = text(member(policy, 'Arn'));
    if (arn) managed.set(arn, { node: policy, name: text(member(policy, 'PolicyName')) ?? arn });
  }
  const managedDocument = (arn: string): PolicyDocument | null => {
    const entry = managed.get(arn);
    if (!entry) return null;
    if (entry.document === undefined) {
      const defaultVersion = text(member(entry.node, 'DefaultVersionId'));
      const versions = elements(member(entry.node, 'PolicyVersionList'));
      const chosen = versions.find((v) => member(v, 'IsDefaultVersion')?.type === 'boolean' && (member(v, 'IsDefaultVersion') as { value: boolean }).value) ?? versions.find((v) => text(member(v, 'VersionId')) === defaultVersion);
      entry.document = chosen ? readDocument(member(chosen, 'Document'), `managed policy ${entry.name}`, 'identity', /^arn:aws[\w-]*:iam::aws:policy\//.test(arn) ? `AWS managed policy ${entry.name}` : undefined) : null;
    }
    return entry.document;
  };

  /** The trust policy, as the CLI (an object) or the API (URL-encoded JSON) prints it. */
  const trustPolicy = (node: PolicyTree | undefined, role: string): PolicyTree | undefined =>
    node?.type === 'string' ? embedded(node, `role ${role} AssumeRolePolicyDocument`) : node;

  const roles: RoleInfo[] = [];
  for (const detail of elements(member(root, 'RoleDetailList'))) {
    const name = text(member(detail, 'RoleName'));
    if (!name) continue;
    // Who may assume the role: checked by the trust rules, never part of what the role may do.
    const trust = member(detail, 'AssumeRolePolicyDocument');
    if (trust) readDocument(trust, `role ${name} AssumeRolePolicyDocument`, 'trust');
    const identityPolicies: PolicyDocument[] = [];
    for (const inline of elements(member(detail, 'RolePolicyList'))) {
      const document = readDocument(member(inline, 'PolicyDocument'), `role ${name} inline policy ${text(member(inline, 'PolicyName')) ?? ''}`.trim());
      if (document) identityPolicies.push(document);
    }
    const managedPolicyArns: string[] = [];
    const unreadPolicies: string[] = [];
    const policyReferences = new Map<string, SourcePosition>();
    for (const attached of elements(member(detail, 'AttachedManagedPolicies'))) {
      const arn = text(member(attached, 'PolicyArn'));
      if (!arn) continue;
      managedPolicyArns.push(arn);
      const document = managedDocument(arn);
      if (document) identityPolicies.push(document);
      else {
        // An AWS managed policy the dump does not include (src/policy/aws-policies.ts reads it from its table).
        unreadPolicies.push(arn);
        policyReferences.set(arn, attached.position);
      }
    }
    const duration = member(detail, 'MaxSessionDuration');
    roles.push({
      name,
      logicalId: null,
      arn: text(member(detail, 'Arn')),
      source: { file, position: detail.position },
      identityPolicies,
      managedPolicyArns,
      unreadPolicies,
      policyReferences,
      maxSessionDurationSeconds: duration?.type === 'number' ? duration.value : null,
      runsCode: codeRunnersOfTrustTree(trustPolicy(member(detail, 'AssumeRolePolicyDocument'), name)),
    });
  }
  return { documents, errors, roles, buckets: [], keys: [] };
}
