/**
 * presign/max-expiry: an expiry above the SigV4 maximum (604800 s) or an organisation's cap,
 * and expiries the SDK turns into broken URLs (0 or less, fractions, NaN, non-numeric strings).
 */
import type { ExpiryFacts } from '../../src/presign/apis.js';
import { SIGV4_MAX_EXPIRY_SECONDS, describeSeconds } from '../../src/presign/limits.js';
import type { Candidate } from '../../src/presign/possible.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'aboveMaximum' | 'atLeastAboveMaximum' | 'invalidExpiry' | 'defaultAboveMaximum' | 'clampToLimit';

export interface MaxExpiryOptions {
  /** The longest expiry allowed, in seconds: the SigV4 maximum, or an organisation's own cap. */
  maxSeconds: number;
}

const CONSEQUENCE: Record<ExpiryFacts['aboveMaximum'], string> = {
  throws: 'the SDK throws when it signs',
  'url-rejected-by-s3': 'S3 rejects the request when the URL is used',
};

export default defineRule<'site', MaxExpiryOptions, MessageId>({
  name: 'max-expiry',
  subject: 'site',
  reads: ['expiry', 'sigv4'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 4.0,
    docs: {
      description: 'Disallow pre-signed URL expiries above the SigV4 maximum of 7 days (or a configured cap) and invalid expiries',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      clampToLimit: 'Bound the expiry at {{limit}} seconds.',
      aboveMaximum: 'Expiry {{value}} is above {{limit}}; lower it. With {{api}}, {{consequence}}.',
      atLeastAboveMaximum: 'Expiry {{value}} or more is above {{limit}}; bound it. With {{api}}, {{consequence}}.',
      invalidExpiry: 'Expiry {{value}} is invalid; use a positive whole number of seconds. Here {{why}}; {{api}} still signs a URL that S3 will not honour.',
      defaultAboveMaximum: 'Default expiry {{value}} is above {{limit}}; pass one. {{api}} uses it when none is given.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          maxSeconds: { type: 'integer', minimum: 1, description: 'Longest allowed expiry in seconds (default 604800, the SigV4 maximum).' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxSeconds: SIGV4_MAX_EXPIRY_SECONDS }],
  },
  check({ site }, context) {
    const facts = site.api.expiry;
    if (!facts) return;
    const options = context.options;
    // SigV4's 7 days bind unless the code shows another signature (v2 SDK SigV2, GCS v2);
    // a configured cap below it binds everywhere.
    const cap = options.maxSeconds < SIGV4_MAX_EXPIRY_SECONDS ? options.maxSeconds : Infinity;
    const limit = site.sigv4 === false ? cap : Math.min(options.maxSeconds, SIGV4_MAX_EXPIRY_SECONDS);
    if (limit === Infinity) return;
    const limitName =
      limit < SIGV4_MAX_EXPIRY_SECONDS ? `the configured maximum of ${describeSeconds(limit)}` : `the SigV4 maximum of ${describeSeconds(limit)}`;
    const consequence = limit < SIGV4_MAX_EXPIRY_SECONDS ? 'the URL lives longer than the configured maximum allows' : CONSEQUENCE[facts.aboveMaximum];

    if (!site.expiry) {
      const def = facts.defaultSeconds;
      if (def !== null && def > limit) {
        context.report({ node: site.node, messageId: 'defaultAboveMaximum', data: { api: site.api.label, value: describeSeconds(def), limit: limitName } });
      }
      return;
    }
    const expiryNode = site.expiry.node;
    const reported = new Set<string>();
    for (const candidate of site.expiry.seconds) {
      const finding = judge(candidate, facts, limit);
      if (!finding) continue;
      const key = `${finding.messageId}\0${finding.data.value}`;
      if (reported.has(key)) continue;
      reported.add(key);
      // A duration in seconds can be bounded in place; the right lifetime is a choice, so only as a suggestion.
      const bound = finding.messageId !== 'invalidExpiry' && facts.unit === 'seconds';
      context.report({
        node: expiryNode,
        messageId: finding.messageId,
        data: { api: site.api.label, limit: limitName, consequence, ...finding.data },
        ...(bound ? { suggest: [{ messageId: 'clampToLimit', data: { limit }, edit: { kind: 'bound-expiry', node: expiryNode, limit } }] } : {}),
      });
    }
  },
});

function judge(candidate: Candidate, facts: ExpiryFacts, limit: number): { messageId: MessageId; data: { value: string; why?: string } } | null {
  if (candidate.kind === 'range') {
    if (candidate.min > limit) return { messageId: 'atLeastAboveMaximum', data: { value: describeSeconds(candidate.min) } };
    if (candidate.max <= 0) return { messageId: 'invalidExpiry', data: { value: `at most ${candidate.max}`, why: 'it is not positive' } };
    return null;
  }
  if (candidate.kind !== 'value') return null;
  const raw = candidate.value;
  if (raw === undefined || raw === null) return null; // the SDK default applies
  const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const shown = shownValue(raw);
  if (typeof seconds !== 'number') return { messageId: 'invalidExpiry', data: { value: shown, why: `it is a ${typeof raw}, not a number of seconds` } };
  if (Number.isNaN(seconds)) return { messageId: 'invalidExpiry', data: { value: shown, why: 'it is not a number' } };
  if (seconds === 0 && facts.zeroMeans !== 'invalid') {
    // v2 and MinIO read 0 as "use the default": judge what the SDK will actually use.
    return facts.zeroMeans > limit ? { messageId: 'aboveMaximum', data: { value: `0 (which the SDK turns into ${describeSeconds(facts.zeroMeans)})` } } : null;
  }
  if (seconds <= 0) return { messageId: 'invalidExpiry', data: { value: shown, why: 'it is not positive, so the URL is expired or malformed' } };
  if (facts.unit === 'seconds' && !Number.isInteger(seconds)) {
    return { messageId: 'invalidExpiry', data: { value: shown, why: 'X-Amz-Expires must be a whole number of seconds' } };
  }
  if (seconds > limit) return { messageId: 'aboveMaximum', data: { value: describeSeconds(seconds) } };
  return null;
}

/** A value as the message quotes it: numbers as written, anything else as JSON (an object passed whole is not `[object Object]`). */
function shownValue(raw: unknown): string {
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  return JSON.stringify(raw) ?? typeof raw;
}
