/**
 * What an aws4fetch `AwsClient#sign(input, init)` call signs, read from its arguments: the URL's
 * `X-Amz-Expires`, the method, and whether the request goes to S3 (docs/facts.md#aws4fetch).
 *
 * - `input` is a URL string, a `URL` (or its `toString()`/`href`), or a `new Request(url, init)`.
 * - The expiry is the URL's `X-Amz-Expires`: written in a string or template, or set with
 *   `url.searchParams.set('X-Amz-Expires', v)` on a `new URL(...)` of the module. aws4fetch adds
 *   86400 when it signs for s3 and the URL has none.
 * - The method is `init.method`, else the Request's, else GET (POST with a body).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { UNKNOWN, singleValue, type Possible } from '../presign/possible.js';
import type { MethodInfo } from '../presign/site.js';
import { asHttpMethod } from '../presign/commands.js';
import { isGlobalName, memberName, unwrap, variableOf, type Context, type Node } from './ast.js';
import { resolveOrigin } from './origin.js';
import { evaluate, propertyValue } from './static-value.js';

export interface Aws4fetchRequest {
  /** The URL's `X-Amz-Expires`; null when the code shows a URL without one (aws4fetch's default). */
  readonly expiry: { readonly node: Node; readonly seconds: Possible } | null;
  readonly method: MethodInfo<Node>;
  /**
   * The code shows a request to object storage: it names s3 (`service: 's3'`) or an S3, R2 or B2
   * host, writes `X-Amz-Expires`, or builds the URL from names that say bucket, R2 or S3. False
   * where it names another service or AWS host (an IoT or API Gateway URL is signed the same way)
   * and where nothing tells.
   */
  readonly forS3: boolean;
}

const EXPIRES = 'X-Amz-Expires';
/** Hosts aws4fetch signs for as s3 (`guessServiceRegion`): S3, R2, Backblaze B2. */
const S3_HOST = /(^|[./])s3[.-][^/]*amazonaws\.com|\.r2\.cloudflarestorage\.com|\.backblazeb2\.com/i;
/** Any other AWS host: signed for its own service (IoT, execute-api, Lambda URLs). */
const OTHER_AWS_HOST = /amazonaws\.com|\.on\.aws\b/i;
/** Names of a URL built for object storage: `R2_ENDPOINT`, `bucketUrl`, `S3_HOST`. */
const STORAGE_WORDS = /bucket|r2|s3/i;

export function readAws4fetchRequest(context: Context, input: Node | undefined, init: Node | undefined, service: string | null): Aws4fetchRequest {
  const request = input ? requestParts(context, input) : null;
  const read = request ? readUrl(context, request.url) : { expiry: UNKNOWN_EXPIRY(context.sourceCode.ast), hosts: '', names: '', shown: false };
  // With neither a Request nor a URL the module shows, `input` may be a Request with its own method.
  const shown = request?.init !== undefined || read.shown;
  const method = readMethod(context, init, request?.init ?? null, input, shown);
  let forS3: boolean;
  if (service !== null) forS3 = service === 's3';
  else if (S3_HOST.test(read.hosts)) forS3 = true;
  else if (OTHER_AWS_HOST.test(read.hosts)) forS3 = false;
  else forS3 = read.hosts.includes(EXPIRES) || STORAGE_WORDS.test(read.names);
  return { expiry: read.expiry, method, forS3 };
}

/** `new Request(url, init)`: its URL and init (null when it has none); any other value: a URL, `init` undefined. */
function requestParts(context: Context, input: Node): { url: Node; init?: Node | null } | null {
  const origin = resolveOrigin(context, input);
  if (origin.type === 'NewExpression' && isGlobalName(context, origin.callee, 'Request')) {
    const [url, init] = origin.arguments;
    if (!url || url.type === 'SpreadElement') return null;
    return { url, init: init && init.type !== 'SpreadElement' ? init : null };
  }
  return { url: input };
}

/**
 * The URL's `X-Amz-Expires` and its text: `hosts`, the constant parts (where a host and the
 * query are written), and `names`, the whole expression as written (`${env.R2_ENDPOINT}/...`).
 */
interface UrlRead {
  readonly expiry: Aws4fetchRequest['expiry'];
  readonly hosts: string;
  readonly names: string;
  /** The module shows the value is a URL (a string, template, concatenation or `new URL`). */
  readonly shown: boolean;
}

function readUrl(context: Context, raw: Node): UrlRead {
  let node = unwrap(resolveOrigin(context, raw));
  // `url.toString()`, `url.href`, `String(url)`: the URL object itself.
  for (let i = 0; i < 3; i++) {
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.arguments.length === 0 && memberName(context, node.callee) === 'toString') {
      node = unwrap(resolveOrigin(context, node.callee.object));
    } else if (node.type === 'MemberExpression' && memberName(context, node) === 'href') {
      node = unwrap(resolveOrigin(context, node.object));
    } else if (node.type === 'CallExpression' && isGlobalName(context, node.callee, 'String') && node.arguments.length === 1) {
      node = unwrap(resolveOrigin(context, node.arguments[0]!));
    } else break;
  }
  const names = context.sourceCode.getText(node);
  if (node.type === 'NewExpression' && isGlobalName(context, node.callee, 'URL')) {
    const [href, base] = node.arguments;
    const inner = href && href.type !== 'SpreadElement' ? readUrl(context, href) : { expiry: UNKNOWN_EXPIRY(node), hosts: '', names: '', shown: true };
    const baseText = base && base.type !== 'SpreadElement' ? constantText(context, base) : '';
    const set = searchParamWrites(context, node);
    const hosts = inner.hosts + baseText + (set && set !== 'unknown' ? `?${EXPIRES}=` : '');
    if (set === 'unknown') return { expiry: UNKNOWN_EXPIRY(node), hosts, names, shown: true };
    return { expiry: set ?? inner.expiry, hosts, names, shown: true };
  }
  const hosts = constantText(context, node);
  const shown = node.type === 'TemplateLiteral' || node.type === 'Literal' || (node.type === 'BinaryExpression' && node.operator === '+');
  const value = singleValue(evaluate(context, node));
  if (value && typeof value.value === 'string') return { expiry: expiresIn(value.value, node), hosts, names, shown: true };
  if (node.type === 'TemplateLiteral') {
    for (let i = 0; i < node.quasis.length; i++) {
      const text = node.quasis[i]!.value.cooked ?? '';
      const inline = new RegExp(`[?&]${EXPIRES}=(\\d+)`).exec(text);
      if (inline) return { expiry: { node, seconds: [{ kind: 'value', value: Number(inline[1]) }] }, hosts, names, shown };
      if (text.endsWith(`${EXPIRES}=`) && node.expressions[i]) return { expiry: { node: node.expressions[i]!, seconds: numeric(evaluate(context, node.expressions[i]!)) }, hosts, names, shown };
    }
    // `${endpoint}/${key}`: no query in the constant parts, nor from a call that could return one.
    const quiet = node.expressions.every((e) => unwrap(e).type !== 'CallExpression' || isGlobalName(context, (unwrap(e) as TSESTree.CallExpression).callee, 'encodeURIComponent'));
    if (quiet && !hosts.includes('?')) return { expiry: null, hosts, names, shown };
  }
  return { expiry: UNKNOWN_EXPIRY(node), hosts, names, shown };
}

const UNKNOWN_EXPIRY = (node: Node): Aws4fetchRequest['expiry'] => ({ node, seconds: UNKNOWN });

function expiresIn(url: string, node: Node): Aws4fetchRequest['expiry'] {
  const match = new RegExp(`[?&]${EXPIRES}=([^&#]*)`).exec(url);
  return match ? { node, seconds: [{ kind: 'value', value: Number(match[1]) }] } : null;
}

/**
 * The constant text of a string, template or `+` concatenation, with the constant parts of the
 * values it is made of (`${endpoint}/k` with `const endpoint = \`https://${id}.r2...\``).
 */
function constantText(context: Context, raw: Node, depth = 0): string {
  const node = unwrap(depth === 0 ? raw : resolveOrigin(context, raw));
  if (depth > 4) return '';
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : '';
  if (node.type === 'TemplateLiteral') {
    return node.quasis.map((q, i) => (q.value.cooked ?? '') + (node.expressions[i] ? constantText(context, node.expressions[i], depth + 1) : '')).join('');
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') return constantText(context, node.left, depth + 1) + constantText(context, node.right, depth + 1);
  const value = singleValue(evaluate(context, node));
  return value && typeof value.value === 'string' ? value.value : '';
}

/**
 * `url.searchParams.set('X-Amz-Expires', v)` on the `new URL(...)` bound to a variable: the
 * expiry it sets; null when there is none; `unknown` when the query is written some other way
 * (`url.search = ...`, a computed name, the URL handed to another function before signing).
 */
function searchParamWrites(context: Context, made: TSESTree.NewExpression): Aws4fetchRequest['expiry'] | 'unknown' | null {
  const declarator = made.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return null;
  const variable = variableOf(context, declarator.id);
  if (!variable) return null;
  let found: Aws4fetchRequest['expiry'] | null = null;
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) continue;
    const property = memberName(context, member);
    if ((property === 'search' || property === 'href') && member.parent?.type === 'AssignmentExpression' && member.parent.left === member) return 'unknown';
    if (property !== 'searchParams') continue;
    const method = member.parent?.type === 'MemberExpression' ? memberName(context, member.parent) : null;
    const call = member.parent?.parent;
    if (method === null || call?.type !== 'CallExpression' || call.callee !== member.parent) continue;
    if (method !== 'set' && method !== 'append' && method !== 'delete') continue;
    const [name, value] = call.arguments;
    const key = name && name.type !== 'SpreadElement' ? singleValue(evaluate(context, name)) : null;
    if (!key || typeof key.value !== 'string') return 'unknown';
    if (key.value !== EXPIRES) continue;
    if (method === 'delete' || !value || value.type === 'SpreadElement') return 'unknown';
    // `ttl.toString()`: the number it prints.
    const inner = unwrap(value);
    const printed = inner.type === 'CallExpression' && inner.arguments.length === 0 && inner.callee.type === 'MemberExpression' && memberName(context, inner.callee) === 'toString' ? inner.callee.object : value;
    found = { node: value, seconds: numeric(evaluate(context, printed)) };
  }
  return found;
}

/** The query holds text: `'3600'` and `String(ttl)` are numbers of seconds to S3. */
function numeric(p: Possible): Possible {
  return p.map((c) => (c.kind === 'value' && typeof c.value === 'string' && c.value.trim() !== '' && !Number.isNaN(Number(c.value)) ? { kind: 'value', value: Number(c.value) } : c));
}

function readMethod(context: Context, init: Node | undefined, requestInit: Node | null, input: Node | undefined, inputShown: boolean): MethodInfo<Node> {
  for (const options of [init, requestInit]) {
    if (!options || options.type === 'SpreadElement') continue;
    const method = propertyValue(context, options, 'method');
    if (method.kind === 'unknown') return { kind: 'unknown', reason: 'method-not-constant', node: options };
    if (method.kind === 'absent') {
      // A body makes it a POST (aws4fetch: `method || (body ? 'POST' : 'GET')`).
      if (propertyValue(context, options, 'body').kind === 'found') return { kind: 'unknown', reason: 'method-missing', node: options };
      continue;
    }
    const value = singleValue(evaluate(context, method.node));
    const known = value ? asHttpMethod(value.value) : null;
    return known ? { kind: 'known', method: known } : { kind: 'unknown', reason: 'method-not-constant', node: method.node };
  }
  // A Request made elsewhere carries its own method.
  if (!inputShown) return { kind: 'unknown', reason: 'request-unresolved', node: input ?? context.sourceCode.ast };
  return { kind: 'unknown', reason: 'method-missing', node: init ?? input ?? context.sourceCode.ast };
}
