/**
 * Follows what a boto3 presign call returns through one Python module, and gives the site's
 * flows (src/presign/site.ts `UrlFlow`): every call the value (or a part of it, or something
 * holding it) is passed to, with what that call is (a log or an exception: ./sinks.ts; an HTTP
 * request: ./http-calls.ts). The JavaScript reader's flow is src/javascript/url-flow.ts; the rules
 * that read the flows (no-url-logging, method-mismatch) are the same for both.
 *
 * Followed: names assigned once, f-strings, `+` and `%` formatting, `str.format`, `str()`,
 * `json.dumps`, dict/list/tuple literals and constant subscripts (`post['fields']`), `return`
 * to the callers of a local function, and local functions' parameters. A name assigned twice and
 * any other call (`redact(url)`, `url.split('?')[0]`) stop the flow: a redacted URL is not the URL.
 */
import { PRESIGN_RESULTS, holdsSecret, type ValuePath } from '../presign/results.js';
import type { PresignSite, UrlFlow } from '../presign/site.js';
import type { PythonEvaluator } from './evaluate.js';
import { httpRequestOf } from './http-calls.js';
import type { PythonModule } from './scope.js';
import { dottedName, sinkOf } from './sinks.js';
import { child, namedChildren, type PyNode } from './syntax.js';

interface Taint {
  /** The part of the presign result the value is or holds: `['fields']` after `post['fields']`. */
  readonly within: ValuePath;
  /** Where in this value that part is: `{'link': url}` holds it at `['link']`. */
  readonly holder: ValuePath;
  /**
   * A string made from a container holding it (`str({'link': url})`, `json.dumps(post)`): it
   * holds the secret, but is not the URL a request can be sent to.
   */
  readonly serialized: boolean;
}

interface Use {
  readonly call: PyNode;
  readonly argument: PyNode;
  readonly taint: Taint;
}

/** Calls that give a string holding their argument. */
const STRINGIFIERS: ReadonlySet<string> = new Set(['str', 'repr', 'json.dumps']);

/** Bounds the work on hostile code. */
const MAX_STEPS = 2_000;

/** Every call argument through which the result of `site` flows, with what each call is. */
export function followPresignResult(module: PythonModule, evaluator: PythonEvaluator, site: PresignSite<PyNode>): UrlFlow<PyNode>[] {
  const url = PRESIGN_RESULTS[site.api.id].url;
  return new Flow(module).follow(site.node).map(({ call, argument, taint }) => {
    const callee = child(call, 'function');
    // `self(...)` names nothing: dottedName gives '' for `self` alone.
    const name = callee ? dottedName(callee) : null;
    return {
      argument,
      call,
      callee: name === '' ? null : name,
      secret: holdsSecret(site.api.id, taint.within),
      requestUrl: url !== null && !taint.serialized && taint.holder.length === 0 && sameList(url, taint.within),
      sink: sinkOf(module, call),
      request: httpRequestOf(module, evaluator, call, argument),
    };
  });
}

class Flow {
  private readonly uses: Use[] = [];
  private readonly seen = new Set<string>();
  private readonly queue: { node: PyNode; taint: Taint }[] = [];

  constructor(private readonly module: PythonModule) {}

  follow(call: PyNode): Use[] {
    this.push(call, { within: [], holder: [], serialized: false });
    for (let step = 0; step < MAX_STEPS && this.queue.length > 0; step++) {
      const { node, taint } = this.queue.shift()!;
      this.step(node, taint);
    }
    return this.uses;
  }

  private push(node: PyNode, taint: Taint): void {
    const key = `${node.start.row}:${node.start.column}:${node.end.row}:${node.end.column}:${node.type}:${taint.within.join('.')}|${taint.holder.join('.')}|${taint.serialized}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.queue.push({ node, taint });
  }

  /** A string made from the value holds all of it, wherever it was inside. */
  private derive(node: PyNode, taint: Taint): void {
    this.push(node, { within: taint.within, holder: [], serialized: taint.serialized || taint.holder.length > 0 });
  }

  private step(node: PyNode, taint: Taint): void {
    const parent = node.parent;
    if (!parent) return;
    switch (parent.type) {
      case 'parenthesized_expression':
      case 'await':
      case 'boolean_operator':
        this.push(parent, taint);
        return;
      case 'conditional_expression':
        if (namedChildren(parent)[1] !== node) this.push(parent, taint);
        return;
      case 'assignment':
        if (child(parent, 'right') === node) this.assign(child(parent, 'left'), taint);
        return;
      case 'interpolation': {
        // f"...{url}...": the f-string is the interpolation's parent.
        const string = parent.parent;
        if (string) this.derive(string, taint);
        return;
      }
      case 'binary_operator': {
        const operator = child(parent, 'operator')?.type;
        if (operator === '+' || operator === '%') this.derive(parent, taint);
        return;
      }
      case 'pair': {
        const key = child(parent, 'key');
        const name = key?.type === 'string' ? plainString(key) : null;
        if (child(parent, 'value') === node && name !== null && parent.parent) this.push(parent.parent, { ...taint, holder: [name, ...taint.holder] });
        return;
      }
      case 'list':
      case 'tuple':
        this.push(parent, { ...taint, holder: [String(namedChildren(parent).indexOf(node)), ...taint.holder] });
        return;
      case 'subscript':
        if (child(parent, 'value') === node) this.subscript(parent, taint);
        return;
      case 'return_statement':
        this.returned(parent, taint);
        return;
      case 'argument_list':
        this.argument(parent.parent, node, taint);
        return;
      case 'keyword_argument': {
        const call = parent.parent?.parent;
        if (child(parent, 'value') === node && call) this.argument(call, node, taint, child(parent, 'name')?.text);
        return;
      }
      default:
        return;
    }
  }

  private assign(target: PyNode | null, taint: Taint): void {
    if (target?.type !== 'identifier') return;
    const binding = this.module.lookup(target.text, target);
    if (!binding || binding === 'ambiguous') return;
    for (const reference of this.module.references(target.text, binding)) this.push(reference, taint);
  }

  /** `post['fields']`, `{'link': url}['link']`. */
  private subscript(node: PyNode, taint: Taint): void {
    // A character of a serialised container is not a part of the result.
    if (taint.serialized) return;
    const index = namedChildren(node).find((c) => c.field === 'subscript');
    const key = index?.type === 'string' ? plainString(index) : index?.type === 'integer' ? index.text : null;
    if (key === null) return;
    if (taint.holder.length === 0) this.push(node, { ...taint, within: [...taint.within, key] });
    else if (taint.holder[0] === key) this.push(node, { ...taint, holder: taint.holder.slice(1) });
  }

  /** The value is returned: it flows out of every local call of the function. */
  private returned(statement: PyNode, taint: Taint): void {
    let fn: PyNode | null = statement.parent;
    while (fn && fn.type !== 'function_definition') fn = fn.parent;
    if (!fn) return;
    for (const call of this.module.callsOf(fn)) this.push(call, taint);
  }

  private argument(call: PyNode | null | undefined, argument: PyNode, taint: Taint, keyword?: string): void {
    if (call?.type !== 'call') return;
    this.uses.push({ call, argument, taint });
    const callee = child(call, 'function');
    if (!callee) return;
    const name = this.module.lookup(callee.text, callee) === null ? callee.text : this.module.qualifiedName(callee);
    const isFormat = callee.type === 'attribute' && child(callee, 'attribute')?.text === 'format';
    if ((name && STRINGIFIERS.has(name)) || isFormat) {
      this.derive(call, taint);
      return;
    }
    // A local function: on into its parameter.
    const binding = callee.type === 'identifier' ? this.module.lookup(callee.text, callee) : null;
    if (!binding || binding === 'ambiguous' || binding.kind !== 'def' || binding.node.type !== 'function_definition') return;
    const positional = namedChildren(child(call, 'arguments')!).filter((a) => a.type !== 'keyword_argument');
    const parameter = this.module.parameterOf(binding.node, positional.indexOf(argument), keyword ?? null);
    if (!parameter) return;
    for (const reference of this.module.references(parameter.node.text, parameter)) this.push(reference, taint);
  }
}

/** The text of a plain string literal (no prefix, interpolation or escapes). */
function plainString(node: PyNode): string | null {
  const content = namedChildren(node).filter((c) => c.type !== 'string_start' && c.type !== 'string_end');
  if (content.length > 1 || (content[0] && content[0].type !== 'string_content')) return null;
  if (!/^['"]/.test(node.text)) return null;
  return content[0]?.text ?? '';
}

function sameList(a: ValuePath, b: ValuePath): boolean {
  return a.length === b.length && a.every((part, i) => b[i] === part);
}
