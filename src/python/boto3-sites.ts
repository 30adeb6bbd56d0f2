/**
 * Finds boto3 presign calls in one Python module and reads each into the presign site model
 * (src/presign/site.ts) that every code check consumes:
 * `client.generate_presigned_url(ClientMethod, Params, ExpiresIn, HttpMethod)` and
 * `client.generate_presigned_post(Bucket, Key, Fields, Conditions, ExpiresIn)`, by keyword or by
 * position (botocore signers.py), on clients from `boto3.client('s3')`, `session.client('s3')`
 * (`boto3.Session` / `boto3.session.Session`) and `boto3.resource('s3').meta.client`, followed
 * through names assigned once, parameters (their default and what local callers pass) and local
 * factory functions.
 *
 * The client's settings use the model's names, so the checks read them whatever the language:
 * `region` (boto3 `region_name`) and `signatureVersion` (botocore `Config(signature_version=...)`).
 */
import { PRESIGN_APIS, type ApiId } from '../presign/apis.js';
import { BOTO3_SIGV2_DEFAULT_REGIONS } from '../presign/sigv2-regions.js';
import { asHttpMethod, methodOfOperation, operationName } from '../presign/commands.js';
import type { CredentialSourceKind } from '../presign/credentials.js';
import { singleValue, type Possible } from '../presign/possible.js';
import { withLazyFlows, type ClientInfo, type CredentialsInfo, type MethodInfo, type NamedValues, type PostCondition, type PostPolicyInfo, type PresignSite, type SiteField } from '../presign/site.js';
import type { PythonEvaluator } from './evaluate.js';
import type { Binding, PythonModule } from './scope.js';
import { argument, child, descendants, hasSplat, keywordArguments, namedChildren, returnValues, unwrap, type PyNode } from './syntax.js';
import { followPresignResult } from './url-flow.js';

export type PySite = PresignSite<PyNode>;

/**
 * The site fields this reader fills. boto3 has no `signableHeaders` option (botocore signs the
 * headers the request carries), so null is what it is, not a gap.
 */
export const PYTHON_FILLS: ReadonlySet<SiteField> = new Set<SiteField>(['expiry', 'method', 'operation', 'client', 'credentials', 'sigv4', 'parameters', 'signableHeaders', 'post', 'flows']);

const PRESIGN_METHODS: Readonly<Record<string, ApiId>> = {
  generate_presigned_url: 'boto3.generate_presigned_url',
  generate_presigned_post: 'boto3.generate_presigned_post',
};

/** boto3.client / Session.client / boto3.resource: `(service_name, region_name, api_version, use_ssl, verify, endpoint_url, aws_access_key_id, aws_secret_access_key, aws_session_token, config)`. */
const CLIENT_POSITIONS: Readonly<Record<string, number>> = {
  service_name: 0,
  region_name: 1,
  aws_access_key_id: 6,
  aws_secret_access_key: 7,
  aws_session_token: 8,
  config: 9,
};

/** boto3.Session: `(aws_access_key_id, aws_secret_access_key, aws_session_token, region_name, botocore_session, profile_name)`. */
const SESSION_POSITIONS: Readonly<Record<string, number>> = {
  aws_access_key_id: 0,
  aws_secret_access_key: 1,
  aws_session_token: 2,
  region_name: 3,
  profile_name: 5,
};

const SESSION_CLASSES: ReadonlySet<string> = new Set(['boto3.Session', 'boto3.session.Session']);
const CONFIG_CLASSES: ReadonlySet<string> = new Set(['botocore.config.Config', 'botocore.client.Config', 'boto3.session.Config']);

/** STS calls whose `Credentials` sign for a limited time, with the source they stand for. */
const STS_CREDENTIAL_CALLS: Readonly<Record<string, CredentialSourceKind>> = {
  assume_role: 'assumeRole',
  assume_role_with_saml: 'assumeRole',
  assume_role_with_web_identity: 'webIdentity',
};

/** Lambda handler names: the console's default and the usual alternative. */
const HANDLER_NAMES: ReadonlySet<string> = new Set(['lambda_handler', 'handler']);

/** The `${filename}` placeholder S3 replaces with the uploaded file's name. */
const FILENAME_PLACEHOLDER = '${filename}';

const MAX_DEPTH = 20;

/** List and dict methods that read without changing: a call of one leaves the value as written. */
const READING_METHODS: ReadonlySet<string> = new Set(['copy', 'count', 'index', 'get', 'items', 'keys', 'values']);
/** Builtins that read their argument without changing it. */
const READING_BUILTINS: ReadonlySet<string> = new Set(['len', 'print', 'str', 'repr', 'list', 'tuple', 'dict', 'sorted', 'any', 'all']);

/** Where a receiver was made: a boto3 client (with its service when constant), something else made here, or not known. */
type ClientOrigin = { kind: 'client'; info: ClientInfo<PyNode>; service: string | null } | { kind: 'other' } | { kind: 'unknown' };

interface Made {
  /** The `boto3.client(...)`, `session.client(...)` or `boto3.resource(...)` call. */
  readonly call: PyNode;
  /** The `boto3.Session(...)` call it was made from; null for boto3's default session. */
  readonly session: PyNode | null;
}

export function boto3Sites(module: PythonModule, evaluator: PythonEvaluator): PySite[] {
  return new Boto3Reader(module, evaluator).sites();
}

class Boto3Reader {
  private readonly lambdaModule: boolean;
  private readonly clients = new Map<PyNode, ClientOrigin>();

  constructor(
    private readonly module: PythonModule,
    private readonly evaluator: PythonEvaluator,
  ) {
    this.lambdaModule = module.moduleFunctions().some(isLambdaHandler);
  }

  sites(): PySite[] {
    const out: PySite[] = [];
    for (const node of descendants(this.module.root)) {
      if (node.type !== 'call') continue;
      const callee = child(node, 'function');
      const method = callee?.type === 'attribute' ? child(callee, 'attribute')?.text : undefined;
      const receiver = callee && child(callee, 'object');
      const apiId = method ? PRESIGN_METHODS[method] : undefined;
      if (!apiId || !receiver) continue;
      const site = this.site(node, apiId, this.clientOrigin(receiver, 0));
      if (site) out.push(site);
    }
    return out;
  }

  private site(call: PyNode, apiId: ApiId, origin: ClientOrigin): PySite | null {
    if (origin.kind === 'other') return null;
    // Every botocore client has the method; only S3's are presign sites here.
    if (origin.kind === 'client' && origin.service !== null && origin.service !== 's3') return null;
    const client = origin.kind === 'client' ? origin.info : null;
    const base = { api: PRESIGN_APIS[apiId], node: call, client, sigv4: signsWithSigV4(client), signableHeaders: null };
    if (apiId === 'boto3.generate_presigned_url') {
      const clientMethod = argument(call, 0, 'ClientMethod');
      const params = argument(call, 1, 'Params');
      const operation = clientMethod ? this.operation(clientMethod) : null;
      // A receiver made elsewhere is read only when the call has the shape of an S3 presign.
      if (!client && !(operation && methodOfOperation(operation)) && !(params && this.namedValues(params).entries.has('Bucket'))) return null;
      return this.withFlows({
        ...base,
        expiry: this.expiry(call, 2),
        method: this.method(call, clientMethod, operation),
        operation,
        parameters: params ? this.namedValues(params) : null,
        post: null,
      });
    }
    const bucket = argument(call, 0, 'Bucket');
    const key = argument(call, 1, 'Key');
    if (!client && !(bucket && key)) return null;
    return this.withFlows({
      ...base,
      expiry: this.expiry(call, 4),
      method: { kind: 'known', method: 'POST' },
      operation: 'PutObject',
      parameters: null,
      post: this.postPolicy(call, key),
    });
  }

  /** Where the site's result goes, followed through the module when a check first reads it. */
  private withFlows(site: Omit<PySite, 'flows'>): PySite {
    const { module, evaluator } = this;
    return withLazyFlows(site, (full) => followPresignResult(module, evaluator, full));
  }

  private expiry(call: PyNode, index: number): PySite['expiry'] {
    const node = argument(call, index, 'ExpiresIn');
    if (!node || isNone(node)) return null;
    return { node, seconds: this.evaluator.evaluate(node) };
  }

  /** `'get_object'` -> `GetObject`. */
  private operation(clientMethod: PyNode): string | null {
    const name = this.evaluator.constantString(clientMethod);
    if (name === null || !/^[a-z][a-z0-9_]*$/.test(name)) return null;
    const camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    return operationName(camel) ?? camel.charAt(0).toUpperCase() + camel.slice(1);
  }

  /** `HttpMethod` when given; otherwise botocore signs the operation's own method. */
  private method(call: PyNode, clientMethod: PyNode | null, operation: string | null): MethodInfo<PyNode> {
    const httpMethod = argument(call, 3, 'HttpMethod');
    if (httpMethod && !isNone(httpMethod)) {
      const value = singleValue(this.evaluator.evaluate(httpMethod));
      const method = value ? asHttpMethod(value.value) : null;
      return method ? { kind: 'known', method } : { kind: 'unknown', reason: 'method-not-constant', node: httpMethod };
    }
    if (!operation) return { kind: 'unknown', reason: 'operation-not-constant', node: clientMethod ?? call };
    const method = methodOfOperation(operation);
    const clientMethodName = clientMethod ? this.evaluator.constantString(clientMethod) : null;
    return method
      ? { kind: 'known', method, implicit: { node: clientMethod ?? call, parameter: 'HttpMethod', operation: clientMethodName ?? operation } }
      : { kind: 'unknown', reason: 'not-in-catalogue', node: clientMethod ?? call };
  }

  /** A dict the code passes (`{'Bucket': b}`, `dict(Bucket=b)`, a name bound to one), key by key. */
  private namedValues(raw: PyNode, depth = 0): NamedValues<PyNode> {
    const node = unwrap(raw);
    const entries = new Map<string, { node: PyNode; value: Possible }>();
    if (node.type === 'identifier' && depth < MAX_DEPTH) {
      const binding = this.module.lookup(node.text, node);
      if (binding && binding !== 'ambiguous' && binding.kind === 'assign') {
        const held = this.namedValues(binding.value, depth + 1);
        const changes = this.changes(node.text, binding);
        if (changes === null) return { ...held, node: raw, complete: false };
        const merged = new Map(held.entries);
        for (const { key, value } of changes.setItems) {
          const name = this.evaluator.constantString(key);
          if (name === null) return { node: raw, entries: merged, complete: false };
          merged.set(name, { node: value, value: this.evaluator.evaluate(value) });
        }
        return { node: raw, entries: merged, complete: held.complete && changes.added.length === 0 };
      }
    }
    if (node.type === 'dictionary') {
      let complete = true;
      for (const item of namedChildren(node)) {
        const key = item.type === 'pair' ? child(item, 'key') : null;
        const value = item.type === 'pair' ? child(item, 'value') : null;
        const name = key ? this.evaluator.constantString(key) : null;
        if (name === null || !value) complete = false;
        else entries.set(name, { node: value, value: this.evaluator.evaluate(value) });
      }
      return { node: raw, entries, complete };
    }
    if (node.type === 'call' && child(node, 'function')?.type === 'identifier' && child(node, 'function')!.text === 'dict' && this.module.lookup('dict', node) === null) {
      for (const { name, value } of keywordArguments(node)) entries.set(name, { node: value, value: this.evaluator.evaluate(value) });
      const positional = namedChildren(child(node, 'arguments')!).some((a) => a.type !== 'keyword_argument');
      return { node: raw, entries, complete: !positional };
    }
    return { node: raw, entries, complete: false };
  }

  /**
   * The policy botocore builds: the `Conditions` list, then `{'bucket': Bucket}` and the key
   * condition it appends itself (`starts-with $key` when `Key` ends in `${filename}`). `Fields`
   * add no conditions (botocore signers.py generate_presigned_post).
   */
  private postPolicy(call: PyNode, key: PyNode | null): PostPolicyInfo<PyNode> {
    const list = argument(call, 3, 'Conditions');
    const conditions: PostCondition<PyNode>[] = [];
    let complete = true;
    if (list && !isNone(list)) {
      const items = this.listItems(list);
      if (!items) complete = false;
      for (const item of items ?? []) {
        const read = this.condition(item);
        if (read) conditions.push(...read);
        else complete = false;
      }
    }
    const bucket = argument(call, 0, 'Bucket');
    if (bucket) conditions.push({ kind: 'eq', field: 'bucket', value: this.evaluator.constantString(bucket), node: bucket });
    if (key) conditions.push(this.keyCondition(key));
    else complete = false;
    return { node: list && !isNone(list) ? list : call, conditions, complete };
  }

  private listItems(raw: PyNode, depth = 0): PyNode[] | null {
    const node = unwrap(raw);
    if (node.type === 'identifier' && depth < MAX_DEPTH) {
      const binding = this.module.lookup(node.text, node);
      if (!binding || binding === 'ambiguous' || binding.kind !== 'assign') return null;
      const items = this.listItems(binding.value, depth + 1);
      const changes = items && this.changes(node.text, binding);
      if (!items || !changes || changes.setItems.length > 0) return null;
      const added: PyNode[] = [];
      for (const item of changes.added) {
        if (item.kind === 'one') added.push(item.node);
        else {
          const more = this.listItems(item.node, depth + 1);
          if (!more) return null;
          added.push(...more);
        }
      }
      return [...items, ...added];
    }
    if (node.type !== 'list' && node.type !== 'tuple') return null;
    const items = namedChildren(node);
    // `[*base, ...]` holds conditions made elsewhere.
    return items.some((i) => i.type === 'list_splat') ? null : items;
  }

  /**
   * What the module does to the list or dict a name holds, besides reading it: items added
   * (`.append(x)`, `.insert(i, x)`, `.extend(xs)`) and keys set (`d['ContentType'] = ct`). Null
   * when it may change it in a way that cannot be read: another method (`.update`, `.pop`), a
   * computed store, or a call other than a presign call that is handed it and may change it.
   * Where the change sits relative to the presign call is not read: a change anywhere counts.
   */
  private changes(name: string, binding: Binding): { added: ({ kind: 'one' | 'many'; node: PyNode })[]; setItems: { key: PyNode; value: PyNode }[] } | null {
    const added: { kind: 'one' | 'many'; node: PyNode }[] = [];
    const setItems: { key: PyNode; value: PyNode }[] = [];
    for (const reference of this.module.references(name, binding)) {
      const parent = reference.parent;
      if (!parent) continue;
      if (parent.type === 'attribute' && child(parent, 'object') === reference) {
        const method = child(parent, 'attribute')?.text ?? '';
        const call = parent.parent?.type === 'call' && child(parent.parent, 'function') === parent ? parent.parent : null;
        if (READING_METHODS.has(method)) continue;
        const item = call && (method === 'append' ? argument(call, 0, '') : method === 'insert' ? argument(call, 1, '') : null);
        if (item) added.push({ kind: 'one', node: item });
        else if (call && method === 'extend' && argument(call, 0, '')) added.push({ kind: 'many', node: argument(call, 0, '')! });
        else return null;
        continue;
      }
      if (parent.type === 'subscript' && child(parent, 'value') === reference) {
        const assignment = parent.parent;
        if (assignment?.type === 'augmented_assignment' && child(assignment, 'left') === parent) return null;
        if (assignment?.type !== 'assignment' || child(assignment, 'left') !== parent) continue;
        const key = child(parent, 'subscript');
        const value = child(assignment, 'right');
        if (!key || !value) return null;
        setItems.push({ key, value });
        continue;
      }
      if (this.handedToOtherCall(reference)) return null;
    }
    return { added, setItems };
  }

  /** The name is an argument of a call that is not a presign call: that call may change what it holds. */
  private handedToOtherCall(reference: PyNode): boolean {
    const holder = reference.parent?.type === 'keyword_argument' ? reference.parent.parent : reference.parent;
    if (holder?.type !== 'argument_list') return false;
    const callee = holder.parent && child(holder.parent, 'function');
    if (callee?.type === 'identifier' && READING_BUILTINS.has(callee.text) && this.module.lookup(callee.text, callee) === null) return false;
    const method = callee?.type === 'attribute' ? child(callee, 'attribute')?.text : undefined;
    return !(method && method in PRESIGN_METHODS);
  }

  /** `["starts-with", "$key", "u/"]`, `["content-length-range", 1, 10]`, `{"acl": "private"}`. */
  private condition(raw: PyNode): PostCondition<PyNode>[] | null {
    const node = unwrap(raw);
    if (node.type === 'dictionary') {
      const values = this.namedValues(node);
      if (!values.complete) return null;
      return [...values.entries].map(([field, entry]) => ({ kind: 'eq' as const, field: postField(field), value: stringOf(entry.value), node: entry.node }));
    }
    const items = this.listItems(node);
    if (!items) return null;
    const [first, second, third] = items;
    const operator = first ? this.evaluator.constantString(first)?.toLowerCase() : undefined;
    if (operator === 'content-length-range') return [{ kind: 'content-length-range', node: raw }];
    if (operator !== 'eq' && operator !== 'starts-with') return null;
    const field = second ? this.evaluator.constantString(second) : null;
    if (field === null) return null;
    const value = third ? this.evaluator.constantString(third) : null;
    return [{ kind: operator, field: postField(field), value, node: raw }];
  }

  private keyCondition(node: PyNode): PostCondition<PyNode> {
    const value = this.evaluator.constantString(node);
    if (value?.endsWith(FILENAME_PLACEHOLDER)) {
      return { kind: 'starts-with', field: 'key', value: value.slice(0, value.lastIndexOf(FILENAME_PLACEHOLDER)), node };
    }
    return { kind: 'eq', field: 'key', value, node };
  }

  /** Where the receiver of a presign call was made. */
  private clientOrigin(raw: PyNode, depth: number): ClientOrigin {
    const node = unwrap(raw);
    if (depth > MAX_DEPTH) return { kind: 'unknown' };
    const cached = this.clients.get(node);
    if (cached) return cached;
    // Cycles (`a = b; b = a` through parameters) end as unknown.
    this.clients.set(node, { kind: 'unknown' });
    const origin = this.readOrigin(node, depth);
    this.clients.set(node, origin);
    return origin;
  }

  private readOrigin(node: PyNode, depth: number): ClientOrigin {
    switch (node.type) {
      case 'identifier': {
        const binding = this.module.lookup(node.text, node);
        if (!binding || binding === 'ambiguous' || binding.kind === 'import') return { kind: 'unknown' };
        if (binding.kind === 'assign') return this.clientOrigin(binding.value, depth + 1);
        if (binding.kind === 'parameter') {
          const { values, complete } = this.module.parameterSources(binding);
          return complete ? this.sameOrigin(values.map((value) => this.clientOrigin(value, depth + 1))) : { kind: 'unknown' };
        }
        return binding.kind === 'def' ? { kind: 'other' } : { kind: 'unknown' };
      }
      case 'attribute': {
        // `boto3.resource('s3').meta.client`
        const object = child(node, 'object');
        const meta = object && unwrap(object);
        if (child(node, 'attribute')?.text === 'client' && meta?.type === 'attribute' && child(meta, 'attribute')?.text === 'meta') {
          const made = this.made(child(meta, 'object')!, 'resource', depth);
          return made ? this.clientInfo(made) : { kind: 'unknown' };
        }
        // `self.s3` set in `__init__` (or a class attribute). A `None` placeholder
        // (`self._s3 = None` before a lazy `boto3.client`) cannot be the receiver of a call.
        const sources = this.module.attributeSources(node);
        if (!sources?.complete) return { kind: 'unknown' };
        const values = sources.values.filter((value) => !isNone(value));
        return values.length > 0 ? this.sameOrigin(values.map((value) => this.clientOrigin(value, depth + 1))) : { kind: 'unknown' };
      }
      case 'call': {
        const made = this.made(node, 'client', depth);
        if (made) return this.clientInfo(made);
        return this.factoryOrigin(node, depth);
      }
      case 'dictionary':
      case 'list':
      case 'tuple':
      case 'string':
      case 'integer':
      case 'none':
        return { kind: 'other' };
      default:
        return { kind: 'unknown' };
    }
  }

  /** Several possible receivers are one client only when they are the same client. */
  private sameOrigin(origins: ClientOrigin[]): ClientOrigin {
    const first = origins[0];
    if (first?.kind !== 'client') return { kind: origins.every((o) => o.kind === 'other') && first ? 'other' : 'unknown' };
    return origins.every((o) => o.kind === 'client' && o.info.node === first.info.node) ? first : { kind: 'unknown' };
  }

  /** `make_s3()` of a local `def` whose every `return` gives the same client. */
  private factoryOrigin(call: PyNode, depth: number): ClientOrigin {
    const callee = child(call, 'function');
    if (callee?.type !== 'identifier') return { kind: 'unknown' };
    const binding = this.module.lookup(callee.text, callee);
    if (!binding || binding === 'ambiguous' || binding.kind !== 'def' || binding.node.type !== 'function_definition') return { kind: 'unknown' };
    const returned = returnValues(binding.node);
    return returned.length > 0 ? this.sameOrigin(returned.map((value) => this.clientOrigin(value, depth + 1))) : { kind: 'unknown' };
  }

  /** `boto3.client(...)` / `session.client(...)` (kind `client`) or `boto3.resource(...)` / `session.resource(...)`. */
  private made(raw: PyNode, kind: 'client' | 'resource', depth: number): Made | null {
    const node = unwrap(raw);
    if (node.type === 'identifier' || node.type === 'attribute') {
      const value = depth < MAX_DEPTH ? this.module.assignedValue(node) : null;
      return value ? this.made(value, kind, depth + 1) : null;
    }
    const callee = node.type === 'call' ? child(node, 'function') : null;
    if (!callee) return null;
    if (this.module.qualifiedName(callee) === `boto3.${kind}`) return { call: node, session: null };
    if (callee.type === 'attribute' && child(callee, 'attribute')?.text === kind) {
      const session = this.session(child(callee, 'object')!, depth + 1);
      if (session) return { call: node, session };
    }
    return null;
  }

  /** The `boto3.Session(...)` call a session expression comes from. */
  private session(raw: PyNode, depth: number): PyNode | null {
    const node = unwrap(raw);
    if (depth > MAX_DEPTH) return null;
    if (node.type === 'identifier' || node.type === 'attribute') {
      const value = this.module.assignedValue(node);
      return value ? this.session(value, depth + 1) : null;
    }
    const callee = node.type === 'call' ? child(node, 'function') : null;
    const name = callee && this.module.qualifiedName(callee);
    return name && SESSION_CLASSES.has(name) ? node : null;
  }

  private clientInfo(made: Made): ClientOrigin {
    const service = argument(made.call, CLIENT_POSITIONS['service_name']!, 'service_name');
    const serviceName = service ? this.evaluator.constantString(service) : null;
    const clientArg = (name: string) => argument(made.call, CLIENT_POSITIONS[name]!, name);
    const sessionArg = (name: string) => (made.session ? argument(made.session, SESSION_POSITIONS[name]!, name) : null);
    const settings = new Map<string, { node: PyNode; value: Possible }>();
    let settingsComplete = !hasSplat(made.call) && !(made.session && hasSplat(made.session));

    const config = clientArg('config');
    const configCall = config && !isNone(config) ? this.configCall(config) : null;
    if (config && !isNone(config) && (!configCall || hasSplat(configCall))) settingsComplete = false;
    const signatureVersion = configCall && argument(configCall, null, 'signature_version');
    if (signatureVersion) settings.set('signatureVersion', { node: signatureVersion, value: this.evaluator.evaluate(signatureVersion) });
    // The client's region wins over its Config's, which wins over the session's (boto3 session.py).
    const region = clientArg('region_name') ?? (configCall && argument(configCall, 0, 'region_name')) ?? sessionArg('region_name');
    if (region && !isNone(region)) settings.set('region', { node: region, value: this.evaluator.evaluate(region) });

    const credentials = this.credentials(made, clientArg, sessionArg);
    return { kind: 'client', service: serviceName, info: { node: made.call, settings, settingsComplete, credentials } };
  }

  /** `Config(...)` from botocore, inline or through a name. */
  private configCall(raw: PyNode, depth = 0): PyNode | null {
    const node = unwrap(raw);
    if ((node.type === 'identifier' || node.type === 'attribute') && depth < MAX_DEPTH) {
      const value = this.module.assignedValue(node);
      return value ? this.configCall(value, depth + 1) : null;
    }
    const callee = node.type === 'call' ? child(node, 'function') : null;
    const name = callee && this.module.qualifiedName(callee);
    return name && CONFIG_CLASSES.has(name) ? node : null;
  }

  /**
   * Explicit keys on the client win over the session's (boto3 session.py). A session token makes
   * them temporary: for as long as the STS call that issued them says, when the code shows it.
   * Without keys a profile is a shared-config profile, and in a Lambda handler module the
   * default chain finds the execution role.
   */
  private credentials(made: Made, clientArg: (name: string) => PyNode | null, sessionArg: (name: string) => PyNode | null): CredentialsInfo<PyNode> {
    const given = (name: string) => {
      const node = clientArg(name) ?? sessionArg(name);
      return node && !isNone(node) ? node : null;
    };
    const token = given('aws_session_token');
    if (token) {
      const sts = this.stsCall(token, 0);
      if (sts) {
        const duration = argument(sts.call, null, 'DurationSeconds');
        return { kind: 'temporary', source: sts.source, node: sts.call, durationSeconds: duration ? this.evaluator.evaluate(duration) : null };
      }
      return { kind: 'temporary', source: 'sessionToken', node: token, durationSeconds: null };
    }
    const accessKey = given('aws_access_key_id');
    if (accessKey) return { kind: 'long-term', node: accessKey };
    const profile = sessionArg('profile_name');
    if (profile && !isNone(profile)) return { kind: 'temporary', source: 'ini', node: profile, durationSeconds: null };
    if (this.lambdaModule) return { kind: 'temporary', source: 'lambdaRole', node: made.call, durationSeconds: null };
    return { kind: 'unknown' };
  }

  /** `creds['SessionToken']` where `creds = sts.assume_role(...)['Credentials']`. */
  private stsCall(raw: PyNode, depth: number): { call: PyNode; source: CredentialSourceKind } | null {
    const node = unwrap(raw);
    if (depth > MAX_DEPTH) return null;
    if (node.type === 'subscript') return this.stsCall(child(node, 'value')!, depth + 1);
    if (node.type === 'identifier') {
      const binding = this.module.lookup(node.text, node);
      return binding && binding !== 'ambiguous' && binding.kind === 'assign' ? this.stsCall(binding.value, depth + 1) : null;
    }
    const callee = node.type === 'call' ? child(node, 'function') : null;
    const method = callee?.type === 'attribute' ? child(callee, 'attribute')?.text : undefined;
    const source = method ? STS_CREDENTIAL_CALLS[method] : undefined;
    return source ? { call: node, source } : null;
  }
}

/** A module-level `def lambda_handler(...)` / `def handler(...)`, or any `def f(event, context)`. */
function isLambdaHandler(fn: PyNode): boolean {
  if (HANDLER_NAMES.has(child(fn, 'name')?.text ?? '')) return true;
  const parameters = child(fn, 'parameters');
  const names = parameters ? namedChildren(parameters).map((p) => p.text) : [];
  return names.length === 2 && names[0] === 'event' && names[1] === 'context';
}

/** True when the signature is known: SigV4 when `Config` says so or the region never had SigV2. */
export function signsWithSigV4(client: ClientInfo<PyNode> | null): boolean | null {
  if (!client) return null;
  const version = client.settings.get('signatureVersion');
  if (version) {
    const value = singleValue(version.value);
    if (!value || typeof value.value !== 'string') return null;
    return value.value.startsWith('s3v4') || value.value.startsWith('v4');
  }
  if (!client.settingsComplete) return null;
  const region = client.settings.get('region');
  const name = region ? singleValue(region.value) : null;
  if (typeof name?.value !== 'string') return null;
  return !BOTO3_SIGV2_DEFAULT_REGIONS.has(name.value);
}

function isNone(node: PyNode): boolean {
  return unwrap(node).type === 'none';
}

/** `$Content-Type` -> `content-type`: S3 compares form field names case-insensitively. */
function postField(raw: string): string {
  return raw.replace(/^\$/, '').toLowerCase();
}

function stringOf(value: Possible): string | null {
  const single = singleValue(value);
  return typeof single?.value === 'string' ? single.value : null;
}
