/**
 * presign/no-url-logging: a presigned URL (or a presigned POST's signed fields) written to a log
 * or put in an error message. Whoever reads the log can use the URL until it expires.
 */
import type { UrlSink } from '../../src/presign/site.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'logged' | 'inError';

export interface UrlLoggingOptions {
  /** More calls that write somewhere people read, by their dotted name: `Sentry.captureMessage`, `debug`. */
  sinks: string[];
}

export default defineRule<'site', UrlLoggingOptions, MessageId>({
  name: 'no-url-logging',
  subject: 'site',
  reads: ['flows'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 7.5,
    docs: {
      description: 'Disallow writing pre-signed URLs to logs and error messages',
      recommended: 'recommended',
    },
    messages: {
      logged:
        'The pre-signed URL is logged by `{{sink}}`; log the bucket and key instead. A URL from {{api}} is a bearer credential until it expires; the URL without its query string is safe to log too.',
      inError:
        'The pre-signed URL goes into a `{{sink}}`; name the bucket and key instead. Error messages reach logs, trackers and HTTP responses, and a URL from {{api}} works for whoever reads them until it expires.',
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
    defaultOptions: [{ sinks: [] }],
  },
  check({ site }, context) {
    // A flow that carries the secret into a call the reader knows as a log or an error, or that the `sinks` option names.
    const extra = new Set(context.options.sinks);
    for (const flow of site.flows) {
      if (!flow.secret) continue;
      const sink: UrlSink | null = flow.callee !== null && extra.has(flow.callee) ? { kind: 'log', name: flow.callee } : flow.sink;
      if (!sink) continue;
      context.report({ node: flow.argument, messageId: sink.kind === 'log' ? 'logged' : 'inError', data: { api: site.api.label, sink: sink.name } });
    }
  },
});
