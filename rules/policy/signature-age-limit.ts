/**
 * presign/signature-age-limit: a bucket that signers' URLs read or write whose policy does not
 * deny old signatures (`s3:signatureAge`), or denies them without requiring SigV4
 * (`s3:signatureversion`): SigV2 requests always have a signature age of 0, so they pass.
 * A suggestion with the statements to add.
 */
import type { BucketInfo } from '../../src/policy/inventory.js';
import type { Statement } from '../../src/policy/model.js';
import { deliveryExemption, granteesOf, withExemption } from '../../src/policy/principals.js';
import { defineRule } from '../../src/rule/shape.js';
import { bucketReach } from '../../src/policy/signer-reach.js';

export type MessageId = 'noSignatureAgeLimit' | 'noSignatureAgeLimitIfSigning' | 'sigV2Bypass';

export interface SignatureAgeLimitOptions {
  /** The age limit in the suggested statement, in milliseconds (AWS's example: 600000, 10 minutes). */
  maxAgeMilliseconds: number;
}

/** S3 API reference, "Authenticating requests: bucket policy examples for SigV4". */
const SIGV4 = 'AWS4-HMAC-SHA256';

export default defineRule<'inventory', SignatureAgeLimitOptions, MessageId>({
  name: 'signature-age-limit',
  subject: 'inventory',
  meta: {
    type: 'suggestion',
    severity: 'warn',
    securitySeverity: 3.0,
    docs: {
      description: 'Suggest a bucket policy that denies old and SigV2 signatures on buckets reached through pre-signed URLs',
      recommended: 'recommended',
    },
    messages: {
      noSignatureAgeLimit:
        'This bucket does not deny old signatures; add a Deny on s3:signatureAge and one on SigV2. Bucket {{bucket}} is {{use}} through URLs signed by {{signers}}. Add {{statement}} and {{sigv4}}.{{spared}}',
      noSignatureAgeLimitIfSigning:
        'This bucket does not deny old signatures; add a Deny on s3:signatureAge and one on SigV2. Bucket {{bucket}} is {{use}} by {{signers}}, which may sign URLs for it; if it does, add {{statement}} and {{sigv4}}.{{spared}}',
      sigV2Bypass:
        'This s3:signatureAge limit lets old SigV2 URLs through; also deny other signature versions. SigV2 requests have a signature age of 0, on bucket {{bucket}} too. Add {{sigv4}}.{{spared}}',
    },
    schema: [
      {
        type: 'object',
        properties: { maxAgeMilliseconds: { type: 'integer', minimum: 1, description: 'Age limit in the suggested statement, in milliseconds.' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxAgeMilliseconds: 600000 }],
  },
  check({ inventory, signers }, context) {
    const reached = new Map<BucketInfo, { signers: Set<string>; download: boolean; upload: boolean; certain: boolean }>();
    for (const reach of bucketReach(inventory, signers)) {
      const entry = reached.get(reach.bucket) ?? { signers: new Set<string>(), download: false, upload: false, certain: true };
      entry.signers.add(`"${reach.signer.name}"`);
      // Certain when the config names the signers, or when presign-audit found presign calls in the role's code.
      entry.certain &&= signers.source === 'config' || reach.signer.role?.code?.signs === true;
      entry.download ||= reach.download;
      entry.upload ||= reach.upload;
      reached.set(reach.bucket, entry);
    }
    for (const [bucket, entry] of reached) {
      const objects = `${bucket.arn ?? `arn:aws:s3:::${bucket.logicalId ?? 'BUCKET'}`}/*`;
      // The Denies must not stop the AWS services the policy lets in (log deliveries): whether their
      // requests carry the signature keys is not documented, and they sign no URL.
      const exemption = deliveryExemption((bucket.policy?.statements ?? []).filter((s) => s.effect.value === 'Allow').map(granteesOf));
      const exemptKeys = Object.values(exemption).flatMap((block) => Object.keys(block));
      const spared = exemptKeys.length > 0 ? ` The condition on ${exemptKeys.join(' and ')} spares the AWS delivery services the bucket policy lets in: they sign no URL.` : '';
      const deny = (condition: Record<string, Record<string, string>>) =>
        JSON.stringify({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: objects, Condition: withExemption(condition, exemption) });
      const sigv4 = deny({ StringNotEquals: { 's3:signatureversion': SIGV4 } });
      const name = `"${bucket.name ?? bucket.logicalId ?? 'unnamed'}"`;
      const denies = bucket.policy?.statements.filter((s) => s.effect.value === 'Deny') ?? [];
      const ageCondition = denies.flatMap((s) => s.conditions).find((c) => c.key.value.toLowerCase() === 's3:signatureage');
      if (!ageCondition) {
        context.report({
          // Roles the config names sign URLs; a role that runs code may, and the run cannot see whether it does.
          messageId: entry.certain ? 'noSignatureAgeLimit' : 'noSignatureAgeLimitIfSigning',
          data: {
            bucket: name,
            use: entry.download && entry.upload ? 'read and written' : entry.download ? 'read' : 'written',
            signers: [...entry.signers].join(', '),
            policy: bucket.policy ? 'its policy' : 'it has no bucket policy and so',
            statement: deny({ NumericGreaterThan: { 's3:signatureAge': String(context.options.maxAgeMilliseconds) } }),
            sigv4,
            spared,
          },
          location: bucket.policy?.position ?? bucket.source.position,
          file: bucket.policy?.file ?? bucket.source.file,
        });
      } else if (!denies.some(requiresSigV4)) {
        context.report({ messageId: 'sigV2Bypass', data: { bucket: name, sigv4, spared }, location: ageCondition.key.position, file: bucket.policy!.file });
      }
    }
  },
});

/** A Deny whose condition is "the signature version is not SigV4". */
function requiresSigV4(statement: Statement): boolean {
  return statement.conditions.some(
    (c) => c.key.value.toLowerCase() === 's3:signatureversion' && /^StringNotEquals(IgnoreCase)?(IfExists)?$/i.test(c.operator.value) && c.values.some((v) => v.value === SIGV4),
  );
}
