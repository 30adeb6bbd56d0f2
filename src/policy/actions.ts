/** What `Action` / `NotAction` patterns grant, expanded against the IAM data. */
import { iamService, type IamAction, type IamService } from './iam-data.js';
import type { ValueList } from './model.js';
import { compileWildcard, hasWildcard, wildcardMatch } from './wildcard.js';

/** Whether an action pattern (`s3:Put*`, `*`, `S3:getobject`) matches a full action name. Case-insensitive. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return wildcardMatch(pattern, action, { caseInsensitive: true });
}

/**
 * Whether a pattern can name an action of the service at all: its service part (before the first
 * `:`) is the prefix, or holds a wildcard. Most patterns of a policy name other services, and this
 * spares looking them up for each service a check asks about.
 */
function mayNameService(pattern: string, prefix: string): boolean {
  const colon = pattern.indexOf(':');
  // A service part of another length is another service (lowercasing keeps an ASCII prefix's
  // length), so most patterns are answered without copying their service part.
  if (colon === prefix.length && pattern.slice(0, colon).toLowerCase() === prefix) return true;
  const end = colon < 0 ? pattern.length : colon;
  const star = pattern.indexOf('*');
  const question = pattern.indexOf('?');
  return (star >= 0 && star < end) || (question >= 0 && question < end);
}

/** Expansions of one pattern within one service, by `service\0pattern` (lowercase): policies repeat patterns. */
const expansionCache = new Map<string, ReadonlySet<IamAction>>();

/** The actions of one service that a single pattern names, in the service's order. */
export function serviceActionsMatching(pattern: string, servicePrefix: string): ReadonlySet<IamAction> {
  const cacheKey = `${servicePrefix.toLowerCase()}\0${pattern.toLowerCase()}`;
  let matched = expansionCache.get(cacheKey);
  if (!matched) {
    const service = iamService(servicePrefix);
    const found = new Set<IamAction>();
    if (service && mayNameService(pattern, service.prefix)) {
      const lower = pattern.toLowerCase();
      const colon = lower.indexOf(':');
      // A service part without a wildcard is the prefix itself: only the action part is matched,
      // against each prebuilt lowercase name (ec2 has some 700 actions).
      const wildcardService = hasWildcard(colon < 0 ? lower : lower.slice(0, colon));
      const matches = compileWildcard(wildcardService ? lower : lower.slice(colon + 1));
      // Only the matching actions' objects are made (the table makes each when first asked for).
      for (const name of service.actions.keys()) {
        if (matches(wildcardService ? `${service.prefix}:${name}` : name)) found.add(service.actions.get(name)!);
      }
    }
    matched = found;
    expansionCache.set(cacheKey, matched);
  }
  return matched;
}

/**
 * Whether an action pattern names at least one action of the service, given its action part (`Describe*`
 * of `ec2:Describe*`): `serviceActionsMatching(pattern, service.prefix).size > 0` without building the
 * set. unknown-action asks it of every distinct pattern of a run (1,070 in AWS's managed policies), and
 * most are one trailing `*`: a prefix, which a name starts with.
 */
export function namesSomeServiceAction(actionPart: string, service: IamService): boolean {
  const lower = actionPart.toLowerCase();
  if (lower.indexOf('*') !== lower.length - 1 || lower.includes('?')) return service.actions.keys().some(compileWildcard(lower));
  const prefix = lower.slice(0, -1);
  return service.actions.keys().some((name) => name.startsWith(prefix));
}

/** The actions of one service that a pattern list grants (`NotAction`: those it does not name), in the service's order. */
export function grantedServiceActions(list: ValueList, servicePrefix: string): IamAction[] {
  const service = iamService(servicePrefix);
  if (!service) return [];
  const named: ReadonlySet<IamAction>[] = [];
  for (const { value } of list.values) {
    if (!mayNameService(value, service.prefix)) continue;
    const matched = serviceActionsMatching(value, service.prefix);
    if (matched.size > 0) named.push(matched);
  }
  if (!list.negated) {
    // Most lists name none of the service's actions or one pattern of them: no pass over all its actions
    // (an expansion keeps the service's order, as the pass would).
    if (named.length === 0) return [];
    if (named.length === 1) return [...named[0]!];
  }
  return service.actions.values().filter((action) => named.some((set) => set.has(action)) !== list.negated);
}

/**
 * Whether the list may grant some action of the service: a `NotAction`, or a pattern that names one.
 * Most statements of a policy folder name other services only; this spares them every other question.
 */
export function listNamesServiceActions(list: ValueList, servicePrefix: string): boolean {
  if (list.negated) return true;
  const service = iamService(servicePrefix);
  if (service === null) return false;
  for (const { value } of list.values) if (mayNameService(value, service.prefix) && serviceActionsMatching(value, service.prefix).size > 0) return true;
  return false;
}

/** Whether the list grants one action (`s3:PutObject`). */
export function listGrantsAction(list: ValueList, action: string): boolean {
  return list.values.some((v) => actionPatternMatches(v.value, action)) !== list.negated;
}
