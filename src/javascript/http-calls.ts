/**
 * Recognises the HTTP request a call makes with a URL argument, and the method it uses:
 * `fetch` (global, node-fetch, undici, cross-fetch), axios (and `axios.create()` instances),
 * got, ky and `XMLHttpRequest#open`. Each library's documented default is GET.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { singleValue } from '../presign/possible.js';
import type { HttpRequestInfo } from '../presign/site.js';
import { isGlobalName, memberName, unwrap, variableOf, type Context, type Node } from './ast.js';
import { resolveOrigin } from './origin.js';
import { evaluate, propertyValue } from './static-value.js';

const FETCH_MODULES: ReadonlySet<string> = new Set(['node-fetch', 'undici', 'cross-fetch', 'isomorphic-fetch']);
/** Libraries whose default export is called as `lib(url, options)` and has `lib.get(url)` shortcuts. */
const REQUEST_LIBRARIES: ReadonlySet<string> = new Set(['axios', 'got', 'ky']);
const SHORTCUT_METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  delete: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  postForm: 'POST',
  putForm: 'PUT',
  patchForm: 'PATCH',
};

/**
 * The request `call` makes when the URL is its argument `index`, held at `holder` inside that
 * argument (`[]` for the URL itself, `['url']` for `axios({ url })`); null when it makes none.
 */
export function httpRequestUse(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, holder: readonly string[]): HttpRequestInfo | null {
  if (call.type !== 'CallExpression') return null;
  const callee = unwrap(call.callee);
  const urlItself = holder.length === 0;
  const urlInConfig = holder.length === 1 && holder[0] === 'url';
  if (isFetch(context, callee)) return urlItself && index === 0 ? optionsMethod(context, 'fetch', call.arguments[1]) : null;
  const library = libraryOf(context, callee);
  if (library) {
    // `axios(url, config)`, `axios({ url, method })`.
    if (urlItself && index === 0) return optionsMethod(context, library, call.arguments[1]);
    if (urlInConfig && index === 0) return optionsMethod(context, library, call.arguments[0]);
    return null;
  }
  if (callee.type !== 'MemberExpression') return null;
  const name = memberName(context, callee);
  const receiverLibrary = libraryOf(context, callee.object);
  if (receiverLibrary && name !== null) {
    // Own keys only: `axios.constructor(url)` is no shortcut.
    const shortcut = Object.hasOwn(SHORTCUT_METHODS, name) ? SHORTCUT_METHODS[name] : undefined;
    if (shortcut && urlItself && index === 0) return { client: `${receiverLibrary}.${name}`, method: shortcut, defaulted: false };
    if (name === 'request' && urlInConfig && index === 0) return optionsMethod(context, `${receiverLibrary}.request`, call.arguments[0]);
    return null;
  }
  if (name === 'open' && urlItself && index === 1 && isXmlHttpRequest(context, callee.object)) {
    return { client: 'XMLHttpRequest#open', ...constantMethod(context, call.arguments[0]) };
  }
  return null;
}

/** `options.method`, or the default GET when the options or the property are absent. */
function optionsMethod(context: Context, client: string, options: TSESTree.CallExpressionArgument | undefined): HttpRequestInfo {
  if (!options) return { client, method: 'GET', defaulted: true };
  if (options.type === 'SpreadElement') return { client, method: null, defaulted: false };
  const method = propertyValue(context, options, 'method');
  if (method.kind === 'absent') return { client, method: 'GET', defaulted: true };
  if (method.kind === 'unknown') return { client, method: null, defaulted: false };
  return { client, ...constantMethod(context, method.node) };
}

function constantMethod(context: Context, node: Node | undefined): { method: string | null; defaulted: false } {
  const value = node && node.type !== 'SpreadElement' ? singleValue(evaluate(context, node)) : null;
  return { method: value && typeof value.value === 'string' ? value.value.toUpperCase() : null, defaulted: false };
}

function isFetch(context: Context, callee: Node): boolean {
  if (isGlobalName(context, callee, 'fetch')) return true;
  if (callee.type === 'MemberExpression' && memberName(context, callee) === 'fetch') {
    const object = unwrap(callee.object);
    return object.type === 'Identifier' && ['globalThis', 'window', 'self'].some((g) => isGlobalName(context, object, g));
  }
  // `import fetch from 'node-fetch'`, `const { fetch } = require('undici')`.
  const source = callee.type === 'Identifier' && callee.name === 'fetch' ? moduleOf(context, callee) : null;
  return source !== null && FETCH_MODULES.has(source);
}

/** `axios`, `got`, `ky` imported or required, or an instance from `axios.create()` / `got.extend()` / `ky.create()`. */
function libraryOf(context: Context, raw: Node): string | null {
  const node = unwrap(raw);
  if (node.type === 'Identifier') {
    const source = moduleOf(context, node);
    if (source !== null) return REQUEST_LIBRARIES.has(source) ? source : null;
  }
  const origin = resolveOrigin(context, node);
  if (origin.type === 'CallExpression') {
    const callee = unwrap(origin.callee);
    if (callee.type === 'MemberExpression' && ['create', 'extend'].includes(memberName(context, callee) ?? '')) return libraryOf(context, callee.object);
    const required = requiredModule(origin);
    return required !== null && REQUEST_LIBRARIES.has(required) ? required : null;
  }
  return null;
}

/** The module an identifier is imported or required from (`import axios from 'axios'`, `const got = require('got')`). */
function moduleOf(context: Context, identifier: TSESTree.Identifier): string | null {
  const def = variableOf(context, identifier)?.defs[0];
  if (!def) return null;
  if (def.type === 'ImportBinding') return String((def.parent as TSESTree.ImportDeclaration).source.value);
  if (def.type === 'Variable' && def.node.init) {
    const init = unwrap(def.node.init);
    const call = init.type === 'MemberExpression' ? unwrap(init.object) : init; // require('ky').default
    return call.type === 'CallExpression' ? requiredModule(call) : null;
  }
  return null;
}

function requiredModule(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  const arg = call.arguments[0];
  return callee.type === 'Identifier' && callee.name === 'require' && arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : null;
}

function isXmlHttpRequest(context: Context, receiver: Node): boolean {
  const origin = resolveOrigin(context, receiver);
  return origin.type === 'NewExpression' && isGlobalName(context, origin.callee, 'XMLHttpRequest');
}
