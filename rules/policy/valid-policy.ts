/**
 * presign/valid-policy: grammar and types AWS checks when a policy is saved, or silently gets
 * wrong when it is evaluated: the `Version`, `Resource` and `Principal` as the document's kind
 * wants them (src/policy/kinds.ts: a trust policy has no Resource, an SCP no Principal ...),
 * duplicate `Sid`, unknown condition operators, operators that do not fit the key's type, `Null`
 * with `IfExists`. A bad `Effect`, a missing `Action` and unknown elements are reported by the
 * reader (presign-audit/invalid-policy), which cannot build the statement without them.
 */
import { conditionKeyTypes } from '../../src/policy/iam-data.js';
import { IAM_POLICY_KINDS, grammarOf, kindName } from '../../src/policy/kinds.js';
import type { Condition, PolicyDocument, SourcePosition } from '../../src/policy/model.js';
import { operatorFamily, parseOperator, type OperatorFamily } from '../../src/policy/operators.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId =
  | 'unknownVersion'
  | 'variablesNeedVersion'
  | 'missingResource'
  | 'missingPrincipal'
  | 'principalNotAllowed'
  | 'resourceNotAllowed'
  | 'duplicateSid'
  | 'unknownOperator'
  | 'operatorTypeMismatch'
  | 'nullIfExists';

/** The key types (as the IAM data spells them) each operator family fits; String and Binary operators fit any key. */
const FITTING_TYPES: Partial<Record<OperatorFamily, readonly string[]>> = {
  Numeric: ['Numeric', 'ArrayOfNumeric'],
  Date: ['Date', 'ArrayOfDate'],
  Bool: ['Bool', 'ArrayOfBool'],
  IpAddress: ['IPAddress', 'ArrayOfIPAddress'],
  Arn: ['ARN', 'ArrayOfARN'],
};

export default defineRule<'document', Record<string, never>, MessageId>({
  name: 'valid-policy',
  subject: 'document',
  kinds: IAM_POLICY_KINDS,
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 3.0,
    docs: {
      description: 'Enforce policy grammar and condition types: Version, Resource, Principal, unique Sid, known operators that fit their keys',
      recommended: 'recommended',
    },
    messages: {
      unknownVersion: 'Version "{{version}}" is not a policy language version; use "2012-10-17".',
      variablesNeedVersion:
        'Policy variables such as {{variable}} need "Version": "2012-10-17"; set it. Without it, IAM reads them literally, and the statement matches nothing (or the wrong thing).',
      missingResource: 'Statement {{index}} has no "Resource" (nor "NotResource"); name the resources it is about. {{service}} rejects this {{kind}} without one; for example {{example}}.',
      missingPrincipal: 'Statement {{index}} has no "Principal"; name whom it applies to. {{service}} requires one in every statement of a {{kind}}.',
      principalNotAllowed: '"{{element}}" is not allowed in this {{kind}}; remove it. The policy applies to {{appliesTo}}.',
      resourceNotAllowed: '"{{element}}" is not allowed in a trust policy; remove it. The resource is the role itself, and IAM rejects the policy.',
      duplicateSid: 'Sid "{{sid}}" is used by an earlier statement too; rename one. {{requirement}}',
      unknownOperator: '"{{operator}}" is not a condition operator, so AWS rejects the policy; fix it. See "IAM JSON policy elements: Condition operators".',
      operatorTypeMismatch: '{{operator}} cannot compare {{key}}; use a {{suggestion}} operator. The key is of type {{type}}, and {{operator}} compares {{family}} values, so the condition never matches as meant.',
      nullIfExists: '"{{operator}}": Null with IfExists makes no sense, and AWS rejects it; use "Null".',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ document }, context) {
    const version = document.version?.value ?? null;
    if (version !== null && version !== '2012-10-17' && version !== '2008-10-17') {
      context.report({ messageId: 'unknownVersion', data: { version }, location: document.version!.position });
    } else if (version !== '2012-10-17') {
      const variable = firstPolicyVariable(document);
      if (variable) {
        context.report({
          messageId: 'variablesNeedVersion',
          data: { where: version === null ? 'This policy has no "Version" and' : 'Version "2008-10-17"', variable: variable.text },
          location: document.version?.position ?? variable.position,
        });
      }
    }

    // Only what every kind the document may be agrees on is checked (docs/facts.md#grammar-of-each-kind).
    const grammar = grammarOf(document);
    // Only messages name the kind, and most documents get none.
    let named: string | undefined;
    const kind = () => (named ??= kindName(document));
    const sids = new Set<string>();
    for (const statement of document.statements) {
      const index = statement.index + 1;
      const { principals, resources } = statement;
      if (!resources && grammar.resource === 'required') {
        context.report({ messageId: 'missingResource', data: { index, kind: kind(), service: grammar.service, example: RESOURCE_EXAMPLE[document.kind ?? ''] ?? '"arn:aws:s3:::bucket/*"' }, location: statement.position });
      }
      if (resources && grammar.resource === 'forbidden') {
        context.report({ messageId: 'resourceNotAllowed', data: { element: resources.negated ? 'NotResource' : 'Resource' }, location: resources.position });
      }
      if (!principals && grammar.principal === 'required') context.report({ messageId: 'missingPrincipal', data: { index, kind: kind(), service: grammar.service }, location: statement.position });
      if (principals && grammar.principal === 'forbidden') {
        context.report({ messageId: 'principalNotAllowed', data: { element: principals.negated ? 'NotPrincipal' : 'Principal', kind: kind(), appliesTo: grammar.appliesTo ?? 'whoever it is attached to' }, location: principals.position });
      }
      // An empty Sid names nothing: AWS's own bucket policy examples repeat `"Sid": ""`.
      if (statement.sid && statement.sid.value !== '') {
        if (sids.has(statement.sid.value)) {
          context.report({ messageId: 'duplicateSid', data: { sid: statement.sid.value, requirement: grammar.service === 'IAM' ? 'IAM requires unique Sids in a policy.' : 'Sids should be unique in a policy: IAM requires it of its own policies, and other services may reject repeats.' }, location: statement.sid.position });
        }
        sids.add(statement.sid.value);
      }
      // Made for the first unknown or Null operator only: most statements have neither.
      let seenOperators: Set<object> | undefined;
      for (const condition of statement.conditions) {
        const operator = condition.operator;
        const family = operatorFamily(operator.value);
        // One operator holds several keys: report the operator once.
        if (family === null) {
          seenOperators ??= new Set();
          if (!seenOperators.has(operator)) context.report({ messageId: 'unknownOperator', data: { operator: operator.value }, location: operator.position });
          seenOperators.add(operator);
          continue;
        }
        if (family === 'Null') {
          seenOperators ??= new Set();
          if (parseOperator(operator.value).ifExists && !seenOperators.has(operator)) context.report({ messageId: 'nullIfExists', data: { operator: operator.value }, location: operator.position });
          seenOperators.add(operator);
          continue;
        }
        const fitting = FITTING_TYPES[family];
        const types = conditionKeyTypes(condition.key.value);
        if (!fitting || types.length === 0 || types.some((t) => fitting.includes(t))) continue;
        if (family === 'Arn' && types.some((t) => t === 'String' || t === 'ArrayOfString') && comparesArns(condition)) continue;
        const type = types[0]!;
        context.report({
          messageId: 'operatorTypeMismatch',
          data: { operator: operator.value, family: family.toLowerCase(), key: condition.key.value, type: type.replace(/^ArrayOf/, '').toLowerCase(), suggestion: suggestedFamily(type) },
          location: condition.key.position,
        });
      }
    }
  },
});

/**
 * An ARN operator on a key the data types as a string, compared with ARNs: the key holds ARNs
 * (`kms:EncryptionContext:aws:logs:arn`, a tag that names a resource), as AWS's guides and
 * managed policies use it (docs/facts.md#condition-keys-aws-documents-beyond-the-reference-data).
 * A value a template leaves unresolved is given the benefit of the doubt.
 */
function comparesArns(condition: Condition): boolean {
  return condition.values.every((v) => /^arn:|^\$\{[^}]+\}$/.test(v.value)) && condition.values.length + (condition.unknowns?.length ?? 0) > 0;
}

/** What `Resource` holds in kinds whose statements need one, for the missingResource message. */
const RESOURCE_EXAMPLE: Record<string, string> = {
  'kms-key': '"*" (in a key policy, the key itself)',
  'access-point': '"arn:aws:s3:us-east-1:111122223333:accesspoint/name/object/*"',
};

function suggestedFamily(type: string): string {
  const base = type.replace(/^ArrayOf/, '');
  return ({ Numeric: 'Numeric...', Date: 'Date...', Bool: 'Bool', IPAddress: 'IpAddress', ARN: 'Arn... or String...' } as Record<string, string>)[base] ?? 'String...';
}

/** The first `${...}` policy variable in a resource or condition value. */
function firstPolicyVariable(document: PolicyDocument): { text: string; position: SourcePosition } | null {
  for (const statement of document.statements) {
    const values = [...(statement.resources?.values ?? []), ...statement.conditions.flatMap((c) => c.values)];
    for (const value of values) {
      const match = /\$\{[^}]+\}/.exec(value.value);
      if (match) return { text: match[0], position: value.position };
    }
  }
  return null;
}
