/**
 * presign/no-url-logging: a presigned URL (or a presigned POST's signed fields) written to a log
 * or put in an error message. Whoever reads the log can use the URL until it expires.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Finding, PresignSite } from '../../src/presign/site.js';
import { isGlobalName, unwrap, type Context, type Node } from '../../src/code/ast.js';
import { presignSites } from '../../src/code/presign-sites.js';
import { reportFindings } from '../../src/code/report.js';
import { carriesSecret, presignResultUses, type UrlUse } from '../../src/code/url-flow.js';
import { createRule } from '../../src/rule-creator.js';

export type MessageId = 'logged' | 'inError';

export interface UrlLoggingOptions {
  /** More calls that write somewhere people read, by their dotted name: `Sentry.captureMessage`, `debug`. */
  sinks: string[];
}

/** Where a call sends its arguments, as a message names it; null when it is not a sink. */
export type SinkOf = (call: TSESTree.CallExpression | TSESTree.NewExpression) => { kind: 'log' | 'error'; name: string } | null;

/** The check over the site and where its URL flows (the flow is read from the ESTree of the module). */
export function checkNoUrlLogging(site: PresignSite<Node>, uses: readonly UrlUse[], sinkOf: SinkOf): Finding<Node, MessageId>[] {
  const findings: Finding<Node, MessageId>[] = [];
  for (const use of uses) {
    if (!carriesSecret(site, use.taint)) continue;
    const sink = sinkOf(use.call);
    if (!sink) continue;
    findings.push({ node: use.argument, messageId: sink.kind === 'log' ? 'logged' : 'inError', data: { api: site.api.label, sink: sink.name } });
  }
  return findings;
}

/** Log levels of console, pino, winston, bunyan, log4js, loglevel and the like. */
const LOG_METHODS: ReadonlySet<string> = new Set([
  'log', 'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'verbose', 'silly', 'http', 'notice', 'critical', 'alert', 'emerg', 'audit',
]);

/** Receivers that are loggers by name: `logger`, `log`, `this.logger`, `req.log`, `winston`... */
const LOGGER_NAME = /^(?:log|logger|winston|pino|bunyan|signale|consola)$/i;
/** ...and by suffix, case-sensitively so that `catalog` and `dialog` are not: `auditLog`, `appLogger`, `req_log`. */
const LOGGER_SUFFIX = /(?:Log|Logger|_log|_logger)$/;

/** The dotted name of a callee made of names only: `this.logger.info` -> `logger.info`. */
function dottedName(raw: Node): string | null {
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

function sinkFinder(context: Context, options: UrlLoggingOptions): SinkOf {
  const extra = new Set(options.sinks);
  return (call) => {
    const callee = unwrap(call.callee);
    const name = dottedName(callee);
    if (name !== null && extra.has(name)) return { kind: 'log', name };
    if (callee.type === 'Identifier' && (/Error$/.test(callee.name) || callee.name === 'createError')) return { kind: 'error', name: callee.name };
    if (callee.type !== 'MemberExpression' || name === null) return null;
    const receiver = unwrap(callee.object);
    const method = name.slice(name.lastIndexOf('.') + 1);
    if (receiver.type === 'Identifier' && receiver.name === 'console' && isGlobalName(context, receiver, 'console')) return { kind: 'log', name };
    if (name === 'process.stdout.write' || name === 'process.stderr.write') return { kind: 'log', name };
    const receiverName = dottedName(receiver);
    const last = receiverName?.slice(receiverName.lastIndexOf('.') + 1);
    return last && LOG_METHODS.has(method) && (LOGGER_NAME.test(last) || LOGGER_SUFFIX.test(last)) ? { kind: 'log', name } : null;
  };
}

export default createRule<[UrlLoggingOptions], MessageId>({
  name: 'no-url-logging',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writing pre-signed URLs to logs and error messages',
      preset: 'recommended',
    },
    messages: {
      logged:
        'A URL pre-signed by {{api}} reaches `{{sink}}`: a pre-signed URL is a bearer credential, and anyone who can read the logs can use it until it expires. Log the bucket and key, or the URL without its query string.',
      inError:
        'A URL pre-signed by {{api}} is put in a `{{sink}}`: error messages end up in logs, error trackers and HTTP responses, and anyone who reads them can use the URL until it expires. Name the bucket and key instead.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          sinks: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'More calls that write to logs, by dotted name (`Sentry.captureMessage`, `debug`, `audit.record`); `this.` is left out.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ sinks: [] }],
  create(context, [options]) {
    const sinkOf = sinkFinder(context, options);
    return {
      Program() {
        for (const site of presignSites(context)) {
          reportFindings(context, checkNoUrlLogging(site, presignResultUses(context, site), sinkOf));
        }
      },
    };
  },
});
