/**
 * Condition operators, split into their parts: `ForAnyValue:StringNotEqualsIfExists` is the base
 * `StringNotEquals`, a set qualifier and `IfExists`. What matters to the checks is when a condition
 * is true for a request that does not carry the key at all.
 */
import { remembered } from '../core/remembered.js';

export interface OperatorParts {
  readonly base: string;
  readonly qualifier: 'ForAnyValue' | 'ForAllValues' | null;
  readonly ifExists: boolean;
  /**
   * StringNot..., ArnNot..., NumericNotEquals, DateNotEquals, NotIpAddress: true when the key's value
   * differs from all the listed ones (so, as IAM says of them, also when the key is absent).
   */
  readonly negated: boolean;
}

export function parseOperator(operator: string): OperatorParts {
  let rest = operator;
  let qualifier: OperatorParts['qualifier'] = null;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'foranyvalue') qualifier = 'ForAnyValue';
    else if (prefix === 'forallvalues') qualifier = 'ForAllValues';
    rest = rest.slice(colon + 1);
  }
  const ifExists = /IfExists$/i.test(rest);
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const negated = /^(StringNot|ArnNot|NumericNotEquals$|DateNotEquals$|NotIpAddress$)/i.test(base);
  return { base, qualifier, ifExists, negated };
}

/**
 * Whether the condition holds when the request lacks the key: negated operators and `...IfExists`
 * do (IAM: "a negated operator matches when the key is absent"; `IfExists`: "if the key is not
 * present, evaluate to true"), as does `ForAllValues` over an empty set, and `Null` with `true`.
 * `ForAnyValue` never does, negated or `IfExists` included: IAM's guide on multivalued keys says
 * it "returns false" for a missing key, and a re:Post report observed
 * `ForAnyValue:StringEqualsIfExists` deny a request without the key.
 */
export function trueWhenKeyAbsent(operator: string, values: readonly string[]): boolean {
  const parts = parseOperator(operator);
  if (parts.base.toLowerCase() === 'null') return values.some((v) => v.toLowerCase() === 'true');
  if (parts.qualifier === 'ForAllValues') return true;
  if (parts.qualifier === 'ForAnyValue') return false;
  return parts.negated || parts.ifExists;
}

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** Every base operator IAM knows (IAM User Guide, "IAM JSON policy elements: Condition operators"), lowercase, by family. */
const OPERATOR_FAMILIES = new Map<string, OperatorFamily>(([
  ...['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'].map((o) => [o, 'String'] as const),
  ...['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'].map((o) => [o, 'Numeric'] as const),
  ...['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'].map((o) => [o, 'Date'] as const),
  ['Bool', 'Bool'],
  ['BinaryEquals', 'Binary'],
  ['IpAddress', 'IpAddress'],
  ['NotIpAddress', 'IpAddress'],
  ...['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'].map((o) => [o, 'Arn'] as const),
  ['Null', 'Null'],
] as [string, OperatorFamily][]).map(([o, f]) => [o.toLowerCase(), f]));

/** The family of an operator (`ForAnyValue:StringLikeIfExists` is `String`), or null when IAM does not know it. */
export function operatorFamily(operator: string): OperatorFamily | null {
  return remembered(familyByOperator, operator, familyOf);
}

/** `operatorFamily`'s answers by the operator as written: asked for every condition, and policies use a few dozen operators. */
const familyByOperator = new Map<string, OperatorFamily | null>();

function familyOf(operator: string): OperatorFamily | null {
  const colon = operator.indexOf(':');
  const parts = parseOperator(operator);
  if (colon >= 0 && parts.qualifier === null) return null;
  return OPERATOR_FAMILIES.get(parts.base.toLowerCase()) ?? null;
}
