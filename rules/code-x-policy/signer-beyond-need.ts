/**
 * presign/signer-beyond-need: the signing role is allowed S3 actions, or S3 resources, that none
 * of the code it runs signs or sends. A URL signer's grants are what a leaked session or function
 * can do; the seed's advice: "If your app doesn't need to delete objects, don't grant
 * s3:DeleteObject". Conservative: the role must be tied to the code by the config, run at most one
 * function, and the code must show every operation it performs (else the need is not known whole).
 */
import { serviceActionsMatching } from '../../src/policy/actions.js';
import type { Statement } from '../../src/policy/model.js';
import { wildcardMatch } from '../../src/policy/wildcard.js';
import { defineRule } from '../../src/rule/shape.js';

export default defineRule<'signer-need', Record<string, never>, 'beyondActions' | 'replacePattern' | 'beyondResources'>({
  name: 'signer-beyond-need',
  subject: 'signer-need',
  reads: ['operation', 'parameters', 'post'],
  meta: {
    type: 'suggestion',
    severity: 'warn',
    securitySeverity: 5.0,
    docs: {
      description: 'Disallow S3 grants to a URL signer role beyond what the code it runs signs and sends',
      recommended: 'recommended',
    },
    messages: {
      beyondActions:
        'The signer role is allowed actions its code never uses; remove them from this statement. Role {{role}} is allowed {{remove}} here, which none of the code tied to it needs ({{calls}}): a compromised function or a leaked session can use it. Remove {{remove}} (presign-audit --least-privilege prints the policy the code needs).',
      replacePattern:
        'This wildcard grants the signer role more than its code needs; list the needed actions. Role {{role}} is allowed {{pattern}}, {{count}} S3 actions more than the code tied to it needs ({{calls}}): it needs only {{kept}}. Replace {{pattern}} by those actions.',
      beyondResources:
        'The signer role is allowed more resources than its code uses; narrow the Resource. Role {{role}} is allowed {{actions}} on {{resource}}, wider than the code tied to it needs ({{needed}}); presign-audit --least-privilege prints what it uses.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ role, calls, need }, context) {
    // The code of a role that runs several functions may be partly unread; an operation the code does
    // not show (a command passed around, boto3's resource API) may be any action.
    const functions = (role.runsCode ?? []).filter((reason) => reason.includes('function'));
    if (functions.length > 1 || calls.length === 0 || need.some((grant) => grant.action === 's3:*')) return;
    const needed = new Map(need.filter((g) => g.action.startsWith('s3:')).map((g) => [g.action.toLowerCase(), g]));
    const callPlaces = [...new Set(calls.map((c) => c.at))];
    const callsText = callPlaces.length <= 3 ? callPlaces.join(', ') : `${callPlaces.slice(0, 3).join(', ')} and ${callPlaces.length - 3} more`;
    for (const document of role.identityPolicies) {
      for (const statement of document.statements) {
        if (!isPlainAllow(statement)) continue;
        const location = statement.actions!.position;
        const s3Patterns = statement.actions!.values.filter((v) => /^s3:/i.test(v.value) || v.value === '*');
        // A pattern (`s3:Get*`, `*`) grants many actions: it is beyond need only when none of them is needed.
        const remove = s3Patterns.filter((p) => ![...serviceActionsMatching(p.value, 's3')].some((a) => needed.has(`s3:${a.name}`.toLowerCase())) && p.value !== '*');
        if (remove.length > 0) {
          context.report({ file: document.file, location, messageId: 'beyondActions', data: { role: role.name, remove: remove.map((p) => p.value).join(', '), calls: callsText } });
        }
        // A wildcard that grants needed actions and others: replace it by the needed ones.
        for (const pattern of s3Patterns.filter((p) => /[*?]/.test(p.value) && !remove.includes(p))) {
          const matched = [...serviceActionsMatching(pattern.value, 's3')].map((a) => `s3:${a.name}`);
          const kept = matched.filter((a) => needed.has(a.toLowerCase()));
          if (kept.length === matched.length) continue;
          context.report({
            file: document.file,
            location: pattern.position,
            messageId: 'replacePattern',
            data: { role: role.name, pattern: pattern.value, count: matched.length - kept.length, kept: kept.join(', '), calls: callsText },
          });
        }
        // Resources: only for a statement of S3 actions, every one of them needed and known whole.
        const granted = s3Patterns.flatMap((p) => [...serviceActionsMatching(p.value, 's3')].map((a) => `s3:${a.name}`.toLowerCase()).filter((a) => needed.has(a)));
        const grants = [...new Set(granted)].map((a) => needed.get(a)!);
        if (grants.length === 0 || s3Patterns.length !== statement.actions!.values.length || grants.some((g) => g.unknown.length > 0)) continue;
        if (statement.resources!.unknowns?.length) continue;
        for (const resource of statement.resources!.values) {
          // Beyond when, for every needed action here, no needed resource covers it.
          if (grants.some((g) => g.resources.some((r) => wildcardMatch(r, resource.value)))) continue;
          // An exact ARN of the other level (a bucket ARN for object actions) grants these actions nothing.
          if (!/[*?]/.test(resource.value) && !grants.some((g) => g.resources.some((r) => isObjectArn(r) === isObjectArn(resource.value)))) continue;
          context.report({
            file: document.file,
            location: resource.position,
            messageId: 'beyondResources',
            data: { role: role.name, actions: grants.map((g) => g.action).join(', '), resource: resource.value, needed: [...new Set(grants.flatMap((g) => g.resources))].join(', ') },
          });
        }
      }
    }
  },
});

/** An Allow without NotAction, NotResource or conditions, whose actions and resources are all read. */
function isPlainAllow(statement: Statement): boolean {
  const { actions, resources } = statement;
  return (
    statement.effect.value === 'Allow' &&
    actions !== null &&
    !actions.negated &&
    !actions.unknowns?.length &&
    resources !== null &&
    !resources.negated &&
    statement.conditions.length === 0
  );
}

function isObjectArn(arn: string): boolean {
  return /^arn:[^:]*:s3:::[^/]*\//.test(arn);
}
