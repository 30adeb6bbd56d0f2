/**
 * The calls of JavaScript and TypeScript that write their arguments where people read them: a
 * log (`console`, `process.stdout.write`, loggers by name) or an error message (`new XError(...)`,
 * `createError(...)`). What a presigned URL must not reach: presign/no-url-logging reads these
 * facts from the site's flows (src/presign/site.ts `UrlFlow.sink`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { UrlSink } from '../presign/site.js';
import { isGlobalName, unwrap, type Context, type Node } from './ast.js';

/** Log levels of console, pino, winston, bunyan, log4js, loglevel and the like. */
const LOG_METHODS: ReadonlySet<string> = new Set([
  'log', 'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'verbose', 'silly', 'http', 'notice', 'critical', 'alert', 'emerg', 'audit',
]);

/** Receivers that are loggers by name: `logger`, `log`, `this.logger`, `req.log`, `winston`... */
const LOGGER_NAME = /^(?:log|logger|winston|pino|bunyan|signale|consola)$/i;
/** ...and by suffix, case-sensitively so that `catalog` and `dialog` are not: `auditLog`, `appLogger`, `req_log`. */
const LOGGER_SUFFIX = /(?:Log|Logger|_log|_logger)$/;

/** The dotted name of a callee made of names only: `this.logger.info` -> `logger.info`. */
export function dottedName(raw: Node): string | null {
  const node = unwrap(raw);
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return '';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = dottedName(node.object);
    return object === null ? null : object === '' ? node.property.name : `${object}.${node.property.name}`;
  }
  // `logger.child({ id }).info(...)`: a child logger is a logger.
  if (node.type === 'CallExpression') {
    const callee = unwrap(node.callee);
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'child') {
      return dottedName(callee.object);
    }
  }
  return null;
}

/** Where `call` writes its arguments, as a message names it; null when it is not a log or an error. */
export function sinkOf(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression): UrlSink | null {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier' && (callee.name.endsWith("Error") || callee.name === 'createError')) return { kind: 'error', name: callee.name };
  const name = dottedName(callee);
  if (callee.type !== 'MemberExpression' || name === null) return null;
  const receiver = unwrap(callee.object);
  const method = name.slice(name.lastIndexOf('.') + 1);
  if (receiver.type === 'Identifier' && receiver.name === 'console' && isGlobalName(context, receiver, 'console')) return { kind: 'log', name };
  if (name === 'process.stdout.write' || name === 'process.stderr.write') return { kind: 'log', name };
  const receiverName = dottedName(receiver);
  const last = receiverName?.slice(receiverName.lastIndexOf('.') + 1);
  return last && LOG_METHODS.has(method) && (LOGGER_NAME.test(last) || LOGGER_SUFFIX.test(last)) ? { kind: 'log', name } : null;
}
