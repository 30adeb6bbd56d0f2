/**
 * Reads a Serverless Framework configuration (`serverless.yml`, v3 and v4) as the CloudFormation
 * template the framework deploys (docs/facts.md#serverless-framework-roles):
 *
 * - the service's role `IamRoleLambdaExecution`, from `provider.iam.role.statements`, the older
 *   `provider.iamRoleStatements`, and `provider.iam.role.managedPolicies` / `provider.iamManagedPolicies`;
 *   unless `provider.iam.role` (or the older `provider.role`) names a role of its own;
 * - each function as `<Name>LambdaFunction`, run as its own `role`, the role the
 *   serverless-iam-roles-per-function plugin makes of its `iamRoleStatements`
 *   (`<Name>IamRoleLambdaExecution`, with the provider's statements when inherited), or the service's;
 * - `resources` (`Resources`, `Outputs`, `Conditions`, `Mappings`), which is CloudFormation.
 *
 * Variables are the framework's, replaced before CloudFormation sees the template: `${self:...}`
 * is resolved when it leads to a value written in the same file, and `${opt:...}` falls back to the
 * default written beside it (`${opt:stage, 'dev'}`: what a deploy without `--stage` gets). Every
 * other variable (`${sls:stage}`, `${env:...}`, `${file(...)}`, `${ssm:...}`) is left as written, a
 * value known only at deploy time (src/policy/variables.ts); statements it stands for leave their
 * role unread. The file is then read by the CloudFormation reader, so positions are the file's own.
 */
import { intrinsicOf } from './cfn-intrinsics.js';
import type { SourcePosition } from './model.js';
import { elements, member, type PolicyTree, type PolicyTreeMember } from './normalise.js';
import { readCloudFormation } from './read-cloudformation.js';
import { documentsOnly, type ReadResult } from './read-json.js';
import { variablesIn } from './variables.js';

type ObjectTree = PolicyTree & { type: 'object' };

/** The role the framework makes for the service's functions, and the suffix of the plugin's per-function roles. */
const SERVICE_ROLE = 'IamRoleLambdaExecution';
const PER_FUNCTION_PLUGIN = 'serverless-iam-roles-per-function';
/** `${self:a}` leading to `${self:b}` ...: deeper chains are left unresolved, as are cycles. */
const MAX_VARIABLE_DEPTH = 16;
/** A value built of variables longer than this is left as written: a few self-references that double each other grow without bound. */
const MAX_RESOLVED_LENGTH = 4096;

export function readServerless(root: ObjectTree, file: string): ReadResult {
  const config = resolveVariables(root);
  const provider = member(config, 'provider');
  const providerName = member(provider, 'name');
  if (providerName?.type !== 'string' || providerName.value !== 'aws') {
    const what = providerName?.type === 'string' ? `for provider "${providerName.value}"` : 'without "provider.name"';
    return documentsOnly([], [{ code: 'unknown-format', message: `A Serverless Framework configuration ${what}: it declares no AWS policies to read.`, position: (providerName ?? provider ?? root).position, fatal: true }]);
  }

  const sections = mergedResources(member(config, 'resources'));
  const userResources = sections.get('Resources') ?? [];
  const resources: PolicyTreeMember[] = [...userResources];
  const declared = new Set(userResources.map((m) => m.name));
  /** A role as a function's or provider's `role` names it: a logical id of `resources` is its ARN; a name or ARN as written. */
  const roleReference = (node: PolicyTree): PolicyTree =>
    node.type === 'string' && declared.has(node.value) ? at(node.position, { 'Fn::GetAtt': { type: 'array', position: node.position, elements: [node, { type: 'string', position: node.position, value: 'Arn' }] } }) : node;

  const iam = member(provider, 'iam');
  const iamRole = member(iam, 'role');
  // `provider.iam.role: MyRole` (or `!GetAtt MyRole.Arn`, an ARN) replaces the service's role; an object with statements configures it.
  const customRole = iamRole && (iamRole.type !== 'object' || intrinsicOf(iamRole)) ? iamRole : member(provider, 'role');
  const roleConfig = iamRole?.type === 'object' && !intrinsicOf(iamRole) ? iamRole : undefined;
  const providerStatements = [entry(roleConfig, 'statements'), entry(provider, 'iamRoleStatements')].filter((e) => e !== undefined);
  const providerManaged = [entry(roleConfig, 'managedPolicies'), entry(provider, 'iamManagedPolicies')].filter((e) => e !== undefined);

  const plugins = member(config, 'plugins');
  // `plugins: [...]`, or `plugins: {modules: [...]}` with a local path beside it.
  const pluginList = plugins?.type === 'array' ? plugins.elements : elements(member(plugins, 'modules'));
  const perFunctionRoles = pluginList.some((p) => p.type === 'string' && p.value === PER_FUNCTION_PLUGIN);
  const defaultInherit = member(member(member(config, 'custom'), PER_FUNCTION_PLUGIN), 'defaultInherit');

  let serviceRoleUsed = false;
  for (const fn of functionsOf(member(config, 'functions'))) {
    const logicalId = `${normalizedName(fn.name)}LambdaFunction`;
    if (declared.has(logicalId)) continue;
    const ownStatements = entry(fn.value, 'iamRoleStatements');
    const ownRole = member(fn.value, 'role');
    let role: PolicyTree;
    if (ownRole) role = roleReference(ownRole);
    else if (perFunctionRoles && ownStatements) {
      const inherit = member(fn.value, 'iamRoleStatementsInherit');
      const inherits = inherit?.type === 'boolean' ? inherit.value : defaultInherit?.type === 'boolean' && defaultInherit.value;
      // The plugin keeps none of the provider's managed policies: only the statements, when inherited.
      const roleId = `${normalizedName(fn.name)}${SERVICE_ROLE}`;
      // The plugin inherits `provider.iam.role.statements` when `provider.iam` is there, else `provider.iamRoleStatements`.
      const inherited = iam ? entry(roleConfig, 'statements') : entry(provider, 'iamRoleStatements');
      resources.push(roleResource(roleId, ownStatements.namePosition, member(fn.value, 'iamRoleStatementsName'), [...(inherits && inherited ? [inherited] : []), ownStatements], []));
      role = getAtt(roleId, ownStatements.namePosition);
    } else if (customRole) role = roleReference(customRole);
    else {
      serviceRoleUsed = true;
      role = getAtt(SERVICE_ROLE, fn.namePosition);
    }
    // The framework packages the service's folder for each function unless told otherwise: that
    // folder is the code presign-audit looks into for presign calls (src/engine/code-evidence.ts).
    const packagedElsewhere = member(fn.value, 'package') !== undefined || member(entry(config, 'package')?.value, 'artifact') !== undefined;
    const code: Record<string, PolicyTree> = packagedElsewhere ? {} : { CodeUri: text('.', fn.namePosition) };
    resources.push({
      name: logicalId,
      namePosition: fn.namePosition,
      value: at(fn.namePosition, { Type: text('AWS::Serverless::Function', fn.namePosition), Properties: at(fn.namePosition, { Role: role, ...code }) }),
    });
  }
  if (serviceRoleUsed && !declared.has(SERVICE_ROLE)) {
    const where = (providerStatements[0] ?? providerManaged[0])?.namePosition ?? entry(config, 'provider')?.namePosition ?? root.position;
    resources.push(roleResource(SERVICE_ROLE, where, member(roleConfig, 'name'), providerStatements, providerManaged));
  }

  const template: ObjectTree = {
    type: 'object',
    position: root.position,
    members: [...sections].filter(([name]) => name !== 'Resources').map(([name, members]) => section(name, members, root.position)).concat(section('Resources', resources, root.position)),
  };
  return readCloudFormation(template, file);
}

/** A member with its name's position, so a synthesised resource can stand where the configuration writes it. */
function entry(node: PolicyTree | undefined, name: string): PolicyTreeMember | undefined {
  return node?.type === 'object' ? node.members.findLast((m) => m.name === name) : undefined;
}

function at(position: SourcePosition, members: Record<string, PolicyTree>): ObjectTree {
  return { type: 'object', position, members: Object.entries(members).map(([name, value]) => ({ name, namePosition: position, value })) };
}

function text(value: string, position: SourcePosition): PolicyTree {
  return { type: 'string', position, value };
}

function section(name: string, members: PolicyTreeMember[], position: SourcePosition): PolicyTreeMember {
  return { name, namePosition: position, value: { type: 'object', position, members } };
}

function getAtt(logicalId: string, position: SourcePosition): PolicyTree {
  return at(position, { 'Fn::GetAtt': { type: 'array', position, elements: [text(logicalId, position), text('Arn', position)] } });
}

/**
 * An `AWS::IAM::Role` as the framework or the plugin deploys it: one inline policy per statement
 * list, and the managed policies. A statement the file does not show (a `${file(...)}` left as
 * written) becomes a policy of its own whose document is unknown, so the role is read as unread.
 */
function roleResource(logicalId: string, position: SourcePosition, name: PolicyTree | undefined, statements: readonly PolicyTreeMember[], managed: readonly PolicyTreeMember[]): PolicyTreeMember {
  const policies: PolicyTree[] = [];
  for (const list of statements) {
    const nodes = list.value.type === 'array' ? list.value.elements : [list.value];
    const known = nodes.filter((n) => n.type === 'object');
    if (known.length > 0) {
      const statementList: PolicyTree = { type: 'array', position: list.value.position, elements: known };
      policies.push(at(list.namePosition, { PolicyDocument: at(list.value.position, { Version: text('2012-10-17', list.value.position), Statement: statementList }) }));
    }
    for (const other of nodes.filter((n) => n.type !== 'object' && n.type !== 'null')) {
      const description = other.type === 'string' ? other.value : `${list.name}`;
      policies.push(at(other.position, { PolicyDocument: { type: 'unknown', position: other.position, description, refs: [] } }));
    }
  }
  const arns = managed.flatMap((m) => (m.value.type === 'array' ? m.value.elements : [m.value]));
  const properties: Record<string, PolicyTree> = {
    Policies: { type: 'array', position, elements: policies },
    ManagedPolicyArns: { type: 'array', position, elements: arns },
  };
  if (name?.type === 'string') properties['RoleName'] = name;
  return { name: logicalId, namePosition: position, value: at(position, { Type: text('AWS::IAM::Role', position), Properties: at(position, properties) }) };
}

/** `resources` as one template's sections: an object, or a list of them (some may be `${file(...)}` the file does not show). */
function mergedResources(node: PolicyTree | undefined): Map<string, PolicyTreeMember[]> {
  const sections = new Map<string, PolicyTreeMember[]>();
  const parts = node?.type === 'array' ? node.elements : node ? [node] : [];
  for (const part of parts) {
    for (const name of ['Resources', 'Outputs', 'Conditions', 'Mappings', 'Parameters']) {
      const value = member(part, name);
      if (value?.type === 'object') sections.set(name, [...(sections.get(name) ?? []), ...value.members]);
    }
  }
  return sections;
}

/** `functions`: an object of functions, or a list of such objects. */
function functionsOf(node: PolicyTree | undefined): PolicyTreeMember[] {
  const parts = node?.type === 'array' ? node.elements : node ? [node] : [];
  return parts.flatMap((part) => (part.type === 'object' ? part.members.filter((m) => m.value.type === 'object') : []));
}

/** The framework's `getNormalizedFunctionName`: `-` and `_` spelt out, the first letter upper case. */
function normalizedName(name: string): string {
  const spelt = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return spelt.charAt(0).toUpperCase() + spelt.slice(1);
}

/**
 * The configuration with the framework's variables that the file itself decides replaced:
 * `${self:path}` by the value at that path (a value standing alone may be an object or a list),
 * `${opt:name, 'default'}` by its default; everything else as written.
 */
function resolveVariables(root: ObjectTree): ObjectTree {
  const done = new Map<PolicyTree, PolicyTree>();
  const resolving = new Set<PolicyTree>();

  const resolveNode = (node: PolicyTree, depth: number): PolicyTree => {
    const cached = done.get(node);
    if (cached) return cached;
    let resolved: PolicyTree;
    if (node.type === 'object') resolved = { ...node, members: node.members.map((m) => ({ ...m, value: resolveNode(m.value, depth) })) };
    else if (node.type === 'array') resolved = { ...node, elements: node.elements.map((e) => resolveNode(e, depth)) };
    else if (node.type === 'string') resolved = resolveString(node, depth);
    else resolved = node;
    done.set(node, resolved);
    return resolved;
  };

  const resolveString = (node: PolicyTree & { type: 'string' }, depth: number): PolicyTree => {
    const variables = variablesIn(node.value).filter((v) => v.kind === 'deploy-time');
    if (variables.length === 0) return node;
    const only = variables[0]!;
    if (variables.length === 1 && only.start === 0 && only.end === node.value.length) {
      const value = valueOf(only.body, depth);
      if (value && value.type !== 'string' && value.type !== 'number' && value.type !== 'boolean') return value;
    }
    let out = '';
    let last = 0;
    for (const variable of variables) {
      const value = valueOf(variable.body, depth);
      const scalar = value?.type === 'string' || value?.type === 'number' || value?.type === 'boolean' ? String(value.value) : null;
      out += node.value.slice(last, variable.start) + (scalar ?? node.value.slice(variable.start, variable.end));
      last = variable.end;
    }
    out += node.value.slice(last);
    return out.length > MAX_RESOLVED_LENGTH ? node : { ...node, value: out };
  };

  /** The value of one variable, or null when the file does not decide it. */
  const valueOf = (body: string, depth: number): PolicyTree | null => {
    if (depth >= MAX_VARIABLE_DEPTH) return null;
    for (const option of splitOptions(body)) {
      const literal = /^(['"])(.*)\1$/.exec(option);
      if (literal) return { type: 'string', position: root.position, value: literal[2]! };
      if (/^-?\d+(\.\d+)?$/.test(option)) return { type: 'string', position: root.position, value: option };
      if (option.startsWith('self:')) {
        const target = option.slice('self:'.length).split('.').filter(Boolean).reduce<PolicyTree | undefined>((node, key) => member(node, key), root);
        // Missing: the framework tries the next option. Being resolved: a cycle, never decided.
        if (!target) continue;
        if (resolving.has(target)) return null;
        resolving.add(target);
        try {
          return resolveNode(target, depth + 1);
        } finally {
          resolving.delete(target);
        }
      }
      // A command-line option a deploy may not give: its default, when one follows.
      if (option.startsWith('opt:')) continue;
      return null;
    }
    return null;
  };

  return resolveNode(root, 0) as ObjectTree;
}

/** `self:custom.bucket, 'uploads'` → its options, split at the commas outside quotes and nested variables. */
function splitOptions(body: string): string[] {
  const options: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      options.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  options.push(body.slice(start).trim());
  return options;
}
