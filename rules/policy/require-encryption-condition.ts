/**
 * presign/require-encryption-condition: a bucket policy that lets principals upload without a
 * Deny that rejects uploads lacking server-side encryption (or using another algorithm than the
 * one required). An Allow with an SSE condition enforces nothing for anyone else.
 *
 * Only uploads by principals that hold credentials count (src/policy/principals.ts): AWS's
 * delivery services (server access logs, ELB, CloudTrail, Config...) write with the headers they
 * choose, so the Deny suggested for the others spares them, and a bucket only they write to is
 * left alone.
 */
import { actionPatternMatches, listGrantsAction } from '../../src/policy/actions.js';
import type { Condition, Located, PolicyDocument, SourcePosition, Statement } from '../../src/policy/model.js';
import { parseOperator, trueWhenKeyAbsent } from '../../src/policy/operators.js';
import { deliveryExemption, granteesOf, principalKind, sparesOnlyDelivery, withExemption, type Grantees } from '../../src/policy/principals.js';
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
    severity: 'warn',
    securitySeverity: 3.0,
    docs: {
      description: 'Require bucket policies that allow uploads to deny uploads without server-side encryption',
      recommended: 'recommended',
    },
    messages: {
      missingDeny:
        'No Deny enforces encryption on the uploads this statement allows; add the Deny below. Nothing rejects {{gap}}. Add {{deny}}; a negated operator also matches uploads that send no header.{{spared}}',
      allowIsNotEnforcement:
        'An Allow condition on s3:x-amz-server-side-encryption enforces nothing; use a Deny instead. Other statements and the uploader\'s own IAM policy can still allow unencrypted uploads. Deny: {{deny}}.{{spared}}',
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
    const uploads: { readonly statement: Statement; readonly grantees: Grantees }[] = [];
    for (const statement of document.statements) {
      if (statement.effect.value === 'Allow' && statement.actions && listGrantsAction(statement.actions, 's3:PutObject')) uploads.push({ statement, grantees: granteesOf(statement) });
    }
    // Most bucket policies allow no upload: nothing more to ask of them.
    if (uploads.length === 0) return;
    const accepted = ACCEPTED[context.options.algorithm];
    const rejected = ALGORITHMS.filter((a) => !accepted.includes(a));
    const expected = accepted.length === 1 ? accepted[0]! : accepted;
    // The suggested Deny spares every delivery principal the policy lets upload, not only this statement's.
    const exemption = deliveryExemption(uploads.map((u) => u.grantees));
    const exemptKeys = Object.values(exemption).flatMap((block) => Object.keys(block));
    const spared = exemptKeys.length > 0 ? ` Its condition on ${exemptKeys.join(' and ')} spares the AWS delivery services this policy lets upload (logs and reports): they send the headers their service chooses, and sign no URL.` : '';

    for (const { statement, grantees } of uploads) {
      // Uploads by AWS delivery services alone: nothing a pre-signed URL signs, and a Deny would break them.
      if (!grantees.signers) continue;
      const covering = document.statements.filter((deny) => isSseDeny(deny, statement, grantees) && coversResources(deny, statement));
      const gaps: string[] = [];
      if (!covering.some((deny) => deniesRequest(deny, null))) gaps.push('uploads without server-side encryption');
      for (const algorithm of rejected) {
        if (!covering.some((deny) => deniesRequest(deny, algorithm))) gaps.push(`uploads encrypted with ${algorithm}`);
      }
      if (gaps.length === 0) continue;
      const condition = withExemption({ StringNotEquals: { [SSE_KEY]: expected } }, exemption);
      const deny = inlineJson({ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: objectResource(statement, document), Condition: condition });
      const sseCondition = statement.conditions.find((c) => c.key.value.toLowerCase() === SSE_KEY);
      if (sseCondition) {
        context.report({ messageId: 'allowIsNotEnforcement', data: { deny, spared }, location: sseCondition.key.position });
      } else {
        context.report({ messageId: 'missingDeny', data: { gap: gaps.join(' or '), deny, spared }, location: uploadActionPosition(statement) });
      }
    }
  },
});

/** JSON on one line, spaced as people write it in prose: `{"Effect": "Deny", "Action": ["a", "b"]}`. */
function inlineJson(value: unknown): string {
  // Joined as it goes: every finding's message holds one (no arrays of parts).
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ', ' : '') + inlineJson(value[i]);
    return `${text}]`;
  }
  if (typeof value === 'object' && value !== null) {
    let text = '{';
    for (const key of Object.keys(value)) text += `${text.length > 1 ? ', ' : ''}${JSON.stringify(key)}: ${inlineJson((value as Record<string, unknown>)[key])}`;
    return `${text}}`;
  }
  return JSON.stringify(value);
}

/**
 * A Deny of s3:PutObject that applies to the Allow's signers (everyone, or each principal of the
 * Allow that holds credentials) and whose conditions are on the SSE header, apart from exemptions
 * of AWS's delivery principals, which hold for every signer's request.
 */
function isSseDeny(deny: Statement, allow: Statement, grantees: Grantees): boolean {
  if (deny.effect.value !== 'Deny' || !deny.actions || !listGrantsAction(deny.actions, 's3:PutObject')) return false;
  if (!deniesEverySigner(deny, allow, grantees)) return false;
  const sse = deny.conditions.filter((c) => c.key.value.toLowerCase() === SSE_KEY);
  // Conditions are ANDed: a Deny that also requires another key only rejects some requests.
  return sse.length > 0 && deny.conditions.every((c) => sse.includes(c) || sparesOnlyDelivery(c, grantees.anonymous));
}

function deniesEverySigner(deny: Statement, allow: Statement, grantees: Grantees): boolean {
  const denied = deny.principals;
  if (!denied || denied.negated) return false;
  if (denied.values.some((p) => p.value === '*' && (p.type === '*' || p.type === 'AWS'))) return true;
  // Named principals: they must include each one of the Allow's that holds credentials.
  const allowed = allow.principals;
  if (grantees.anonymous || !allowed || allowed.negated || (allowed.unknowns ?? []).length > 0) return false;
  return allowed.values.every((p) => principalKind(p) !== 'credentials' || denied.values.some((d) => d.type === p.type && d.value === p.value));
}

/**
 * Whether the Deny's conditions on the header all hold for an upload with this value (null: no
 * header); its others hold for every signer (isSseDeny).
 */
function deniesRequest(deny: Statement, header: string | null): boolean {
  return deny.conditions.every((condition) => condition.key.value.toLowerCase() !== SSE_KEY || conditionHolds(condition, header));
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
  if (fromStatement) return fromStatement.value;
  for (const other of document.statements) {
    const fromDocument = other.resources?.values.find((r: Located<string>) => r.value.includes('/'));
    if (fromDocument) return fromDocument.value;
  }
  return 'arn:aws:s3:::BUCKET/*';
}

function uploadActionPosition(statement: Statement): SourcePosition {
  const actions = statement.actions!;
  if (actions.negated) return actions.position;
  return actions.values.find((v) => actionPatternMatches(v.value, 's3:PutObject'))?.position ?? actions.position;
}
