/**
 * presign/signer-missing-permission: the code presigns an operation the signing role may not
 * perform on that bucket. A pre-signed request is evaluated as the signer: every such URL gets 403.
 */
import { evaluateRequest, type EvaluationRequest } from '../../src/policy/evaluate.js';
import { sameScope, type RoleInfo } from '../../src/policy/inventory.js';
import { iamActionOfOperation } from '../../src/presign/commands.js';
import { singleValue } from '../../src/presign/possible.js';
import type { PresignSite } from '../../src/presign/site.js';
import { defineRule } from '../../src/rule/shape.js';
import { objectKeyProbes } from '../../src/join/key-probes.js';

export default defineRule<'site-policies', Record<string, never>, 'missingPermission'>({
  name: 'signer-missing-permission',
  subject: 'site-policies',
  reads: ['operation', 'parameters'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 2.0,
    docs: {
      description: 'Disallow pre-signing an operation that the signing role may not perform on the bucket',
      recommended: 'recommended',
    },
    messages: {
      missingPermission:
        'Signer lacks {{action}}, so URLs get 403; grant it or sign with another role. {{api}} pre-signs {{operation}} on bucket {{bucket}}, but role {{role}} is not allowed {{action}} there ({{decision}}): grant it on {{resource}}.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ site, tie }, context) {
    const operation = site.operation;
    const iam = operation ? iamActionOfOperation(operation) : null;
    const role = tie.role;
    const bucket = tie.bucket;
    // Not tied, or the role's access cannot be read whole: nothing to say.
    if (!iam || !role || !bucket || role.unreadPolicies.length > 0) return;
    // A bucket the run did not read may have a policy that grants the role what it lacks.
    if (!bucket.info) return;
    const base = `arn:aws:s3:::${bucket.name}`;
    const resources = iam.on === 'bucket' ? [base] : objectKeyProbes(keyOf(site), bucket.info.policy ? [...role.identityPolicies, bucket.info.policy] : role.identityPolicies).map((key) => `${base}/${key}`);
    const sameAccount = sameScope(role.source, bucket.info.source) ? true : undefined;
    const results = resources.map((resource) =>
      evaluateRequest(request(iam.action, resource, role), { identity: role.identityPolicies, resource: bucket.info!.policy, ...(sameAccount ? { sameAccount } : {}) }),
    );
    // Report only when no key the code may sign can be allowed, and nothing is left to a condition.
    if (results.some((r) => r.decision === 'allow' || r.decision === 'depends')) return;
    const decision = results.some((r) => r.decision === 'deny') ? 'an explicit Deny applies' : 'no statement allows it';
    context.report({
      node: site.node,
      messageId: 'missingPermission',
      data: {
        api: site.api.label,
        operation: operation!,
        bucket: bucket.name,
        role: role.name,
        action: iam.action,
        decision,
        resource: iam.on === 'bucket' ? base : `${base}/*`,
      },
    });
  },
});

function keyOf<N>(site: PresignSite<N>): string | null {
  const key = site.parameters?.entries.get('Key');
  const value = key ? singleValue(key.value) : null;
  return value && typeof value.value === 'string' ? value.value : null;
}

function request(action: string, resource: string, role: RoleInfo): EvaluationRequest {
  const account = role.arn?.split(':')[4] ?? '';
  return {
    action,
    resource,
    principal: { arn: role.arn ?? `arn:aws:iam::${account}:role/${role.name}`, account },
    context: {},
  };
}
