/**
 * Follows what a presign call returns through the module: variables, `await`, `.then(url => ...)`,
 * callbacks, destructuring, object and array literals, template strings and concatenation,
 * local functions (their parameters and their callers), arrays built with `push` and read with
 * `map` and `join`, `Object.entries`/`Object.values`, a loop's `fields[name]`, and the SDK's
 * `formatUrl(request)`. The result is the site's flows
 * (src/presign/site.ts `UrlFlow`): every place the value (or a part of it, or something holding
 * it) is passed to a call or a `new`, with what that call is (a log, an error: ./sinks.ts; an
 * HTTP request: ./http-calls.ts). The rules decide which of those calls matter.
 *
 * Only what certainly carries the value is followed. A variable assigned twice, an unknown
 * function's result (`redact(url)`), a computed member, and string methods that cut the URL
 * (`url.split('?')[0]`) stop the flow: a redacted URL is not the URL.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { PRESIGN_RESULTS, holdsSecret, type ValuePath } from '../presign/results.js';
import type { PresignSite, UrlFlow } from '../presign/site.js';
import { isFunctionNode, isGlobalName, memberName, propertyKey, unwrap, valueParent, variableOf, type Context, type Node } from './ast.js';
import { httpRequestUse } from './http-calls.js';
import { dottedName, sinkOf } from './sinks.js';

/** How an expression's value relates to the presign call's result. */
interface Taint {
  /** The part of the result the value is (or holds): `['fields']` after `post.fields`. */
  readonly within: ValuePath;
  /** Where, inside this value, that part is: `{ link: url }` holds it at `['link']`. */
  readonly holder: ValuePath;
  /** The value is a Promise of it. */
  readonly promise: boolean;
  /** A string built from it (template, concatenation, `JSON.stringify`), not the value itself. */
  readonly derived: boolean;
  /** A WHATWG `URL` object made from it. */
  readonly urlObject: boolean;
}

interface UrlUse {
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** Which argument. */
  readonly index: number;
  readonly argument: Node;
  readonly taint: Taint;
}

/** Bounds the work on hostile code. */
const MAX_STEPS = 2_000;

/** A path step for an unknown index or key: any element of an array, any value of an object. */
const ANY = '*';

/** Array methods whose callback gets each element first. */
const ARRAY_CALLBACK_METHODS: ReadonlySet<string> = new Set(['map', 'flatMap', 'forEach']);

/** Methods that give back the same URL. */
const SAME_STRING_METHODS: ReadonlySet<string> = new Set(['toString', 'valueOf', 'trim', 'toJSON']);

/** Every call argument through which the result of `site` flows, with what each call is. */
export function followPresignResult(context: Context, site: PresignSite<Node>): UrlFlow<Node>[] {
  return new Flow(context).follow(site).map(({ call, index, argument, taint }) => ({
    argument,
    call,
    callee: dottedName(call.callee),
    secret: !taint.promise && holdsSecret(site.api.id, taint.within),
    requestUrl: isRequestUrl(site, taint) || (taint.holder.length === 1 && taint.holder[0] === 'url' && isRequestUrl(site, { ...taint, holder: [] })),
    sink: sinkOf(context, call),
    request: httpRequestUse(context, call, index, taint.holder),
  }));
}

/** The value is the URL to send the request to (or a string or `URL` made from it). */
function isRequestUrl(site: PresignSite<Node>, taint: Taint): boolean {
  const url = PRESIGN_RESULTS[site.api.id].url;
  return url !== null && !taint.promise && taint.holder.length === 0 && sameList(url, taint.within);
}

class Flow {
  private readonly uses: UrlUse[] = [];
  private readonly seen = new Set<string>();
  private readonly queue: { node: Node; taint: Taint }[] = [];

  constructor(private readonly context: Context) {}

  follow(site: PresignSite<Node>): UrlUse[] {
    const result = PRESIGN_RESULTS[site.api.id];
    const start: Taint = { within: [], holder: [], promise: result.promise, derived: false, urlObject: false };
    this.push(site.node, start);
    const call = site.node;
    const last = call.type === 'CallExpression' ? call.arguments[call.arguments.length - 1] : undefined;
    if (result.callbackValue && last && isFunctionNode(last)) {
      const param = last.params[1];
      if (param) this.bind(param, { ...start, within: result.callbackValue, promise: false });
    }
    for (let step = 0; step < MAX_STEPS && this.queue.length > 0; step++) {
      const { node, taint } = this.queue.shift()!;
      this.step(node, taint);
    }
    return this.uses;
  }

  private push(node: Node, taint: Taint): void {
    const key = `${node.range[0]}:${node.range[1]}:${node.type}:${taint.within.join('.')}|${taint.holder.join('.')}|${taint.promise}|${taint.derived}|${taint.urlObject}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.queue.push({ node, taint });
  }

  /** Where the value of `node` goes next. */
  private step(raw: Node, taint: Taint): void {
    // Type wrappers (`url as string`, `url!`) and `a?.b` chains carry the value unchanged.
    let node = raw;
    while (node.parent && valueParent(node) !== node.parent) node = node.parent;
    const parent = node.parent;
    if (!parent) return;
    switch (parent.type) {
      case 'AwaitExpression':
        this.push(parent, { ...taint, promise: false });
        return;
      case 'VariableDeclarator':
        if (parent.init === node) this.bind(parent.id, taint);
        return;
      case 'AssignmentExpression':
        if (parent.right === node && parent.operator === '=') {
          this.assign(parent.left, taint);
          this.push(parent, taint);
        }
        return;
      case 'MemberExpression':
        if (parent.object === node) this.member(parent, taint);
        return;
      case 'CallExpression':
      case 'NewExpression':
        if (parent.callee !== node) this.argument(parent, node, taint);
        return;
      case 'TemplateLiteral':
        if (taint.holder.length === 0 && parent.parent?.type !== 'TaggedTemplateExpression') this.push(parent, { ...taint, derived: true, urlObject: false });
        return;
      case 'BinaryExpression':
        if (parent.operator === '+' && taint.holder.length === 0) this.push(parent, { ...taint, derived: true, urlObject: false });
        return;
      case 'Property': {
        const object = parent.parent;
        const key = parent.value === node ? propertyKey(this.context, parent) : null;
        if (object?.type === 'ObjectExpression' && key !== null) this.push(object, { ...taint, holder: [key, ...taint.holder] });
        return;
      }
      case 'SpreadElement':
        // `{ ...post }` copies the properties; a spread into an array or call would split a string.
        if (parent.parent?.type === 'ObjectExpression' && taint.holder.length > 0) this.push(parent.parent, taint);
        return;
      case 'ArrayExpression':
        this.push(parent, { ...taint, holder: [String(parent.elements.indexOf(node as TSESTree.Expression)), ...taint.holder] });
        return;
      case 'ConditionalExpression':
        if (parent.test !== node) this.push(parent, taint);
        return;
      case 'LogicalExpression':
        this.push(parent, taint);
        return;
      case 'ReturnStatement':
        this.returned(parent, taint);
        return;
      case 'ArrowFunctionExpression':
        if (parent.body === node) this.returnedFrom(parent, taint);
        return;
      default:
        return;
    }
  }

  /** A pattern or identifier that receives the value. */
  private bind(pattern: Node, taint: Taint): void {
    switch (pattern.type) {
      case 'Identifier': {
        const variable = variableOf(this.context, pattern);
        if (!variable) return;
        // Written again elsewhere (`url = redact(url)`): which value a read sees is unknown.
        if (variable.references.filter((r) => r.isWrite()).length > 1) return;
        for (const reference of variable.references) if (reference.isRead()) this.push(reference.identifier, taint);
        return;
      }
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') this.bind(property.argument, taint);
          else {
            const key = propertyKey(this.context, property);
            const inner = key === null ? null : access(taint, key);
            if (inner) this.bind(property.value, inner);
          }
        }
        return;
      case 'ArrayPattern':
        pattern.elements.forEach((element, index) => {
          const inner = access(taint, String(index));
          if (element && element.type !== 'RestElement' && inner) this.bind(element, inner);
        });
        return;
      case 'AssignmentPattern':
        this.bind(pattern.left, taint);
        return;
      default:
        return;
    }
  }

  /** `x = value`, `obj.link = value`, `({ url } = value)`. */
  private assign(left: Node, taint: Taint): void {
    if (left.type !== 'MemberExpression') {
      this.bind(left, taint);
      return;
    }
    const name = memberName(this.context, left);
    const object = unwrap(left.object);
    if (name === null || object.type !== 'Identifier') return;
    this.assignInto(object, { ...taint, holder: [name, ...taint.holder] });
  }

  /** The object or array `object` names now holds the value: every other read of it may carry it. */
  private assignInto(object: TSESTree.Identifier, taint: Taint): void {
    const variable = variableOf(this.context, object);
    if (!variable) return;
    for (const reference of variable.references) {
      if (reference.isRead() && reference.identifier !== object) this.push(reference.identifier, taint);
    }
  }

  private member(member: TSESTree.MemberExpression, taint: Taint): void {
    const name = memberName(this.context, member);
    const call = valueParent(member);
    const isCall = call?.type === 'CallExpression' && unwrap(call.callee) === member;
    if (name === null) {
      // `formData[field]` in a loop over the fields: any of them, so all of them together.
      if (!isCall && member.computed) {
        const inner = access(taint, ANY);
        if (inner) this.push(member, taint.holder.length === 0 ? taint : inner);
      }
      return;
    }
    if (isCall) {
      if (taint.promise && name === 'then') this.thenCallback(call, taint);
      else if (taint.promise && (name === 'catch' || name === 'finally')) this.push(call, taint);
      else if (!taint.promise && taint.holder.length === 0 && SAME_STRING_METHODS.has(name)) this.push(call, { ...taint, urlObject: false });
      else if (!taint.promise && ARRAY_CALLBACK_METHODS.has(name) && taint.holder.length > 0) this.elementCallback(call, taint);
      else if (!taint.promise && name === 'join' && taint.holder.length === 1) this.push(call, { ...taint, holder: [], derived: true, urlObject: false });
      return;
    }
    if (taint.urlObject) {
      if (name === 'href') this.push(member, { ...taint, urlObject: false });
      return;
    }
    const inner = access(taint, name);
    if (inner) this.push(member, inner);
  }

  /** `entries.map(([k, v]) => ...)`: the callback's first parameter is each element. */
  private elementCallback(call: TSESTree.CallExpression, taint: Taint): void {
    const callback = call.arguments[0];
    const element = access(taint, ANY);
    const param = callback && isFunctionNode(callback) ? callback.params[0] : undefined;
    if (param && element) this.bind(param, element);
  }

  /** `promise.then(url => ...)`: the callback's parameter, and the `then` call's result. */
  private thenCallback(call: TSESTree.CallExpression, taint: Taint): void {
    const callback = call.arguments[0];
    const resolved = { ...taint, promise: false };
    if (!callback || !isFunctionNode(callback)) return;
    const param = callback.params[0];
    if (param) this.bind(param, resolved);
  }

  private argument(call: TSESTree.CallExpression | TSESTree.NewExpression, node: Node, taint: Taint): void {
    const index = call.arguments.indexOf(node as TSESTree.CallExpressionArgument);
    if (index === -1) return;
    this.uses.push({ call, index, argument: node, taint });
    const callee = unwrap(call.callee);
    if (call.type === 'NewExpression') {
      if (index === 0 && taint.holder.length === 0 && isGlobalName(this.context, callee, 'URL')) this.push(call, { ...taint, urlObject: true });
      return;
    }
    if (callee.type === 'MemberExpression' && isGlobalName(this.context, callee.object, 'JSON') && memberName(this.context, callee) === 'stringify') {
      this.push(call, { ...taint, derived: true, urlObject: false });
      return;
    }
    if (isGlobalName(this.context, callee, 'String')) {
      this.push(call, { ...taint, urlObject: false });
      return;
    }
    if (index === 0 && callee.type === 'MemberExpression' && isGlobalName(this.context, callee.object, 'Object')) {
      // `Object.entries(fields)`: every `[key, value]` pair holds one of its values at 1.
      const fn = memberName(this.context, callee);
      const rest = taint.holder.slice(1);
      if (fn === 'entries') this.push(call, { ...taint, holder: [ANY, '1', ...rest] });
      else if (fn === 'values') this.push(call, { ...taint, holder: [ANY, ...rest] });
      return;
    }
    if (callee.type === 'MemberExpression' && !taint.promise) {
      const method = memberName(this.context, callee);
      const array = unwrap(callee.object);
      // `lines.push(\`-F ${k}=${v}\`)`: the array now holds the value at some index.
      if ((method === 'push' || method === 'unshift') && array.type === 'Identifier') this.assignInto(array, { ...taint, holder: [ANY, ...taint.holder] });
      return;
    }
    if (index === 0 && !taint.promise && isFormatUrl(this.context, callee)) {
      // formatUrl(request) of @aws-sdk/util-format-url: the presigned request written as its URL.
      this.push(call, { ...taint, derived: true, urlObject: false });
      return;
    }
    const fn = localFunction(this.context, callee);
    const param = fn?.params[index];
    if (param && param.type !== 'RestElement' && param.type !== 'TSParameterProperty') this.bind(param, taint);
  }

  private returned(statement: TSESTree.ReturnStatement, taint: Taint): void {
    let current: Node | undefined = statement.parent;
    while (current && !isFunctionNode(current)) current = current.parent;
    if (current) this.returnedFrom(current, taint);
  }

  /** A function returns the value: its callers in the module get it (a Promise of it when async). */
  private returnedFrom(fn: TSESTree.FunctionLike, taint: Taint): void {
    const result = fn.async ? { ...taint, promise: true } : taint;
    const parent = fn.parent;
    // `promise.then(url => url.trim())`: the `then` call resolves to the callback's result;
    // `pairs.map(([k, v]) => \`${k}=${v}\`)` gives an array of the callback's results.
    if (parent?.type === 'CallExpression' && parent.arguments[0] === fn && parent.callee.type === 'MemberExpression') {
      const method = memberName(this.context, parent.callee);
      if (method === 'then') this.push(parent, { ...taint, promise: true });
      else if (method === 'map' && !fn.async) this.push(parent, { ...taint, holder: [ANY, ...taint.holder] });
      return;
    }
    const name = fn.type === 'FunctionDeclaration' ? fn.id : parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id : null;
    const variable = name ? variableOf(this.context, name) : null;
    if (!variable) return;
    for (const reference of variable.references) {
      const call = valueParent(reference.identifier);
      if (call?.type === 'CallExpression' && unwrap(call.callee) === reference.identifier) this.push(call, result);
    }
  }
}

/** The part `name` of a tainted value, or null when it does not carry the result. */
function access(taint: Taint, name: string): Taint | null {
  if (taint.promise || taint.derived || taint.urlObject) return null;
  // ANY in the holder (an array, the pairs of Object.entries) stands for whichever element.
  if (taint.holder.length > 0) return taint.holder[0] === name || taint.holder[0] === ANY || name === ANY ? { ...taint, holder: taint.holder.slice(1) } : null;
  return { ...taint, within: [...taint.within, name] };
}

/** @aws-sdk/util-format-url's `formatUrl`, imported by name. */
function isFormatUrl(context: Context, callee: Node): boolean {
  if (callee.type !== 'Identifier') return false;
  const def = variableOf(context, callee)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.node.type !== 'ImportSpecifier') return false;
  const imported = def.node.imported;
  return (def.parent as TSESTree.ImportDeclaration).source.value === '@aws-sdk/util-format-url' && (imported.type === 'Identifier' ? imported.name : imported.value) === 'formatUrl';
}

/** A function declared in the module that `callee` names: `function f() {}`, `const f = () => {}`. */
function localFunction(context: Context, callee: Node): TSESTree.FunctionLike | null {
  if (callee.type !== 'Identifier') return null;
  const def = variableOf(context, callee)?.defs[0];
  if (!def) return null;
  if (def.type === 'FunctionName') return def.node;
  if (def.type === 'Variable' && def.node.init && isFunctionNode(unwrap(def.node.init))) return unwrap(def.node.init) as TSESTree.FunctionLike;
  return null;
}

function startsWith(list: ValuePath, prefix: ValuePath): boolean {
  return prefix.length <= list.length && prefix.every((p, i) => list[i] === p);
}

function sameList(a: ValuePath, b: ValuePath): boolean {
  return a.length === b.length && startsWith(a, b);
}
