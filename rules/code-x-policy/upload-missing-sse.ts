/**
 * presign/upload-missing-sse: the code presigns an upload without the server-side encryption the
 * bucket policy requires (or with AES256 where it requires aws:kms): S3 refuses every such upload.
 */
import { evaluateRequest } from '../../src/policy/evaluate.js';
import { singleValue, type Possible } from '../../src/presign/possible.js';
import type { PresignSite } from '../../src/presign/site.js';
import { objectKeyProbes } from '../../src/join/key-probes.js';
import { defineRule } from '../../src/rule/shape.js';

const SSE_HEADER = 'x-amz-server-side-encryption';

export default defineRule<'site-policies', Record<string, never>, 'missingSse' | 'wrongSse'>({
  name: 'upload-missing-sse',
  subject: 'site-policies',
  reads: ['operation', 'parameters', 'post'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 2.0,
    docs: {
      description: 'Disallow pre-signed uploads without the server-side encryption that the bucket policy requires',
      recommended: 'recommended',
    },
    messages: {
      missingSse:
        'The upload has no server-side encryption, but the bucket requires it; set ServerSideEncryption. S3 answers 403 to every upload through this URL of {{api}} to {{bucket}} ({{statement}}); the uploader then sends the x-amz-server-side-encryption header the policy requires.',
      wrongSse:
        'Encryption {{sent}} is denied by the bucket policy; use the one it requires. S3 answers 403 to every upload through this URL of {{api}} to {{bucket}} ({{statement}}).',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ site, tie }, context) {
    const isUpload = site.operation === 'PutObject' || site.operation === 'UploadPart' || site.api.post;
    const bucket = tie.bucket;
    const policy = bucket?.info?.policy;
    if (!isUpload || !bucket || !policy) return;
    const sent = encryptionSent(site);
    if (sent === undefined) return; // the code does not show it
    const principal = tie.role ? { arn: tie.role.arn ?? `arn:aws:iam:::role/${tie.role.name}`, account: tie.role.arn?.split(':')[4] ?? '' } : null;
    for (const key of objectKeyProbes(null, [policy])) {
      const result = evaluateRequest(
        {
          action: 's3:PutObject',
          resource: `arn:aws:s3:::${bucket.name}/${key}`,
          principal,
          // A URL is signed with credentials, never by an AWS service principal: a Deny that spares
          // delivery services (docs/facts.md, "Delivery services") applies to it.
          context: { [`s3:${SSE_HEADER}`]: sent, 'aws:PrincipalIsAWSService': 'false' },
        },
        { identity: [], resource: policy },
      );
      // Only an explicit Deny that certainly applies: an Allow missing elsewhere is not this rule's.
      if (result.explicitDeny !== true) continue;
      const deny = result.statements.find((s) => s.statement.effect.value === 'Deny' && s.applies === true);
      const where = deny ? `${deny.document.file}:${deny.statement.position.line}${deny.statement.sid ? ` "${deny.statement.sid.value}"` : ''}` : 'a Deny statement';
      const data = { api: site.api.label, bucket: bucket.name, statement: where };
      context.report(sent === null ? { node: site.node, messageId: 'missingSse', data } : { node: site.node, messageId: 'wrongSse', data: { ...data, sent } });
      return;
    }
  },
});

/** The SSE algorithm the signed request carries: a string, null when absent, undefined when unknown. */
function encryptionSent<N>(site: PresignSite<N>): string | null | undefined {
  if (site.post) {
    if (!site.post.complete) return undefined;
    const condition = site.post.conditions.find((c) => c.kind !== 'content-length-range' && c.field === SSE_HEADER);
    if (!condition) return null;
    return condition.kind === 'eq' && condition.value !== null ? condition.value : undefined;
  }
  const parameters = site.parameters;
  if (!parameters) return undefined;
  const entry = parameters.entries.get('ServerSideEncryption');
  if (!entry) return parameters.complete ? null : undefined;
  return constantString(entry.value);
}

function constantString(value: Possible): string | undefined {
  const v = singleValue(value);
  return v && typeof v.value === 'string' ? v.value : undefined;
}
