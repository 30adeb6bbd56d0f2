/**
 * "Is this statement public?" by S3's own rules (S3 User Guide, Blocking public access, "The
 * meaning of public"): a statement that grants to `*` is non-public only when a condition
 * restricts it to fixed values (no wildcard, no policy variable) of one of a few keys. Other kinds
 * of policy (KMS keys, role trust policies) ask the same question with a few more keys.
 */
import type { Condition, Principal, Statement } from './model.js';
import { parseCidr } from './ip.js';
import { parseOperator } from './operators.js';
import { variablesIn } from './variables.js';
import { hasWildcard } from './wildcard.js';
import { clipped } from '../core/messages.js';

/** The keys S3 accepts as making a `*` grant non-public, lowercase. */
export const NON_PUBLIC_CONDITION_KEYS: readonly string[] = [
  'aws:SourceIp',
  'aws:SourceArn',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceOwner',
  'aws:SourceAccount',
  'aws:PrincipalOrgID',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  'aws:userid',
  's3:DataAccessPointArn',
  's3:DataAccessPointAccount',
];

/**
 * The broadest `aws:SourceIp` range S3 still calls fixed: /8 for IPv4, /32 for IPv6
 * ("The meaning of public").
 */
const BROADEST_PREFIX = { 4: 8, 6: 32 } as const;

/** `"*"` and `{"AWS": "*"}` entries of an `Allow` statement's `Principal`. */
export function wildcardPrincipals(statement: Statement): Principal[] {
  return statement.effect.value === 'Allow' ? everyonePrincipals(statement) : [];
}

/** `"*"` and `{"AWS": "*"}` entries of a statement's `Principal`, whatever its effect. */
export function everyonePrincipals(statement: Statement): Principal[] {
  if (!statement.principals || statement.principals.negated) return [];
  return statement.principals.values.filter((p) => p.value === '*' && (p.type === '*' || p.type === 'AWS'));
}

/**
 * Whether a pattern stays inside one account or organization: an ARN with a literal account
 * (`arn:aws:iam::111122223333:role/ci-*`), an organization path from a literal organization id.
 */
function keepsScope(key: string, value: string): boolean {
  const lower = key.toLowerCase();
  if (lower === 'aws:principalarn' || lower === 'aws:sourcearn') return /^\d{12}$/.test(value.split(':')[4] ?? '');
  if (lower === 'aws:principalorgpaths' || lower === 'aws:sourceorgpaths') return /^o-[a-z0-9]+\//.test(value);
  return false;
}

/**
 * `restricted`: a condition confines the statement. `unknown`: none does for certain, but one may
 * once deployed (its values are unresolved and may be anything, a CIDR of any width among them),
 * so nothing certain can be said. Otherwise the reasons each condition does not.
 */
export type Restriction =
  | { readonly restricted: true; readonly by: Condition }
  | { readonly restricted: 'unknown'; readonly by: Condition }
  | { readonly restricted: false; readonly reasons: readonly string[] };

export interface RestrictionOptions {
  /** Keys another analysis also accepts (KMS: kms:CallerAccount; trust policies: aws:PrincipalArn ...). */
  readonly extraKeys?: readonly string[];
  /**
   * Accept wildcards that leave the account or organization fixed (`arn:aws:iam::111122223333:role/ci-*`,
   * `o-a1b2c3d4e5/r-ab12/ou-*`). S3's own rule accepts none, so only checks of other kinds ask for this.
   */
  readonly scopedWildcards?: boolean;
}

/**
 * Whether one of the statement's conditions (they all must hold) confines it to fixed values of
 * the keys above and `extraKeys`. A deploy-time value (`!Ref AWS::AccountId`, a parameter,
 * `${var.account_id}`) is fixed: the policy holds it literally once deployed
 * (docs/facts.md#deploy-time-values).
 */
export function restrictionOf(statement: Statement, options: RestrictionOptions = {}): Restriction {
  const keys = keysOf(options);
  const scopedWildcards = options.scopedWildcards ?? false;
  const reasons: string[] = [];
  let undecided: Condition | null = null;
  for (const condition of statement.conditions) {
    const reason = whyNotRestricting(condition, keys, scopedWildcards);
    if (reason === null) return { restricted: true, by: condition };
    if (reason === UNDECIDED) undecided ??= condition;
    else reasons.push(reason);
  }
  if (undecided) return { restricted: 'unknown', by: undecided };
  if (reasons.length === 0) reasons.push('it has no condition');
  return { restricted: false, reasons };
}

/**
 * Whether a Deny's condition leaves only requests with fixed values of one of the keys: a negated
 * operator, true also when the key is absent, so the Deny applies to every request outside them
 * (`StringNotEquals aws:PrincipalOrgID o-a1b2c3d4e5`).
 */
export function denyConfines(condition: Condition, options: RestrictionOptions = {}): boolean {
  const parts = parseOperator(condition.operator.value);
  // ForAnyValue is false when the key is absent: such a Deny lets requests without the key through.
  if (!parts.negated || parts.qualifier !== null) return false;
  const positive = parts.base.replace(/^(String|Arn)Not/i, '$1').replace(/^NotIpAddress$/i, 'IpAddress');
  return whyNotRestricting({ ...condition, operator: { ...condition.operator, value: positive } }, keysOf(options), options.scopedWildcards ?? false) === null;
}

function keysOf(options: RestrictionOptions): ReadonlySet<string> {
  if (!options.extraKeys || options.extraKeys.length === 0) return NON_PUBLIC_KEYS;
  return new Set([...NON_PUBLIC_CONDITION_KEYS, ...options.extraKeys].map((k) => k.toLowerCase()));
}

/** The keys above, lowercase: what most questions (bucket policies) accept, made once. */
const NON_PUBLIC_KEYS: ReadonlySet<string> = new Set(NON_PUBLIC_CONDITION_KEYS.map((k) => k.toLowerCase()));

/** A condition that would confine the statement if its unresolved values turn out fixed. */
const UNDECIDED = Symbol('undecided');

function whyNotRestricting(condition: Condition, keys: ReadonlySet<string>, scopedWildcards: boolean): string | typeof UNDECIDED | null {
  const key = condition.key.value;
  const shown = `${condition.operator.value} ${key}`;
  if (!keys.has(key.toLowerCase())) return `${key} is not a key that makes a statement non-public`;
  const parts = parseOperator(condition.operator.value);
  if (parts.negated) return `${shown} is negated, so it matches every other value`;
  if (parts.ifExists) return `${shown} also matches requests without the key`;
  if (parts.qualifier === 'ForAllValues') return `${shown} also matches requests without the key`;
  const unknowns = condition.unknowns ?? [];
  if (condition.values.length === 0 && unknowns.length === 0) return `${shown} has no values`;
  if (key.toLowerCase() === 'aws:sourceip') {
    if (!/^IpAddress$/i.test(parts.base)) return `${shown} is not an IpAddress condition`;
    for (const v of condition.values) {
      const range = parseCidr(v.value);
      if (!range) return `${shown} "${clipped(v.value)}" is not an IP range`;
      const broadest = BROADEST_PREFIX[range.version];
      if (range.prefixLength < broadest) return `${shown} "${clipped(v.value)}" is broader than /${broadest}`;
    }
    // How wide a range given at deploy time is cannot be told.
    return unknowns.length > 0 ? UNDECIDED : null;
  }
  if (!/^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i.test(parts.base)) return `${shown} is not an equality condition`;
  for (const v of condition.values) {
    const notFixed = whyNotFixed(v.value);
    // A wildcard that keeps the account or organization fixed confines where the caller accepts it.
    if (notFixed && !(scopedWildcards && notFixed === 'has a wildcard' && keepsScope(key, v.value))) return `${shown} "${clipped(v.value)}" ${notFixed}`;
  }
  let undecided = false;
  for (const u of unknowns) {
    // Without parts not even the shape is known: it may be `*` once deployed.
    if (!u.parts) undecided = true;
    for (const part of u.parts ?? []) {
      const notFixed = 'text' in part ? whyNotFixed(part.text) : null;
      if (notFixed) return `${shown} "${clipped(u.description)}" ${notFixed}`;
    }
  }
  return undecided ? UNDECIDED : null;
}

/**
 * Why text as IAM will see it is not a fixed value by S3's rule: it holds a policy variable (the
 * escapes `${*}`, `${?}`, `${$}` are predefined policy variables too), or a wildcard.
 */
function whyNotFixed(text: string): string | null {
  if (variablesIn(text).length > 0) return 'has a policy variable';
  return hasWildcard(text) ? 'has a wildcard' : null;
}
