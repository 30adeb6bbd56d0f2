/**
 * presign/no-allow-negation: `Allow` with `NotPrincipal`, `NotAction` or `NotResource`. Each allows
 * everything except a list, so it silently grows as AWS adds principals, actions and resources. In
 * every kind of policy: what an Allow does differs (grants, or lets pass an SCP or a VPC endpoint),
 * and the message says only what holds for all of them.
 */
import { IAM_POLICY_KINDS } from '../../src/policy/kinds.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'allowWithNegation';

export default defineRule<'document', Record<string, never>, MessageId>({
  name: 'no-allow-negation',
  subject: 'document',
  kinds: IAM_POLICY_KINDS,
  meta: {
    type: 'problem',
    severity: 'warn',
    securitySeverity: 5.0,
    docs: {
      description: 'Disallow Allow statements with NotPrincipal, NotAction or NotResource',
      recommended: 'recommended',
    },
    messages: {
      allowWithNegation:
        '"Allow" with "{{element}}" allows all but what it lists; list what is allowed in "{{positive}}". It also allows every {{what}} AWS adds later; or use "Deny" with "{{element}}".',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ document }, context) {
    for (const statement of document.statements) {
      if (statement.effect.value !== 'Allow') continue;
      if (!statement.principals?.negated && !statement.actions?.negated && !statement.resources?.negated) continue;
      const negated = [
        { list: statement.principals, element: 'NotPrincipal', positive: 'Principal', what: 'principal' },
        { list: statement.actions, element: 'NotAction', positive: 'Action', what: 'action' },
        { list: statement.resources, element: 'NotResource', positive: 'Resource', what: 'resource' },
      ];
      for (const { list, element, positive, what } of negated) {
        // Everything but "*" is nothing: such a statement grants nothing, now or later.
        const excludesAll = list?.values.some((v) => v.value === '*') ?? false;
        if (list?.negated && !excludesAll) context.report({ messageId: 'allowWithNegation', data: { element, positive, what }, location: list.position });
      }
    }
  },
});
