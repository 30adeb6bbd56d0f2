/**
 * presign/no-url-logging for Python: follows what a boto3 presign call returns through the module
 * and reports where it reaches `print`, the `logging` module, a logger, or an exception message.
 * The flow is Python's own (the JavaScript one lives in src/code/url-flow.ts); the messages are
 * the rule's (`logged`, `inError`, data `api` and `sink`).
 *
 * Followed: names assigned once, f-strings, `+` and `%` formatting, `str.format`, `str()`,
 * `json.dumps`, dict/list/tuple literals and constant subscripts (`post['fields']`), `return`
 * to the callers of a local function, and local functions' parameters. A name assigned twice and
 * any other call (`redact(url)`, `url.split('?')[0]`) stop the flow: a redacted URL is not the URL.
 */
import { holdsSecret, type ValuePath } from '../presign/results.js';
import type { Finding } from '../presign/site.js';
import type { PySite } from './boto3-sites.js';
import type { PythonModule } from './scope.js';
import { child, namedChildren, type PyNode } from './syntax.js';

export type MessageId = 'logged' | 'inError';

export interface PythonUrlLoggingOptions {
  /** More calls that write where people read, by dotted name (`sentry_sdk.capture_message`); `self.` is left out. */
  sinks: string[];
}

interface Taint {
  /** The part of the presign result the value is or holds: `['fields']` after `post['fields']`. */
  readonly within: ValuePath;
  /** Where in this value that part is: `{'link': url}` holds it at `['link']`. */
  readonly holder: ValuePath;
}

/** Levels of the standard `logging` module and its loggers (Python docs, logging). */
const LOG_METHODS: ReadonlySet<string> = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);

/** Receivers that are loggers by name: `logger`, `log`, `_logger`, `self.logger`, `audit_log`, `LOGGER`. */
const LOGGER_NAME = /^_*(?:log|logger)$|_(?:log|logger)$/i;

/** Calls that give a string holding their argument. */
const STRINGIFIERS: ReadonlySet<string> = new Set(['str', 'repr', 'json.dumps']);

/** Bounds the work on hostile code. */
const MAX_STEPS = 2_000;

export function checkPythonUrlLogging(module: PythonModule, site: PySite, options: PythonUrlLoggingOptions): Finding<PyNode, MessageId>[] {
  const findings: Finding<PyNode, MessageId>[] = [];
  const extraSinks = new Set(options.sinks);
  for (const use of new Flow(module).follow(site.node)) {
    if (!holdsSecret(site.api.id, use.taint.within)) continue;
    const sink = sinkOf(module, use.call, extraSinks);
    if (sink) findings.push({ node: use.argument, messageId: sink.kind === 'log' ? 'logged' : 'inError', data: { api: site.api.label, sink: sink.name } });
  }
  return findings;
}

interface Use {
  readonly call: PyNode;
  readonly argument: PyNode;
  readonly taint: Taint;
}

class Flow {
  private readonly uses: Use[] = [];
  private readonly seen = new Set<string>();
  private readonly queue: { node: PyNode; taint: Taint }[] = [];

  constructor(private readonly module: PythonModule) {}

  follow(call: PyNode): Use[] {
    this.push(call, { within: [], holder: [] });
    for (let step = 0; step < MAX_STEPS && this.queue.length > 0; step++) {
      const { node, taint } = this.queue.shift()!;
      this.step(node, taint);
    }
    return this.uses;
  }

  private push(node: PyNode, taint: Taint): void {
    const key = `${node.start.row}:${node.start.column}:${node.end.row}:${node.end.column}:${node.type}:${taint.within.join('.')}|${taint.holder.join('.')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.queue.push({ node, taint });
  }

  /** A string made from the value holds all of it, wherever it was inside. */
  private derive(node: PyNode, taint: Taint): void {
    this.push(node, { within: taint.within, holder: [] });
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
    if (!call || call.type !== 'call') return;
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

/** Where a call writes, as the message names it; null when it is not a sink. */
function sinkOf(module: PythonModule, call: PyNode, extra: ReadonlySet<string>): { kind: 'log' | 'error'; name: string } | null {
  const callee = child(call, 'function');
  if (!callee) return null;
  const written = dottedName(callee);
  if (written !== null && extra.has(written)) return { kind: 'log', name: written };
  if (callee.type === 'identifier') {
    if (callee.text === 'print' && module.lookup('print', callee) === null) return { kind: 'log', name: 'print' };
    // `raise UploadError(f"... {url}")`: exception messages end up in logs and responses.
    if (/(?:Error|Exception)$/.test(callee.text)) return { kind: 'error', name: callee.text };
    return null;
  }
  if (callee.type !== 'attribute') return null;
  const method = child(callee, 'attribute')?.text ?? '';
  const receiver = child(callee, 'object')!;
  const qualified = module.qualifiedName(callee);
  if (qualified === 'sys.stdout.write' || qualified === 'sys.stderr.write') return { kind: 'log', name: qualified };
  if (!LOG_METHODS.has(method)) return null;
  if (qualified?.startsWith('logging.')) return { kind: 'log', name: qualified };
  const receiverName = dottedName(receiver);
  const last = receiverName?.slice(receiverName.lastIndexOf('.') + 1);
  if (last && LOGGER_NAME.test(last)) return { kind: 'log', name: written ?? method };
  return isLoggerValue(module, receiver) ? { kind: 'log', name: written ?? method } : null;
}

/** A name bound to `logging.getLogger(...)`, whatever it is called. */
function isLoggerValue(module: PythonModule, receiver: PyNode): boolean {
  if (receiver.type !== 'identifier') return false;
  const binding = module.lookup(receiver.text, receiver);
  if (!binding || binding === 'ambiguous' || binding.kind !== 'assign' || binding.value.type !== 'call') return false;
  const callee = child(binding.value, 'function');
  return !!callee && module.qualifiedName(callee) === 'logging.getLogger';
}

/** `self.logger.info` -> `logger.info`; null when the callee is not made of names. */
function dottedName(node: PyNode): string | null {
  if (node.type === 'identifier') return node.text === 'self' ? '' : node.text;
  if (node.type !== 'attribute') return null;
  const object = dottedName(child(node, 'object')!);
  const attribute = child(node, 'attribute')!.text;
  return object === null ? null : object === '' ? attribute : `${object}.${attribute}`;
}

/** The text of a plain string literal (no prefix, interpolation or escapes). */
function plainString(node: PyNode): string | null {
  const content = namedChildren(node).filter((c) => c.type !== 'string_start' && c.type !== 'string_end');
  if (content.length > 1 || (content[0] && content[0].type !== 'string_content')) return null;
  if (!/^['"]/.test(node.text)) return null;
  return content[0]?.text ?? '';
}
