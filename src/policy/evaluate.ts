/**
 * Whether AWS would allow one request, from the identity policies of its principal, a resource
 * (bucket) policy and a KMS key policy, with IAM's evaluation logic: an explicit Deny wins, then an
 * Allow, else the request is implicitly denied. What the policies cannot decide without a value the
 * request context does not give is answered "depends on <key>", never guessed: every step below is
 * three-valued (true, false, or unknown with the keys it waits for).
 *
 * Not modelled (docs/evaluation.md): service control and resource control policies, permission
 * boundaries, session policies, ACLs and Object Ownership, access points, VPC endpoint policies.
 */
import { actionPatternMatches } from './actions.js';
import { parseCidr, rangeWithin } from './ip.js';
import type { Condition, PolicyDocument, Principal, PrincipalList, Statement, UnknownValue, ValueList } from './model.js';
import { parseOperator, trueWhenKeyAbsent } from './operators.js';
import { variablesIn } from './variables.js';
import { wildcardMatch } from './wildcard.js';

/**
 * A request context value: a string, a list for multivalued keys (`aws:TagKeys`), `null` when the
 * request does not carry the key, and `undefined` (or no entry at all) when it is not known whether
 * or with what value it does. Keys compare case-insensitively.
 */
export type ContextValue = string | readonly string[] | null | undefined;

export interface EvaluationRequest {
  /** `s3:GetObject`; case-insensitive. */
  readonly action: string;
  /** The ARN the action is on: `arn:aws:s3:::bucket/key`, a KMS key ARN. */
  readonly resource: string;
  /**
   * The IAM role or user making the request (a role's sessions may be given as
   * `arn:aws:sts::<account>:assumed-role/<name>/<session>`), or null for an anonymous request. An
   * ARN or account not known (a plain policy file names neither) is null: what depends on it then
   * depends on `aws:PrincipalArn` or `aws:PrincipalAccount`.
   */
  readonly principal: { readonly arn: string | null; readonly account: string | null } | null;
  /**
   * Condition keys. `aws:PrincipalArn` and `aws:PrincipalAccount` default to the principal's (absent
   * when anonymous); `aws:ResourceAccount` defaults to the resource ARN's account when it has one.
   */
  readonly context: Readonly<Record<string, ContextValue>>;
}

export interface PolicySet {
  /** The principal's identity policies (inline and attached). */
  readonly identity: readonly PolicyDocument[];
  /** The bucket's (or other resource's) policy; null or absent: the resource has none. */
  readonly resource?: PolicyDocument | null;
  /**
   * The KMS key policy, used for `kms:` actions in its place. Every key has one, so absent or null
   * means "not read": a `kms:` request then depends on {@link KEY_POLICY_UNKNOWN}.
   */
  readonly kmsKey?: PolicyDocument | null;
  /**
   * Whether the principal and the resource belong to the same account. When absent it is derived
   * from `aws:ResourceAccount` (context, else the resource ARN); S3 ARNs carry no account, so without
   * either the answer may depend on `aws:ResourceAccount`.
   */
  readonly sameAccount?: boolean;
}

/** Three-valued: `dependsOn` lists the condition keys (or unresolved template values) that would decide. */
export type Truth = boolean | { readonly dependsOn: readonly string[] };

export type Decision = 'allow' | 'deny' | 'implicit-deny' | 'depends';

export interface DecidingStatement {
  readonly source: 'identity' | 'resource' | 'kms-key';
  readonly document: PolicyDocument;
  readonly statement: Statement;
  /** True, or the keys its applying waits for. */
  readonly applies: Truth;
}

export interface EvaluationResult {
  readonly decision: Decision;
  /** For `depends`: what would decide, condition keys as the policies spell them. Empty otherwise. */
  readonly on: readonly string[];
  /**
   * `deny`: the Deny statements that apply. `allow`: the Allow statements that apply.
   * `depends`: every statement that applies or may apply. `implicit-deny`: none.
   */
  readonly statements: readonly DecidingStatement[];
  /** Whether some Deny applies; may depend even when the decision is `implicit-deny` (nothing allows either way). */
  readonly explicitDeny: Truth;
  /** Whether the Allows add up to access (identity and resource policy as the account relation needs). */
  readonly allowed: Truth;
}

/** What a `kms:` request depends on when the key policy was not read. */
export const KEY_POLICY_UNKNOWN = 'the KMS key policy';

/** Internal three-valued value: a Set holds the keys an unknown waits for. */
type Tri = boolean | ReadonlySet<string>;

const unknown = (...keys: string[]): Tri => new Set(keys);

function and(...values: Tri[]): Tri {
  const keys = new Set<string>();
  for (const value of values) {
    if (value === false) return false;
    if (value !== true) for (const k of value) keys.add(k);
  }
  return keys.size === 0 ? true : keys;
}

function or(...values: Tri[]): Tri {
  const keys = new Set<string>();
  for (const value of values) {
    if (value === true) return true;
    if (value !== false) for (const k of value) keys.add(k);
  }
  return keys.size === 0 ? false : keys;
}

const not = (value: Tri): Tri => (typeof value === 'boolean' ? !value : value);

/** `cond ? ifTrue : ifFalse`, which is known when both branches agree even if `cond` is not. */
function choose(cond: Tri, ifTrue: Tri, ifFalse: Tri): Tri {
  if (cond === true) return ifTrue;
  if (cond === false) return ifFalse;
  if (ifTrue === ifFalse && typeof ifTrue === 'boolean') return ifTrue;
  return or(and(cond, ifTrue), and(cond, ifFalse));
}

function toTruth(value: Tri): Truth {
  return typeof value === 'boolean' ? value : { dependsOn: dedupe(value) };
}

/** Keys once each, case-insensitively, in the order met. */
function dedupe(keys: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const key of keys) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  return [...seen.values()];
}

interface Evaluated {
  readonly source: DecidingStatement['source'];
  readonly document: PolicyDocument;
  readonly statement: Statement;
  readonly applies: Tri;
  /** For resource policies: applies through naming the principal, or through naming its account. */
  readonly direct: Tri;
  readonly viaAccount: Tri;
}

export function evaluateRequest(request: EvaluationRequest, policies: PolicySet): EvaluationResult {
  const context = new RequestContext(request);
  const kms = request.action.toLowerCase().startsWith('kms:');
  const resourceSource = kms ? 'kms-key' : 'resource';
  const resourceDocument = kms ? policies.kmsKey : policies.resource;
  const evaluated: Evaluated[] = [];

  // Identity policies belong to a principal: an anonymous request has none.
  if (request.principal) {
    for (const document of policies.identity) {
      for (const statement of document.statements) {
        const applies = statementBase(statement, document, request, context);
        evaluated.push({ source: 'identity', document, statement, applies, direct: applies, viaAccount: false });
      }
    }
  }
  if (resourceDocument) {
    const ownAccount = sameAccount(request, policies, context);
    for (const statement of resourceDocument.statements) {
      const base = statementBase(statement, resourceDocument, request, context);
      const principal = principalMatch(statement.principals, request.principal, ownAccount);
      const direct = and(base, principal.direct);
      const viaAccount = and(base, principal.viaAccount);
      evaluated.push({ source: resourceSource, document: resourceDocument, statement, applies: or(direct, viaAccount), direct, viaAccount });
    }
  }

  const effect = (e: 'Allow' | 'Deny') => evaluated.filter((s) => s.statement.effect.value === e);
  const keyPolicyUnknown = kms && !resourceDocument;
  // A Deny naming an account applies to every principal of it.
  const explicitDeny = or(...effect('Deny').map((s) => s.applies), keyPolicyUnknown ? unknown(KEY_POLICY_UNKNOWN) : false);

  const allows = effect('Allow');
  const identityAllows = or(...allows.filter((s) => s.source === 'identity').map((s) => s.applies));
  const resourceAllows = allows.filter((s) => s.source !== 'identity');
  const direct = keyPolicyUnknown ? unknown(KEY_POLICY_UNKNOWN) : or(...resourceAllows.map((s) => s.direct));
  const viaAccount = keyPolicyUnknown ? unknown(KEY_POLICY_UNKNOWN) : or(...resourceAllows.map((s) => s.viaAccount));

  let allowed: Tri;
  if (!request.principal) {
    allowed = direct;
  } else {
    // Across accounts both sides must allow (naming the account in the resource policy delegates to
    // the identity policies). Within one account, S3 needs either; KMS needs the key policy, which
    // may delegate to IAM through the account.
    const sameAccountAllows = kms ? or(direct, and(viaAccount, identityAllows)) : or(identityAllows, direct);
    const crossAccountAllows = and(identityAllows, or(direct, viaAccount));
    allowed = choose(sameAccount(request, policies, context), sameAccountAllows, crossAccountAllows);
  }

  let decision: Decision;
  if (explicitDeny === true) decision = 'deny';
  else if (allowed === false) decision = 'implicit-deny';
  else if (explicitDeny === false && allowed === true) decision = 'allow';
  else decision = 'depends';

  const on = decision === 'depends' ? dedupe([...(typeof explicitDeny === 'boolean' ? [] : explicitDeny), ...(typeof allowed === 'boolean' ? [] : allowed)]) : [];
  const deciding = evaluated.filter((s) => {
    if (s.applies === false) return false;
    if (decision === 'deny') return s.statement.effect.value === 'Deny' && s.applies === true;
    if (decision === 'allow') return s.statement.effect.value === 'Allow';
    return decision === 'depends';
  });
  return {
    decision,
    on,
    statements: deciding.map(({ source, document, statement, applies }) => ({ source, document, statement, applies: toTruth(applies) })),
    explicitDeny: toTruth(explicitDeny),
    allowed: toTruth(allowed),
  };
}

function sameAccount(request: EvaluationRequest, policies: PolicySet, context: RequestContext): Tri {
  if (policies.sameAccount !== undefined) return policies.sameAccount;
  const account = context.get('aws:ResourceAccount');
  const own = request.principal?.account ?? null;
  if (account === undefined || own === null) return unknown(...(account === undefined ? ['aws:ResourceAccount'] : []), ...(own === null ? ['aws:PrincipalAccount'] : []));
  return typeof account === 'string' && account === own;
}

/** The request's context with case-insensitive keys and the defaults the request implies. */
class RequestContext {
  private readonly values = new Map<string, ContextValue>();

  constructor(request: EvaluationRequest) {
    const principal = request.principal;
    // Anonymous requests carry no principal keys; a principal's unknown ARN or account stays unknown.
    if (principal?.arn !== null) this.values.set('aws:principalarn', principal ? principal.arn : null);
    if (principal?.account !== null) this.values.set('aws:principalaccount', principal ? principal.account : null);
    const resourceAccount = splitArn(request.resource)?.[4];
    if (resourceAccount) this.values.set('aws:resourceaccount', resourceAccount);
    for (const [key, value] of Object.entries(request.context)) this.values.set(key.toLowerCase(), value);
  }

  get(key: string): ContextValue {
    return this.values.get(key.toLowerCase());
  }
}

/** Action, resource and conditions; the principal is matched separately for resource policies. */
function statementBase(statement: Statement, document: PolicyDocument, request: EvaluationRequest, context: RequestContext): Tri {
  // IAM rejects a statement without Action or Resource; one read from a file applies to nothing.
  if (!statement.actions || !statement.resources) return false;
  const variables = document.version?.value === '2012-10-17';
  const action = listMatches(statement.actions, (pattern) => actionPatternMatches(pattern, request.action));
  if (action === false) return false;
  const resource = listMatches(statement.resources, (pattern) => patternMatches(pattern, request.resource, 'arn', variables, context));
  if (resource === false) return false;
  return and(action, resource, ...statement.conditions.map((c) => conditionHolds(c, variables, context)));
}

/** A list names the value when one entry matches; an unresolved entry may; `Not...` inverts. */
function listMatches(list: ValueList, matches: (pattern: string) => Tri): Tri {
  const named = or(...list.values.map((v) => matches(v.value)), ...unresolved(list.unknowns));
  return list.negated ? not(named) : named;
}

const unresolved = (unknowns: readonly UnknownValue[] | undefined): Tri[] => (unknowns ?? []).map((u) => unknown(u.description));

interface PrincipalMatch {
  /** The statement names the principal itself (or everyone). */
  readonly direct: Tri;
  /** The statement names the principal's account, delegating to its identity policies. */
  readonly viaAccount: Tri;
}

/** `ownAccount`: whether the principal is of the resource's account (its template's `AWS::AccountId`). */
function principalMatch(list: PrincipalList | null, principal: EvaluationRequest['principal'], ownAccount: Tri): PrincipalMatch {
  // IAM requires a Principal in a resource policy: a statement read without one applies to no one.
  if (!list) return { direct: false, viaAccount: false };
  const accounts = (list.unknowns ?? []).map((u) => unresolvedAccount(u, ownAccount));
  const entries = [...list.values.map((p) => principalEntryMatch(p, principal)), ...accounts.filter((a) => a !== null)];
  const maybe = unresolved(list.unknowns?.filter((_, i) => accounts[i] === null));
  if (list.negated) {
    // NotPrincipal: everyone but the principals named by ARN (an account ARN excludes its root user only).
    const root = principal === null ? false : principal.arn === null ? unknown('aws:PrincipalArn') : isAccountRoot(principal.arn);
    const excluded = or(...entries.map((e) => or(e.direct, and(e.viaAccount, root))), ...maybe);
    return { direct: not(excluded), viaAccount: false };
  }
  return { direct: or(...entries.map((e) => e.direct), ...maybe), viaAccount: or(...entries.map((e) => e.viaAccount), ...maybe) };
}

function principalEntryMatch(entry: Principal, principal: EvaluationRequest['principal']): PrincipalMatch {
  const no = { direct: false, viaAccount: false };
  if (entry.value === '*' && (entry.type === '*' || entry.type === 'AWS')) return { direct: true, viaAccount: false };
  if (entry.type !== 'AWS' || !principal) return no;
  const account = /^\d{12}$/.test(entry.value) ? entry.value : /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(entry.value)?.[1];
  if (account !== undefined) return { direct: false, viaAccount: principal.account === null ? unknown('aws:PrincipalAccount') : account === principal.account };
  return { direct: principal.arn === null ? unknown('aws:PrincipalArn') : sameIdentity(entry.value, principal.arn), viaAccount: false };
}

const isAccountRoot = (arn: string) => /^arn:aws[\w-]*:iam::\d{12}:root$/.test(arn);

/**
 * An unresolved template principal that is an account (`!Sub arn:aws:iam::${AWS::AccountId}:root`):
 * a deploy-time value, but an account all the same, never the principal itself. The stack's own
 * `AWS::AccountId` is the resource's account (docs/facts.md#cloudformation-pseudo-parameters); any
 * other account is unknown. Null for an unresolved value that may name anything.
 */
function unresolvedAccount(value: UnknownValue, ownAccount: Tri): PrincipalMatch | null {
  const account = value.description === '${AWS::AccountId}' ? value.description : /^arn:aws[\w-]*:iam::([^/]+):root$/.exec(value.description)?.[1];
  if (account === undefined) return null;
  return { direct: false, viaAccount: account === '${AWS::AccountId}' ? ownAccount : unknown(value.description) };
}

/** A policy's role ARN names the role's sessions too (their ARNs drop the role's path). */
function sameIdentity(policyArn: string, requestArn: string): boolean {
  if (policyArn === requestArn) return true;
  const session = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(requestArn);
  const role = /^arn:(aws[\w-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(policyArn);
  return Boolean(session && role && session[1] === role[1] && session[2] === role[2] && session[3] === role[3]);
}

/** Negated operators by the positive one they invert (lowercase). */
const POSITIVE_OF: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  numericnotequals: 'numericequals',
  datenotequals: 'dateequals',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
  notipaddress: 'ipaddress',
};

type Comparison = (policyValue: string, requestValue: string, variables: boolean, context: RequestContext) => Tri;

const numberOrder = (compare: (a: number, b: number) => boolean) => (policy: number, request: number) => compare(request, policy);
const ORDERS = {
  equals: numberOrder((r, p) => r === p),
  lessthan: numberOrder((r, p) => r < p),
  lessthanequals: numberOrder((r, p) => r <= p),
  greaterthan: numberOrder((r, p) => r > p),
  greaterthanequals: numberOrder((r, p) => r >= p),
};

const COMPARISONS = new Map<string, Comparison>([
  ['stringequals', (p, r, vars, ctx) => patternMatches(p, r, 'exact', vars, ctx)],
  ['stringequalsignorecase', (p, r, vars, ctx) => patternMatches(p, r, 'exact-ignore-case', vars, ctx)],
  ['stringlike', (p, r, vars, ctx) => patternMatches(p, r, 'wildcard', vars, ctx)],
  ['arnequals', (p, r, vars, ctx) => patternMatches(p, r, 'arn', vars, ctx)],
  ['arnlike', (p, r, vars, ctx) => patternMatches(p, r, 'arn', vars, ctx)],
  ['bool', (p, r) => isBool(p) && p.toLowerCase() === r.toLowerCase()],
  ['binaryequals', (p, r) => p === r],
  [
    'ipaddress',
    (p, r) => {
      const range = parseCidr(p);
      const address = parseCidr(r);
      return range !== null && address !== null && rangeWithin(address, range);
    },
  ],
  ...Object.entries(ORDERS).flatMap(([name, order]): [string, Comparison][] => [
    [`numeric${name}`, (p, r) => compareParsed(parseNumber, order, p, r)],
    [`date${name}`, (p, r) => compareParsed(parseDate, order, p, r)],
  ]),
]);

const isBool = (text: string) => /^(true|false)$/i.test(text);

function compareParsed(parse: (text: string) => number, order: (policy: number, request: number) => boolean, policyValue: string, requestValue: string): boolean {
  const policy = parse(policyValue);
  const request = parse(requestValue);
  return !Number.isNaN(policy) && !Number.isNaN(request) && order(policy, request);
}

const parseNumber = (text: string) => (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text.trim()) ? Number(text) : NaN);

/** ISO 8601 dates, or epoch seconds as IAM accepts them. */
const parseDate = (text: string) => (/^-?\d+$/.test(text.trim()) ? Number(text) * 1000 : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN);

function conditionHolds(condition: Condition, variables: boolean, context: RequestContext): Tri {
  const operator = condition.operator.value;
  const parts = parseOperator(operator);
  const base = parts.base.toLowerCase();
  const key = condition.key.value;
  const policyValues = condition.values.map((v) => v.value);
  const requestValue = context.get(key);
  if (requestValue === undefined) return unknown(key);
  const present = typeof requestValue === 'string' ? [requestValue] : (requestValue ?? []);
  // Only Null's outcome for an absent key depends on its values (true or false).
  const maybe = base === 'null' || present.length > 0 ? unresolved(condition.unknowns) : [];
  if (present.length === 0) return or(trueWhenKeyAbsent(operator, policyValues), ...maybe);
  if (base === 'null') return or(policyValues.some((v) => v.toLowerCase() === 'false'), ...maybe);
  const compare = COMPARISONS.get(POSITIVE_OF[base] ?? base);
  // IAM refuses a policy with an operator it does not know; one read from a file decides nothing.
  if (!compare) return unknown(`${key} (${operator} is not an IAM condition operator)`);
  const matchesOne = (value: string) => or(...policyValues.map((p) => compare(p, value, variables, context)), ...maybe);
  const holdsFor = (value: string) => (parts.negated ? not(matchesOne(value)) : matchesOne(value));
  if (parts.qualifier === 'ForAllValues') return and(...present.map(holdsFor));
  if (parts.qualifier === 'ForAnyValue') return or(...present.map(holdsFor));
  const anyMatches = or(...present.map(matchesOne));
  return parts.negated ? not(anyMatches) : anyMatches;
}

type MatchMode = 'exact' | 'exact-ignore-case' | 'wildcard' | 'arn';

/**
 * Matches a policy value against a request value after substituting policy variables
 * (`${aws:username}`, `${s3:prefix, 'default'}`), whose values are literal text, as are the
 * escapes `${*}`, `${?}` and `${$}`. A variable whose key is unknown leaves the match unknown; one
 * whose key the request lacks (and without a default) matches nothing.
 */
function patternMatches(pattern: string, text: string, mode: MatchMode, variables: boolean, context: RequestContext): Tri {
  const pieces = variables && pattern.includes('${') ? substitute(pattern, context) : [{ text: pattern, literal: false }];
  if (!Array.isArray(pieces)) return pieces;
  if (mode === 'exact' || mode === 'exact-ignore-case') {
    const joined = pieces.map((p) => p.text).join('');
    return mode === 'exact' ? joined === text : joined.toLowerCase() === text.toLowerCase();
  }
  const [mappedPattern, mappedText] = protectLiterals(pieces, text);
  return mode === 'wildcard' ? wildcardMatch(mappedPattern, mappedText) : arnMatches(mappedPattern, mappedText);
}

interface Piece {
  readonly text: string;
  /** Text whose `*` and `?` are characters, not wildcards. */
  readonly literal: boolean;
}

function substitute(pattern: string, context: RequestContext): Piece[] | Tri {
  const pieces: Piece[] = [];
  const waiting: string[] = [];
  let absent = false;
  let last = 0;
  for (const variable of variablesIn(pattern)) {
    pieces.push({ text: pattern.slice(last, variable.start), literal: false });
    last = variable.end;
    const body = variable.body.trim();
    if (variable.kind === 'escape') {
      pieces.push({ text: body, literal: true });
      continue;
    }
    // Only policy variables reach here: the readers make a value holding a deploy-time variable an
    // unknown value (src/policy/normalise.ts).
    const withDefault = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(body);
    const key = withDefault ? withDefault[1]! : body;
    const value = context.get(key);
    if (value === undefined) waiting.push(key);
    else if (typeof value === 'string') pieces.push({ text: value, literal: true });
    // Absent, or multivalued (IAM substitutes single values only): the default, else no value to match.
    else if (withDefault) pieces.push({ text: withDefault[2]!, literal: true });
    else absent = true;
  }
  pieces.push({ text: pattern.slice(last), literal: false });
  if (absent) return false;
  if (waiting.length > 0) return unknown(...waiting);
  return pieces;
}

/**
 * Joins the pieces into one wildcard pattern in which literal `*` and `?` are replaced by two
 * characters found in neither the pattern nor the text, and the text's `*` and `?` likewise, so
 * the wildcard matcher sees them as ordinary characters.
 */
function protectLiterals(pieces: readonly Piece[], text: string): [string, string] {
  const needs = pieces.some((p) => p.literal && /[*?]/.test(p.text));
  const joined = pieces.map((p) => p.text).join('');
  if (!needs) return [joined, text];
  const used = joined + text;
  const free: string[] = [];
  for (let code = 0xe000; free.length < 2; code++) if (!used.includes(String.fromCharCode(code))) free.push(String.fromCharCode(code));
  const protect = (s: string) => s.replaceAll('*', free[0]!).replaceAll('?', free[1]!);
  return [pieces.map((p) => (p.literal ? protect(p.text) : p.text)).join(''), protect(text)];
}

/** The six colon-separated parts of an ARN (the last may hold colons), or null. */
function splitArn(arn: string): string[] | null {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', from);
    if (colon < 0) return null;
    parts.push(arn.slice(from, colon));
    from = colon + 1;
  }
  parts.push(arn.slice(from));
  return parts[0] === 'arn' ? parts : null;
}

/**
 * IAM matches an ARN pattern part by part ("each of the six colon-delimited components is checked
 * separately"), so `*` never spans a colon before the resource part. Other patterns (`*`) match whole.
 */
function arnMatches(pattern: string, arn: string): boolean {
  const patternParts = splitArn(pattern);
  const arnParts = splitArn(arn);
  if (!patternParts || !arnParts) return wildcardMatch(pattern, arn);
  return patternParts.every((part, i) => wildcardMatch(part, arnParts[i]!));
}
