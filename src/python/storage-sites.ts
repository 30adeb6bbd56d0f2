/**
 * Presign calls of the Python MinIO SDK and of google-cloud-storage, read into the presign site
 * model like boto3's (src/python/boto3-sites.ts):
 *
 * - minio 7.2 `Minio.presigned_get_object(bucket_name, object_name, expires=timedelta(days=7))`,
 *   `presigned_put_object(...)` (same arguments), `get_presigned_url(method, bucket_name,
 *   object_name, expires=timedelta(days=7))` and `presigned_post_policy(policy)` with a
 *   `PostPolicy(bucket_name, expiration)` whose conditions the module adds (minio/api.py and
 *   minio/datatypes.py; minio 8 takes the same names as keywords);
 * - google-cloud-storage `Blob.generate_signed_url(expiration=None, api_access_endpoint=None,
 *   method='GET', ..., version=None)`, V2 unless `version='v4'` (blob.py).
 *
 * A call is read only on a receiver the module shows to be the SDK's: a `Minio(...)`, a blob of a
 * bucket of a `storage.Client(...)`, through names, `self` attributes, parameters typed with the
 * SDK's class and local factories. An application's own `presigned_get_object` or
 * `generate_signed_url` is never taken for the SDK's.
 */
import { PRESIGN_APIS, type ApiId } from '../presign/apis.js';
import { asHttpMethod } from '../presign/commands.js';
import { UNKNOWN, singleValue, type Possible } from '../presign/possible.js';
import { withLazyFlows, type ClientInfo, type CredentialsInfo, type MethodInfo, type PostCondition, type PostPolicyInfo } from '../presign/site.js';
import type { PySite } from './boto3-sites.js';
import type { PythonEvaluator } from './evaluate.js';
import type { PythonModule } from './scope.js';
import { argument, child, descendants, hasSplat, namedChildren, returnValues, unwrap, type PyNode } from './syntax.js';
import { followPresignResult } from './url-flow.js';

const MINIO_METHODS: Readonly<Record<string, ApiId>> = {
  presigned_get_object: 'minio-py.presigned_get_object',
  presigned_put_object: 'minio-py.presigned_put_object',
  get_presigned_url: 'minio-py.get_presigned_url',
  presigned_post_policy: 'minio-py.presigned_post_policy',
};

/** `Minio(endpoint, access_key, secret_key, session_token, secure, region, ...)` (minio 7.2 api.py). */
const MINIO_POSITIONS = { access_key: 1, session_token: 3, region: 5 } as const;

/** Calls that make a google-cloud-storage client. */
const GCS_CLIENTS: ReadonlySet<string> = new Set([
  'google.cloud.storage.Client',
  'google.cloud.storage.Client.from_service_account_json',
  'google.cloud.storage.Client.from_service_account_info',
  'google.cloud.storage.Client.create_anonymous_client',
  'google.cloud.storage.client.Client',
]);
const GCS_BUCKETS: ReadonlySet<string> = new Set(['google.cloud.storage.Bucket', 'google.cloud.storage.bucket.Bucket']);
const GCS_BLOBS: ReadonlySet<string> = new Set(['google.cloud.storage.Blob', 'google.cloud.storage.blob.Blob', 'google.cloud.storage.Blob.from_string']);
/** Methods that give a bucket from a client, and a blob from a bucket. */
const BUCKET_GETTERS: ReadonlySet<string> = new Set(['bucket', 'get_bucket', 'lookup_bucket']);
const BLOB_GETTERS: ReadonlySet<string> = new Set(['blob', 'get_blob']);

/** `generate_signed_url(expiration, api_access_endpoint, method, ..., version)`: `version` is the 14th parameter. */
const GCS_VERSION_POSITION = 13;

/** Calls that give the current time: a `datetime`, or seconds since the epoch (`time.time()`). */
const NOW_DATETIME: ReadonlySet<string> = new Set(['datetime.datetime.now', 'datetime.datetime.utcnow', 'datetime.datetime.today', 'django.utils.timezone.now']);
const NOW_EPOCH: ReadonlySet<string> = new Set(['time.time']);

/** PostPolicy methods that add a condition (minio datatypes.py). */
const POLICY_CONDITIONS: ReadonlySet<string> = new Set(['add_equals_condition', 'add_starts_with_condition', 'add_content_length_range_condition']);

const MAX_DEPTH = 20;

type SdkObject = { kind: 'minio'; call: PyNode | null } | { kind: 'gcs-client' | 'gcs-bucket' | 'gcs-blob' };

export function storageSites(module: PythonModule, evaluator: PythonEvaluator): PySite[] {
  return new StorageReader(module, evaluator).sites();
}

class StorageReader {
  private readonly objects = new Map<PyNode, SdkObject | null>();

  constructor(
    private readonly module: PythonModule,
    private readonly evaluator: PythonEvaluator,
  ) {}

  sites(): PySite[] {
    const out: PySite[] = [];
    for (const node of descendants(this.module.root)) {
      if (node.type !== 'call') continue;
      const callee = child(node, 'function');
      const name = callee?.type === 'attribute' ? child(callee, 'attribute')?.text : undefined;
      const receiver = callee && child(callee, 'object');
      if (!name || !receiver || !(name in MINIO_METHODS || name === 'generate_signed_url')) continue;
      const object = this.objectOf(receiver, 0);
      if (object?.kind === 'minio' && name in MINIO_METHODS) out.push(this.minioSite(node, MINIO_METHODS[name]!, object.call));
      if (object?.kind === 'gcs-blob' && name === 'generate_signed_url') out.push(this.gcsSite(node));
    }
    return out;
  }

  private minioSite(call: PyNode, apiId: ApiId, client: PyNode | null): PySite {
    const base = { api: PRESIGN_APIS[apiId], node: call, client: client ? this.minioClient(client) : null, sigv4: true, parameters: null, signableHeaders: null };
    if (apiId === 'minio-py.presigned_post_policy') {
      const policy = argument(call, 0, 'policy');
      const read = policy ? this.postPolicy(policy) : null;
      return this.withFlows({
        ...base,
        expiry: read?.expiry ?? null,
        method: { kind: 'known', method: 'POST' },
        operation: 'PutObject',
        post: read?.post ?? { node: call, conditions: [], complete: false },
      });
    }
    const shift = apiId === 'minio-py.get_presigned_url' ? 1 : 0;
    const expires = argument(call, 2 + shift, 'expires');
    let method: MethodInfo<PyNode> = { kind: 'known', method: apiId === 'minio-py.presigned_put_object' ? 'PUT' : 'GET' };
    if (shift === 1) {
      const given = argument(call, 0, 'method');
      const value = given ? singleValue(this.evaluator.evaluate(given)) : null;
      const known = value ? asHttpMethod(value.value) : null;
      method = known ? { kind: 'known', method: known } : { kind: 'unknown', reason: 'method-not-constant', node: given ?? call };
    }
    const operation = method.kind === 'known' ? ({ GET: 'GetObject', PUT: 'PutObject', DELETE: 'DeleteObject', HEAD: 'HeadObject' } as Record<string, string>)[method.method] ?? null : null;
    return this.withFlows({
      ...base,
      expiry: expires && unwrap(expires).type !== 'none' ? { node: expires, seconds: this.duration(expires, 'none') } : null,
      method,
      operation,
      post: null,
    });
  }

  private gcsSite(call: PyNode): PySite {
    const versionNode = argument(call, GCS_VERSION_POSITION, 'version');
    const version = versionNode ? singleValue(this.evaluator.evaluate(versionNode)) : null;
    // V2 unless `version='v4'` (blob.py: `if version is None: version = "v2"`).
    const sigv4 = !versionNode || version?.value === null ? false : version?.value === 'v4' ? true : version?.value === 'v2' ? false : null;
    const expiration = argument(call, 0, 'expiration');
    const methodNode = argument(call, 2, 'method');
    let method: MethodInfo<PyNode>;
    if (methodNode) {
      const value = singleValue(this.evaluator.evaluate(methodNode));
      const known = value ? asHttpMethod(value.value) : null;
      method = known ? { kind: 'known', method: known } : { kind: 'unknown', reason: 'method-not-constant', node: methodNode };
    } else {
      method = { kind: 'known', method: 'GET', implicit: { node: call, parameter: 'method', operation: 'generate_signed_url' } };
    }
    return this.withFlows({
      api: PRESIGN_APIS['gcs-py.generate_signed_url'],
      node: call,
      expiry: expiration && unwrap(expiration).type !== 'none' ? this.gcsExpiry(expiration, sigv4) : null,
      method,
      operation: null,
      client: null,
      sigv4,
      parameters: null,
      signableHeaders: null,
      post: null,
    });
  }

  /**
   * V4 takes an int as seconds from now; V2 as a point in time (seconds since the epoch), so a
   * constant int there is a fixed time, said as `written` (`expiration=3600`: 1970, 01:00 UTC).
   */
  private gcsExpiry(expiration: PyNode, sigv4: boolean | null): NonNullable<PySite['expiry']> {
    const seconds = this.duration(expiration, sigv4 === true ? 'seconds' : sigv4 === false ? 'timestamp' : 'none');
    const constant = sigv4 === false ? singleValue(this.evaluator.evaluate(expiration)) : null;
    if (constant && typeof constant.value === 'number') return { node: expiration, seconds, written: { kind: 'constant-time', epochSeconds: constant.value } };
    return { node: expiration, seconds };
  }

  private withFlows(site: Omit<PySite, 'flows'>): PySite {
    const { module, evaluator } = this;
    return withLazyFlows(site, (full) => followPresignResult(module, evaluator, full));
  }

  /**
   * An expiry in seconds from now: a `timedelta`, `now + timedelta`, `time.time() + n`, and a
   * number when `numbers` says the API takes one as seconds. `timestamp`: a number is a point in
   * time, read only as `time.time() + n`. Anything else is unknown.
   */
  private duration(raw: PyNode, numbers: 'seconds' | 'timestamp' | 'none', depth = 0): Possible {
    const node = unwrap(raw);
    if (depth > MAX_DEPTH) return UNKNOWN;
    if (node.type === 'identifier' || node.type === 'attribute') {
      const value = this.module.assignedValue(node);
      if (value) return this.duration(value, numbers, depth + 1);
    }
    if (node.type === 'call') {
      const callee = child(node, 'function');
      if (callee && this.module.qualifiedName(callee) === 'datetime.timedelta') return this.evaluator.timedeltaSeconds(node);
    }
    if (node.type === 'binary_operator' && child(node, 'operator')?.type === '+') {
      const left = child(node, 'left');
      const right = child(node, 'right');
      for (const [now, offset] of [
        [left, right],
        [right, left],
      ] as const) {
        if (!now || !offset) continue;
        const clock = this.clockOf(now);
        if (clock === 'datetime') return this.evaluator.timedeltaSeconds(offset);
        if (clock === 'epoch' && numbers !== 'none') return this.evaluator.evaluate(offset);
      }
      return UNKNOWN;
    }
    return numbers === 'seconds' ? this.evaluator.evaluate(node) : UNKNOWN;
  }

  /** `datetime.utcnow()` (a datetime) or `time.time()` / `int(time.time())` (seconds since the epoch). */
  private clockOf(raw: PyNode): 'datetime' | 'epoch' | null {
    const node = unwrap(raw);
    if (node.type !== 'call') return null;
    const callee = child(node, 'function')!;
    const name = this.module.qualifiedName(callee);
    if (name && NOW_DATETIME.has(name)) return 'datetime';
    if (name && NOW_EPOCH.has(name)) return 'epoch';
    if (callee.type === 'identifier' && callee.text === 'int' && this.module.lookup('int', callee) === null) {
      const inner = argument(node, 0, '');
      return inner && this.clockOf(inner) === 'epoch' ? 'epoch' : null;
    }
    return null;
  }

  /** A PostPolicy made in the module: its conditions, in the order S3 gets them, and its expiration. */
  private postPolicy(raw: PyNode): { post: PostPolicyInfo<PyNode>; expiry: PySite['expiry'] } | null {
    const node = unwrap(raw);
    const binding = node.type === 'identifier' ? this.module.lookup(node.text, node) : null;
    if (!binding || binding === 'ambiguous' || binding.kind !== 'assign') return null;
    const made = unwrap(binding.value);
    const callee = made.type === 'call' ? child(made, 'function') : null;
    const name = callee && this.module.qualifiedName(callee);
    if (!name?.startsWith('minio.') || !name.endsWith('.PostPolicy')) return null;
    const conditions: PostCondition<PyNode>[] = [];
    let complete = !hasSplat(made);
    const bucket = argument(made, 0, 'bucket_name');
    if (bucket) conditions.push({ kind: 'eq', field: 'bucket', value: this.evaluator.constantString(bucket), node: bucket });
    for (const reference of this.module.references(node.text, binding)) {
      const parent = reference.parent;
      const method = parent?.type === 'attribute' && child(parent, 'object') === reference ? child(parent, 'attribute')?.text : undefined;
      const call = parent?.parent?.type === 'call' && child(parent.parent, 'function') === parent ? parent.parent : null;
      if (method && call && POLICY_CONDITIONS.has(method)) {
        const condition = this.policyCondition(method, call);
        if (condition) conditions.push(condition);
        else complete = false;
        continue;
      }
      const holder = parent?.type === 'keyword_argument' ? parent.parent : parent;
      const handedTo = holder?.type === 'argument_list' ? child(holder.parent!, 'function') : null;
      const handedToPresign = handedTo?.type === 'attribute' && child(handedTo, 'attribute')?.text === 'presigned_post_policy';
      // Another method, or another function handed the policy, may add conditions the reader cannot see.
      if (method || (holder?.type === 'argument_list' && !handedToPresign)) complete = false;
    }
    const expiration = argument(made, 1, 'expiration');
    return {
      post: { node: made, conditions, complete },
      expiry: expiration ? { node: expiration, seconds: this.duration(expiration, 'none') } : null,
    };
  }

  private policyCondition(method: string, call: PyNode): PostCondition<PyNode> | null {
    if (method === 'add_content_length_range_condition') return { kind: 'content-length-range', node: call };
    const element = argument(call, 0, 'element');
    const field = element ? this.evaluator.constantString(element) : null;
    if (field === null) return null;
    const value = argument(call, 1, 'value');
    return {
      kind: method === 'add_equals_condition' ? 'eq' : 'starts-with',
      field: field.replace(/^\$/, '').toLowerCase(),
      value: value ? this.evaluator.constantString(value) : null,
      node: call,
    };
  }

  /** Where `Minio(...)` was made: its region and credentials. */
  private minioClient(call: PyNode): ClientInfo<PyNode> {
    const given = (name: keyof typeof MINIO_POSITIONS) => {
      const node = argument(call, MINIO_POSITIONS[name], name);
      return node && unwrap(node).type !== 'none' ? node : null;
    };
    const settings = new Map<string, { node: PyNode; value: Possible }>();
    const region = given('region');
    if (region) settings.set('region', { node: region, value: this.evaluator.evaluate(region) });
    const token = given('session_token');
    const accessKey = given('access_key');
    let credentials: CredentialsInfo<PyNode> = { kind: 'unknown' };
    if (token) credentials = { kind: 'temporary', source: 'sessionToken', node: token, durationSeconds: null };
    else if (accessKey) credentials = { kind: 'long-term', node: accessKey };
    return { node: call, settings, settingsComplete: !hasSplat(call), credentials };
  }

  /** What SDK object an expression is, when the module shows it. */
  private objectOf(raw: PyNode, depth: number): SdkObject | null {
    const node = unwrap(raw);
    if (depth > MAX_DEPTH) return null;
    if (this.objects.has(node)) return this.objects.get(node)!;
    // Cycles end as unknown.
    this.objects.set(node, null);
    const object = this.readObject(node, depth);
    this.objects.set(node, object);
    return object;
  }

  private readObject(node: PyNode, depth: number): SdkObject | null {
    if (node.type === 'identifier') {
      const binding = this.module.lookup(node.text, node);
      if (!binding || binding === 'ambiguous') return null;
      if (binding.kind === 'assign') return this.objectOf(binding.value, depth + 1);
      if (binding.kind === 'parameter') {
        const typed = this.typedObject(binding.node);
        if (typed) return typed;
        const { values, complete } = this.module.parameterSources(binding);
        return complete && values.length > 0 ? this.same(values.map((v) => this.objectOf(v, depth + 1))) : null;
      }
      return null;
    }
    if (node.type === 'attribute') {
      const sources = this.module.attributeSources(node);
      if (!sources?.complete) return null;
      const values = sources.values.filter((v) => unwrap(v).type !== 'none');
      return values.length > 0 ? this.same(values.map((v) => this.objectOf(v, depth + 1))) : null;
    }
    if (node.type !== 'call') return null;
    const callee = child(node, 'function')!;
    const name = this.module.qualifiedName(callee);
    if (name === 'minio.Minio') return { kind: 'minio', call: node };
    if (name && GCS_CLIENTS.has(name)) return { kind: 'gcs-client' };
    if (name && GCS_BUCKETS.has(name)) return { kind: 'gcs-bucket' };
    if (name && GCS_BLOBS.has(name)) return { kind: 'gcs-blob' };
    if (callee.type === 'attribute') {
      const method = child(callee, 'attribute')?.text ?? '';
      const on = this.objectOf(child(callee, 'object')!, depth + 1);
      if (on?.kind === 'gcs-client' && BUCKET_GETTERS.has(method)) return { kind: 'gcs-bucket' };
      if (on?.kind === 'gcs-bucket' && BLOB_GETTERS.has(method)) return { kind: 'gcs-blob' };
      return null;
    }
    // A local factory whose every `return` gives the same kind of object.
    const binding = callee.type === 'identifier' ? this.module.lookup(callee.text, callee) : null;
    if (binding && binding !== 'ambiguous' && binding.kind === 'def' && binding.node.type === 'function_definition') {
      const returned = returnValues(binding.node);
      return returned.length > 0 ? this.same(returned.map((v) => this.objectOf(v, depth + 1))) : null;
    }
    return null;
  }

  /** `client: Minio`, `blob: storage.Blob`: a parameter annotated with the SDK's class. */
  private typedObject(name: PyNode): SdkObject | null {
    const parameter = name.parent;
    const annotation = parameter && (parameter.type === 'typed_parameter' || parameter.type === 'typed_default_parameter') ? child(parameter, 'type') : null;
    const type = annotation ? namedChildren(annotation)[0] : null;
    const qualified = type ? this.module.qualifiedName(type) : null;
    if (qualified === 'minio.Minio') return { kind: 'minio', call: null };
    if (qualified && GCS_BLOBS.has(qualified)) return { kind: 'gcs-blob' };
    return null;
  }

  /** Several possible objects are one only when they are the same kind (and, for MinIO, the same client). */
  private same(objects: (SdkObject | null)[]): SdkObject | null {
    const first = objects[0];
    if (!first) return null;
    const alike = objects.every((o) => o !== null && o.kind === first.kind && (o.kind !== 'minio' || first.kind !== 'minio' || o.call === first.call));
    return alike ? first : null;
  }
}
