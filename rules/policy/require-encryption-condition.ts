/**
 * presign/require-encryption-condition: a bucket policy that lets principals upload without a
 * Deny that rejects uploads lacking server-side encryption (or using another algorithm than the
 * one required). An Allow with an SSE condition enforces nothing for anyone else.
 */
import { listGrantsAction } from '../../src/policy/actions.js';
import type { Condition, Located, PolicyDocument, SourcePosition, Statement } from '../../src/policy/model.js';
import { parseOperator, trueWhenKeyAbsent } from '../../src/policy/operators.js';
import { defineRule } from '../../src/rule/shape.js';
import { wildcardMatch } from '../../src/policy/wildcard.js';

export type MessageId = 'missingDeny' | 'allowIsNotEnforcement';
export type RequiredAlgorithm = 'any' | 'AES256' | 'aws:kms';

export interface RequireEncryptionConditionOptions {
  algorithm: RequiredAlgorithm;
}

const SSE_KEY = 's3:x-amz-server-side-encryption';
/** The values S3 accepts for x-amz-server-side-encryption (S3 API reference, PutObject). */
const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];
const ACCEPTED: Record<RequiredAlgorithm, readonly string[]> = {
  any: ALGORITHMS,
  AES256: ['AES256'],
  'aws:kms': ['aws:kms', 'aws:kms:dsse'],
};

export default defineRule<'document', RequireEncryptionConditionOptions, MessageId>({
  name: 'require-encryption-condition',
  subject: 'document',
  kinds: ['bucket'],
  meta: {
    type: 'problem',
    docs: {
      description: 'Require bucket policies that allow uploads to deny uploads without server-side encryption',
      recommended: 'recommended',
    },
    messages: {
      missingDeny:
        'This statement lets principals upload (s3:PutObject), but no Deny statement rejects {{gap}}. Add {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": {{resource}}, "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": {{expected}}}}}; a negated operator also matches uploads that send no header.',
      allowIsNotEnforcement:
        'A condition on s3:x-amz-server-side-encryption in an Allow does not enforce encryption: other statements and the uploader\'s own IAM policy can still allow unencrypted uploads, and with Principal "*" it makes the bucket publicly writable. Deny instead: {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": {{resource}}, "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": {{expected}}}}}.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          algorithm: { enum: ['any', 'AES256', 'aws:kms'], description: 'Which server-side encryption the Deny must require.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ algorithm: 'any' }],
  },
  check({ document }, context) {
    const accepted = ACCEPTED[context.options.algorithm];
    const rejected = ALGORITHMS.filter((a) => !accepted.includes(a));
    const denies = document.statements.filter(isSseDeny);
    const expected = JSON.stringify(accepted.length === 1 ? accepted[0] : accepted);

    for (const statement of document.statements) {
      if (statement.effect.value !== 'Allow' || !statement.actions || !listGrantsAction(statement.actions, 's3:PutObject')) continue;
      const covering = denies.filter((deny) => coversResources(deny, statement));
      const gaps: string[] = [];
      if (!covering.some((deny) => deniesRequest(deny, null))) gaps.push('uploads without server-side encryption');
      for (const algorithm of rejected) {
        if (!covering.some((deny) => deniesRequest(deny, algorithm))) gaps.push(`uploads encrypted with ${algorithm}`);
      }
      if (gaps.length === 0) continue;
      const resource = JSON.stringify(objectResource(statement, document));
      const sseCondition = statement.conditions.find((c) => c.key.value.toLowerCase() === SSE_KEY);
      if (sseCondition) {
        context.report({ messageId: 'allowIsNotEnforcement', data: { expected, resource }, location: sseCondition.key.position });
      } else {
        context.report({ messageId: 'missingDeny', data: { gap: gaps.join(' or '), expected, resource }, location: uploadActionPosition(statement) });
      }
    }
  },
});

/** A Deny of s3:PutObject, for everyone, whose every condition is on the SSE header. */
function isSseDeny(statement: Statement): boolean {
  if (statement.effect.value !== 'Deny' || !statement.actions || !listGrantsAction(statement.actions, 's3:PutObject')) return false;
  const everyone = statement.principals && !statement.principals.negated && statement.principals.values.some((p) => p.value === '*' && (p.type === '*' || p.type === 'AWS'));
  // Conditions are ANDed: a Deny that also requires another key only rejects some requests.
  return Boolean(everyone) && statement.conditions.length > 0 && statement.conditions.every((c) => c.key.value.toLowerCase() === SSE_KEY);
}

/** Whether the Deny's conditions all hold for an upload with this header value (null: no header). */
function deniesRequest(deny: Statement, header: string | null): boolean {
  return deny.conditions.every((condition) => conditionHolds(condition, header));
}

function conditionHolds(condition: Condition, header: string | null): boolean {
  const values = condition.values.map((v) => v.value);
  if (header === null) return trueWhenKeyAbsent(condition.operator.value, values);
  const parts = parseOperator(condition.operator.value);
  const base = parts.base.toLowerCase();
  if (base === 'null') return values.some((v) => v.toLowerCase() === 'false');
  const matchesAny = (ignoreCase: boolean, like: boolean) =>
    values.some((v) => (like ? wildcardMatch(v, header, { caseInsensitive: ignoreCase }) : ignoreCase ? v.toLowerCase() === header.toLowerCase() : v === header));
  switch (base) {
    case 'stringequals':
      return matchesAny(false, false);
    case 'stringequalsignorecase':
      return matchesAny(true, false);
    case 'stringlike':
      return matchesAny(false, true);
    case 'stringnotequals':
      return !matchesAny(false, false);
    case 'stringnotequalsignorecase':
      return !matchesAny(true, false);
    case 'stringnotlike':
      return !matchesAny(false, true);
    default:
      // Another operator on this key cannot be judged: do not count it as enforcement.
      return false;
  }
}

/** Whether the Deny applies to every resource the Allow grants. */
function coversResources(deny: Statement, allow: Statement): boolean {
  if (!deny.resources || deny.resources.negated) return false;
  const denied = deny.resources.values.map((r) => r.value);
  if (denied.includes('*')) return true;
  if (!allow.resources || allow.resources.negated) return false;
  return allow.resources.values.every((granted) => denied.some((pattern) => wildcardMatch(pattern, granted.value)));
}

function objectResource(statement: Statement, document: PolicyDocument): string {
  const fromStatement = statement.resources?.negated ? undefined : statement.resources?.values.find((r) => r.value.includes('/'));
  const fromDocument = document.statements.flatMap((s) => s.resources?.values ?? []).find((r: Located<string>) => r.value.includes('/'));
  return (fromStatement ?? fromDocument)?.value ?? 'arn:aws:s3:::BUCKET/*';
}

function uploadActionPosition(statement: Statement): SourcePosition {
  const actions = statement.actions!;
  if (actions.negated) return actions.position;
  return actions.values.find((v) => listGrantsAction({ negated: false, position: v.position, values: [v] }, 's3:PutObject'))?.position ?? actions.position;
}
