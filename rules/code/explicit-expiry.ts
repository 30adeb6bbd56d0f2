/**
 * presign/explicit-expiry: a presign call that leaves the expiry to an SDK default of a day or
 * more (MinIO: 7 days, aws4: 1 day), or with `always`, to any SDK default.
 */
import type { ExpiryFacts } from '../../src/presign/apis.js';
import { describeSeconds } from '../../src/presign/limits.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'longDefault' | 'implicitDefault' | 'zeroMeansDefault';

export interface ExplicitExpiryOptions {
  /** Require an explicit expiry on every call, whatever the SDK default. */
  always: boolean;
}

/** Defaults at least this long are reported without `always`: a URL that lives a day is rarely meant. */
const LONG_DEFAULT_SECONDS = 86_400;

export default defineRule<'site', ExplicitExpiryOptions, MessageId>({
  name: 'explicit-expiry',
  subject: 'site',
  reads: ['expiry'],
  meta: {
    type: 'suggestion',
    severity: 'warn',
    securitySeverity: 3.0,
    docs: {
      description: 'Require an explicit expiry where the SDK default would make a pre-signed URL live a day or more',
      recommended: 'recommended',
    },
    messages: {
      longDefault:
        'No expiry is given, so the URL lives the SDK default of {{value}}; pass a shorter one. {{api}} takes it as {{parameter}}.',
      implicitDefault: 'The URL relies on the SDK default expiry of {{value}}; pass an explicit one. {{api}} takes it as {{parameter}}.',
      zeroMeansDefault:
        'Expiry 0 becomes the SDK default of {{value}}; pass the seconds the URL must live. {{api}} replaces 0 with its default.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          always: { type: 'boolean', description: 'Require an explicit expiry on every presign call, whatever the SDK default.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ always: false }],
  },
  check({ site }, context) {
    const facts = site.api.expiry;
    if (!facts) return;
    const { always } = context.options;
    const data = { api: site.api.label, parameter: facts.parameter };
    if (!site.expiry) {
      // No duration default (GCS `expires` is required): the SDK throws, there is nothing to rely on.
      const def = facts.defaultSeconds;
      if (def === null || !(def >= LONG_DEFAULT_SECONDS || always)) return;
      const messageId = def >= LONG_DEFAULT_SECONDS ? 'longDefault' : 'implicitDefault';
      context.report({ node: site.node, messageId, data: { ...data, value: describeSeconds(def) } });
      return;
    }
    const zero = zeroDefault(facts);
    const passesZero = site.expiry.seconds.some((c) => c.kind === 'value' && c.value === 0);
    if (zero !== null && passesZero && (zero >= LONG_DEFAULT_SECONDS || always)) {
      context.report({ node: site.expiry.node, messageId: 'zeroMeansDefault', data: { ...data, value: describeSeconds(zero) } });
    }
  },
});


/** The default an SDK substitutes for an expiry of 0 (AWS SDK v2: 900 s, MinIO: 7 days), if it does. */
function zeroDefault(facts: ExpiryFacts): number | null {
  return facts.zeroMeans === 'invalid' ? null : facts.zeroMeans;
}
