/**
 * presign/min-expiry: an expiry too short to be meant. Most are a unit mixed up: seconds added
 * to a millisecond clock (GCS `expires: Date.now() + 60 * 60 * 5` is 18 s), a duration where
 * the API takes a point in time (google-cloud-storage V2 `expiration=3600` is 1970), or a
 * duration of a few seconds. The URL works when the developer tries it at once, then fails
 * for every user who opens it later.
 */
import { describeSeconds } from '../../src/presign/limits.js';
import { numericBounds } from '../../src/presign/possible.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'secondsOnMillisecondClock' | 'pastPointInTime' | 'tooShort';

export interface MinExpiryOptions {
  /** Expiries shorter than this many seconds are reported, whatever unit they are written in. */
  minSeconds: number;
}

/**
 * An offset on a millisecond clock under this is read as seconds mixed up: nobody hands out a URL
 * that lives under a minute by adding milliseconds to `Date.now()`, while `Date.now() + 3600`
 * (one hour meant) lands here. See the rule's page for the shapes this misses.
 */
const MILLISECOND_CLOCK_MIN_SECONDS = 60;

/**
 * A fixed point in time before 2001-09-09 (10^9 s since the epoch) is no expiry anyone meant: it is
 * a duration in seconds given where a point in time is taken.
 */
const EARLIEST_MEANT_EPOCH_SECONDS = 1_000_000_000;

export default defineRule<'site', MinExpiryOptions, MessageId>({
  name: 'min-expiry',
  subject: 'site',
  reads: ['expiry'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 1.0,
    docs: {
      description: 'Disallow pre-signed URL expiries too short to be meant, such as seconds added to a millisecond clock',
      recommended: 'recommended',
    },
    messages: {
      secondsOnMillisecondClock:
        'The expiry is {{value}} from now: seconds were added to a millisecond clock; multiply them by 1000. Date.now() counts milliseconds, so {{api}} signs a URL that dies in {{value}}; {{meant}} was likely meant.',
      pastPointInTime:
        'Expiration {{value}} is the time {{date}}, so the URL is born expired; pass a timedelta. {{api}} takes a number as seconds since the epoch with {{version}}.',
      tooShort: 'Expiry {{value}} is under {{limit}}, too short to be meant; check its unit. {{api}} signs a URL that expires before most clients can use it.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          minSeconds: { type: 'number', minimum: 0, description: 'Shortest expiry allowed, in seconds (default 5).' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ minSeconds: 5 }],
  },
  check({ site }, context) {
    const expiry = site.expiry;
    if (!expiry || !site.api.expiry) return;
    const data = { api: site.api.label };
    const written = expiry.written;
    if (written?.kind === 'constant-time') {
      if (written.epochSeconds > 0 && written.epochSeconds < EARLIEST_MEANT_EPOCH_SECONDS) {
        const date = new Date(written.epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
        context.report({ node: expiry.node, messageId: 'pastPointInTime', data: { ...data, value: String(written.epochSeconds), date, version: 'signature V2' } });
      }
      return;
    }
    const minSeconds = context.options.minSeconds;
    const reported = new Set<string>();
    for (const candidate of expiry.seconds) {
      const bounds = numericBounds(candidate);
      // One value, or a range wholly on one side: a range that reaches a meant expiry is not a finding.
      if (!bounds || bounds.min <= 0) continue; // not positive: max-expiry's finding
      const seconds = bounds.max;
      const value = describeSeconds(seconds);
      if (reported.has(value)) continue;
      const clockMinimum = Math.max(MILLISECOND_CLOCK_MIN_SECONDS, minSeconds);
      if (written?.kind === 'now-plus-milliseconds' && (seconds < clockMinimum || !Number.isInteger(bounds.min) || !Number.isInteger(seconds))) {
        reported.add(value);
        // The offset read as the seconds it was written as.
        context.report({ node: expiry.node, messageId: 'secondsOnMillisecondClock', data: { ...data, value, meant: describeSeconds(Math.round(seconds * 1000)) } });
      } else if (seconds < minSeconds) {
        reported.add(value);
        context.report({ node: expiry.node, messageId: 'tooShort', data: { ...data, value, limit: describeSeconds(minSeconds) } });
      }
    }
  },
});
