/**
 * presign/kms-signer-access: a bucket encrypted with a customer-managed KMS key, whose URL signer
 * may not use the key: a presigned request is evaluated as the signer, so downloads need
 * `kms:Decrypt` and uploads `kms:GenerateDataKey`, allowed by the key policy directly or by the
 * signer's identity policy where the key policy delegates to the account. Otherwise every URL
 * fails with 403 AccessDenied.
 *
 * Unknown is not guilty: a signer with policies not read (customer managed policies of another
 * stack, AWS managed policies or SAM templates the tables do not know) or a key not
 * read is not reported. Conditions are not evaluated: a conditional Allow counts as an Allow.
 * (A narrow check against the model; the request evaluator in src/policy/evaluate.ts can replace it.)
 */
import { listGrantsAction } from '../../src/policy/actions.js';
import { bucketKey, sameScope, type KeyInfo } from '../../src/policy/inventory.js';
import type { PolicyDocument, Statement } from '../../src/policy/model.js';
import { defineRule } from '../../src/rule/shape.js';
import { bucketReach } from '../../src/policy/signer-reach.js';
import type { Signer } from '../../src/policy/signers.js';
import { wildcardMatch } from '../../src/policy/wildcard.js';

export type MessageId = 'signerCannotUseKey';

export default defineRule<'inventory', Record<string, never>, MessageId>({
  name: 'kms-signer-access',
  subject: 'inventory',
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 2.0,
    docs: {
      description: 'Require URL signers to be allowed the KMS key that encrypts their bucket (kms:Decrypt to download, kms:GenerateDataKey to upload)',
      recommended: 'recommended',
    },
    messages: {
      signerCannotUseKey:
        'The signer lacks {{action}} on the bucket\'s KMS key, so URLs to {{operation}} get 403; allow it. URLs signed by {{signer}} for bucket {{bucket}} use KMS key {{key}}, and {{reason}}: allow it in the signer\'s identity policy when the key policy delegates to the account, or in the key policy.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ inventory, signers }, context) {
    for (const reach of bucketReach(inventory, signers)) {
      const key = bucketKey(inventory, reach.bucket);
      if (!key || key.awsManaged || !key.policy) continue;
      // AWS managed policies are read from their table (src/policy/aws-policies.ts); what is still unread may allow the key.
      if (reach.signer.role && reach.signer.role.unreadPolicies.length > 0) continue;
      const needs = [
        ...(reach.download ? [{ action: 'kms:Decrypt', operation: 'download' }] : []),
        ...(reach.upload ? [{ action: 'kms:GenerateDataKey', operation: 'upload' }] : []),
      ];
      for (const { action, operation } of needs) {
        const reason = whyNot(reach.signer, key, key.policy, action);
        if (reason === null) continue;
        const anchor = reach.signer.role?.source ?? { file: reach.signer.documents[0]!.file, position: reach.signer.documents[0]!.position };
        context.report({
          messageId: 'signerCannotUseKey',
          data: {
            signer: `"${reach.signer.name}"`,
            operation,
            bucket: `"${reach.bucket.name ?? reach.bucket.logicalId ?? 'unnamed'}"`,
            key: `"${key.logicalId ?? key.arn ?? key.keyId ?? 'unnamed'}"`,
            reason,
            action,
          },
          location: anchor.position,
          file: anchor.file,
        });
      }
    }
  },
});

/** Why the signer may not use the key for the action, or null when it may (or it cannot be told). */
function whyNot(signer: Signer, key: KeyInfo, keyPolicy: PolicyDocument, action: string): string | null {
  const role = signer.role;
  let direct = false;
  let delegates = false;
  for (const statement of keyPolicy.statements) {
    if (!allows(statement, action) || !statement.principals || statement.principals.negated) continue;
    for (const principal of statement.principals.values) {
      if (principal.type === '*' || principal.value === '*') return null;
      if (principal.type !== 'AWS') continue;
      if (isAccountRoot(principal.value)) delegates = true;
      else if (role?.arn && principal.value === role.arn) direct = true;
    }
    for (const unknown of statement.principals.unknowns ?? []) {
      if (unknown.description.endsWith(":root") || /^\$\{AWS::AccountId\}$/.test(unknown.description)) delegates = true;
      else if (role?.logicalId && unknown.refs.includes(role.logicalId)) direct = true;
      // Another unknown principal may be the signer: cannot tell.
      else return null;
    }
  }
  if (direct) return null;
  const identity = signer.documents.some((document) => document.statements.some((s) => allows(s, action) && coversKey(s, key, document)));
  const deniedByIdentity = signer.documents.some((document) => document.statements.some((s) => s.effect.value === 'Deny' && s.conditions.length === 0 && s.actions !== null && listGrantsAction(s.actions, action) && coversKey(s, key, document)));
  if (delegates && identity && !deniedByIdentity) return null;
  if (!delegates) return `the key policy neither allows ${action} to the signer nor delegates to the account's IAM policies`;
  return deniedByIdentity ? `the signer's identity policy denies ${action} on it` : `the signer's identity policy does not allow ${action} on it`;
}

function allows(statement: Statement, action: string): boolean {
  return statement.effect.value === 'Allow' && statement.actions !== null && listGrantsAction(statement.actions, action);
}

/** `arn:aws:iam::111122223333:root` or a bare account id: the key policy enables IAM policies of that account. */
function isAccountRoot(value: string): boolean {
  return /^arn:aws[\w-]*:iam::\d{12}:root$/.test(value) || /^\d{12}$/.test(value);
}

function coversKey(statement: Statement, key: KeyInfo, document: PolicyDocument): boolean {
  const resources = statement.resources;
  if (!resources) return false;
  const named =
    resources.values.some((v) => v.value === '*' || (key.arn !== null ? wildcardMatch(v.value, key.arn) : /^arn:[^:]*:kms:[^:]*:[^:]*:key\/\*$/.test(v.value))) ||
    (key.logicalId !== null && sameScope(document, key.source) && (resources.unknowns ?? []).some((u) => u.refs.includes(key.logicalId!)));
  return named !== resources.negated;
}
