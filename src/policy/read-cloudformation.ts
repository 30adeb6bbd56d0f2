/**
 * Reads a CloudFormation template (JSON or YAML, SAM and CDK output included) into the inventory:
 * roles with their inline, `AWS::IAM::RolePolicy` and template-managed policies, bucket policies,
 * bucket encryption, key policies, and which roles Lambda functions run as; the policies of users
 * and groups as documents. Every other policy a template declares is read as a document of its
 * kind, for the document rules: role trust policies, access point, VPC endpoint, SCP and RCP, SQS
 * queue, SNS topic and Secrets Manager policies. Positions point into the original file.
 * Intrinsics are resolved by `TemplateResolver`; what stays unknown stays unknown.
 */
import { samPolicyTemplate, samTemplateTree } from './aws-policies.js';
import { intrinsicOf, referencedLogicalId, TemplateResolver } from './cfn-intrinsics.js';
import { codeRunnersOfTrustTree } from './code-runners.js';
import type { BucketEncryption, BucketInfo, CodeLocation, KeyInfo, RoleInfo, SourceRef } from './inventory.js';
import { ORGANIZATIONS_POLICY_KINDS } from './kinds.js';
import type { DocumentKind, PolicyDocument, SourcePosition } from './model.js';
import { member, type PolicyTree, type PolicyTreeMember } from './normalise.js';
import { describeTree, documentFromTree, policyFromText, type ReadError, type ReadResult } from './read-json.js';

type ObjectTree = PolicyTree & { type: 'object' };
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
/** A role as this reader builds it: what runs code as it is always read here (never null). */
type ReadRole = Mutable<RoleInfo> & { runsCode: string[]; policyReferences: Map<string, SourcePosition> };

interface Resource {
  readonly logicalId: string;
  readonly type: string;
  readonly position: SourcePosition;
  readonly properties: PolicyTree | undefined;
}

export function readCloudFormation(root: ObjectTree, file: string): ReadResult {
  const resolver = new TemplateResolver(root);
  const errors: ReadError[] = [];
  const documents: PolicyDocument[] = [];
  const roles = new Map<string, ReadRole>();
  /** The code of each role's functions, where the template tells it; roles with a function whose code it does not tell. */
  const codeOf = new Map<ReadRole, CodeLocation[]>();
  const unknownCode = new Set<ReadRole>();
  const buckets = new Map<string, Mutable<BucketInfo>>();
  const keys = new Map<string, KeyInfo>();
  const source = (position: SourcePosition): SourceRef => ({ file, position });

  const resourcesNode = member(root, 'Resources');
  const resources: Resource[] = [];
  if (resourcesNode?.type === 'object') {
    for (const r of resourcesNode.members) {
      const type = member(r.value, 'Type');
      if (type?.type !== 'string') continue;
      resources.push({ logicalId: r.name, type: type.value, position: r.namePosition, properties: member(r.value, 'Properties') });
    }
  }
  const property = (resource: Resource, name: string): PolicyTree | undefined => member(resource.properties, name);
  const resolved = (node: PolicyTree | undefined): PolicyTree | undefined => (node ? resolver.resolve(node) : undefined);
  const literal = (node: PolicyTree | undefined): string | null => {
    const value = resolved(node);
    return value?.type === 'string' ? value.value : null;
  };
  /** A value known at deploy time only, as written (`${BucketName}`): what joins it to same-template policies. */
  const unresolved = (node: PolicyTree | undefined): string | null => {
    const value = resolved(node);
    return value?.type === 'unknown' ? value.description : null;
  };

  /** `awsPolicy`: the SAM policy template the tree was expanded from. */
  const readDocument = (node: PolicyTree | undefined, kind: DocumentKind, origin: string, at: SourcePosition, awsPolicy?: string): PolicyDocument | null => {
    if (!node) {
      errors.push({ code: 'invalid-policy', message: `${origin} has no policy document.`, position: at, fatal: false });
      return null;
    }
    let tree = resolver.resolve(node);
    // A document chosen by `Fn::If` on a deploy-time condition is unknown, not wrong.
    if (tree.type === 'unknown') return null;
    // A Json property may be written as JSON text (`Content: '{"Version": ...}'`).
    if (tree.type === 'string' && tree.value.trimStart().startsWith('{')) {
      const parsed = policyFromText(tree.value, tree.position, origin);
      if ('errors' in parsed) {
        errors.push(...parsed.errors);
        return null;
      }
      tree = parsed.tree;
    }
    if (tree.type !== 'object') {
      errors.push({ code: 'invalid-policy', message: `${origin}: the policy document is ${describeTree(tree)}, not an object.`, position: tree.position, fatal: false });
      return null;
    }
    const document = documentFromTree(tree, { file, format: 'cloudformation', kind, origin, ...(awsPolicy ? { awsPolicy } : {}) }, errors);
    documents.push(document);
    return document;
  };

  const addRole = (logicalId: string, name: string, position: SourcePosition): ReadRole => {
    const role: ReadRole = {
      name,
      logicalId,
      arn: null,
      source: source(position),
      identityPolicies: [],
      managedPolicyArns: [],
      unreadPolicies: [],
      maxSessionDurationSeconds: null,
      runsCode: [],
      policyReferences: new Map(),
    };
    roles.set(logicalId, role);
    return role;
  };
  /**
   * The role a `Roles` entry, a `RoleName` or a function's `Role` names: by `Ref`/`GetAtt` of the
   * role, else by name or ARN (a literal, a parameter's default).
   */
  const roleNamed = (node: PolicyTree): ReadRole | undefined => {
    const logicalId = referencedLogicalId(node);
    const byLogicalId = logicalId === null ? undefined : roles.get(logicalId);
    if (byLogicalId) return byLogicalId;
    const value = resolver.resolve(node);
    if (value.type === 'unknown') return value.refs.map((r) => roles.get(r)).find(Boolean);
    if (value.type !== 'string') return undefined;
    const name = value.value.startsWith('arn:') ? value.value.slice(value.value.lastIndexOf('/') + 1) : value.value;
    return [...roles.values()].find((role) => role.name === name);
  };
  const managedArns = (role: ReadRole, list: PolicyTree | undefined) => {
    const value = resolved(list);
    for (const element of value?.type === 'array' ? value.elements : value ? [value] : []) {
      const text = element.type === 'string' ? element.value : element.type === 'unknown' ? element.description : null;
      if (text === null) continue;
      role.managedPolicyArns.push(text);
      // Managed policies of the same template are attached below, through their Roles or here by Ref.
      const templatePolicy = element.type === 'unknown' && element.refs.some((r) => resolver.resourceType(r) === 'AWS::IAM::ManagedPolicy');
      if (!templatePolicy) unread(role, text, element.position);
    }
  };

  // Managed policies of the template that roles and users name as their permissions boundary: they
  // cap what those identities may do and grant nothing (docs/facts.md#document-kinds).
  const boundaries = new Set(
    resources
      .filter((r) => r.type === 'AWS::IAM::Role' || r.type === 'AWS::IAM::User')
      .map((r) => property(r, 'PermissionsBoundary'))
      .flatMap((node) => (node ? [referencedLogicalId(node)] : []))
      .filter((id): id is string => id !== null),
  );

  // Roles first: policies, functions and keys refer to them.
  for (const resource of resources) {
    if (resource.type !== 'AWS::IAM::Role') continue;
    const role = addRole(resource.logicalId, literal(property(resource, 'RoleName')) ?? resource.logicalId, resource.position);
    role.runsCode.push(...codeRunnersOfTrustTree(resolved(property(resource, 'AssumeRolePolicyDocument'))));
    // Who may assume the role: a document of its own, never part of what the role may do. Required
    // by CloudFormation; a template that leaves it out fails there, not here.
    readOptional(resource, 'AssumeRolePolicyDocument', 'trust');
    const policies = resolved(property(resource, 'Policies'));
    if (policies?.type === 'array') {
      policies.elements.forEach((policy, i) => {
        const node = member(policy, 'PolicyDocument');
        const document = readDocument(node, 'identity', `${resource.logicalId} Policies[${i}] (AWS::IAM::Role)`, policy.position);
        if (document) role.identityPolicies.push(document);
        // A document known only at deploy time (`Fn::If` on a deploy-time condition, a Serverless `${file(...)}`) may grant anything.
        else if (node && resolver.resolve(node).type === 'unknown') unread(role, `${resource.logicalId} Policies[${i}]`, policy.position);
      });
    }
    managedArns(role, property(resource, 'ManagedPolicyArns'));
    const duration = resolved(property(resource, 'MaxSessionDuration'));
    if (duration?.type === 'number' || (duration?.type === 'string' && /^\d+$/.test(duration.value))) role.maxSessionDurationSeconds = Number(duration.value);
  }

  for (const resource of resources) {
    switch (resource.type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        // Named as a boundary and attached to no one: it grants nothing.
        const attaches = ['Roles', 'Users', 'Groups'].some((name) => property(resource, name) !== undefined);
        const boundary = boundaries.has(resource.logicalId) && !attaches;
        const document = readDocument(property(resource, 'PolicyDocument'), boundary ? 'boundary' : 'identity', `${resource.logicalId} (${resource.type})`, resource.position);
        if (!document || boundary) break;
        const attached = property(resource, 'Roles');
        for (const entry of attached?.type === 'array' ? attached.elements : []) roleNamed(entry)?.identityPolicies.push(document);
        // A role may also list the template's managed policy in its ManagedPolicyArns.
        for (const role of roles.values()) {
          if (role.managedPolicyArns.includes(`\${${resource.logicalId}}`) && !role.identityPolicies.includes(document)) role.identityPolicies.push(document);
        }
        break;
      }
      // One inline policy of one role, user or group, declared beside it; a role's joins its identity policies.
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy': {
        const document = readDocument(property(resource, 'PolicyDocument'), 'identity', `${resource.logicalId} (${resource.type})`, resource.position);
        const roleNode = resource.type === 'AWS::IAM::RolePolicy' ? property(resource, 'RoleName') : undefined;
        if (document && roleNode) roleNamed(roleNode)?.identityPolicies.push(document);
        break;
      }
      case 'AWS::S3::Bucket': {
        const name = literal(property(resource, 'BucketName'));
        buckets.set(resource.logicalId, {
          name,
          logicalId: resource.logicalId,
          arn: name === null ? null : `arn:aws:s3:::${name}`,
          unresolvedName: unresolved(property(resource, 'BucketName')),
          source: source(resource.position),
          policy: null,
          encryption: readEncryption(resource, property(resource, 'BucketEncryption')),
        });
        break;
      }
      case 'AWS::KMS::Key':
        keys.set(resource.logicalId, {
          keyId: null,
          logicalId: resource.logicalId,
          arn: null,
          source: source(resource.position),
          // Optional: without one, KMS gives the key its default key policy (docs/facts.md#document-kinds).
          policy: property(resource, 'KeyPolicy') ? readDocument(property(resource, 'KeyPolicy'), 'kms-key', `${resource.logicalId} KeyPolicy (AWS::KMS::Key)`, resource.position) : null,
          awsManaged: false,
        });
        break;
      case 'AWS::Lambda::Function': {
        const roleNode = property(resource, 'Role');
        const role = roleNode ? roleNamed(roleNode) : undefined;
        role?.runsCode.push(`run by Lambda function ${resource.logicalId}`);
        if (role) addCode(role, resource.logicalId, literal(member(property(resource, 'Code'), 'ZipFile')), null);
        break;
      }
      case 'AWS::Serverless::Function':
        readServerlessFunction(resource);
        break;
      case 'AWS::S3::AccessPoint':
        readOptional(resource, 'Policy', 'access-point');
        break;
      case 'AWS::EC2::VPCEndpoint':
        readOptional(resource, 'PolicyDocument', 'vpc-endpoint');
        break;
      case 'AWS::Organizations::Policy': {
        // Tag, backup and other Organizations policies are no IAM policies: not read.
        const kind = ORGANIZATIONS_POLICY_KINDS[literal(property(resource, 'Type')) ?? ''];
        if (kind) readDocument(property(resource, 'Content'), kind, `${resource.logicalId} Content (AWS::Organizations::Policy)`, resource.position);
        break;
      }
      case 'AWS::SQS::QueuePolicy':
      case 'AWS::SNS::TopicPolicy':
        readDocument(property(resource, 'PolicyDocument'), 'resource', `${resource.logicalId} (${resource.type})`, resource.position);
        break;
      case 'AWS::SecretsManager::ResourcePolicy':
        readDocument(property(resource, 'ResourcePolicy'), 'resource', `${resource.logicalId} (${resource.type})`, resource.position);
        break;
      default:
        break;
    }
  }

  // Bucket policies last, so they find the buckets they name.
  for (const resource of resources) {
    if (resource.type !== 'AWS::S3::BucketPolicy') continue;
    const document = readDocument(property(resource, 'PolicyDocument'), 'bucket', `${resource.logicalId} (AWS::S3::BucketPolicy)`, resource.position);
    const bucketNode = property(resource, 'Bucket');
    if (!document || !bucketNode) continue;
    const logicalId = referencedLogicalId(bucketNode);
    const name = literal(bucketNode);
    const bucket = (logicalId !== null ? buckets.get(logicalId) : undefined) ?? [...buckets.values()].find((b) => name !== null && b.name === name);
    if (bucket) bucket.policy = document;
    else {
      // A bucket of another stack, named by its literal name or an unknown reference.
      buckets.set(`${resource.logicalId}:bucket`, {
        name,
        logicalId: null,
        arn: name === null ? null : `arn:aws:s3:::${name}`,
        unresolvedName: unresolved(bucketNode),
        source: source(resource.position),
        policy: document,
        encryption: null,
      });
    }
  }

  for (const [role, locations] of codeOf) if (!unknownCode.has(role)) role.code = { locations };
  return { documents, errors, roles: [...roles.values()], buckets: [...buckets.values()], keys: [...keys.values()] };

  /**
   * Where a function's code is, when the template says: inline, or a local folder (`CodeUri: src/`;
   * an `s3://` URI or a `{Bucket, Key}` is elsewhere). A function whose code is not told leaves the
   * role's code unknown, whatever its other functions show.
   */
  function addCode(role: ReadRole, fn: string, inline: string | null, folder: string | null): void {
    const location = inline !== null ? { function: fn, inline } : folder !== null && !/^[a-z][a-z0-9+.-]*:\/\//i.test(folder) ? { function: fn, directory: folder } : null;
    if (location === null) unknownCode.add(role);
    else (codeOf.get(role) ?? codeOf.set(role, []).get(role)!).push(location);
  }

  /** A policy property that may be absent (an endpoint without one gets AWS's default policy). */
  function readOptional(resource: Resource, name: string, kind: DocumentKind): void {
    const node = property(resource, name);
    if (node) readDocument(node, kind, `${resource.logicalId} ${name} (${resource.type})`, resource.position);
  }

  function readEncryption(resource: Resource, node: PolicyTree | undefined): BucketEncryption | null {
    const rules = member(node, 'ServerSideEncryptionConfiguration');
    const first = rules?.type === 'array' ? rules.elements[0] : undefined;
    const byDefault = member(first, 'ServerSideEncryptionByDefault');
    const algorithm = literal(member(byDefault, 'SSEAlgorithm'));
    if (algorithm !== 'AES256' && algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') return null;
    const keyNode = member(byDefault, 'KMSMasterKeyID');
    let kmsKeyLogicalId = keyNode ? referencedLogicalId(keyNode) : null;
    if (kmsKeyLogicalId !== null && resolver.resourceType(kmsKeyLogicalId) === 'AWS::KMS::Alias') {
      // An alias of the template stands for its target key.
      const target = member(member(member(member(root, 'Resources'), kmsKeyLogicalId), 'Properties'), 'TargetKeyId');
      kmsKeyLogicalId = target ? referencedLogicalId(target) : null;
    }
    const keyValue = resolved(keyNode);
    const kmsKeyId = keyValue?.type === 'string' ? keyValue.value : null;
    return {
      algorithm,
      kmsKeyId,
      kmsKeyLogicalId,
      kmsKeyUnknown: keyNode !== undefined && kmsKeyId === null && kmsKeyLogicalId === null,
      position: byDefault?.position ?? resource.position,
    };
  }

  /**
   * SAM: a function with `Role` runs as it; without, SAM creates `<LogicalId>Role` from `Policies`
   * (and `AssumeRolePolicyDocument`, when given, as its trust policy).
   */
  function readServerlessFunction(resource: Resource): void {
    const roleNode = property(resource, 'Role');
    // SAM's Globals give every function the code properties it does not set itself.
    const globals = member(member(root, 'Globals'), 'Function');
    const inline = literal(property(resource, 'InlineCode') ?? member(globals, 'InlineCode'));
    const folder = literal(property(resource, 'CodeUri') ?? member(globals, 'CodeUri'));
    if (roleNode) {
      const role = roleNamed(roleNode);
      role?.runsCode.push(`run by Lambda function ${resource.logicalId}`);
      if (role) addCode(role, resource.logicalId, inline, folder);
      return;
    }
    const role = addRole(`${resource.logicalId}Role`, `${resource.logicalId}Role`, resource.position);
    role.runsCode.push(`run by Lambda function ${resource.logicalId}`);
    addCode(role, resource.logicalId, inline, folder);
    readOptional(resource, 'AssumeRolePolicyDocument', 'trust');
    const policies = resolved(property(resource, 'Policies'));
    const entries = policies?.type === 'array' ? policies.elements : policies ? [policies] : [];
    entries.forEach((entry, i) => {
      const where = `${resource.logicalId} Policies[${i}]`;
      if (entry.type === 'string') {
        // A managed policy's ARN, or an AWS managed policy's name (SAM turns it into the ARN).
        role.managedPolicyArns.push(entry.value);
        unread(role, entry.value, entry.position);
      } else if (member(entry, 'Statement')) {
        const document = readDocument(entry, 'identity', `${where} (AWS::Serverless::Function)`, entry.position);
        if (document) role.identityPolicies.push(document);
      } else if (entry.type === 'object' && entry.members.length === 1 && !intrinsicOf(entry)) {
        readPolicyTemplate(role, entry.members[0]!, where);
      } else {
        unread(role, entry.type === 'unknown' ? entry.description : `Policies[${i}]`, entry.position);
      }
    });
  }

  /**
   * A SAM policy template entry (`S3WritePolicy: {BucketName: !Ref UploadBucket}`): expanded as SAM
   * does when it grants S3 or KMS, at the entry; nothing to read when it grants neither; unread
   * when the table does not know it or a parameter is missing.
   */
  function readPolicyTemplate(role: ReadRole, entry: PolicyTreeMember, where: string): void {
    const name = entry.name;
    const template = samPolicyTemplate(name);
    if (template?.grants === 'neither') return;
    const tree = template ? samTemplateTree(template, entry.value, entry.namePosition) : null;
    const document = tree ? readDocument(tree, 'identity', `${where} (SAM policy template ${name})`, entry.namePosition, `SAM policy template ${name}`) : null;
    if (document) role.identityPolicies.push(document);
    else unread(role, `SAM policy template ${name}`, entry.namePosition);
  }
}

/** A policy whose statements the reader cannot see (yet): src/policy/aws-policies.ts may resolve it at its reference. */
function unread(role: ReadRole, reference: string, at: SourcePosition): void {
  role.unreadPolicies.push(reference);
  if (!role.policyReferences.has(reference)) role.policyReferences.set(reference, at);
}
