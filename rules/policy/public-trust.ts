/**
 * presign/public-trust: a role trust policy that lets anyone assume the role: an `Allow` to
 * `"*"` or `{"AWS": "*"}` that no condition, and no `Deny` of the same policy, confines to fixed
 * accounts, organizations or principals (docs/facts.md#who-may-assume-a-role). A role whose
 * sessions sign URLs hands every URL power to whoever assumes it. Service, account and federated
 * principals are named principals, never "anyone".
 */
import { actionPatternMatches } from '../../src/policy/actions.js';
import type { Condition, PolicyDocument, Statement } from '../../src/policy/model.js';
import { denyConfines, everyonePrincipals, restrictionOf, wildcardPrincipals, type RestrictionOptions } from '../../src/policy/public-access.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'publicTrust';

/**
 * Besides the keys S3 accepts (src/policy/public-access.ts), the keys that name who the caller is:
 * its account, organization or ARN. Wildcards that keep the account or organization fixed are
 * fine (`arn:aws:iam::111122223333:role/ci-*`, an organization path).
 */
const CONFINING: RestrictionOptions = {
  extraKeys: ['aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgPaths', 'aws:SourceOrgID', 'aws:SourceOrgPaths'],
  scopedWildcards: true,
};
/** Why sts:ExternalId does not confine `*` (docs/facts.md#who-may-assume-a-role). */
const EXTERNAL_ID_REASON = "sts:ExternalId is a value the caller passes, not who the caller is; AWS pairs it with the third party's account as Principal";

export default defineRule<'document', Record<string, never>, MessageId>({
  name: 'public-trust',
  subject: 'document',
  kinds: ['trust'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 9.0,
    docs: {
      description: 'Disallow role trust policies that let any AWS account assume the role',
      recommended: 'recommended',
    },
    messages: {
      publicTrust:
        'Principal {{principal}} lets any AWS account assume this role; name who may assume it. Here {{reasons}}. Or confine the statement with a fixed aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ document }, context) {
    for (const statement of document.statements) {
      const principals = wildcardPrincipals(statement);
      if (principals.length === 0) continue;
      if (restrictionOf(statement, CONFINING).restricted || confinedByDeny(statement, document)) continue;
      for (const principal of principals) {
        context.report({
          messageId: 'publicTrust',
          data: { principal: principal.type === '*' ? '"*"' : `{"${principal.type}": "*"}`, reasons: reasonsOf(statement).join('; ') },
          location: principal.position,
        });
      }
    }
  },
});

/**
 * Whether a Deny of the same policy takes the role away from everyone outside fixed accounts or
 * organizations: it names every principal, covers each action the Allow names, and each of its
 * conditions is such a confining negation, or exempts AWS services (`aws:PrincipalIsAWSService`
 * false), as AWS's data perimeter examples do.
 */
function confinedByDeny(allow: Statement, document: PolicyDocument): boolean {
  const allowed = allow.actions && !allow.actions.negated ? allow.actions.values.map((v) => v.value) : null;
  if (!allowed || allowed.some((a) => /[*?]/.test(a))) return false;
  return document.statements.some((deny) => {
    if (deny.effect.value !== 'Deny' || everyonePrincipals(deny).length === 0 || !deny.actions || deny.actions.negated) return false;
    const denied = deny.actions.values.map((v) => v.value);
    if (!allowed.every((action) => denied.some((pattern) => actionPatternMatches(pattern, action)))) return false;
    const confining = deny.conditions.filter((c) => denyConfines(c, CONFINING));
    return confining.length > 0 && deny.conditions.every((c) => confining.includes(c) || exemptsServices(c));
  });
}

/** Why each condition leaves the statement open, in the words of src/policy/public-access.ts, ExternalId explained. */
function reasonsOf(statement: Statement): string[] {
  if (statement.conditions.length === 0) return ['it has no condition'];
  return statement.conditions.flatMap((condition) => {
    if (condition.key.value.toLowerCase() === 'sts:externalid') return [EXTERNAL_ID_REASON];
    // Called for statements no condition confines, so each condition alone leaves it open too.
    const alone = restrictionOf({ ...statement, conditions: [condition] }, CONFINING);
    return alone.restricted ? [] : alone.reasons;
  });
}

function exemptsServices(condition: Condition): boolean {
  return /^Bool(IfExists)?$/i.test(condition.operator.value) && condition.key.value.toLowerCase() === 'aws:principalisawsservice' && condition.values.every((v) => v.value === 'false');
}
