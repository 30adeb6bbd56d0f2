/**
 * presign/temporary-credentials-expiry: a URL signed by temporary credentials that is meant to
 * outlive them. "If you created a presigned URL using a temporary token, the URL expires when the
 * token expires, even if the URL was created with a later expiration time" (S3 User Guide).
 */
import { CREDENTIAL_SOURCES, type CredentialSourceKind } from '../../src/presign/credentials.js';
import { describeSeconds } from '../../src/presign/limits.js';
import { numericBounds, type Possible } from '../../src/presign/possible.js';
import { defineRule, type JsonSchema } from '../../src/rule/shape.js';

export type MessageId = 'outlivesCredentials' | 'defaultOutlivesCredentials' | 'shortenToLifetime';

export interface TemporaryCredentialsOptions {
  /** Lifetime in seconds assumed for each credential source; null to leave a source unchecked. */
  lifetimes: Partial<Record<CredentialSourceKind, number | null>>;
}

/** The credentials' lifetime: the code's DurationSeconds when it is one known number, else the configured default. */
function lifetimeOf(
  source: CredentialSourceKind,
  duration: Possible | null,
  options: TemporaryCredentialsOptions,
): number | null {
  if (duration) {
    let longest = -Infinity;
    for (const candidate of duration) {
      const bounds = numericBounds(candidate);
      if (!bounds) return null; // an unknown duration could be long enough: say nothing
      longest = Math.max(longest, bounds.max);
    }
    return Number.isFinite(longest) ? longest : null;
  }
  const configured = options.lifetimes[source];
  return configured === undefined ? CREDENTIAL_SOURCES[source].defaultLifetimeSeconds : configured;
}

const lifetimeSchema: JsonSchema = { oneOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] };

export default defineRule<'site', TemporaryCredentialsOptions, MessageId>({
  name: 'temporary-credentials-expiry',
  subject: 'site',
  reads: ['expiry', 'credentials'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 2.0,
    docs: {
      description: 'Disallow pre-signed URLs whose expiry outlives the temporary credentials that sign them',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      shortenToLifetime: 'Bound the expiry at {{lifetime}} seconds, the credentials\' lifetime.',
      outlivesCredentials:
        'Expiry {{expiry}} outlasts the credentials ({{lifetime}}); use at most that. {{api}} signs with credentials from {{source}}, and the URL stops working when they expire.',
      defaultOutlivesCredentials:
        'Default expiry {{expiry}} outlasts the credentials ({{lifetime}}); pass at most that. {{api}} signs with credentials from {{source}}, and the URL stops working when they expire.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          lifetimes: {
            type: 'object',
            description: 'Seconds each credential source is assumed to last; null leaves that source unchecked.',
            properties: Object.fromEntries(Object.keys(CREDENTIAL_SOURCES).map((k) => [k, lifetimeSchema])),
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ lifetimes: {} }],
  },
  check({ site }, context) {
    const credentials = site.client?.credentials;
    const facts = site.api.expiry;
    if (credentials?.kind !== 'temporary' || !facts) return;
    const lifetime = lifetimeOf(credentials.source, credentials.durationSeconds, context.options);
    if (lifetime === null) return;
    const data = {
      api: site.api.label,
      source: CREDENTIAL_SOURCES[credentials.source].label,
      lifetime: describeSeconds(lifetime),
    };
    if (!site.expiry) {
      const def = facts.defaultSeconds;
      if (def !== null && def > lifetime) context.report({ node: site.node, messageId: 'defaultOutlivesCredentials', data: { ...data, expiry: describeSeconds(def) } });
      return;
    }
    // Only an expiry that is certainly longer than the credentials is reported: a candidate
    // value, or a range whose smallest value is.
    let longest = -Infinity;
    for (const candidate of site.expiry.seconds) {
      const bounds = numericBounds(candidate);
      if (bounds && bounds.min > lifetime) longest = Math.max(longest, bounds.min);
    }
    if (longest === -Infinity) return;
    const node = site.expiry.node;
    context.report({
      node,
      messageId: 'outlivesCredentials',
      data: { ...data, expiry: describeSeconds(longest) },
      ...(facts.unit === 'seconds' ? { suggest: [{ messageId: 'shortenToLifetime', data: { lifetime }, edit: { kind: 'bound-expiry', node, limit: lifetime } }] } : {}),
    });
  },
});
