/**
 * Reads a Terraform configuration written in HCL (`*.tf`) or Terraform's JSON syntax (`*.tf.json`,
 * terraform-json.ts): one directory is one module, all its
 * files together, and local modules (`source = "./modules/storage"`) are followed with the inputs
 * their calls give. What it declares feeds the inventory as a plan's would (read-terraform-plan.ts):
 * roles with their inline, `aws_iam_role_policy` and attached policies, what runs as them
 * (`aws_lambda_function`), buckets with their policies and default encryption, KMS keys with their
 * policies; every other policy the plan reader knows is read as a document of its kind. Policies
 * may be `data.aws_iam_policy_document` data sources, `jsonencode(...)` of HCL objects, JSON in a
 * heredoc or a quoted string, or `file()` / `templatefile()` of a literal path: each read with
 * positions in the file it is written in. Values are resolved by terraform-values.ts; what stays
 * unknown stays unknown. The syntax is read by hcl-syntax.ts, which this module loads.
 */
import path from 'node:path';
import { codeRunnersOfTrust } from './code-runners.js';
import { parseHcl, type HclBlock, type ParsedHcl } from './hcl-syntax.js';
import { parseTerraformJson } from './terraform-json.js';
import type { BucketInfo, KeyInfo, RoleInfo, SourceRef } from './inventory.js';
import { ORGANIZATIONS_POLICY_KINDS, TERRAFORM_POLICY_KINDS } from './kinds.js';
import type { DocumentKind, PolicyDocument, SourcePosition } from './model.js';
import { member, text, type PolicyTree, type PolicyTreeMember } from './normalise.js';
import { describeTree, documentFromTree, parseJsonText, toPolicyTree, type ReadError, type ReadResult } from './read-json.js';
import { SourceText } from './source-text.js';
import { hasRepetition, ModuleEvaluator, type Declared, type FileAccess, type ModuleFile, type ModuleScope, type Value } from './terraform-values.js';
import { deployTimeParts } from './variables.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type ReadRole = Mutable<RoleInfo> & { runsCode: string[] };

/** What the reader may read besides the module's own files: local modules' directories and `file()` targets. */
export interface TerraformFileAccess extends FileAccess {
  /** The `.tf` files of a directory, sorted; empty when it cannot be listed. */
  listModuleFiles(dir: string): string[];
}

export interface TerraformInput {
  readonly file: string;
  readonly text: string;
}

/** A module's read: its inventory part, its problems each with its file, and the other files it read (`file()` targets, local modules). */
export interface TerraformRead extends ReadResult {
  /** Every file read: the module's own, its local modules', the files `file()` named. */
  readonly filesRead: readonly string[];
  /** Local module directories this module calls. */
  readonly calledModules: readonly string[];
}


/** Local modules nest at most this deep (a module calling itself would never end). */
const MAX_MODULE_DEPTH = 8;

/** The default `version` of `aws_iam_policy_document` (AWS provider documentation). */
const DEFAULT_POLICY_VERSION = '2012-10-17';

/** `parsed`: files already parsed in this run, by path: a local module that several modules call is parsed once. */
export async function readTerraformModule(dir: string, inputs: readonly TerraformInput[], access: TerraformFileAccess, parseCache = new Map<string, ParsedHcl>()): Promise<TerraformRead> {
  const errors: (ReadError & { file: string })[] = [];
  const documents: PolicyDocument[] = [];
  const filesRead = new Set<string>(inputs.map((i) => i.file));
  const calledModules: string[] = [];
  const parseFiles = async (files: readonly TerraformInput[]): Promise<ModuleFile[]> => {
    const parsed: ModuleFile[] = [];
    for (const input of files) {
      const source = new SourceText(input.text);
      const json = input.file.toLowerCase().endsWith('.tf.json');
      let syntax = parseCache.get(input.file);
      if (!syntax) {
        syntax = json ? await parseTerraformJson(input.text) : await parseHcl(input.text);
        parseCache.set(input.file, syntax);
      }
      const { body, error } = syntax;
      // Fatal, so the exit code says some input was not read whole; the rest of the file still counts.
      if (error && json) errors.push({ code: 'invalid-json', message: `${error.message} Nothing of the file was read.`, position: source.position(error.span.start, error.span.end), fatal: true, file: input.file });
      else if (error) errors.push({ code: 'invalid-hcl', message: `${error.message} The rest of the file was read as far as it could be.`, position: source.position(error.span.start, error.span.end), fatal: true, file: input.file });
      parsed.push({ file: input.file, source, body });
    }
    return parsed;
  };

  const evaluator = new ModuleEvaluator(access, (scope, declared, ev) => policyDocumentTree(scope, declared, ev));
  const buildScope = async (scopeDir: string, prefix: string, files: ModuleFile[], parent: ModuleScope | null, depth: number): Promise<ModuleScope> => {
    const scope: ModuleScope = { dir: scopeDir, prefix, files, variables: new Map(), locals: new Map(), resources: new Map(), outputs: new Map(), moduleCalls: new Map(), inputs: new Map(), parent, children: new Map() };
    for (const file of files) {
      for (const block of file.body.blocks) {
        const [first, second] = block.labels;
        if (block.type === 'variable' && first !== undefined) scope.variables.set(first, { file, node: block });
        else if (block.type === 'locals') for (const a of block.body.attributes) scope.locals.set(a.name, { file, node: a.value });
        else if (block.type === 'resource' && first !== undefined && second !== undefined) scope.resources.set(`${first}.${second}`, { file, node: block });
        else if (block.type === 'data' && first !== undefined && second !== undefined) scope.resources.set(`data.${first}.${second}`, { file, node: block });
        else if (block.type === 'output' && first !== undefined) {
          const value = block.body.attributes.find((a) => a.name === 'value');
          if (value) scope.outputs.set(first, { file, node: value.value });
        } else if (block.type === 'module' && first !== undefined) scope.moduleCalls.set(first, { file, node: block });
      }
    }
    if (depth >= MAX_MODULE_DEPTH) return scope;
    for (const [name, call] of scope.moduleCalls) {
      const source = call.node.body.attributes.find((a) => a.name === 'source');
      const sourceText = source?.value.kind === 'template' && source.value.parts.every((p) => p.kind === 'text') ? source.value.parts.map((p) => (p.kind === 'text' ? p.raw : '')).join('') : null;
      // Only local paths are on this machine; registry and git modules are not fetched (no network).
      if (sourceText === null || !/^\.\.?[/\\]/.test(sourceText) || hasRepetition(call.node)) continue;
      const childDir = path.resolve(scopeDir, sourceText);
      const childFiles = access.listModuleFiles(childDir);
      if (childFiles.length === 0) continue;
      calledModules.push(childDir);
      const texts = childFiles.flatMap((file) => {
        const content = access.readText(file);
        filesRead.add(file);
        return content === null ? [] : [{ file, text: content }];
      });
      const child = await buildScope(childDir, `${prefix}module.${name}.`, await parseFiles(texts), scope, depth + 1);
      for (const attribute of call.node.body.attributes) {
        if (['source', 'version', 'providers', 'depends_on'].includes(attribute.name)) continue;
        child.inputs.set(attribute.name, () => evaluator.evaluate(attribute.value, scope, call.file));
      }
      scope.children.set(name, child);
    }
    return scope;
  };

  const root = await buildScope(dir, '', await parseFiles(inputs), null, 0);
  const scopes: ModuleScope[] = [];
  const collect = (scope: ModuleScope) => {
    scopes.push(scope);
    for (const child of scope.children.values()) collect(child);
  };
  collect(root);

  /** The scope of the run's root directory: joins by reference stay inside it (src/policy/inventory.ts). */
  const scopeName = dir;
  const sourceOf = (file: ModuleFile, block: HclBlock): SourceRef => ({ file: file.file, position: file.source.position(block.span.start, block.span.end), scope: scopeName });
  const jsonSources = new Map<string, SourceText>();

  const readPolicy = (value: Value | undefined, kind: DocumentKind, origin: string, at: Declared<HclBlock>): PolicyDocument | null => {
    if (!value || value.type === 'null') return null;
    const found = documentTree(value, at.file, origin);
    if (found === null) return null;
    if ('error' in found) {
      errors.push(found.error);
      return null;
    }
    const sink: ReadError[] = [];
    const document = documentFromTree(found.tree, { file: found.file, format: 'terraform', kind, origin }, sink);
    errors.push(...sink.map((e) => ({ ...e, file: found.file })));
    const scoped: PolicyDocument = { ...document, scope: scopeName };
    documents.push(scoped);
    if (evaluator.partial.has(value)) partialDocuments.add(scoped);
    return scoped;
  };

  /** The document a value holds: an object, or JSON text mapped back to the file it was written in. */
  const documentTree = (value: Value, file: ModuleFile, origin: string): { tree: PolicyTree & { type: 'object' }; file: string } | { error: ReadError & { file: string } } | null => {
    if (value.type === 'object') {
      const owner = evaluator.objectFiles.get(value) ?? file;
      return { tree: value, file: typeof owner === 'string' ? owner : owner.file };
    }
    const written = value.type === 'string' ? value.value : value.type === 'unknown' ? value.description : null;
    const characters = evaluator.characters.get(value);
    // An unknown value that is no JSON text with holes (`var.policy`, `module.x.json`): unknown, not wrong.
    if (value.type === 'unknown' && !(characters && written?.trimStart().startsWith('{'))) return null;
    const ownerFile = characters ? (typeof characters.file === 'string' ? characters.file : characters.file.file) : file.file;
    const source = characters && typeof characters.file === 'string' ? sourceFor(characters.file) : characters && typeof characters.file !== 'string' ? characters.file.source : file.source;
    const map = (offset: number) => (characters ? characters.offsets[Math.min(offset, characters.offsets.length - 1)]! : null);
    const locate = (start: number, end: number): SourcePosition => {
      const from = map(start);
      const to = map(end);
      return from === null || to === null ? value.position : source.position(from, Math.max(from, to));
    };
    if (written === null || written.trim() === '') {
      return { error: { code: 'invalid-policy', message: `${origin}: the policy is ${value.type === 'string' ? 'an empty string' : describeTree(value)}, not a policy document.`, position: value.position, fatal: false, file: file.file } };
    }
    const parsed = parseJsonText(written);
    if ('error' in parsed) return { error: { code: parsed.code, message: `In the policy of ${origin}: ${parsed.error}`, position: locate(parsed.offset, parsed.offset + 1), fatal: false, file: ownerFile } };
    const tree = withDeployTimeValues(toPolicyTree(parsed.value, (node) => locate(node.loc.start.offset, node.loc.end.offset)), value.type === 'unknown' ? value.refs : []);
    if (tree.type !== 'object') return { error: { code: 'invalid-policy', message: `${origin}: the policy is ${describeTree(tree)}, not a policy document object.`, position: tree.position, fatal: false, file: ownerFile } };
    return { tree, file: ownerFile };
  };

  const sourceFor = (file: string): SourceText => {
    let source = jsonSources.get(file);
    if (!source) {
      source = new SourceText(evaluator.readFiles.get(file) ?? '');
      jsonSources.set(file, source);
      filesRead.add(file);
    }
    return source;
  };

  const partialDocuments = new Set<PolicyDocument>();
  /**
   * A role's identity policy: read, and when it is unknown or only partly read, named among the
   * role's unread policies, so no check takes what was read for all the role may do.
   */
  const grant = (role: ReadRole | undefined, value: Value | undefined, document: PolicyDocument | null, origin: string): void => {
    if (!role) return;
    if (document) role.identityPolicies.push(document);
    if (document ? partialDocuments.has(document) : value?.type === 'unknown') role.unreadPolicies.push(`what ${origin} leaves to deploy time`);
  };
  const roles = new Map<string, ReadRole>();
  const buckets = new Map<string, Mutable<BucketInfo>>();
  const keys = new Map<string, KeyInfo>();
  const policies = new Map<string, PolicyDocument | null>();
  const resourcesOf = (type: string) =>
    scopes.flatMap((scope) =>
      [...scope.resources].filter(([address, declared]) => address.split('.')[0] === type && !isAbsent(declared, scope)).map(([address, declared]) => ({ scope, address: `${scope.prefix}${address}`, declared })),
    );
  /** `count = 0` (`count = var.create ? 1 : 0` with create false), or an empty `for_each`: no such resource is made. */
  const isAbsent = (declared: Declared<HclBlock>, scope: ModuleScope): boolean => {
    const count = evaluator.argument(declared, 'count', scope);
    const forEach = evaluator.argument(declared, 'for_each', scope);
    const empty = forEach?.type === 'array' ? forEach.elements.length === 0 : forEach?.type === 'object' ? forEach.members.length === 0 : false;
    return (count?.type === 'number' && count.value <= 0) || empty;
  };
  const arg = (r: { scope: ModuleScope; declared: Declared<HclBlock> }, name: string) => evaluator.argument(r.declared, name, r.scope);
  const blocks = (block: HclBlock, type: string) => block.body.blocks.filter((b) => b.type === type);

  /** The role an argument names: by reference to the module's `aws_iam_role`, else by name or ARN. */
  const roleNamed = (value: Value | undefined): ReadRole | undefined => {
    if (!value) return undefined;
    if (value.type === 'unknown') return value.refs.map((r) => roles.get(r)).find(Boolean);
    if (value.type !== 'string') return undefined;
    const name = value.value.startsWith('arn:') ? value.value.slice(value.value.lastIndexOf('/') + 1) : value.value;
    return [...roles.values()].find((role) => role.name === name || role.arn === value.value);
  };
  const refsOf = (value: Value | undefined): readonly string[] => (value?.type === 'unknown' ? value.refs : []);

  // Policies first: roles and attachments name them.
  const policyValues = new Map<string, Value | undefined>();
  for (const r of resourcesOf('aws_iam_policy')) {
    policyValues.set(r.address, arg(r, 'policy'));
    policies.set(r.address, readPolicy(policyValues.get(r.address), 'identity', r.address, r.declared));
  }

  for (const r of resourcesOf('aws_iam_role')) {
    const name = arg(r, 'name');
    const duration = arg(r, 'max_session_duration');
    const role: ReadRole = {
      name: name?.type === 'string' ? name.value : r.address,
      logicalId: r.address,
      arn: null,
      source: sourceOf(r.declared.file, r.declared.node),
      identityPolicies: [],
      managedPolicyArns: [],
      unreadPolicies: [],
      maxSessionDurationSeconds: duration?.type === 'number' ? duration.value : null,
      runsCode: [],
    };
    const trust = readPolicy(arg(r, 'assume_role_policy'), 'trust', `${r.address} assume_role_policy`, r.declared);
    if (trust) role.runsCode.push(...codeRunnersOfTrust(trust.statements));
    for (const inline of blocks(r.declared.node, 'inline_policy')) {
      const policyName = evaluator.argument({ file: r.declared.file, node: inline }, 'name', r.scope);
      const origin = `${r.address} inline_policy ${text(policyName) ?? ''}`.trim();
      const value = evaluator.argument({ file: r.declared.file, node: inline }, 'policy', r.scope);
      grant(role, value, readPolicy(value, 'identity', origin, r.declared), origin);
    }
    if (blocks(r.declared.node, 'dynamic').length > 0) role.unreadPolicies.push(`dynamic blocks of ${r.address}`);
    attachManaged(role, arg(r, 'managed_policy_arns'));
    roles.set(r.address, role);
  }

  for (const r of resourcesOf('aws_iam_role_policy')) {
    const value = arg(r, 'policy');
    grant(roleNamed(arg(r, 'role')), value, readPolicy(value, 'identity', r.address, r.declared), r.address);
  }
  for (const r of resourcesOf('aws_iam_role_policy_attachment')) {
    const role = roleNamed(arg(r, 'role'));
    if (role) attachManaged(role, arg(r, 'policy_arn'));
  }
  for (const r of resourcesOf('aws_iam_policy_attachment')) {
    const attached = arg(r, 'roles');
    for (const entry of attached?.type === 'array' ? attached.elements : []) {
      const role = roleNamed(entry);
      if (role) attachManaged(role, arg(r, 'policy_arn'));
    }
  }
  for (const r of resourcesOf('aws_lambda_function')) roleNamed(arg(r, 'role'))?.runsCode.push(`run by Lambda function ${r.address}`);

  for (const r of resourcesOf('aws_kms_key')) {
    keys.set(r.address, { keyId: null, logicalId: r.address, arn: null, source: sourceOf(r.declared.file, r.declared.node), policy: readPolicy(arg(r, 'policy'), 'kms-key', r.address, r.declared), awsManaged: false });
  }
  for (const r of resourcesOf('aws_kms_key_policy')) {
    const keyValue = arg(r, 'key_id');
    const document = readPolicy(arg(r, 'policy'), 'kms-key', r.address, r.declared);
    const key = refsOf(keyValue).map((ref) => keys.get(ref)).find(Boolean);
    if (key && document) keys.set(key.logicalId!, { ...key, policy: document });
  }

  for (const r of resourcesOf('aws_s3_bucket')) {
    const name = arg(r, 'bucket');
    const bucket: Mutable<BucketInfo> = {
      name: text(name),
      logicalId: r.address,
      arn: name?.type === 'string' ? `arn:aws:s3:::${name.value}` : null,
      unresolvedName: name?.type === 'unknown' ? name.description : null,
      source: sourceOf(r.declared.file, r.declared.node),
      // AWS provider v3 and earlier wrote the policy and the default encryption inside the bucket.
      policy: readPolicy(arg(r, 'policy'), 'bucket', r.address, r.declared),
      encryption: null,
    };
    const legacy = blocks(r.declared.node, 'server_side_encryption_configuration')[0];
    if (legacy) bucket.encryption = encryptionOf({ file: r.declared.file, node: legacy }, r.scope);
    buckets.set(r.address, bucket);
  }
  const bucketFor = (r: { scope: ModuleScope; declared: Declared<HclBlock>; address: string }): Mutable<BucketInfo> => {
    const value = arg(r, 'bucket');
    const byRef = refsOf(value).map((ref) => buckets.get(ref)).find(Boolean);
    const name = text(value);
    const found = byRef ?? (name === null ? undefined : [...buckets.values()].find((b) => b.name === name));
    if (found) return found;
    // A bucket managed elsewhere: known by the name the configuration gives it.
    const bucket: Mutable<BucketInfo> = {
      name,
      logicalId: null,
      arn: name === null ? null : `arn:aws:s3:::${name}`,
      unresolvedName: value?.type === 'unknown' ? value.description : null,
      source: sourceOf(r.declared.file, r.declared.node),
      policy: null,
      encryption: null,
    };
    buckets.set(`${r.address}:bucket`, bucket);
    return bucket;
  };
  for (const r of resourcesOf('aws_s3_bucket_policy')) {
    const document = readPolicy(arg(r, 'policy'), 'bucket', r.address, r.declared);
    if (document) bucketFor(r).policy = document;
  }
  for (const r of resourcesOf('aws_s3_bucket_server_side_encryption_configuration')) {
    const encryption = encryptionOf(r.declared, r.scope);
    if (encryption) bucketFor(r).encryption = encryption;
  }
  for (const [type, kind] of TERRAFORM_POLICY_KINDS) {
    for (const r of resourcesOf(type)) readPolicy(arg(r, 'policy'), kind, r.address, r.declared);
  }
  for (const r of resourcesOf('aws_organizations_policy')) {
    const kind = ORGANIZATIONS_POLICY_KINDS[text(arg(r, 'type')) ?? ''];
    if (kind) readPolicy(arg(r, 'content'), kind, `${r.address} content`, r.declared);
  }

  for (const file of evaluator.readFiles.keys()) filesRead.add(file);
  return { documents, errors, roles: [...roles.values()], buckets: [...buckets.values()], keys: [...keys.values()], filesRead: [...filesRead], calledModules };

  /** Managed policies: one of this module's `aws_iam_policy` is read; any other (AWS managed, another stack's) is named, not read. */
  function attachManaged(role: ReadRole, value: Value | undefined): void {
    const entries = value?.type === 'array' ? value.elements : value ? [value] : [];
    for (const entry of entries) {
      const policy = refsOf(entry).find((ref) => policies.has(ref));
      if (policy !== undefined) {
        grant(role, policyValues.get(policy), policies.get(policy) ?? null, policy);
        continue;
      }
      const written = entry.type === 'string' ? entry.value : entry.type === 'unknown' ? entry.description : null;
      if (written === null) continue;
      role.managedPolicyArns.push(written);
      role.unreadPolicies.push(written);
    }
  }

  /** `rule { apply_server_side_encryption_by_default { sse_algorithm, kms_master_key_id } }`. */
  function encryptionOf(declared: Declared<HclBlock>, scope: ModuleScope): BucketInfo['encryption'] {
    const rule = blocks(declared.node, 'rule')[0];
    const byDefault = rule ? blocks(rule, 'apply_server_side_encryption_by_default')[0] : undefined;
    if (!byDefault) return null;
    const settings = { file: declared.file, node: byDefault };
    const algorithm = text(evaluator.argument(settings, 'sse_algorithm', scope));
    if (algorithm !== 'AES256' && algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') return null;
    const keyValue = evaluator.argument(settings, 'kms_master_key_id', scope);
    const keyLogicalId = refsOf(keyValue).find((ref) => keys.has(ref)) ?? null;
    const keyId = text(keyValue);
    return {
      algorithm,
      kmsKeyId: keyId === '' ? null : keyId,
      kmsKeyLogicalId: keyLogicalId,
      kmsKeyUnknown: keyValue !== undefined && keyValue.type !== 'null' && keyId === null && keyLogicalId === null,
      position: declared.file.source.position(byDefault.span.start, byDefault.span.end),
    };
  }
}

/**
 * Strings of parsed JSON that hold a deploy-time value (`${aws_s3_bucket.x.arn}/*`, kept as written
 * by the template that built the text) become unknown values naming the resources the template did.
 */
function withDeployTimeValues(tree: PolicyTree, refs: readonly string[]): PolicyTree {
  const visit = (node: PolicyTree, depth: number): PolicyTree => {
    if (depth > 64) return node;
    switch (node.type) {
      case 'object':
        return { ...node, members: node.members.map((m) => ({ ...m, value: visit(m.value, depth + 1) })) };
      case 'array':
        return { ...node, elements: node.elements.map((e) => visit(e, depth + 1)) };
      case 'string': {
        const parts = deployTimeParts(node.value);
        return parts ? { type: 'unknown', position: node.position, description: node.value, refs: refs.filter((r) => parts.some((p) => 'deployTime' in p && p.deployTime.includes(r.replace(/^(module\.[^.]+\.)+/, '')))), parts } : node;
      }
      default:
        return node;
    }
  };
  return visit(tree, 0);
}

/** Strings, or a list's strings, with `&{` read as `${`: the provider's spelling of IAM policy variables. */
function withPolicyVariables(value: Value): Value {
  if (value.type === 'string' && value.value.includes('&{')) return { ...value, value: value.value.replaceAll('&{', '${') };
  if (value.type === 'array') return { ...value, elements: value.elements.map(withPolicyVariables) };
  return value;
}

/**
 * `data "aws_iam_policy_document"` as the document the provider renders: `statement` blocks with
 * `sid`, `effect` (Allow by default), `actions` / `not_actions`, `resources` / `not_resources`,
 * `principals` / `not_principals` grouped by `type` (one `type = "*"` with identifiers `["*"]` is
 * `"Principal": "*"`), `condition` blocks grouped by `test` and `variable`, `&{...}` in resources,
 * identifiers and condition values read as the IAM policy variable `${...}`; then
 * `source_policy_documents` first and `override_policy_documents` last, a statement with the sid
 * of an earlier one replacing it (docs/facts.md#terraform-configuration). Positions point at the
 * HCL. A `dynamic` statement is unknown, so it is left out, as the other readers leave out a
 * statement they cannot resolve.
 */
function policyDocumentTree(scope: ModuleScope, declared: Declared<HclBlock>, evaluator: ModuleEvaluator): Value {
  const file = declared.file;
  const at = (span: { start: number; end: number }) => file.source.position(span.start, span.end);
  const headerPosition = at(declared.node.span);
  const argument = (block: HclBlock, name: string) => {
    const attribute = block.body.attributes.find((a) => a.name === name);
    if (!attribute) return undefined;
    const value = evaluator.evaluate(attribute.value, scope, file);
    // Terraform would interpolate `${aws:username}`, so the provider turns `&{` into `${` in these.
    return { name: attribute, value: ['resources', 'not_resources', 'identifiers', 'values'].includes(name) ? withPolicyVariables(value) : value };
  };
  const memberOf = (name: string, found: { name: { nameSpan: { start: number; end: number } }; value: Value } | undefined): PolicyTreeMember[] =>
    found && found.value.type !== 'null' ? [{ name, namePosition: at(found.name.nameSpan), value: found.value }] : [];

  const statements: { sid: string | null; tree: PolicyTree }[] = [];
  const merge = (incoming: readonly { sid: string | null; tree: PolicyTree }[]) => {
    for (const statement of incoming) {
      const existing = statement.sid ? statements.findIndex((s) => s.sid === statement.sid) : -1;
      if (existing >= 0) statements[existing] = statement;
      else statements.push(statement);
    }
  };
  const fromDocuments = (name: string) => {
    const list = argument(declared.node, name)?.value;
    for (const entry of list?.type === 'array' ? list.elements : []) {
      // Another data source's document: its statements, as written there. JSON text is not read here.
      const tree = entry.type === 'object' ? entry : null;
      if (!tree) partial = true;
      const inner = member(tree ?? undefined, 'Statement');
      const elements = inner?.type === 'array' ? inner.elements : inner ? [inner] : [];
      merge(elements.map((e) => ({ sid: text(member(e, 'Sid')), tree: e })));
    }
  };

  let partial = declared.node.body.blocks.some((b) => b.type === 'dynamic');
  const listed = (name: string) => argument(declared.node, name)?.value;
  for (const name of ['source_policy_documents', 'override_policy_documents']) {
    const list = listed(name);
    if (list && list.type !== 'array' && list.type !== 'null') partial = true;
  }
  fromDocuments('source_policy_documents');
  const own = declared.node.body.blocks.filter((b) => b.type === 'statement').map((block) => {
    const principals = (type: string) => {
      const groups = block.body.blocks.filter((b) => b.type === type);
      if (groups.length === 0) return [];
      const entries = groups.map((g) => ({ block: g, type: argument(g, 'type')?.value, identifiers: argument(g, 'identifiers')?.value }));
      const only = entries.length === 1 ? entries[0]! : undefined;
      const name = type === 'principals' ? 'Principal' : 'NotPrincipal';
      const namePosition = at(groups[0]!.span);
      if (only && text(only.type) === '*' && only.identifiers?.type === 'array' && only.identifiers.elements.length === 1 && text(only.identifiers.elements[0]) === '*') {
        return [{ name, namePosition, value: only.identifiers.elements[0]! }];
      }
      const members: PolicyTreeMember[] = [];
      for (const entry of entries) {
        if (entry.type?.type !== 'string' || !entry.identifiers) {
          // A principal type not known here: the whole element is unknown.
          return [{ name, namePosition, value: evaluator.unknown(file, entry.block.span, evaluator.textOf(file, entry.block.span)) }];
        }
        const existing = members.find((m) => m.name === (entry.type as { value: string }).value);
        const values = entry.identifiers.type === 'array' ? entry.identifiers.elements : [entry.identifiers];
        if (existing?.value.type === 'array') (existing.value.elements as PolicyTree[]).push(...values);
        else members.push({ name: entry.type.value, namePosition: at(entry.block.span), value: { type: 'array', position: entry.identifiers.position, elements: [...values] } });
      }
      return [{ name, namePosition, value: { type: 'object' as const, position: namePosition, members } }];
    };
    const conditions = block.body.blocks.filter((b) => b.type === 'condition');
    const byOperator = new Map<string, { namePosition: SourcePosition; position: SourcePosition; keys: PolicyTreeMember[] }>();
    for (const condition of conditions) {
      const test = argument(condition, 'test')?.value;
      const variable = argument(condition, 'variable')?.value;
      const values = argument(condition, 'values')?.value;
      if (test?.type !== 'string' || variable?.type !== 'string' || !values) continue;
      const operator = byOperator.get(test.value) ?? { namePosition: test.position, position: at(condition.span), keys: [] };
      byOperator.set(test.value, operator);
      operator.keys.push({ name: variable.value, namePosition: variable.position, value: values });
    }
    const conditionMembers: PolicyTreeMember[] = [...byOperator].map(([name, o]) => ({ name, namePosition: o.namePosition, value: { type: 'object', position: o.position, members: o.keys } }));
    const effect = argument(block, 'effect');
    const sid = argument(block, 'sid');
    const members: PolicyTreeMember[] = [
      ...memberOf('Sid', sid),
      effect ? { name: 'Effect', namePosition: at(effect.name.nameSpan), value: effect.value } : { name: 'Effect', namePosition: at(block.span), value: { type: 'string', position: at(block.span), value: 'Allow' } },
      ...memberOf('Action', argument(block, 'actions')),
      ...memberOf('NotAction', argument(block, 'not_actions')),
      ...memberOf('Resource', argument(block, 'resources')),
      ...memberOf('NotResource', argument(block, 'not_resources')),
      ...principals('principals'),
      ...principals('not_principals'),
      ...(conditionMembers.length > 0 ? [{ name: 'Condition', namePosition: at(conditions[0]!.span), value: { type: 'object' as const, position: at(conditions[0]!.span), members: conditionMembers } }] : []),
    ];
    return { sid: text(sid?.value), tree: { type: 'object' as const, position: at(block.span), members } };
  });
  merge(own);
  fromDocuments('override_policy_documents');
  const version = argument(declared.node, 'version');
  const tree: Value = {
    type: 'object',
    position: headerPosition,
    members: [
      version ? { name: 'Version', namePosition: at(version.name.nameSpan), value: version.value } : { name: 'Version', namePosition: headerPosition, value: { type: 'string', position: headerPosition, value: DEFAULT_POLICY_VERSION } },
      { name: 'Statement', namePosition: headerPosition, value: { type: 'array', position: headerPosition, elements: statements.map((s) => s.tree) } },
    ],
  };
  evaluator.objectFiles.set(tree, file);
  if (partial) evaluator.partial.add(tree);
  return tree;
}
