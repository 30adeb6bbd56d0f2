/**
 * What an `Allow` statement really grants of one service, before any rule claims "grants N actions":
 *
 * - the actions its `Action` names, or all but those its `NotAction` names;
 * - each only where its `Resource` (or `NotResource`) can name a resource of the action's types, as
 *   IAM's service reference gives them: `s3:*` on an RDS ARN grants no S3 action, `s3:*` on
 *   `arn:aws:s3:::uploads/*` grants the object actions and not `s3:PutBucketPolicy` (whose resource
 *   is the bucket), `"NotResource": "*"` grants nothing, and an action that takes no resource ARN
 *   is granted only by `"Resource": "*"` (docs/facts.md, "Effective scope of a statement");
 * - only where its conditions may hold: a condition on a key of the service that the action's
 *   requests never carry (`s3:prefix` on `s3:GetObjectVersion`) fails;
 * - less what the same document's unconditional `Deny` statements take away on those resources.
 *   A conditional Deny may not apply, so it takes nothing away here.
 *
 * Unresolved template values (`arn:aws:s3:::${UploadBucket}/*`) may name what their known parts
 * allow: they keep an action granted, and never make a Deny cover it.
 */
import { remembered } from '../core/remembered.js';
import { grantedServiceActions, listNamesServiceActions } from './actions.js';
import { iamService, keyListMatches, keysNamedByActions, type IamAction, type IamService } from './iam-data.js';
import { trueWhenKeyAbsent } from './operators.js';
import type { PolicyDocument, Statement, ValueList } from './model.js';
import { wildcardMatch } from './wildcard.js';

/**
 * The actions of one service that an Allow statement grants on some resource, after the document's
 * unconditional Denies. `resourceTypes` (lowercase names, such as `object`) limits the question to
 * resources of those types: an action that acts on none of them is left out.
 */
export function grantedActions(statement: Statement, document: PolicyDocument, servicePrefix: string, resourceTypes?: readonly string[]): readonly IamAction[] {
  const service = iamService(servicePrefix);
  if (!service || statement.effect.value !== 'Allow' || !statement.actions || !statement.resources) return NONE;
  if (!listNamesServiceActions(statement.actions, service.prefix)) return NONE;
  const denies = certainDenies(document);
  const failing = conditionsFailingWithoutKey(statement, service);
  const reached = reachedTargets(statement.resources, service);
  // The answer depends on the text of these alone: policies repeat their statements, and each is
  // asked by several rules. Before the Denies, the resources matter only by the types they reach,
  // so statements that differ in bucket names share that answer.
  const allowKey = `${service.prefix}\0${resourceTypes?.join(',') ?? '*'}\0${textOf(statement.actions)}\0${reached.key}\0${JSON.stringify(failing)}`;
  let allowed = grantedByText.get(allowKey);
  if (!allowed) grantedByText.set(allowKey, (allowed = allowedActions(statement.actions, reached.targets, failing, service, resourceTypes)));
  if (denies.length === 0 || allowed.length === 0) return allowed;
  const key = `${allowKey}\0${textOf(statement.resources)}\0${denies.map((deny) => `${textOf(deny.actions!)}\0${textOf(deny.resources!)}`).join('\0')}`;
  let granted = grantedByText.get(key);
  if (!granted) {
    granted = withoutDenied(allowed, statement.resources, reached.targets, denies, service, resourceTypes);
    // Denies that take nothing away leave the answer before them, and equal answers are one array:
    // callers that remember what they made of an answer by its identity (signer-wildcard-action) meet it again.
    granted = granted.length === allowed.length ? allowed : oneOfEqual(service, granted);
    grantedByText.set(key, granted);
  }
  return granted;
}

/** One empty answer, so callers that remember answers by identity meet it once. */
const NONE: readonly IamAction[] = Object.freeze([]);

/**
 * `grantedActions`' answers by the text they depend on (see there). The key holds only a
 * statement's own patterns, so it is as bounded as `expansionCache`: one entry per distinct
 * statement (per Deny set) a process meets, however many documents repeat it.
 */
const grantedByText = new Map<string, readonly IamAction[]>();

/**
 * Answers after the Denies, one array per service and list of actions. The key of `grantedByText`
 * holds the statement's resources, so statements on different buckets under like Denies compute
 * equal answers: the bench's 5,000 generated policies computed 388, of 4 different contents. Made
 * once per computed answer, the key costs less than what callers make of each new array.
 */
const answersByContent = new Map<string, readonly IamAction[]>();

function oneOfEqual(service: IamService, answer: readonly IamAction[]): readonly IamAction[] {
  let key = service.prefix;
  for (const action of answer) key += `,${action.name}`;
  return remembered(answersByContent, key, () => answer);
}

/**
 * What `grantedActions` hinges on in a list, as text: negation, values, unresolved parts as written.
 * Made on each question rather than remembered by list: a few joins cost less than a `WeakMap`
 * entry for every list of every policy a run reads.
 */
function textOf(list: ValueList): string {
  // Each value behind its length, so that no two lists share a text; the unresolved parts after a `|`.
  let text = list.negated ? '!' : '=';
  for (const { value } of list.values) text += `${value.length}:${value}`;
  text += '|';
  for (const { description } of list.unknowns ?? []) text += `${description.length}:${description}`;
  return text;
}

interface ReachedTargets {
  /** The service's targets (its resource types' ARN formats, and `ANY`) of which the list leaves some resource. */
  readonly targets: ReadonlySet<Target>;
  /** Which of the service's targets those are, as text, for `grantedActions`' key. */
  readonly key: string;
}

/** Which of the service's resource types a Resource or NotResource list reaches. */
function reachedTargets(resources: ValueList, service: IamService): ReachedTargets {
  const listKey = `${service.prefix}\0${textOf(resources)}`;
  let reached = reachedByText.get(listKey);
  if (!reached) {
    const targets = new Set<Target>();
    let key = '';
    for (const target of serviceTargets(service)) {
      const reaches = listReaches(resources, target);
      if (reaches) targets.add(target);
      key += reaches ? '1' : '0';
    }
    // Lists on different buckets reach the same targets: one answer for them all, so the caches
    // keyed by the set (`reachGroupCache`) meet it again.
    reached = remembered(reachedByTargets, `${service.prefix}\0${key}`, () => ({ targets, key }));
    reachedByText.set(listKey, reached);
  }
  return reached;
}

/** `reachedTargets`' answers, by service and list text: bounded as `grantedByText`. */
const reachedByText = new Map<string, ReachedTargets>();

/** The same answers, one per service and set of targets reached: a service has a few dozen targets, and lists reach few combinations of them. */
const reachedByTargets = new Map<string, ReachedTargets>();

/** Every target an action of the service may have (see `targetsOf`), in one order. */
function serviceTargets(service: IamService): readonly Target[] {
  let targets = targetsByService.get(service);
  if (!targets) {
    const all = new Set<Target>([ANY]);
    for (const action of service.actions.values()) for (const type of action.resourceTypes) all.add(targetOf(service, type));
    targetsByService.set(service, (targets = [...all]));
  }
  return targets;
}

const targetsByService = new WeakMap<IamService, readonly Target[]>();

/** The actions of the service the list grants on the reached targets, where the conditions may hold. */
function allowedActions(actions: ValueList, reached: ReadonlySet<Target>, failing: readonly string[], service: IamService, resourceTypes: readonly string[] | undefined): readonly IamAction[] {
  return grantedServiceActions(actions, service.prefix).filter(
    (action) => failing.every((key) => keyListMatches(action.conditionKeys, key)) && targetsOf(action, service, resourceTypes).some((target) => reached.has(target)),
  );
}

/** What the document's certain Denies leave of the allowed actions on the statement's resources. */
function withoutDenied(allowed: readonly IamAction[], resources: ValueList, reachedTargets: ReadonlySet<Target>, certain: readonly Statement[], service: IamService, resourceTypes: readonly string[] | undefined): IamAction[] {
  // Whether a Deny covers the resources depends on the targets an action reaches, and a service's
  // actions reach few different sets of them (`s3:*`, some 190 actions, a handful of sets): each
  // set is asked once per Deny that names one of its actions.
  const denied = new Set<IamAction>();
  for (const deny of certain) {
    const denyActions = new Set(grantedServiceActions(deny.actions!, service.prefix));
    for (const group of reachGroups(allowed, reachedTargets, service, resourceTypes)) {
      const named = group.actions.filter((action) => denyActions.has(action));
      if (named.length > 0 && denyCovers(deny.resources!, resources, group.reached)) for (const action of named) denied.add(action);
    }
  }
  return allowed.filter((action) => !denied.has(action));
}

/** Allowed actions that reach the same of a statement's reached targets. */
interface ReachGroup {
  readonly reached: readonly Target[];
  readonly actions: readonly IamAction[];
}

/**
 * An answer's actions grouped by the targets each reaches of those a resource list reaches, by the
 * answer (an array `grantedByText` holds, made for one service and one `resourceTypes`) and the
 * reached set (one `reachedByText` holds). Statements on different buckets under different Denies
 * each compute their own answer after the Denies (388 in the bench's generated policies), but share
 * a handful of these: grouping was most of that work, a list and a string made per action each time.
 */
function reachGroups(allowed: readonly IamAction[], reachedTargets: ReadonlySet<Target>, service: IamService, resourceTypes: readonly string[] | undefined): readonly ReachGroup[] {
  const byAnswer = remembered(reachGroupCache, reachedTargets, () => new WeakMap<readonly IamAction[], readonly ReachGroup[]>());
  return remembered(byAnswer, allowed, () => {
    const groups = new Map<string, { reached: Target[]; actions: IamAction[] }>();
    for (const action of allowed) {
      const reached = targetsOf(action, service, resourceTypes).filter((target) => reachedTargets.has(target));
      const key = reached.map(String).join('\n');
      const group = groups.get(key);
      if (group) group.actions.push(action);
      else groups.set(key, { reached, actions: [action] });
    }
    return [...groups.values()];
  });
}

const reachGroupCache = new WeakMap<ReadonlySet<Target>, WeakMap<readonly IamAction[], readonly ReachGroup[]>>();

/**
 * The condition keys on which the statement's conditions may hold only for an action whose requests
 * carry the key: the statement grants an action only if the action supports all of them. A key of
 * the service that the data ties to other actions only is never in this action's requests
 * (`s3:prefix` on `s3:GetObjectVersion`): a condition on it fails, and the statement grants the
 * action nowhere, unless its operator holds on an absent key (`...IfExists`, negated,
 * `ForAllValues`, `Null`). Keys of other services, and keys no action names, are left out.
 */
function conditionsFailingWithoutKey(statement: Statement, service: IamService): readonly string[] {
  if (statement.conditions.length === 0) return NO_KEYS;
  return statement.conditions
    .filter((condition) => {
      const key = condition.key.value;
      if (!key.toLowerCase().startsWith(`${service.prefix}:`)) return false;
      if (!keyListMatches(keysNamedByActions(service), key)) return false;
      return !trueWhenKeyAbsent(condition.operator.value, condition.values.map((v) => v.value));
    })
    .map((condition) => condition.key.value);
}

const NO_KEYS: readonly string[] = Object.freeze([]);

/** `ANY` stands for the resource `*` of an action that takes no resource ARN. */
const ANY = null;
type Target = string | typeof ANY;

function targetsOf(action: IamAction, service: IamService, only: readonly string[] | undefined): readonly Target[] {
  if (action.resourceTypes.length === 0) return only ? [] : [ANY];
  if (only) return action.resourceTypes.filter((t) => only.includes(t)).map((t) => targetOf(service, t));
  let all = actionTargets.get(action);
  if (!all) actionTargets.set(action, (all = action.resourceTypes.map((t) => targetOf(service, t))));
  return all;
}

/** Each action's targets of all its resource types, by the data's action object: asked for every action a statement grants. */
const actionTargets = new WeakMap<IamAction, readonly Target[]>();

/** A resource type's ARN format; a type the data lists without one (none today) may be any resource. */
function targetOf(service: IamService, type: string): Target {
  return service.resourceArns.get(type) ?? '${Unknown}';
}

/** Whether a Resource or NotResource list leaves some resource of the target's type. */
function listReaches(list: ValueList, target: Target): boolean {
  if (list.negated) return !list.values.some((v) => covers(v.value, target));
  const patterns = [...list.values.map((v) => v.value), ...(list.unknowns ?? []).map((u) => u.description.replace(/\$\{[^}]*\}/g, '*'))];
  return patterns.some((pattern) => (target === ANY ? onlyStars(pattern) : overlaps(pattern, target)));
}

/** Each document's certain Denies, found once: a rule asks for every statement of a policy of thousands. */
const denyCache = new WeakMap<PolicyDocument, readonly Statement[]>();

function certainDenies(document: PolicyDocument): readonly Statement[] {
  // A small document is looked through again: cheaper than remembering it (most are a few statements).
  if (document.statements.length <= SMALL_DOCUMENT) return document.statements.some(isCertainDeny) ? document.statements.filter(isCertainDeny) : NO_STATEMENTS;
  let denies = denyCache.get(document);
  if (!denies) {
    denies = document.statements.filter(isCertainDeny);
    denyCache.set(document, denies);
  }
  return denies;
}

/** Statements up to which `certainDenies` is not remembered. */
const SMALL_DOCUMENT = 8;
const NO_STATEMENTS: readonly Statement[] = Object.freeze([]);

/** An unconditional Deny, of actions on resources it lists, for everyone: certain to apply. */
function isCertainDeny(statement: Statement): boolean {
  if (statement.effect.value !== 'Deny' || !statement.actions || !statement.resources || statement.resources.negated || statement.conditions.length > 0) return false;
  const principals = statement.principals;
  return !principals || (!principals.negated && principals.values.some((p) => p.value === '*' && (p.type === '*' || p.type === 'AWS')));
}

/**
 * Whether the Deny's resources cover everything the Allow grants of the action's reached types: a
 * `*` Deny covers all; otherwise each of the Allow's patterns that reach them must lie inside one
 * of the Deny's patterns (a NotResource or unresolved Allow is covered only by `*`).
 */
function denyCovers(denied: ValueList, allowed: ValueList, reached: readonly Target[]): boolean {
  const patterns = denied.values.map((v) => v.value);
  if (patterns.some(onlyStars)) return true;
  if (allowed.negated || (allowed.unknowns ?? []).length > 0) return false;
  const relevant = allowed.values.filter((v) => reached.some((target) => (target === ANY ? onlyStars(v.value) : overlaps(v.value, target))));
  return relevant.every((v) => patterns.some((deny) => contains(deny, v.value)));
}

const onlyStars = (pattern: string) => /^\*+$/.test(pattern);

/**
 * Whether the Deny pattern matches every resource the Allow pattern does. Exact for a pattern
 * without wildcards and for a Deny that is a literal prefix plus `*`; anything else is not counted
 * as covered (the grant is kept).
 */
function contains(deny: string, allow: string): boolean {
  if (deny === allow) return true;
  if (!/[*?]/.test(allow)) return wildcardMatch(deny, allow);
  const star = deny.indexOf('*');
  return star === deny.length - 1 && !deny.includes('?') && allow.startsWith(deny.slice(0, -1));
}

/**
 * Whether a NotResource pattern excludes every resource of the type, part by part: `*`, or an ARN
 * pattern each of whose parts matches whatever the type's part may be (`arn:aws:s3:::*`, then `/*`,
 * excludes every object). The partition may be written out (`arn:aws:s3:*:*:*`): a policy names its own
 * partition, and the data writes it as a placeholder. `arn:aws:s3:::*` excludes buckets and
 * objects, not access points (their ARNs have a region and an account).
 */
function covers(pattern: string, target: Target): boolean {
  if (onlyStars(pattern)) return true;
  if (target === ANY) return wildcardMatch(pattern, '*');
  const p = arnParts(pattern);
  const t = arnParts(target);
  if (!p || !t) return false;
  return p.every((part, i) => (i === 1 && /^aws[\w-]*$/.test(part) && t[1] === '${Partition}') || partCovers(patternChars(part), formatTokens(t[i]!)));
}

/**
 * Whether a pattern part matches every value of a format part: each placeholder must fall inside
 * one of the pattern's stars, whatever it holds (a sufficient test: it never claims an exclusion
 * that does not hold).
 */
function partCovers(p: PatternChars, f: readonly FormatToken[]): boolean {
  // A placeholder is one unit here: its `rest` token is dropped, its `first` stands for all of it.
  const units = f.filter((t) => t.kind !== 'rest');
  const memo = new Map<number, boolean>();
  const width = units.length + 1;
  const match = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    const char = p[i];
    const unit = units[j];
    if (char === undefined) result = !unit;
    else if (char === '*') result = match(i + 1, j) || (unit !== undefined && match(i, j + 1));
    else if (unit?.kind !== 'char') result = false;
    else result = (char === '?' || char === unit.char) && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** The six parts of an ARN (the resource part keeps its colons), or null when it is not one. */
function arnParts(arn: string): string[] | null {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * Placeholders of the data's ARN formats that stand for a name without `/` (S3 bucket and access
 * point naming rules, docs/facts.md "Effective scope of a statement"); the others, such as
 * `${ObjectName}`, may hold anything.
 */
const NO_SLASH = new Set(['BucketName', 'AccessPointName', 'AccessPointAlias']);

/**
 * A pattern's characters, read one by one: `*` is any run of characters, `?` any one, anything
 * else itself. The text itself where it is all single UTF-16 units (every ARN pattern in practice),
 * so reading one makes no objects; its code points where it holds a surrogate pair.
 */
type PatternChars = string | readonly string[];

function patternChars(text: string): PatternChars {
  return /[\uD800-\uDFFF]/.test(text) ? [...text] : text;
}

/**
 * A format's characters are `char`s; its placeholder is `first`, its one required character, then
 * `rest`, any more: no placeholder stands for an empty part.
 */
type FormatToken = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'first' | 'rest'; readonly slash: boolean };

/**
 * Whether a policy pattern and a resource type's ARN format can name one same ARN. Part by part, as
 * IAM matches ARNs; each part by a search over (pattern position, format position) pairs, so a
 * pattern of many wildcards is still linear in the product of the lengths.
 */
function overlaps(pattern: string, format: string): boolean {
  let answers = overlapAnswers.get(format);
  if (!answers) overlapAnswers.set(format, (answers = new Map<string, boolean>()));
  let answer = answers.get(pattern);
  if (answer === undefined) {
    answer = patternOverlaps(pattern, format);
    answers.set(pattern, answer);
  }
  return answer;
}

/**
 * `overlaps`' answers, by the data's ARN format and the policy's pattern: policies repeat their
 * resource patterns, and each is asked about every resource type of every action a statement grants.
 */
const overlapAnswers = new Map<string, Map<string, boolean>>();

function patternOverlaps(pattern: string, format: string): boolean {
  if (onlyStars(pattern)) return true;
  const p = arnParts(pattern);
  const f = arnParts(format);
  if (!p || !f) return partOverlaps(patternChars(pattern), formatTokens(format));
  return p.every((part, i) => partOverlapsText(part, f[i]!));
}

/** One part of a pattern against one part of a format; most parts are plain text on one side or both (`arn`, `s3`, empty regions). */
function partOverlapsText(part: string, format: string): boolean {
  if (part === format) return true;
  const formatIsText = !format.includes('${');
  if (formatIsText && !/[*?]/.test(part)) return false;
  return partOverlaps(patternChars(part), formatTokens(format));
}

/** The tokens of each format part: the data has a few hundred formats, asked about for every pattern a run meets. */
const formatTokenCache = new Map<string, readonly FormatToken[]>();

function formatTokens(text: string): readonly FormatToken[] {
  let tokens = formatTokenCache.get(text);
  if (!tokens) formatTokenCache.set(text, (tokens = tokenizeFormat(text)));
  return tokens;
}

function tokenizeFormat(text: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  for (const piece of text.split(/(\$\{[^}]*\})/)) {
    if (piece.startsWith('${')) {
      const slash = !NO_SLASH.has(piece.slice(2, -1));
      tokens.push({ kind: 'first', slash }, { kind: 'rest', slash });
    }
    else for (const char of piece) tokens.push({ kind: 'char', char });
  }
  return tokens;
}

function partOverlaps(p: PatternChars, f: readonly FormatToken[]): boolean {
  // A state is a pair (pattern position i, format position j), held as the one number i * width + j.
  const width = f.length + 1;
  const seen = new Set<number>();
  const stack = [0];
  while (stack.length > 0) {
    const state = stack.pop()!;
    if (seen.has(state)) continue;
    seen.add(state);
    const i = Math.floor(state / width);
    const j = state - i * width;
    if (i === p.length && j === f.length) return true;
    const char = p[i];
    const ft = f[j];
    const star = char === '*';
    // A star, or the rest of a placeholder, may also stand for nothing.
    if (star) stack.push(state + width);
    if (ft?.kind === 'rest') stack.push(state + 1);
    // Both reading one more character while neither moves on would go round in a circle.
    if (char === undefined || !ft || (star && ft.kind === 'rest') || !oneCharFits(char, ft)) continue;
    stack.push((star ? i : i + 1) * width + (ft.kind === 'rest' ? j : j + 1));
  }
  return false;
}

function oneCharFits(char: string, ft: FormatToken): boolean {
  if (char === '*' || char === '?') return true;
  if (ft.kind === 'char') return char === ft.char;
  return ft.slash || char !== '/';
}
