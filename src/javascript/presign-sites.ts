/**
 * The ESLint reader of presign sites: finds every pre-sign call of a module and describes it
 * as a `PresignSite` (src/presign/site.ts) that the checks in rules/code consume.
 *
 * A call is a pre-sign call when its function or receiver comes from the SDK:
 * - functions imported from the SDK (`getSignedUrl`, `createPresignedPost`, `aws4.sign`);
 * - methods of clients constructed in this module (variables, class fields, `this.client`,
 *   properties of `const` objects, GCS `storage.bucket(b).file(k)` chains);
 * - with type information, methods of receivers whose declared type is the SDK's class;
 * - without it, methods on a receiver made elsewhere (a parameter, an import, a factory call)
 *   only when the call's shape is unambiguous; see docs/heuristics.md. A receiver made in this
 *   module by anything but the SDK (an object literal, a local class) is never a presign client.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { remembered } from '../core/remembered.js';
import { PRESIGN_APIS, type ApiId } from '../presign/apis.js';
import { V2_SIGV2_DEFAULT_REGIONS } from '../presign/sigv2-regions.js';
import { GCS_ACTION_METHOD, KNOWN_OPERATIONS, asHttpMethod, methodOfOperation, operationName } from '../presign/commands.js';
import type { CredentialSourceKind } from '../presign/credentials.js';
import { UNKNOWN, known, range, singleValue, union, type Possible } from '../presign/possible.js';
import { withLazyFlows, type ClientInfo, type CredentialsInfo, type MethodInfo, type MethodUnknownReason, type NamedValues, type PresignSite, type SignableHeadersInfo } from '../presign/site.js';
import { isFunctionNode, isGlobalName, memberName, propertyKey, unwrap, variableOf, walk, type Context, type Node } from './ast.js';
import { installedClientS3AddsChecksums } from './installed-sdk.js';
import { isLambdaHandlerModule } from './lambda.js';
import { resolveOrigin, resolveOrigins } from './origin.js';
import { readAws4fetchRequest } from './aws4fetch.js';
import { readMinioPostPolicy, readPostParams } from './post-policy.js';
import { findModuleReferences, type ModuleReferences, type Tracked } from './sdk-references.js';
import { evaluate, propertyValue, resolveObjectLiteral } from './static-value.js';
import { declaredTypeOf, importedDeclaration } from './typed-program.js';
import { followPresignResult } from './url-flow.js';

export type Site = PresignSite<Node>;

/** What a site reader fills in; the parts only some APIs have default to null. */
type SiteParts = Omit<Site, 'api' | 'node' | 'parameters' | 'signableHeaders' | 'post' | 'flows'> &
  Partial<Pick<Site, 'parameters' | 'signableHeaders' | 'post'>>;

/** A module that mentions none of these cannot contain a presign call: the rules do no work there. */
export const PRESIGN_HINT = /presign|getSignedUrl|signQuery/i;

const INSTANCE_APIS: Readonly<Record<string, Readonly<Record<string, ApiId>>>> = {
  'v2-s3': {
    getSignedUrl: 'v2.getSignedUrl',
    getSignedUrlPromise: 'v2.getSignedUrlPromise',
    createPresignedPost: 'v2.createPresignedPost',
  },
  'minio-client': {
    presignedUrl: 'minio.presignedUrl',
    presignedGetObject: 'minio.presignedGetObject',
    presignedPutObject: 'minio.presignedPutObject',
    presignedPostPolicy: 'minio.presignedPostPolicy',
  },
  'gcs-file': { getSignedUrl: 'gcs.getSignedUrl' },
  'v3-presigner': { presign: 'v3.S3RequestPresigner.presign' },
  'signature-v4': { presign: 'v3.SignatureV4.presign' },
  'aws4fetch-client': { sign: 'aws4fetch.AwsClient.sign' },
};

const INSTANCE_METHODS: ReadonlySet<string> = new Set(Object.values(INSTANCE_APIS).flatMap((m) => Object.keys(m)));

/** Declared types (with type information) that make a receiver an SDK object. */
const TYPED_RECEIVERS: readonly { module: RegExp; name: string; kind: ReceiverKind }[] = [
  { module: /^aws-sdk$/, name: 'S3', kind: 'v2-s3' },
  { module: /^minio$/, name: 'Client', kind: 'minio-client' },
  { module: /^minio$/, name: 'TypedClient', kind: 'minio-client' },
  { module: /^@google-cloud\/storage$/, name: 'File', kind: 'gcs-file' },
  { module: /^@aws-sdk\/s3-request-presigner$/, name: 'S3RequestPresigner', kind: 'v3-presigner' },
  { module: /^@(smithy|aws-sdk)\/signature-v4$/, name: 'SignatureV4', kind: 'signature-v4' },
  { module: /^aws4fetch$/, name: 'AwsClient', kind: 'aws4fetch-client' },
];

type ReceiverKind = 'v2-s3' | 'minio-client' | 'gcs-storage' | 'gcs-bucket' | 'gcs-file' | 'v3-presigner' | 'signature-v4' | 'v3-client' | 'aws4fetch-client';

const sitesBySource = new WeakMap<TSESLint.SourceCode, readonly Site[]>();
const namesPresignApiBySource = new WeakMap<TSESLint.SourceCode, boolean>();

/**
 * Whether the module names a presign API at all (PRESIGN_HINT): a module that does not holds no
 * presign site. Asked once per file for every site rule, when ESLint creates the rule for it.
 */
export function namesPresignApi(source: TSESLint.SourceCode): boolean {
  return remembered(namesPresignApiBySource, source, (s) => PRESIGN_HINT.test(s.text));
}

/**
 * All presign sites of the module being linted. Computed once per file and shared by every
 * rule of the plugin (keyed by the SourceCode object, which ESLint makes anew for each file).
 */
export function presignSites(context: Context): readonly Site[] {
  const source = context.sourceCode;
  let sites = sitesBySource.get(source);
  if (!sites) {
    sites = namesPresignApi(source) ? new Reader(context).read() : [];
    sitesBySource.set(source, sites);
  }
  return sites;
}

/**
 * What a value is as a v3 command, read the way a presign site reads its command argument: for
 * presign-audit, at each call of a wrapper that takes the command as a parameter.
 */
export function commandOf(context: Context, node: Node): { method: MethodInfo<Node>; operation: string | null; parameters: NamedValues<Node> | null } {
  return new Reader(context).commandAt(node);
}

/** What the reader of a file shares with the readers it starts in the modules it imports from. */
interface Imports {
  /** One reader per module view (by its tree), so a module's references are found once per file. */
  readonly readers: Map<TSESTree.Program, Reader>;
  /** The declarations being read, so that a cycle of imports ends (and a chain of them, at `MAX_IMPORT_HOPS`). */
  readonly active: Set<Node>;
}

/** Real code re-exports a client through a module or two; hostile code may chain thousands. */
const MAX_IMPORT_HOPS = 8;

class Reader {
  private readonly refs: ModuleReferences;
  private readonly lambdaModule: boolean;
  /** Whether the project's client-s3 adds default checksums, read once per file (installed-sdk.ts). */
  private checksums: boolean | null | undefined;

  constructor(
    private readonly context: Context,
    private readonly imports: Imports = { readers: new Map(), active: new Set() },
  ) {
    this.refs = findModuleReferences(context);
    this.lambdaModule = isLambdaHandlerModule(context.sourceCode.ast);
  }

  commandAt(node: Node) {
    return this.v3Command(node as TSESTree.CallExpressionArgument);
  }

  read(): Site[] {
    const sites: Site[] = [];
    for (const [node, info] of this.refs.calls) {
      if (info.kind !== 'presign-function') continue;
      const site = this.functionSite(node as TSESTree.CallExpression, info.api);
      if (site) sites.push(site);
    }
    walk(this.context.sourceCode.ast, this.context.sourceCode.visitorKeys, (node) => {
      if (node.type !== 'CallExpression' || this.refs.calls.has(node)) return;
      const callee = unwrap(node.callee);
      if (callee.type !== 'MemberExpression') return;
      const name = memberName(this.context, callee);
      if (name === null || !INSTANCE_METHODS.has(name)) return;
      const receiver = this.receiverKind(callee.object, name, node);
      const api = receiver && INSTANCE_APIS[receiver.kind]?.[name];
      const site = api ? this.instanceSite(node, api, receiver.origin) : null;
      if (site) sites.push(site);
    });
    return sites.sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  // ---------------------------------------------------------------- receivers

  private kindOf(origin: Node): ReceiverKind | null {
    const tracked = this.refs.constructs.get(origin);
    if (tracked) return receiverKindOfTracked(tracked);
    if (origin.type === 'CallExpression') {
      const callee = unwrap(origin.callee);
      if (callee.type !== 'MemberExpression') return null;
      const name = memberName(this.context, callee);
      const parent = this.kindOf(resolveOrigin(this.context, callee.object));
      if (parent === 'gcs-storage' && name === 'bucket') return 'gcs-bucket';
      if (parent === 'gcs-bucket' && name === 'file') return 'gcs-file';
    }
    return null;
  }

  private receiverKind(receiver: Node, method: string, call: TSESTree.CallExpression): { kind: ReceiverKind; origin: Node | readonly Node[] | null } | null {
    const origin = resolveOrigin(this.context, receiver);
    const kind = this.kindOf(origin);
    if (kind) return { kind, origin };
    // Made one of several visible ways (`let s3` set in both branches): one kind for all, or none.
    const candidates = resolveOrigins(this.context, receiver);
    if (candidates.length > 1) {
      const kinds = new Set(candidates.map((c) => this.kindOf(c)));
      const only = kinds.size === 1 ? [...kinds][0] : null;
      if (only) return { kind: only, origin: candidates };
    }
    const declared = declaredTypeOf(this.context, receiver);
    if (declared) {
      const match = TYPED_RECEIVERS.find((t) => t.name === declared.name && t.module.test(declared.module));
      // The origin may be an import whose construction type information can read (clientFromOrigin).
      return match ? { kind: match.kind, origin } : null;
    }
    if (!this.isOpaque(origin)) return null;
    const byShape = shapeKind(this.context, method, call);
    return byShape ? { kind: byShape, origin: null } : null;
  }

  /** Made outside this module (parameter, import, factory call), so its class cannot be seen here. */
  private isOpaque(origin: Node): boolean {
    switch (origin.type) {
      case 'Identifier': {
        const variable = variableOf(this.context, origin);
        if (!variable || variable.defs.length === 0) return true;
        const def = variable.defs[0]!;
        return def.type === 'Parameter' || def.type === 'ImportBinding' || (def.type === 'Variable' && variable.defs.length === 1);
      }
      case 'MemberExpression':
      case 'CallExpression':
      case 'AwaitExpression':
        return true;
      default:
        return false;
    }
  }

  // ---------------------------------------------------------------- sites

  private functionSite(call: TSESTree.CallExpression, apiId: ApiId): Site | null {
    const args = call.arguments;
    switch (apiId) {
      case 'v3.getSignedUrl': {
        const command = this.v3Command(args[1]);
        return this.site(call, apiId, {
          expiry: this.optionExpiry(args, 2, 'expiresIn'),
          method: command.method,
          operation: command.operation,
          client: this.clientAt(args[0]),
          sigv4: true,
          parameters: command.parameters,
          signableHeaders: this.signableHeaders(args[2]),
        });
      }
      case 'v3.createPresignedPost':
        return this.site(call, apiId, {
          expiry: this.optionExpiry(args, 1, 'Expires'),
          method: { kind: 'known', method: 'POST' },
          operation: 'PutObject',
          client: this.clientAt(args[0]),
          sigv4: true,
          post: readPostParams(this.context, args[1], true),
        });
      case 'aws4.sign': {
        const options = args[0];
        if (!options || options.type === 'SpreadElement') return null;
        const signQuery = propertyValue(this.context, options, 'signQuery');
        if (signQuery.kind !== 'found' || !isTruthy(evaluate(this.context, signQuery.node))) return null;
        return this.site(call, apiId, {
          expiry: this.aws4Expiry(options),
          method: this.methodProperty(options, 'method', 'method-missing'),
          operation: null,
          client: null,
          sigv4: true,
        });
      }
      default:
        return null;
    }
  }

  private instanceSite(call: TSESTree.CallExpression, apiId: ApiId, origin: Node | readonly Node[] | null): Site | null {
    const args = call.arguments;
    const client = origin === null ? null : Array.isArray(origin) ? this.clientOfCandidates(origin) : this.clientFromOrigin(origin as Node);
    switch (apiId) {
      case 'v2.getSignedUrl':
      case 'v2.getSignedUrlPromise': {
        const op = this.v2Operation(args[0]);
        return this.site(call, apiId, {
          expiry: this.optionExpiry(args, 1, 'Expires'),
          method: op.method,
          operation: op.operation,
          client,
          sigv4: this.v2SignatureIsV4(client),
          parameters: this.namedValues(args[1]),
        });
      }
      case 'v2.createPresignedPost':
        return this.site(call, apiId, {
          expiry: this.optionExpiry(args, 0, 'Expires'),
          method: { kind: 'known', method: 'POST' },
          operation: 'PutObject',
          client,
          sigv4: true,
          post: readPostParams(this.context, args[0], false),
        });
      case 'minio.presignedUrl': {
        const method = this.methodArgument(args[0], call);
        return this.site(call, apiId, { expiry: this.positionalExpiry(args, 3), method, operation: null, client, sigv4: true });
      }
      case 'minio.presignedGetObject':
      case 'minio.presignedPutObject': {
        const put = apiId === 'minio.presignedPutObject';
        return this.site(call, apiId, {
          expiry: this.positionalExpiry(args, 2),
          method: { kind: 'known', method: put ? 'PUT' : 'GET' },
          operation: put ? 'PutObject' : 'GetObject',
          client,
          sigv4: true,
        });
      }
      case 'minio.presignedPostPolicy':
        return this.minioPostSite(call, client);
      case 'gcs.getSignedUrl':
        return this.gcsSite(call, client);
      case 'aws4fetch.AwsClient.sign':
        return this.aws4fetchSite(call, client);
      case 'v3.S3RequestPresigner.presign':
      case 'v3.SignatureV4.presign':
        return this.site(call, apiId, {
          expiry: this.optionExpiry(args, 1, 'expiresIn'),
          method: this.requestMethod(args[0], call),
          operation: null,
          client,
          sigv4: true,
        });
      default:
        throw new Error(`no reader for ${apiId}`);
    }
  }

  private site(call: TSESTree.CallExpression, apiId: ApiId, parts: SiteParts): Site {
    const context = this.context;
    return withLazyFlows({ api: PRESIGN_APIS[apiId], node: call, parameters: null, signableHeaders: null, post: null, ...parts }, (site) => followPresignResult(context, site));
  }

  private minioPostSite(call: TSESTree.CallExpression, client: ClientInfo<Node> | null): Site {
    const isPolicy = (origin: Node): boolean => {
      if (this.refs.constructs.get(origin)?.kind === 'minio-post-policy') return true;
      const callee = origin.type === 'CallExpression' ? unwrap(origin.callee) : null;
      return callee?.type === 'MemberExpression' && memberName(this.context, callee) === 'newPostPolicy';
    };
    const policy = readMinioPostPolicy(this.context, call.arguments[0], call, isPolicy);
    let expiry: Site['expiry'] = null;
    if (policy?.expires) expiry = this.pointInTime(policy.expires);
    else if (!policy?.post.complete) expiry = { node: policy?.post.node ?? call, seconds: UNKNOWN };
    return this.site(call, 'minio.presignedPostPolicy', {
      expiry,
      method: { kind: 'known', method: 'POST' },
      operation: 'PutObject',
      client,
      sigv4: true,
      post: policy?.post ?? null,
    });
  }

  private gcsSite(call: TSESTree.CallExpression, client: ClientInfo<Node> | null): Site {
    const options = call.arguments[0];
    const usable = options && options.type !== 'SpreadElement' ? options : null;
    let method: MethodInfo<Node> = { kind: 'unknown', reason: 'action-not-constant', node: usable ?? call };
    let expiry: Site['expiry'] = null;
    let sigv4: boolean | null = null;
    if (usable) {
      let action = propertyValue(this.context, usable, 'action');
      // `{ action: 'write', ...extra }`: a spread the module cannot read might override the action,
      // but the code does name one: read that one rather than call the method missing.
      if (action.kind === 'unknown') action = ownProperty(this.context, usable, 'action');
      if (action.kind === 'found') {
        const value = singleValue(evaluate(this.context, action.node));
        const m = value && typeof value.value === 'string' ? GCS_ACTION_METHOD[value.value] : undefined;
        method = m ? { kind: 'known', method: m } : { kind: 'unknown', reason: 'action-not-constant', node: action.node };
      }
      const expires = propertyValue(this.context, usable, 'expires');
      if (expires.kind === 'found') expiry = this.pointInTime(expires.node);
      else if (expires.kind === 'unknown') expiry = { node: usable, seconds: UNKNOWN };
      const version = propertyValue(this.context, usable, 'version');
      if (version.kind === 'absent') sigv4 = false; // @google-cloud/storage defaults to 'v2'
      else if (version.kind === 'found') {
        const v = singleValue(evaluate(this.context, version.node));
        sigv4 = v ? v.value === 'v4' : null;
      }
    }
    return this.site(call, 'gcs.getSignedUrl', { expiry, method, operation: null, client, sigv4 });
  }

  /**
   * aws4fetch `client.sign(input, { method, aws: { signQuery: true } })`: a presigned URL only with
   * `signQuery`, and an S3 one only where the code shows object storage (aws4fetch.ts); without
   * `signQuery` it signs headers, as `client.fetch` does.
   */
  private aws4fetchSite(call: TSESTree.CallExpression, client: ClientInfo<Node> | null): Site | null {
    const [input, init] = call.arguments;
    if (!init || init.type === 'SpreadElement' || input?.type === 'SpreadElement') return null;
    const aws = propertyValue(this.context, init, 'aws');
    if (aws.kind !== 'found') return null;
    const signQuery = propertyValue(this.context, aws.node, 'signQuery');
    if (signQuery.kind !== 'found' || !isTruthy(evaluate(this.context, signQuery.node))) return null;
    // `aws.service` overrides the client's; either names the service the URL is signed for.
    const serviceNode = propertyValue(this.context, aws.node, 'service');
    const serviceValue = serviceNode.kind === 'found' ? evaluate(this.context, serviceNode.node) : client?.settings.get('service')?.value ?? null;
    const service = serviceValue ? singleValue(serviceValue) : null;
    const request = readAws4fetchRequest(this.context, input, init, service && typeof service.value === 'string' ? service.value : null);
    if (!request.forS3) return null;
    return this.site(call, 'aws4fetch.AwsClient.sign', { expiry: request.expiry, method: request.method, operation: null, client, sigv4: true });
  }

  // ---------------------------------------------------------------- expiry

  /** `options.<name>` of argument `index`; null when the call leaves it to the SDK default. */
  private optionExpiry(args: TSESTree.CallExpressionArgument[], index: number, name: string): Site['expiry'] {
    const spread = args.findIndex((a) => a.type === 'SpreadElement');
    if (spread !== -1 && spread <= index) return { node: args[spread]!, seconds: UNKNOWN };
    const options = args[index];
    if (!options) return null;
    const value = propertyValue(this.context, options, name);
    if (value.kind === 'found') return { node: value.node, seconds: evaluate(this.context, value.node) };
    if (value.kind === 'absent') return null;
    // `undefined` / `null` options are the default, anything else we cannot read is unknown.
    const whole = singleValue(evaluate(this.context, options));
    if (whole && (whole.value === undefined || whole.value === null)) return null;
    return { node: options, seconds: UNKNOWN };
  }

  private positionalExpiry(args: TSESTree.CallExpressionArgument[], index: number): Site['expiry'] {
    const spread = args.findIndex((a) => a.type === 'SpreadElement');
    if (spread !== -1 && spread <= index) return { node: args[spread]!, seconds: UNKNOWN };
    const arg = args[index];
    if (!arg) return null;
    const seconds = evaluate(this.context, arg);
    const v = singleValue(seconds);
    return v && v.value === undefined ? null : { node: arg, seconds };
  }

  /**
   * GCS `expires` and MinIO `setExpires` take a point in time: `Date.now() + ms` (or `new
   * Date(...)` of it) is a duration, and says it was written on a millisecond clock.
   */
  private pointInTime(raw: Node): NonNullable<Site['expiry']> {
    const moved = this.dateMovedFromNow(raw);
    if (moved) return { node: raw, seconds: moved };
    let node = unwrap(resolveOrigin(this.context, raw));
    for (let i = 0; i < 5; i++) {
      if (node.type === 'NewExpression' && isGlobalName(this.context, node.callee, 'Date') && node.arguments.length === 1) {
        node = unwrap(resolveOrigin(this.context, node.arguments[0]!));
        continue;
      }
      if (node.type === 'CallExpression' && node.arguments.length === 0 && node.callee.type === 'MemberExpression') {
        const name = memberName(this.context, node.callee);
        if (name === 'getTime' || name === 'valueOf' || name === 'toISOString') {
          node = unwrap(resolveOrigin(this.context, node.callee.object));
          continue;
        }
      }
      break;
    }
    if (node.type === 'BinaryExpression' && node.operator === '+') {
      const offset = this.isNow(node.left) ? node.right : this.isNow(node.right) ? node.left : null;
      if (offset) return { node: raw, seconds: scale(evaluate(this.context, offset), 1, 1000), written: { kind: 'now-plus-milliseconds' } };
    }
    return { node: raw, seconds: UNKNOWN };
  }

  /**
   * `const expires = new Date(); expires.setSeconds(24 * 60 * 60 * 10)` (MinIO's own example), or
   * `d.setDate(d.getDate() + 7)`: a Date made now and moved once by a setter. A bare
   * `setSeconds(n)` replaces the current seconds (0 to 59), so the result is n - 59 to n seconds ahead.
   */
  private dateMovedFromNow(raw: Node): Possible | null {
    const identifier = unwrap(raw);
    if (identifier.type !== 'Identifier') return null;
    const variable = variableOf(this.context, identifier);
    const made = variable ? resolveOrigin(this.context, identifier) : null;
    if (!variable || made?.type !== 'NewExpression' || !isGlobalName(this.context, made.callee, 'Date') || made.arguments.length !== 0) return null;
    const setters = variable.references.flatMap((reference) => {
      const member = reference.identifier.parent;
      const call = member?.parent;
      if (member?.type !== 'MemberExpression' || member.object !== reference.identifier || call?.type !== 'CallExpression' || call.callee !== member) return [];
      const name = memberName(this.context, member);
      return name?.startsWith('set') ? [{ name, call }] : [];
    });
    if (setters.length !== 1) return null;
    const { name, call } = setters[0]!;
    const unit = DATE_SETTER_SECONDS[name];
    const argument = call.arguments[0];
    if (!unit || !argument || argument.type === 'SpreadElement' || call.arguments.length !== 1) return null;
    const value = unwrap(argument);
    const getter = `get${name.slice(3)}`;
    // `d.setDate(d.getDate() + 7)`: an offset from the current field.
    if (value.type === 'BinaryExpression' && value.operator === '+') {
      const [field, offset] = [value.left, value.right].map((n) => unwrap(n as Node));
      const isGetter = (n: Node | undefined): boolean =>
        n?.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.object.type === 'Identifier' && variableOf(this.context, n.callee.object) === variable && memberName(this.context, n.callee) === getter;
      if (isGetter(field)) return scale(evaluate(this.context, offset!), unit);
      return null;
    }
    // `d.setSeconds(n)`: n seconds past the start of the current minute.
    if (name === 'setSeconds') {
      return union(...evaluate(this.context, value).map((c): Possible => (c.kind === 'value' && typeof c.value === 'number' ? range(c.value - 59, c.value) : UNKNOWN)));
    }
    return null;
  }

  private isNow(raw: Node): boolean {
    const node = unwrap(raw);
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      const name = memberName(this.context, node.callee);
      if (name === 'now' && isGlobalName(this.context, node.callee.object, 'Date')) return true;
      if ((name === 'getTime' || name === 'valueOf') && node.callee.object.type === 'NewExpression') {
        return isGlobalName(this.context, node.callee.object.callee, 'Date') && node.callee.object.arguments.length === 0;
      }
    }
    return (
      node.type === 'UnaryExpression' &&
      node.operator === '+' &&
      node.argument.type === 'NewExpression' &&
      isGlobalName(this.context, node.argument.callee, 'Date') &&
      node.argument.arguments.length === 0
    );
  }

  /** aws4 reads `X-Amz-Expires` from the query string of `path`. */
  private aws4Expiry(options: Node): Site['expiry'] {
    const path = propertyValue(this.context, options, 'path');
    if (path.kind === 'absent') return null;
    if (path.kind === 'unknown') return { node: options, seconds: UNKNOWN };
    const text = singleValue(evaluate(this.context, path.node));
    if (text && typeof text.value === 'string') {
      const match = /[?&]X-Amz-Expires=([^&]*)/.exec(text.value);
      return match ? { node: path.node, seconds: known(Number(match[1])) } : null;
    }
    const template = unwrap(path.node);
    if (template.type === 'TemplateLiteral') {
      for (let i = 0; i < template.quasis.length; i++) {
        const raw = template.quasis[i]!.value.cooked ?? '';
        const inline = /X-Amz-Expires=(\d+)/.exec(raw);
        if (inline) return { node: path.node, seconds: known(Number(inline[1])) };
        if (raw.endsWith('X-Amz-Expires=') && template.expressions[i]) {
          return { node: template.expressions[i]!, seconds: evaluate(this.context, template.expressions[i]!) };
        }
      }
      // `/${key}`: the code writes no query string, so aws4 uses its default.
      if (!template.quasis.some((q) => (q.value.cooked ?? '').includes('?'))) return null;
    }
    return { node: path.node, seconds: UNKNOWN };
  }

  // ---------------------------------------------------------------- method

  private v3Command(arg: TSESTree.CallExpressionArgument | undefined): {
    method: MethodInfo<Node>;
    operation: string | null;
    parameters: NamedValues<Node> | null;
  } {
    if (!arg || arg.type === 'SpreadElement') {
      return {
        method: { kind: 'unknown', reason: 'command-unresolved', node: arg ?? this.context.sourceCode.ast },
        operation: null,
        parameters: null,
      };
    }
    const origin = resolveOrigin(this.context, arg);
    const tracked = this.refs.constructs.get(origin);
    // `new (isPart ? UploadPartCommand : PutObjectCommand)(input)`, or `put ? new PutObjectCommand(a) :
    // new GetObjectCommand(b)`: one method for all of them is known; the operation is the first's (the
    // rules that read it ask "an upload?", "which action?").
    const sharedInput = origin.type === 'NewExpression' ? this.commandCandidates(origin.callee) : null;
    const several = sharedInput ?? this.constructedCommands(arg);
    if (several) {
      const methods = new Set(several.map((op) => methodOfOperation(op)));
      const method: MethodInfo<Node> = methods.size === 1 && !methods.has(null) ? { kind: 'known', method: [...methods][0]! } : { kind: 'unknown', reason: 'one-of-several', node: arg };
      const parameters = sharedInput ? this.namedValues((origin as TSESTree.NewExpression).arguments[0]) : null;
      return { method, operation: method.kind === 'known' ? several[0]! : null, parameters };
    }
    let operation = tracked?.kind === 'v3-command' ? tracked.operation : null;
    operation ??= this.annotatedCommand(origin);
    // `new sdk.PutObjectCommand(...)` with `sdk` the module loaded by a dynamic import elsewhere in the
    // class: a catalogued S3 command class, passed to the S3 presigner, is the SDK's.
    const memberCommand = operation === null && origin.type === 'NewExpression' ? catalogueCommandOf(this.context, origin.callee) : null;
    if (memberCommand) {
      return { method: methodFromOperation(memberCommand, arg), operation: memberCommand, parameters: this.namedValues((origin as TSESTree.NewExpression).arguments[0]) };
    }
    if (!operation) {
      const declared = declaredTypeOf(this.context, arg);
      if (declared?.module === '@aws-sdk/client-s3' && declared.name.endsWith('Command')) {
        operation = declared.name.slice(0, -'Command'.length);
      }
    }
    if (!operation) return { method: { kind: 'unknown', reason: 'command-unresolved', node: arg }, operation: null, parameters: null };
    const parameters = tracked?.kind === 'v3-command' && origin.type === 'NewExpression' ? this.namedValues(origin.arguments[0]) : null;
    return { method: methodFromOperation(operation, arg), operation, parameters };
  }

  /**
   * The operations of a command class chosen among several the module imports from
   * @aws-sdk/client-s3 (`const Cmd = isPart ? UploadPartCommand : PutObjectCommand`); null when
   * there is one class, or any candidate is not such an import.
   */
  private commandCandidates(callee: Node): string[] | null {
    const candidates = resolveOrigins(this.context, callee);
    if (candidates.length < 2) return null;
    const operations = candidates.map((c) => (c.type === 'Identifier' ? importedCommand(this.context, c) : null));
    return operations.every((op) => op !== null) ? (operations) : null;
  }

  /** The operations of commands constructed one of several visible ways; null unless each is a tracked command. */
  private constructedCommands(arg: Node): string[] | null {
    const candidates = resolveOrigins(this.context, arg);
    if (candidates.length < 2) return null;
    const operations = candidates.map((c) => {
      const tracked = this.refs.constructs.get(c);
      return tracked?.kind === 'v3-command' ? tracked.operation : null;
    });
    return operations.every((op) => op !== null) ? (operations) : null;
  }

  /** `cmd: GetObjectCommand` on a parameter, read from its annotation without type information. */
  private annotatedCommand(origin: Node): string | null {
    if (origin.type !== 'Identifier') return null;
    const variable = variableOf(this.context, origin);
    const def = variable?.defs[0];
    if (def?.type !== 'Parameter' || def.name.type !== 'Identifier') return null;
    const annotation = def.name.typeAnnotation?.typeAnnotation;
    if (annotation?.type !== 'TSTypeReference' || annotation.typeName.type !== 'Identifier') return null;
    return importedCommand(this.context, annotation.typeName);
  }

  private v2Operation(arg: TSESTree.CallExpressionArgument | undefined): { method: MethodInfo<Node>; operation: string | null } {
    const node = arg ?? this.context.sourceCode.ast;
    if (!arg || arg.type === 'SpreadElement') return { method: { kind: 'unknown', reason: 'operation-not-constant', node }, operation: null };
    const value = singleValue(evaluate(this.context, arg));
    if (!value || typeof value.value !== 'string') {
      return { method: { kind: 'unknown', reason: 'operation-not-constant', node: arg }, operation: null };
    }
    const operation = operationName(value.value);
    return { method: operation ? methodFromOperation(operation, arg) : notInCatalogue(arg), operation };
  }

  private methodArgument(arg: TSESTree.CallExpressionArgument | undefined, call: Node): MethodInfo<Node> {
    if (!arg || arg.type === 'SpreadElement') return { kind: 'unknown', reason: 'method-not-constant', node: arg ?? call };
    const value = singleValue(evaluate(this.context, arg));
    const method = value ? asHttpMethod(value.value) : null;
    return method ? { kind: 'known', method } : { kind: 'unknown', reason: 'method-not-constant', node: arg };
  }

  private methodProperty(options: Node, name: string, whenAbsent: MethodUnknownReason): MethodInfo<Node> {
    const value = propertyValue(this.context, options, name);
    if (value.kind === 'absent') return { kind: 'unknown', reason: whenAbsent, node: options };
    if (value.kind === 'unknown') return { kind: 'unknown', reason: 'method-not-constant', node: options };
    const v = singleValue(evaluate(this.context, value.node));
    const method = v ? asHttpMethod(v.value) : null;
    return method ? { kind: 'known', method } : { kind: 'unknown', reason: 'method-not-constant', node: value.node };
  }

  /** `presign(request)`: the request's `method`, from an object literal or `new HttpRequest({...})`. */
  private requestMethod(arg: TSESTree.CallExpressionArgument | undefined, call: Node): MethodInfo<Node> {
    if (!arg || arg.type === 'SpreadElement') return { kind: 'unknown', reason: 'request-unresolved', node: arg ?? call };
    let origin = resolveOrigin(this.context, arg);
    if (origin.type === 'NewExpression' && this.refs.constructs.get(origin)?.kind === 'http-request' && origin.arguments[0]) {
      origin = origin.arguments[0];
    }
    if (!resolveObjectLiteral(this.context, origin)) return { kind: 'unknown', reason: 'request-unresolved', node: arg };
    return this.methodProperty(origin, 'method', 'request-without-method');
  }

  // ---------------------------------------------------------------- clients

  private clientAt(arg: TSESTree.CallExpressionArgument | undefined): ClientInfo<Node> | null {
    if (!arg || arg.type === 'SpreadElement') return null;
    const origins = resolveOrigins(this.context, arg);
    return origins.length > 1 ? this.clientOfCandidates(origins) : this.clientFromOrigin(resolveOrigin(this.context, arg));
  }

  /**
   * A client made one of several ways the module shows (`let s3` assigned in both branches of an
   * `if`): what every candidate has in common. A setting is read only when every candidate writes
   * it (its value is then any of theirs); one that only some write is unknown, so a rule never
   * calls a setting missing that one of the clients has. Reports and edits point at the first.
   */
  private clientOfCandidates(origins: readonly Node[]): ClientInfo<Node> | null {
    const clients = origins.map((o) => this.clientFromOrigin(o));
    if (clients.some((c) => c === null)) return null;
    const all = clients as ClientInfo<Node>[];
    const first = all[0]!;
    const settings = new Map<string, { node: Node; value: Possible }>();
    const names = new Set(all.flatMap((c) => [...c.settings.keys()]));
    for (const name of names) {
      const values = all.map((c) => c.settings.get(name));
      const node = values.find((v) => v !== undefined)!.node;
      settings.set(name, { node, value: values.every((v) => v !== undefined) ? union(...values.map((v) => v.value)) : UNKNOWN });
    }
    const credentials = all.every((c) => sameCredentials(c.credentials, first.credentials)) ? first.credentials : { kind: 'unknown' as const };
    const merged: ClientInfo<Node> = { node: first.node, settings, settingsComplete: all.every((c) => c.settingsComplete), credentials };
    return first.defaultChecksums === undefined ? merged : { ...merged, defaultChecksums: first.defaultChecksums };
  }

  /** The construction of the client a site signs with: `new S3Client(config)`, `new AWS.S3(config)`... */
  private clientFromOrigin(origin: Node): ClientInfo<Node> | null {
    let node = origin;
    // A GCS File comes from storage.bucket(b).file(k): the settings are the Storage's.
    while (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      node = resolveOrigin(this.context, node.callee.object);
    }
    const tracked = this.refs.constructs.get(node);
    if (node.type === 'Identifier' && !tracked) return this.importedClient(node);
    if (!tracked || node.type !== 'NewExpression') return null;
    const settings = new Map<string, { node: Node; value: Possible }>();
    const complete = this.readSettings(node.arguments[0], settings, 0);
    if (tracked.kind === 'v2-s3') {
      for (const name of ['signatureVersion', 'region', 'credentials']) {
        const global = this.globalSettingAt(name, node);
        if (!settings.has(name) && global) settings.set(name, { node: global, value: evaluate(this.context, global) });
      }
    }
    const client: ClientInfo<Node> = { node, settings, settingsComplete: complete, credentials: this.credentials(tracked, settings, complete, node) };
    if (tracked.kind !== 'v3-client') return client;
    if (this.checksums === undefined) this.checksums = installedClientS3AddsChecksums(this.context.filename);
    const checksums = this.checksums;
    return checksums === null ? client : { ...client, defaultChecksums: checksums };
  }

  /**
   * The v2 global `AWS.config` setting a client gets: the SDK copies the global config when the
   * client is constructed (AWS SDK for JavaScript v2 guide, "Using the global configuration
   * object"), so a client made in the module's top-level code does not get what the top-level code
   * writes after it. A client made inside a function, or a write inside one, may run in any order:
   * the last write counts, as before.
   */
  private globalSettingAt(name: string, construction: Node): Node | null {
    let writes = this.refs.v2GlobalSettings.get(name) ?? [];
    if (!insideFunction(construction)) writes = writes.filter((w) => insideFunction(w.at) || w.at.range[1] <= construction.range[0]);
    return writes.length > 0 ? writes[writes.length - 1]!.value : null;
  }

  /** An object argument read property by property (a command's input, v2 `params`). */
  private namedValues(arg: Node | undefined): NamedValues<Node> | null {
    if (!arg) return null;
    const entries = new Map<string, { node: Node; value: Possible }>();
    const complete = this.readSettings(arg, entries, 0);
    return { node: arg, entries, complete };
  }

  /** `signableHeaders: new Set(['content-type'])` in the options of a v3 presigner call. */
  private signableHeaders(options: TSESTree.CallExpressionArgument | undefined): SignableHeadersInfo<Node> | null {
    if (!options || options.type === 'SpreadElement') return null;
    const value = propertyValue(this.context, options, 'signableHeaders');
    if (value.kind === 'absent') return null;
    if (value.kind === 'unknown') return { node: options, names: null };
    const set = resolveOrigin(this.context, value.node);
    const items = set.type === 'NewExpression' && isGlobalName(this.context, set.callee, 'Set') ? set.arguments[0] : undefined;
    const array = items && items.type !== 'SpreadElement' ? resolveOrigin(this.context, items) : null;
    if (array?.type !== 'ArrayExpression') return { node: value.node, names: null };
    const names = new Set<string>();
    for (const element of array.elements) {
      const v = element && element.type !== 'SpreadElement' ? singleValue(evaluate(this.context, element)) : null;
      if (!v || typeof v.value !== 'string') return { node: value.node, names: null };
      names.add(v.value.toLowerCase());
    }
    return { node: value.node, names };
  }

  /**
   * A client made in another module (`import { s3 } from './clients'`), read with type
   * information by this reader's logic in that module's view. Its settings and credentials point
   * at the import here: ESLint reports nodes of the linted file only.
   */
  private importedClient(identifier: TSESTree.Identifier): ClientInfo<Node> | null {
    const client = this.inDeclaringModule(identifier, (reader, origin) => reader.clientFromOrigin(origin));
    if (!client) return null;
    const settings = new Map([...client.settings].map(([name, setting]) => [name, { node: identifier, value: setting.value }]));
    const imported: ClientInfo<Node> = { node: identifier, settings, settingsComplete: client.settingsComplete, credentials: credentialsAt(client.credentials, identifier) };
    return client.defaultChecksums === undefined ? imported : { ...imported, defaultChecksums: client.defaultChecksums };
  }

  /**
   * What `read` finds, in the module that declares an imported binding, at the binding's origin
   * there; null without type information, for a binding not imported, and on a cycle of imports.
   */
  private inDeclaringModule<T>(identifier: TSESTree.Identifier, read: (reader: Reader, origin: Node) => T | null): T | null {
    if (this.imports.active.size >= MAX_IMPORT_HOPS) return null;
    const declaration = importedDeclaration(this.context, identifier);
    if (!declaration || this.imports.active.has(declaration.node)) return null;
    const tree = declaration.context.sourceCode.ast;
    let reader = this.imports.readers.get(tree);
    if (!reader) {
      reader = new Reader(declaration.context, this.imports);
      this.imports.readers.set(tree, reader);
    }
    this.imports.active.add(declaration.node);
    try {
      return read(reader, resolveOrigin(declaration.context, declaration.node));
    } finally {
      this.imports.active.delete(declaration.node);
    }
  }

  private readSettings(arg: Node | undefined, into: Map<string, { node: Node; value: Possible }>, depth: number): boolean {
    if (!arg) return true;
    if (arg.type === 'SpreadElement' || depth > 5) return false;
    const object = resolveObjectLiteral(this.context, arg);
    if (!object) return false;
    let complete = true;
    for (const prop of object.properties) {
      if (prop.type === 'SpreadElement') {
        complete = this.readSpread(prop.argument, into, depth + 1) && complete;
        continue;
      }
      const key = propertyKey(this.context, prop);
      if (key === null) {
        complete = false;
        continue;
      }
      into.set(key, { node: prop.value, value: evaluate(this.context, prop.value) });
    }
    return complete;
  }

  /**
   * `...(cond ? { a } : {})`, `...(cond && { a })`: each branch read; a name some branch sets is
   * there with any of the branches' values, or unknown when another branch leaves it out.
   */
  private readSpread(raw: Node, into: Map<string, { node: Node; value: Possible }>, depth: number): boolean {
    const node = unwrap(raw);
    const branches = node.type === 'ConditionalExpression' ? [node.consequent, node.alternate] : node.type === 'LogicalExpression' && node.operator === '&&' ? [node.right] : null;
    if (!branches) return this.readSettings(node, into, depth);
    const read = branches.map((branch) => {
      const values = new Map<string, { node: Node; value: Possible }>();
      return { values, complete: this.readSpread(branch, values, depth + 1) };
    });
    // `cond && {...}` may spread nothing: as if a second branch were empty.
    if (branches.length === 1) read.push({ values: new Map(), complete: true });
    for (const name of new Set(read.flatMap((r) => [...r.values.keys()]))) {
      const values = read.map((r) => r.values.get(name));
      const node = values.find((v) => v !== undefined)!.node;
      into.set(name, { node, value: values.every((v) => v !== undefined) ? union(...values.map((v) => v.value)) : UNKNOWN });
    }
    return read.every((r) => r.complete);
  }

  private credentials(tracked: Tracked, settings: ReadonlyMap<string, { node: Node }>, complete: boolean, client: Node): CredentialsInfo<Node> {
    const explicit = settings.get('credentials');
    if (explicit) return this.credentialsFrom(explicit.node);
    const keyNames = tracked.kind === 'minio-client' ? ['accessKey', 'secretKey', 'sessionToken'] : ['accessKeyId', 'secretAccessKey', 'sessionToken'];
    if (settings.has(keyNames[0]!) && settings.has(keyNames[1]!)) {
      const token = settings.get(keyNames[2]!);
      if (!token) return { kind: 'long-term', node: settings.get(keyNames[0]!)!.node };
      // A session token is temporary, of a lifetime set where it was issued (aws4fetch takes keys only).
      return tracked.kind === 'aws4fetch-client' ? { kind: 'temporary', source: 'sessionToken', node: token.node, durationSeconds: null } : { kind: 'unknown' };
    }
    // aws4fetch has no provider chain: the keys are given, or come from where the module cannot see.
    if (!complete || tracked.kind === 'gcs-storage' || tracked.kind === 'minio-client' || tracked.kind === 'aws4fetch-client') return { kind: 'unknown' };
    // No credentials: the default provider chain. Inside a Lambda handler module that is the
    // execution role's session.
    return this.lambdaModule ? { kind: 'temporary', source: 'lambdaRole', node: client, durationSeconds: null } : { kind: 'unknown' };
  }

  private credentialsFrom(raw: Node): CredentialsInfo<Node> {
    const origin = resolveOrigin(this.context, raw);
    const call = this.refs.calls.get(origin);
    if (call?.kind === 'credential-provider' && origin.type === 'CallExpression') {
      return this.temporary(call.source, origin, origin.arguments[0], call.source === 'assumeRole' ? ['params', 'DurationSeconds'] : ['DurationSeconds']);
    }
    const made = this.refs.constructs.get(origin);
    if (made?.kind === 'v2-credentials' && origin.type === 'NewExpression') {
      // ChainableTemporaryCredentials takes { params: { DurationSeconds } }; the others take it at the top.
      const path = made.className === 'ChainableTemporaryCredentials' ? ['params', 'DurationSeconds'] : ['DurationSeconds'];
      return this.temporary(made.source, origin, origin.arguments[0], path);
    }
    const object = resolveObjectLiteral(this.context, origin);
    if (object) {
      const has = (name: string) => propertyValue(this.context, object, name).kind === 'found';
      if (has('accessKeyId') && has('secretAccessKey')) return has('sessionToken') ? { kind: 'unknown' } : { kind: 'long-term', node: object };
    }
    if (origin.type === 'Identifier') {
      // `credentials: sharedCredentials`, imported: read where it is made, reported at the import.
      const imported = this.inDeclaringModule(origin, (reader, there) => reader.credentialsFrom(there));
      if (imported) return credentialsAt(imported, origin);
    }
    return { kind: 'unknown' };
  }

  private temporary(source: CredentialSourceKind, node: Node, options: Node | undefined, path: string[]): CredentialsInfo<Node> {
    let durationSeconds: Possible | null = null;
    let current: Node | undefined = options && options.type !== 'SpreadElement' ? options : undefined;
    for (let i = 0; current && i < path.length; i++) {
      // STS takes DurationSeconds; some v3 providers spell it durationSeconds.
      let value = propertyValue(this.context, current, path[i]!);
      if (value.kind === 'absent' && path[i] === 'DurationSeconds') value = propertyValue(this.context, current, 'durationSeconds');
      if (value.kind === 'unknown') {
        durationSeconds = UNKNOWN;
        break;
      }
      if (value.kind === 'absent') break;
      if (i === path.length - 1) durationSeconds = evaluate(this.context, value.node);
      current = value.node;
    }
    return { kind: 'temporary', source, node, durationSeconds };
  }

  private v2SignatureIsV4(client: ClientInfo<Node> | null): boolean | null {
    if (!client) return null;
    const version = client.settings.get('signatureVersion');
    if (version) {
      const v = singleValue(version.value);
      return v ? v.value === 'v4' || v.value === 's3v4' : null;
    }
    const region = client.settings.get('region');
    const r = region && singleValue(region.value);
    if (r && typeof r.value === 'string') return !V2_SIGV2_DEFAULT_REGIONS.has(r.value);
    return null;
  }
}

/** Seconds per unit of the Date setters an expiry is moved with. */
const DATE_SETTER_SECONDS: Readonly<Record<string, number>> = { setSeconds: 1, setMinutes: 60, setHours: 3_600, setDate: 86_400 };

/** The node runs when a function is called, not as the module loads. */
function insideFunction(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return true;
  return false;
}

/** A property written in the object literal itself (not through a spread). */
function ownProperty(context: Context, options: Node, name: string): { kind: 'found'; node: Node } | { kind: 'unknown' } {
  const object = resolveObjectLiteral(context, options);
  const prop = object?.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyKey(context, p) === name);
  return prop ? { kind: 'found', node: prop.value } : { kind: 'unknown' };
}

/** `x.PutObjectCommand`: the operation, when the catalogue knows it. */
function catalogueCommandOf(context: Context, raw: Node): string | null {
  const callee = unwrap(raw);
  const name = callee.type === 'MemberExpression' ? memberName(context, callee) : null;
  const operation = name?.endsWith('Command') ? name.slice(0, -'Command'.length) : null;
  return operation && KNOWN_OPERATIONS.includes(operation) ? operation : null;
}

/** `PutObjectCommand` imported by name from @aws-sdk/client-s3: its operation. */
function importedCommand(context: Context, identifier: TSESTree.Identifier): string | null {
  const def = variableOf(context, identifier)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.node.type !== 'ImportSpecifier') return null;
  if ((def.parent as TSESTree.ImportDeclaration).source.value !== '@aws-sdk/client-s3') return null;
  const imported = def.node.imported;
  const name = imported.type === 'Identifier' ? imported.name : String(imported.value);
  return name.endsWith('Command') ? name.slice(0, -'Command'.length) : null;
}

/** The same source with the same duration: the merged client of several candidates keeps it. */
function sameCredentials(a: CredentialsInfo<Node>, b: CredentialsInfo<Node>): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'temporary' || b.kind !== 'temporary') return true;
  return a.source === b.source && JSON.stringify(a.durationSeconds) === JSON.stringify(b.durationSeconds);
}

/** Credentials read in another module, pointing at `node` of this one. */
function credentialsAt(credentials: CredentialsInfo<Node>, node: Node): CredentialsInfo<Node> {
  return credentials.kind === 'unknown' ? credentials : { ...credentials, node };
}

function receiverKindOfTracked(tracked: Tracked): ReceiverKind | null {
  switch (tracked.kind) {
    case 'v2-s3':
    case 'minio-client':
    case 'gcs-storage':
    case 'v3-presigner':
    case 'signature-v4':
    case 'v3-client':
    case 'aws4fetch-client':
      return tracked.kind;
    default:
      return null;
  }
}

function methodFromOperation(operation: string, node: Node): MethodInfo<Node> {
  const method = methodOfOperation(operation);
  return method ? { kind: 'known', method } : notInCatalogue(node);
}

/** A constant operation our catalogue has no method for: the SDK knows it, the code is explicit. */
function notInCatalogue(node: Node): MethodInfo<Node> {
  return { kind: 'unknown', reason: 'not-in-catalogue', node };
}

function isTruthy(p: Possible): boolean {
  return p.length > 0 && p.every((c) => c.kind === 'value' && Boolean(c.value));
}

/** Each number times `factor` over `divisor` (dividing keeps 604800 ms at 604.8 s, where * 0.001 would not). */
function scale(p: Possible, factor: number, divisor = 1): Possible {
  return union(
    ...p.map((c): Possible => {
      if (c.kind === 'value' && typeof c.value === 'number') return known((c.value * factor) / divisor);
      if (c.kind === 'range') return [{ kind: 'range', min: (c.min * factor) / divisor, max: (c.max * factor) / divisor }];
      return UNKNOWN;
    }),
  );
}

/**
 * The documented shape heuristic (docs/heuristics.md): a call on a receiver made in another
 * module is a presign call only when its arguments are the SDK's and nobody else's.
 */
function shapeKind(context: Context, method: string, call: TSESTree.CallExpression): ReceiverKind | null {
  const [first, second] = call.arguments;
  const staticString = (node: Node | undefined): string | null => {
    if (!node || node.type === 'SpreadElement') return null;
    const v = singleValue(evaluate(context, node));
    return v && typeof v.value === 'string' ? v.value : null;
  };
  const objectWith = (node: Node | undefined, key: string): boolean =>
    !!node && node.type === 'ObjectExpression' && propertyValue(context, node, key).kind === 'found';
  switch (method) {
    case 'getSignedUrl':
    case 'getSignedUrlPromise': {
      const op = staticString(first);
      if (op && /^[a-z]/.test(op) && operationName(op) && objectWith(second, 'Bucket')) return 'v2-s3';
      if (method === 'getSignedUrl' && call.arguments.length === 1 && objectWith(first, 'action') && objectWith(first, 'expires')) {
        const action = staticString((first as TSESTree.ObjectExpression).properties.find(
          (p): p is TSESTree.Property => p.type === 'Property' && propertyKey(context, p) === 'action',
        )?.value);
        return action && action in GCS_ACTION_METHOD ? 'gcs-file' : null;
      }
      return null;
    }
    case 'createPresignedPost':
      return call.arguments.length <= 2 && objectWith(first, 'Bucket') ? 'v2-s3' : null;
    case 'sign':
      // aws4fetch's `{ aws: { signQuery } }` init is its own; a JWT or crypto `sign` takes nothing like it.
      return call.arguments.length === 2 && objectWith(second, 'aws') ? 'aws4fetch-client' : null;
    case 'presignedUrl':
      return asHttpMethod(staticString(first)) && isMinioReceiver(context, call) ? 'minio-client' : null;
    case 'presignedGetObject':
    case 'presignedPutObject':
      // Two arguments (`presignedGetObject(key, expiresIn)`) is also an application's own wrapper's
      // shape; three (bucket, key, expiry) is MinIO's unless the module says otherwise.
      if (call.arguments.length < 2 || first?.type === 'ObjectExpression') return null;
      return call.arguments.length >= 3 || isMinioReceiver(context, call) ? 'minio-client' : null;
    default:
      return null;
  }
}

/** The module imports or requires the `minio` package (a type import too). */
const IMPORTS_MINIO = /(?:\bfrom|\brequire\s*\(|\bimport\s*\(?)\s*['"]minio['"]/;

/**
 * MinIO's method names are plain words an application's own storage class also uses
 * (`presignedGetObject(key, expiresIn)` of a wrapper), and its arguments are plain strings and
 * numbers. Read by shape only where the module imports `minio`, or the receiver is named after it
 * (`minioClient`, `this.minio`).
 */
function isMinioReceiver(context: Context, call: TSESTree.CallExpression): boolean {
  if (IMPORTS_MINIO.test(context.sourceCode.text)) return true;
  const callee = unwrap(call.callee);
  const receiver = callee.type === 'MemberExpression' ? unwrap(callee.object) : null;
  const name = receiver?.type === 'Identifier' ? receiver.name : receiver?.type === 'MemberExpression' && !receiver.computed && receiver.property.type === 'Identifier' ? receiver.property.name : '';
  return /minio/i.test(name);
}
