/**
 * Recognises the HTTP request a Python call makes with a URL argument, and the method it uses,
 * for presign/method-mismatch. The libraries' documented signatures:
 *
 * - requests (https://requests.readthedocs.io/en/latest/api/): `requests.request(method, url,
 *   **kwargs)`, and `requests.get(url, params=None, **kwargs)`, `options(url)`, `head(url)`,
 *   `post(url, data=None, json=None)`, `put(url, data=None)`, `patch(url, data=None)`,
 *   `delete(url)`, each sending its own method. `requests.Session()` (also `requests.session()`)
 *   has the same methods, `Session.request(method, url, ...)` included.
 * - httpx (https://www.python-httpx.org/api/): `httpx.request(method, url, ...)`,
 *   `httpx.stream(method, url, ...)`, and `httpx.get(url)`, `options`, `head`, `post`, `put`,
 *   `patch`, `delete`; `httpx.Client()` and `httpx.AsyncClient()` have the same methods.
 * - urllib.request (https://docs.python.org/3/library/urllib.request.html):
 *   `urlopen(url, data=None, [timeout, ]*, context=None)` sends GET, or POST "when the data
 *   parameter is provided"; `Request(url, data=None, headers={}, origin_req_host=None,
 *   unverifiable=False, method=None)`, whose method "is 'GET' if data is None or 'POST'
 *   otherwise". A `Request` is reported where it is made: the request it describes is the one
 *   `urlopen` sends.
 *
 * The URL is the argument `url`, by position or by keyword. A method given as a value the module
 * does not show (a variable, `**kwargs`) is unknown, and nothing is reported on it.
 */
import type { HttpRequestInfo } from '../presign/site.js';
import type { PythonEvaluator } from './evaluate.js';
import type { PythonModule } from './scope.js';
import { argument, child, hasSplat, unwrap, type PyNode } from './syntax.js';

/** The module-level functions and session methods named after the method they send. */
const SHORTCUT_METHODS: ReadonlyMap<string, string> = new Map([
  ['get', 'GET'],
  ['options', 'OPTIONS'],
  ['head', 'HEAD'],
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
]);

/** Modules whose functions are the shortcuts and `request(method, url)`. */
const REQUEST_MODULES: ReadonlySet<string> = new Set(['requests', 'requests.api', 'httpx']);

/** Constructors of objects with the same methods, by qualified name, as a message names the class. */
const SESSION_CLASSES: ReadonlyMap<string, string> = new Map([
  ['requests.Session', 'requests.Session'],
  ['requests.session', 'requests.Session'],
  ['requests.sessions.Session', 'requests.Session'],
  ['requests.sessions.session', 'requests.Session'],
  ['httpx.Client', 'httpx.Client'],
  ['httpx.AsyncClient', 'httpx.AsyncClient'],
]);

const MAX_DEPTH = 20;

/** The request `call` makes when its URL is `arg` (a positional argument, or a keyword argument's value); null when it makes none. */
export function httpRequestOf(module: PythonModule, evaluator: PythonEvaluator, call: PyNode, arg: PyNode): HttpRequestInfo | null {
  const callee = child(call, 'function');
  if (!callee) return null;
  const qualified = module.qualifiedName(callee);
  if (qualified === 'urllib.request.urlopen') {
    if (argument(call, 0, 'url') !== arg) return null;
    const method = methodFromData(call);
    return { client: qualified, method, defaulted: method !== null };
  }
  if (qualified === 'urllib.request.Request') {
    if (argument(call, 0, 'url') !== arg) return null;
    const given = argument(call, 5, 'method');
    if (given && !isNone(given)) return { client: qualified, method: constantMethod(evaluator, given), defaulted: false };
    const method = methodFromData(call);
    return { client: qualified, method, defaulted: method !== null };
  }
  let client: string;
  let name: string;
  if (qualified !== null) {
    const dot = qualified.lastIndexOf('.');
    if (!REQUEST_MODULES.has(qualified.slice(0, dot))) return null;
    client = qualified;
    name = qualified.slice(dot + 1);
  } else {
    const receiver = callee.type === 'attribute' ? child(callee, 'object') : null;
    const sessionClass = receiver && sessionClassOf(module, receiver, 0);
    if (!sessionClass) return null;
    name = child(callee, 'attribute')?.text ?? '';
    client = `${sessionClass}#${name}`;
  }
  const shortcut = SHORTCUT_METHODS.get(name);
  if (shortcut) return argument(call, 0, 'url') === arg ? { client, method: shortcut, defaulted: false } : null;
  if (name === 'request' || name === 'stream') {
    if (argument(call, 1, 'url') !== arg) return null;
    const method = argument(call, 0, 'method');
    return { client, method: method ? constantMethod(evaluator, method) : null, defaulted: false };
  }
  return null;
}

/** urllib without a method: POST when `data` is given, GET when it is absent or None; null when `**kwargs` may give it. */
function methodFromData(call: PyNode): string | null {
  const data = argument(call, 1, 'data');
  if (data) return isNone(data) ? 'GET' : 'POST';
  return hasSplat(call) ? null : 'GET';
}

function constantMethod(evaluator: PythonEvaluator, node: PyNode): string | null {
  return evaluator.constantString(node)?.toUpperCase() ?? null;
}

/** The session or client class `receiver` is an instance of: `requests.Session()`, a name assigned one, `with httpx.Client() as c`. */
function sessionClassOf(module: PythonModule, raw: PyNode, depth: number): string | null {
  const node = unwrap(raw);
  if (depth > MAX_DEPTH) return null;
  if (node.type === 'call') {
    const callee = child(node, 'function');
    const qualified = callee && module.qualifiedName(callee);
    return (qualified && SESSION_CLASSES.get(qualified)) ?? null;
  }
  if (node.type === 'identifier') {
    const binding = module.lookup(node.text, node);
    if (!binding || binding === 'ambiguous' || binding.kind !== 'assign') return null;
    return sessionClassOf(module, binding.value, depth + 1);
  }
  return null;
}

function isNone(node: PyNode): boolean {
  return unwrap(node).type === 'none';
}
