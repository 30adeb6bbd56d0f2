/**
 * presign/signer-beyond-need: the signing role is allowed S3 or KMS actions, or S3 objects or KMS
 * keys, that none of the code it runs signs or sends. A URL signer's grants are what a leaked session or function
 * can do; the seed's advice: "If your app doesn't need to delete objects, don't grant
 * s3:DeleteObject". Conservative: the role must be tied to the code by the config, run at most one
 * function, and the code must show every operation it performs (else the need is not known whole);
 * KMS only on statements that name bucket keys alone, when the run knows the KMS need whole.
 */
import { serviceActionsMatching } from '../../src/policy/actions.js';
import { bucketKey } from '../../src/policy/inventory.js';
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
      description: 'Disallow S3 and KMS grants to a URL signer role beyond what the code it runs signs and sends',
      recommended: 'recommended',
    },
    messages: {
      beyondActions:
        'The signer role is allowed actions its code never uses; remove them from this statement. Role {{role}} is allowed {{remove}} here, which none of the code tied to it needs ({{calls}}): a compromised function or a leaked session can use it. Remove {{remove}} (presign-audit --least-privilege prints the policy the code needs).',
      replacePattern:
        'This wildcard grants the signer role more than its code needs; list the needed actions. Role {{role}} is allowed {{pattern}}, {{count}} actions more than the code tied to it needs ({{calls}}): it needs only {{kept}}. Replace {{pattern}} by those actions.',
      beyondResources:
        'The signer role is allowed more resources than its code uses; narrow the Resource. Role {{role}} is allowed {{actions}} on {{resource}}, wider than the code tied to it needs ({{needed}}); presign-audit --least-privilege prints what it uses.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ role, calls, need, unknown, kmsUnknown, inventory }, context) {
    if (unknown !== null) return;
    const needed = new Map(need.map((g) => [g.action.toLowerCase(), g]));
    const callPlaces = [...new Set(calls.map((c) => c.at))];
    const callsText = callPlaces.length <= 3 ? callPlaces.join(', ') : `${callPlaces.slice(0, 3).join(', ')} and ${callPlaces.length - 3} more`;
    // The ARNs of the keys of the buckets the run read: a KMS statement is judged only when it names
    // such keys alone (`*` or another key may be for a queue, a table or a secret the role uses).
    const bucketKeyArns = new Set(
      inventory.buckets.flatMap((bucket) => {
        const arn = bucketKey(inventory, bucket)?.arn ?? bucket.encryption?.kmsKeyId ?? null;
        return arn?.includes(':key/') ? [arn] : [];
      }),
    );
    for (const document of role.identityPolicies) {
      for (const statement of document.statements) {
        if (!isPlainAllow(statement)) continue;
        const values = statement.actions!.values;
        const s3Patterns = values.filter((v) => /^s3:/i.test(v.value) || v.value === '*');
        const kmsPatterns = values.filter((v) => /^kms:/i.test(v.value));
        const namesBucketKeysOnly = !statement.resources!.unknowns?.length && statement.resources!.values.every((r) => bucketKeyArns.has(r.value));
        const judged = [{ service: 's3', patterns: s3Patterns }, ...(kmsUnknown === null && namesBucketKeysOnly ? [{ service: 'kms', patterns: kmsPatterns }] : [])];
        for (const { service, patterns } of judged) {
          // A pattern (`s3:Get*`, `kms:*`) grants many actions: it is beyond need only when none of them is needed.
          const matchedBy = (pattern: string) => [...serviceActionsMatching(pattern, service)].map((a) => `${service}:${a.name}`);
          const remove = patterns.filter((p) => p.value !== '*' && !matchedBy(p.value).some((a) => needed.has(a.toLowerCase())));
          if (remove.length > 0) {
            context.report({ file: document.file, location: statement.actions!.position, messageId: 'beyondActions', data: { role: role.name, remove: remove.map((p) => p.value).join(', '), calls: callsText } });
          }
          // A wildcard that grants needed actions and others: replace it by the needed ones.
          for (const pattern of patterns.filter((p) => /[*?]/.test(p.value) && !remove.includes(p))) {
            const matched = matchedBy(pattern.value);
            const kept = matched.filter((a) => needed.has(a.toLowerCase()));
            if (kept.length === matched.length) continue;
            const data = { role: role.name, pattern: pattern.value, count: matched.length - kept.length, kept: kept.join(', '), calls: callsText };
            context.report({ file: document.file, location: pattern.position, messageId: 'replacePattern', data });
          }
          // Resources: only for a statement of this service's actions alone, every needed one known whole.
          const grants = [...new Set(patterns.flatMap((p) => matchedBy(p.value).map((a) => a.toLowerCase())).filter((a) => needed.has(a)))].map((a) => needed.get(a)!);
          if (grants.length === 0 || patterns.length !== values.length || grants.some((g) => g.unknown.length > 0)) continue;
          if (statement.resources!.unknowns?.length) continue;
          for (const resource of statement.resources!.values) {
            // Beyond when, for every needed action here, no needed resource covers it.
            if (grants.some((g) => g.resources.some((r) => wildcardMatch(r, resource.value)))) continue;
            // An exact ARN of the other level (a bucket ARN for object actions) grants these actions nothing.
            if (service === 's3' && !/[*?]/.test(resource.value) && !grants.some((g) => g.resources.some((r) => isObjectArn(r) === isObjectArn(resource.value)))) continue;
            const data = { role: role.name, actions: grants.map((g) => g.action).join(', '), resource: resource.value, needed: [...new Set(grants.flatMap((g) => g.resources))].join(', ') };
            context.report({ file: document.file, location: resource.position, messageId: 'beyondResources', data });
          }
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
