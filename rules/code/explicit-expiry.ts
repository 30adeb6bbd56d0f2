/**
 * presign/explicit-expiry: a presign call that leaves the expiry to an SDK default of a day or
 * more (MinIO: 7 days, aws4: 1 day), or with `always`, to any SDK default.
 */
import type { ExpiryFacts } from '../../src/presign/apis.js';
import { describeSeconds } from '../../src/presign/limits.js';
import type { Finding, PresignSite } from '../../src/presign/site.js';
import { presignSites } from '../../src/code/presign-sites.js';
import { reportFindings } from '../../src/code/report.js';
import { createRule } from '../../src/rule-creator.js';

export type MessageId = 'longDefault' | 'implicitDefault' | 'zeroMeansDefault';

export interface ExplicitExpiryOptions {
  /** Require an explicit expiry on every call, whatever the SDK default. */
  always: boolean;
}

/** Defaults at least this long are reported without `always`: a URL that lives a day is rarely meant. */
const LONG_DEFAULT_SECONDS = 86_400;

export function checkExplicitExpiry<N>(site: PresignSite<N>, options: ExplicitExpiryOptions): Finding<N, MessageId>[] {
  const facts = site.api.expiry;
  if (!facts) return [];
  const data = { api: site.api.label, parameter: facts.parameter };
  if (!site.expiry) {
    // No duration default (GCS `expires` is required): the SDK throws, there is nothing to rely on.
    const def = facts.defaultSeconds;
    if (def === null || !(def >= LONG_DEFAULT_SECONDS || options.always)) return [];
    const messageId = def >= LONG_DEFAULT_SECONDS ? 'longDefault' : 'implicitDefault';
    return [{ node: site.node, messageId, data: { ...data, value: describeSeconds(def) } }];
  }
  const zero = zeroDefault(facts);
  const passesZero = site.expiry.seconds.some((c) => c.kind === 'value' && c.value === 0);
  if (zero !== null && passesZero && (zero >= LONG_DEFAULT_SECONDS || options.always)) {
    return [{ node: site.expiry.node, messageId: 'zeroMeansDefault', data: { ...data, value: describeSeconds(zero) } }];
  }
  return [];
}

/** The default an SDK substitutes for an expiry of 0 (AWS SDK v2: 900 s, MinIO: 7 days), if it does. */
function zeroDefault(facts: ExpiryFacts): number | null {
  return facts.zeroMeans === 'invalid' ? null : facts.zeroMeans;
}

export default createRule<[ExplicitExpiryOptions], MessageId>({
  name: 'explicit-expiry',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require an explicit expiry where the SDK default would make a pre-signed URL live a day or more',
      preset: 'recommended',
    },
    messages: {
      longDefault:
        '{{api}} is called without an expiry, so the URL lives for the SDK default of {{value}}: anyone who obtains it can use it that long. Pass {{parameter}} as short as the use needs.',
      implicitDefault: '{{api}} is called without an expiry and relies on the SDK default of {{value}}. Pass {{parameter}} explicitly.',
      zeroMeansDefault:
        '{{api}} is given an expiry of 0, which the SDK replaces with its default of {{value}}. Pass the number of seconds the URL must live.',
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
  },
  defaultOptions: [{ always: false }],
  create(context, [options]) {
    return {
      Program() {
        for (const site of presignSites(context)) reportFindings(context, checkExplicitExpiry(site, options));
      },
    };
  },
});
