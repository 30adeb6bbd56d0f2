/**
 * presign/public-principal: an `Allow` to `"*"` or `{"AWS": "*"}` that S3 calls public, by its own
 * rules: only fixed values of a few condition keys make such a statement non-public.
 */
import { restrictionOf, wildcardPrincipals } from '../../src/policy/public-access.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'publicPrincipal';

/** KMS key policies: Access Analyzer also treats a fixed kms:CallerAccount as confining `*`. */
const KMS_EXTRA_KEYS = ['kms:CallerAccount'];
/** The usual ones of the keys S3 accepts; the rule's page lists them all. */
const SUGGESTED_KEYS = ['aws:PrincipalOrgID', 'aws:SourceVpce', 'aws:SourceVpc', 'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceIp (/8 or narrower)'];

export default defineRule<'document', Record<string, never>, MessageId>({
  name: 'public-principal',
  subject: 'document',
  kinds: ['bucket', 'access-point', 'kms-key', 'resource'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 9.0,
    docs: {
      description: 'Disallow Allow statements to every principal that S3 would call public',
      recommended: 'recommended',
    },
    messages: {
      publicPrincipal:
        'Principal {{principal}} makes the statement public; name principals or add a fixed condition. Here {{reasons}}. Conditions that keep it private hold fixed values (no wildcard, no policy variable) of keys such as {{keys}}.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ document }, context) {
    const extraKeys = document.kind === 'kms-key' ? KMS_EXTRA_KEYS : [];
    for (const statement of document.statements) {
      const principals = wildcardPrincipals(statement);
      if (principals.length === 0) continue;
      const restriction = restrictionOf(statement, { extraKeys });
      // Confined, or confined once deployed as far as can be told: nothing certain to report.
      if (restriction.restricted !== false) continue;
      for (const principal of principals) {
        context.report({
          messageId: 'publicPrincipal',
          data: {
            principal: principal.type === '*' ? '"*"' : `{"${principal.type}": "*"}`,
            reasons: restriction.reasons.join('; '),
            keys: [...extraKeys, ...SUGGESTED_KEYS].join(', '),
          },
          location: principal.position,
        });
      }
    }
  },
});
