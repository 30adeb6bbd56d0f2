/**
 * The Python calls that write their arguments where people read them: `print`, the `logging`
 * module and its loggers, `sys.stdout.write`/`sys.stderr.write` (a log), and exceptions made
 * with them (an error message). What a presigned URL must not reach: presign/no-url-logging
 * reads these facts from the site's flows (src/presign/site.ts `UrlFlow.sink`).
 */
import type { UrlSink } from '../presign/site.js';
import type { PythonModule } from './scope.js';
import { child, type PyNode } from './syntax.js';

/** Levels of the standard `logging` module and its loggers (Python docs, logging). */
const LOG_METHODS: ReadonlySet<string> = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);

/** Receivers that are loggers by name: `logger`, `log`, `_logger`, `self.logger`, `audit_log`, `LOGGER`. */
const LOGGER_NAME = /^_*(?:log|logger)$|_(?:log|logger)$/i;

/** Where a call writes, as the message names it; null when it is not a log or an error. */
export function sinkOf(module: PythonModule, call: PyNode): UrlSink | null {
  const callee = child(call, 'function');
  if (!callee) return null;
  if (callee.type === 'identifier') {
    if (callee.text === 'print' && module.lookup('print', callee) === null) return { kind: 'log', name: 'print' };
    // `raise UploadError(f"... {url}")`: exception messages end up in logs and responses.
    if (/(?:Error|Exception)$/.test(callee.text)) return { kind: 'error', name: callee.text };
    return null;
  }
  if (callee.type !== 'attribute') return null;
  const written = dottedName(callee);
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
export function dottedName(node: PyNode): string | null {
  if (node.type === 'identifier') return node.text === 'self' ? '' : node.text;
  if (node.type !== 'attribute') return null;
  const object = dottedName(child(node, 'object')!);
  const attribute = child(node, 'attribute')!.text;
  return object === null ? null : object === '' ? attribute : `${object}.${attribute}`;
}
