/**
 * Reads a Terraform plan as `terraform show -json plan.out` prints it: the planned values of IAM
 * roles and policies, attachments, bucket policies, bucket encryption and KMS keys; and, as
 * documents of their kind for the document rules, role trust policies, access point, VPC endpoint,
 * SCP and RCP, SQS queue, SNS topic and Secrets Manager policies. Policies are
 * JSON strings inside the plan; their positions are mapped through the string's escapes so they
 * point into the plan file. Values known only after apply (a generated ARN) are followed through
 * the plan's `configuration` references (`aws_iam_role.signer.arn`) where the join needs them.
 */
import { codeRunnersOfTrustTree } from './code-runners.js';
import type { BucketInfo, KeyInfo, RoleInfo } from './inventory.js';
import { ORGANIZATIONS_POLICY_KINDS, TERRAFORM_POLICY_KINDS } from './kinds.js';
import type { DocumentKind, PolicyDocument, SourcePosition } from './model.js';
import { elements, member, text, type PolicyTree } from './normalise.js';
import { documentFromTree, parseEmbeddedJson, type ReadError, type ReadResult } from './read-json.js';
import type { SourceText } from './source-text.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
/** A role as this reader builds it: what runs code as it is always read here (never null). */
type ReadRole = Mutable<RoleInfo> & { runsCode: string[]; policyReferences: Map<string, SourcePosition> };

interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly values: PolicyTree;
  readonly position: SourcePosition;
}

export function readTerraformPlan(root: PolicyTree, source: SourceText, file: string): ReadResult {
  const errors: ReadError[] = [];
  const documents: PolicyDocument[] = [];
  const resources = plannedResources(root);
  const references = configurationReferences(root);
  /** The addresses an attribute's expression refers to (`aws_iam_role.signer`), without the attribute. */
  const referenced = (address: string, attribute: string): string[] =>
    (references.get(`${address}\0${attribute}`) ?? []).map((r) => r.replace(/\.(arn|id|name|key_id|bucket)$/, ''));

  const readPolicy = (node: PolicyTree | undefined, kind: DocumentKind, origin: string): PolicyDocument | null => {
    if (node?.type !== 'string' || node.position.offset === undefined || node.position.endOffset === undefined) return null;
    // An optional policy left unset (a VPC endpoint, an access point): the provider plans "".
    if (node.value.trim() === '') return null;
    const embedded = parseEmbeddedJson(source, node, origin);
    if ('error' in embedded) {
      errors.push({ ...embedded.error, fatal: false });
      return null;
    }
    if (embedded.tree.type !== 'object') {
      errors.push({ code: 'invalid-policy', message: `${origin} is not a policy document object.`, position: node.position, fatal: false });
      return null;
    }
    const document = documentFromTree(embedded.tree, { file, format: 'terraform-plan', kind, origin }, errors);
    documents.push(document);
    return document;
  };

  /** A JSON string of the plan as a tree, for the trust policy: read for its principals, not checked (nor its problems reported). */
  const embeddedTree = (node: PolicyTree | undefined): PolicyTree | undefined => {
    if (node?.type !== 'string' || node.position.offset === undefined || node.position.endOffset === undefined) return undefined;
    const embedded = parseEmbeddedJson(source, node, 'assume_role_policy');
    return 'tree' in embedded ? embedded.tree : undefined;
  };

  const roles = new Map<string, ReadRole>();
  const buckets = new Map<string, Mutable<BucketInfo>>();
  const keys = new Map<string, KeyInfo>();
  const policiesByAddress = new Map<string, { arn: string | null; document: PolicyDocument | null }>();
  const byType = (type: string) => resources.filter((r) => r.type === type);
  const roleFor = (resource: PlannedResource, attribute: string): ReadRole | undefined => {
    const name = text(member(resource.values, attribute));
    const found = name === null ? undefined : [...roles.values()].find((r) => r.name === name || r.arn === name);
    return found ?? referenced(resource.address, attribute).map((a) => roles.get(a)).find(Boolean);
  };
  const bucketFor = (resource: PlannedResource): Mutable<BucketInfo> => {
    const name = text(member(resource.values, 'bucket'));
    const found = (name === null ? undefined : [...buckets.values()].find((b) => b.name === name)) ?? referenced(resource.address, 'bucket').map((a) => buckets.get(a)).find(Boolean);
    if (found) return found;
    // A bucket managed elsewhere: known by the name the plan gives it.
    const bucket: Mutable<BucketInfo> = { name, logicalId: null, arn: name === null ? null : `arn:aws:s3:::${name}`, unresolvedName: null, source: { file, position: resource.position }, policy: null, encryption: null };
    buckets.set(`${resource.address}:bucket`, bucket);
    return bucket;
  };

  for (const resource of byType('aws_iam_role')) {
    const name = text(member(resource.values, 'name')) ?? resource.address;
    const duration = member(resource.values, 'max_session_duration');
    const role: ReadRole = {
      name,
      logicalId: resource.address,
      arn: text(member(resource.values, 'arn')),
      source: { file, position: resource.position },
      identityPolicies: [],
      managedPolicyArns: elements(member(resource.values, 'managed_policy_arns')).flatMap((e) => (e.type === 'string' ? [e.value] : [])),
      unreadPolicies: [],
      maxSessionDurationSeconds: duration?.type === 'number' ? duration.value : null,
      runsCode: codeRunnersOfTrustTree(embeddedTree(member(resource.values, 'assume_role_policy'))),
      policyReferences: new Map(elements(member(resource.values, 'managed_policy_arns')).flatMap((e) => (e.type === 'string' ? [[e.value, e.position] as const] : []))),
    };
    role.unreadPolicies.push(...role.managedPolicyArns);
    for (const inline of elements(member(resource.values, 'inline_policy'))) {
      const document = readPolicy(member(inline, 'policy'), 'identity', `${resource.address} inline_policy ${text(member(inline, 'name')) ?? ''}`.trim());
      if (document) role.identityPolicies.push(document);
    }
    roles.set(resource.address, role);
    // Who may assume the role: a document of its own, never part of what the role may do.
    readPolicy(member(resource.values, 'assume_role_policy'), 'trust', `${resource.address} assume_role_policy`);
  }
  for (const resource of byType('aws_iam_role_policy')) {
    const document = readPolicy(member(resource.values, 'policy'), 'identity', resource.address);
    if (document) roleFor(resource, 'role')?.identityPolicies.push(document);
  }
  for (const resource of byType('aws_iam_policy')) {
    policiesByAddress.set(resource.address, { arn: text(member(resource.values, 'arn')), document: readPolicy(member(resource.values, 'policy'), 'identity', resource.address) });
  }
  for (const resource of byType('aws_iam_role_policy_attachment')) {
    const role = roleFor(resource, 'role');
    if (!role) continue;
    const arn = text(member(resource.values, 'policy_arn'));
    const policy = [...policiesByAddress.values()].find((p) => arn !== null && p.arn === arn) ?? referenced(resource.address, 'policy_arn').map((a) => policiesByAddress.get(a)).find(Boolean);
    if (policy?.document) role.identityPolicies.push(policy.document);
    else {
      role.managedPolicyArns.push(arn ?? resource.address);
      role.unreadPolicies.push(arn ?? resource.address);
      if (arn !== null && !role.policyReferences.has(arn)) role.policyReferences.set(arn, member(resource.values, 'policy_arn')!.position);
    }
  }
  for (const resource of byType('aws_lambda_function')) {
    roleFor(resource, 'role')?.runsCode.push(`run by Lambda function ${resource.address}`);
  }
  for (const resource of byType('aws_kms_key')) {
    keys.set(resource.address, {
      keyId: text(member(resource.values, 'key_id')),
      logicalId: resource.address,
      arn: text(member(resource.values, 'arn')),
      source: { file, position: resource.position },
      policy: readPolicy(member(resource.values, 'policy'), 'kms-key', resource.address),
      awsManaged: false,
    });
  }
  for (const resource of byType('aws_s3_bucket')) {
    const name = text(member(resource.values, 'bucket'));
    buckets.set(resource.address, { name, logicalId: resource.address, arn: name === null ? null : `arn:aws:s3:::${name}`, unresolvedName: null, source: { file, position: resource.position }, policy: null, encryption: null });
  }
  for (const resource of byType('aws_s3_bucket_policy')) {
    const document = readPolicy(member(resource.values, 'policy'), 'bucket', resource.address);
    if (document) bucketFor(resource).policy = document;
  }
  // Policies no join needs: read for the document rules, each as its resource type says.
  for (const [type, kind] of TERRAFORM_POLICY_KINDS) {
    for (const resource of byType(type)) readPolicy(member(resource.values, 'policy'), kind, resource.address);
  }
  for (const resource of byType('aws_organizations_policy')) {
    const kind = ORGANIZATIONS_POLICY_KINDS[text(member(resource.values, 'type')) ?? ''];
    if (kind) readPolicy(member(resource.values, 'content'), kind, `${resource.address} content`);
  }
  for (const resource of byType('aws_s3_bucket_server_side_encryption_configuration')) {
    const byDefault = member(elements(member(resource.values, 'rule'))[0], 'apply_server_side_encryption_by_default');
    const settings = byDefault?.type === 'array' ? byDefault.elements[0] : byDefault;
    const algorithm = text(member(settings, 'sse_algorithm'));
    if (algorithm !== 'AES256' && algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') continue;
    const kmsKeyId = text(member(settings, 'kms_master_key_id'));
    const keyAddress = referenced(`${resource.address}`, 'rule.apply_server_side_encryption_by_default.kms_master_key_id').find((a) => keys.has(a)) ?? null;
    bucketFor(resource).encryption = {
      algorithm,
      kmsKeyId: kmsKeyId === '' ? null : kmsKeyId,
      kmsKeyLogicalId: keyAddress,
      // Known after apply: absent from the planned values, but present in the configuration.
      kmsKeyUnknown: kmsKeyId === null && keyAddress === null && referenced(resource.address, 'rule.apply_server_side_encryption_by_default.kms_master_key_id').length > 0,
      position: settings?.position ?? resource.position,
    };
  }
  return { documents, errors, roles: [...roles.values()], buckets: [...buckets.values()], keys: [...keys.values()] };
}

/** Every resource of `planned_values` (modules included), else the `after` values of `resource_changes`. */
function plannedResources(root: PolicyTree): PlannedResource[] {
  const found: PlannedResource[] = [];
  const walk = (module: PolicyTree | undefined, depth: number) => {
    if (!module || depth > 32) return;
    for (const r of elements(member(module, 'resources'))) {
      const address = text(member(r, 'address'));
      const type = text(member(r, 'type'));
      const values = member(r, 'values');
      if (address && type && values && text(member(r, 'mode')) !== 'data') found.push({ address, type, values, position: r.position });
    }
    for (const child of elements(member(module, 'child_modules'))) walk(child, depth + 1);
  };
  walk(member(member(root, 'planned_values'), 'root_module'), 0);
  if (found.length > 0) return found;
  for (const change of elements(member(root, 'resource_changes'))) {
    const address = text(member(change, 'address'));
    const type = text(member(change, 'type'));
    const after = member(member(change, 'change'), 'after');
    if (address && type && after?.type === 'object' && text(member(change, 'mode')) !== 'data') found.push({ address, type, values: after, position: change.position });
  }
  return found;
}

/**
 * `configuration` expressions' references, by `address\0attribute path` (nested blocks joined with
 * dots, `rule.apply_server_side_encryption_by_default.kms_master_key_id`), with module prefixes.
 */
function configurationReferences(root: PolicyTree): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const walkModule = (module: PolicyTree | undefined, prefix: string, depth: number) => {
    if (!module || depth > 32) return;
    for (const r of elements(member(module, 'resources'))) {
      const address = text(member(r, 'address'));
      if (address) collect(`${prefix}${address}`, member(r, 'expressions'), '', 0, prefix);
    }
    const calls = member(module, 'module_calls');
    if (calls?.type === 'object') for (const call of calls.members) walkModule(member(call.value, 'module'), `${prefix}module.${call.name}.`, depth + 1);
  };
  const collect = (address: string, expressions: PolicyTree | undefined, path: string, depth: number, prefix: string) => {
    if (expressions?.type !== 'object' || depth > 8) return;
    for (const m of expressions.members) {
      const attribute = path ? `${path}.${m.name}` : m.name;
      // References inside a module are relative to it.
      const refs = elements(member(m.value, 'references')).flatMap((e) => (e.type === 'string' ? [`${prefix}${e.value}`] : []));
      if (refs.length > 0) map.set(`${address}\0${attribute}`, refs);
      // Nested blocks are arrays of expression objects.
      for (const block of m.value.type === 'array' ? m.value.elements : []) collect(address, block, attribute, depth + 1, prefix);
    }
  };
  walkModule(member(member(root, 'configuration'), 'root_module'), '', 0);
  return map;
}
