/**
 * presign/unknown-condition-key: a condition key that does not exist, or that none of the
 * statement's actions supports. The request never carries such a key, so the condition never
 * matches (or, for the operators that hold on an absent key, always does). What AWS's own managed
 * policies use is not called a mistake, listed in the data or not (src/policy/iam-data.ts); nor is
 * a key the data lists for its service without saying which actions carry it.
 */
import { remembered } from '../../src/core/remembered.js';
import { serviceActionsMatching } from '../../src/policy/actions.js';
import { closestNames, listForMessage } from '../../src/policy/closest.js';
import { allGlobalConditionKeys, awsUsesUnlistedKey, awsUsesUnlistedPrefix, globalConditionKey, iamService, keyListMatches, keysNamedByActions, servicesForConditionPrefix, type IamAction, type IamService } from '../../src/policy/iam-data.js';
import type { Condition, Statement } from '../../src/policy/model.js';
import { trueWhenKeyAbsent } from '../../src/policy/operators.js';
import { variablesIn } from '../../src/policy/variables.js';
import { defineRule } from '../../src/rule/shape.js';
import { hasWildcard } from '../../src/policy/wildcard.js';
import { IAM_POLICY_KINDS } from '../../src/policy/kinds.js';

export type MessageId = 'unknownKey' | 'unknownContentTypeKey' | 'keyNotSupportedByActions';

/** A key people expect and S3 does not have (docs/facts.md#s3-condition-keys). */
const CONTENT_TYPE_KEY = 's3:x-amz-content-type';

export default defineRule<'document', Record<string, never>, MessageId>({
  name: 'unknown-condition-key',
  subject: 'document',
  kinds: IAM_POLICY_KINDS,
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 4.0,
    docs: {
      description: 'Disallow condition keys that do not exist or that none of the statement\'s actions supports',
      recommended: 'recommended',
    },
    messages: {
      unknownKey: 'Unknown key "{{key}}": the condition {{outcome}}; fix it. It is no condition key{{where}}.{{suggestion}}',
      unknownContentTypeKey:
        '"{{key}}" is no S3 condition key; sign the content type into the PUT or POST instead. A bucket or IAM policy cannot restrict it: sign content-type into a pre-signed PUT, or use a pre-signed POST with ["starts-with", "$Content-Type", "image/"].',
      keyNotSupportedByActions:
        'This condition {{outcome}}: the actions never carry this key; use one they support. Requests for {{actions}} never carry "{{key}}"; keys for {{them}} include {{supported}}.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ document }, context) {
    for (const statement of document.statements) {
      // The statement's actions, looked up when a condition first needs them: a statement may have several conditions.
      let named: NamedActions | null | undefined;
      for (const condition of statement.conditions) {
        const key = condition.key.value;
        const verdict = verdictOf(key);
        if (verdict === SKIP) continue;
        const location = condition.key.position;
        if (verdict === CONTENT_TYPE) {
          context.report({ messageId: 'unknownContentTypeKey', data: { key }, location });
          continue;
        }
        if (verdict !== ASK_ACTIONS) {
          context.report({ messageId: 'unknownKey', data: { key, where: verdict.where, outcome: outcomeOf(condition), suggestion: verdict.suggestion }, location });
          continue;
        }
        if (named === undefined) named = namedActions(statement);
        const missing = named && missingSupport(named, key);
        if (!missing) continue;
        context.report({
          messageId: 'keyNotSupportedByActions',
          data: { key, actions: missing.actions, them: missing.them, outcome: outcomeOf(condition), supported: missing.supported },
          location,
        });
      }
    }
  },
});

/** What the condition does for a request that never carries its key. */
function outcomeOf(condition: Condition): string {
  // Negated operators, ...IfExists, ForAllValues and Null "true" hold when the key is absent.
  return trueWhenKeyAbsent(condition.operator.value, condition.values.map((v) => v.value)) ? 'always holds' : 'never matches';
}

/** A key the rule has nothing to say about, whatever the statement. */
const SKIP = 'skip';
/** `s3:x-amz-content-type`, with its own message. */
const CONTENT_TYPE = 'content-type';
/** A documented key of a service: whether the statement's actions carry it decides. */
const ASK_ACTIONS = 'ask-actions';
/** A key no service documents: the message's parts that depend on the key alone. */
interface UnknownKey {
  readonly where: string;
  readonly suggestion: string;
}
type Verdict = typeof SKIP | typeof CONTENT_TYPE | typeof ASK_ACTIONS | UnknownKey;

/**
 * What the rule makes of a key before looking at the statement's actions: a pure function of the
 * key's text and the read-only data, asked for every condition of every policy, which repeat their
 * keys (a run meets a few hundred distinct ones).
 */
function verdictOf(key: string): Verdict {
  return remembered(verdictByKey, key, judgeKey);
}

const verdictByKey = new Map<string, Verdict>();

function judgeKey(key: string): Verdict {
  if (globalConditionKey(key) || awsUsesUnlistedKey(key)) return SKIP;
  // Written by a template (`${oidc_provider}:sub`, `${self:custom.issuer}:aud`): the key is known once deployed.
  if (variablesIn(key).some((v) => v.kind === 'deploy-time')) return SKIP;
  if (key.toLowerCase() === CONTENT_TYPE_KEY) return CONTENT_TYPE;
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon) : '';
  if (prefix.toLowerCase() === 'aws') return { where: '', suggestion: didYouMean(closestNames(key, allGlobalConditionKeys())) };
  // Federation keys are named after the identity provider (token.actions.githubusercontent.com:sub).
  if (prefix.includes('.')) return SKIP;
  const services = prefix ? servicesForConditionPrefix(prefix) : [];
  if (services.length === 0 && awsUsesUnlistedPrefix(prefix)) return SKIP;
  if (services.length === 0) return { where: prefix ? ` (no service has the prefix "${prefix}")` : '', suggestion: '' };
  if (!services.some((service) => keyListMatches(documentedKeys(service), key))) {
    return { where: ` of ${services[0]!.prefix}`, suggestion: didYouMean(closestNames(key, services.flatMap(documentedKeys))) };
  }
  // A key no action of its service names: the data does not say which requests carry it
  // (AWS's managed policies use such keys: docs/facts.md#what-awss-managed-policies-use-that-the-reference-data-lacks).
  if (!services.some((service) => keyListMatches(keysNamedByActions(service), key))) return SKIP;
  // Keys of the caller's session are in its requests whatever the action (docs/facts.md#session-context-keys).
  if (isSessionContextKey(key)) return SKIP;
  return ASK_ACTIONS;
}

const documentedKeyCache = new WeakMap<IamService, string[]>();

/** The service's keys and every key its actions name, computed once per service. */
function documentedKeys(service: IamService): string[] {
  let keys = documentedKeyCache.get(service);
  if (!keys) {
    keys = [...new Set([...service.conditionKeys, ...keysNamedByActions(service)])];
    documentedKeyCache.set(service, keys);
  }
  return keys;
}

/** The actions one pattern of a statement names, in one service. */
interface Expansion {
  readonly service: IamService;
  readonly actions: ReadonlySet<IamAction>;
}

/** A statement's named actions (null: they cannot be told), and what the message says when they do not carry a key, by key. */
interface NamedActions {
  readonly expansions: readonly Expansion[] | null;
  readonly missing: Map<string, MissingSupport | null>;
}

/** The message's parts that depend on the actions and the key alone. */
interface MissingSupport {
  readonly actions: string;
  readonly them: string;
  readonly supported: string;
}

/**
 * The actions a statement names, expanded from wildcards within a service, pattern by pattern;
 * `expansions` is null when they cannot be told (NotAction, `*`, a wildcard service, or an action the
 * data does not know). By the text of the Action list, a pure function of it and the read-only data:
 * policies repeat their lists (a run meets as many as it meets distinct statements, usually far fewer).
 */
function namedActions(statement: Statement): NamedActions | null {
  if (!statement.actions || statement.actions.negated) return null;
  let text = '';
  // Each value behind its length: no two lists share a text.
  for (const { value } of statement.actions.values) text += `${value.length}:${value}`;
  let named = namedByText.get(text);
  if (!named) namedByText.set(text, (named = { expansions: expandActions(statement.actions.values), missing: new Map() }));
  return named;
}

const namedByText = new Map<string, NamedActions>();

/**
 * Null when no action is known or some action carries the key; else what the message says of them.
 * Asked for every key of a documented service that a statement uses.
 */
function missingSupport(named: NamedActions, key: string): MissingSupport | null {
  return remembered(named.missing, key, (k) => judgeSupport(named.expansions, k));
}

function judgeSupport(expansions: readonly Expansion[] | null, key: string): MissingSupport | null {
  if (!expansions || expansions.length === 0) return null;
  // Some action carries the key when some key of its pattern's actions matches it: asked of each
  // pattern's keys together, not of each action's (a pattern such as ec2:Describe* names hundreds).
  if (expansions.some(({ actions }) => keyListMatches(keysOfActions(actions), key))) return null;
  const actions = expansions.flatMap(({ service, actions }) => [...actions].map((a) => ({ fullName: `${service.prefix}:${a.name}`, conditionKeys: a.conditionKeys })));
  const supported = [...new Set(actions.flatMap((a) => a.conditionKeys))].filter((k) => !k.toLowerCase().startsWith('aws:')).slice(0, 5);
  return {
    actions: actions.length <= 3 ? listForMessage(actions.map((a) => a.fullName)) : `${actions.slice(0, 3).map((a) => a.fullName).join(', ')} and ${actions.length - 3} more actions`,
    them: actions.length === 1 ? 'it' : 'them',
    supported: supported.length ? listForMessage(supported) : 'only global aws: keys',
  };
}

/** The keys a pattern's actions support, together, by the pattern's expansion (`serviceActionsMatching` keeps one set per pattern). */
const keysByActions = new WeakMap<ReadonlySet<IamAction>, readonly string[]>();

function keysOfActions(actions: ReadonlySet<IamAction>): readonly string[] {
  return remembered(keysByActions, actions, () => {
    const keys = new Set<string>();
    for (const action of actions) for (const key of action.conditionKeys) keys.add(key);
    return [...keys];
  });
}

function expandActions(values: readonly { readonly value: string }[]): Expansion[] | null {
  const out: Expansion[] = [];
  for (const { value } of values) {
    const colon = value.indexOf(':');
    if (colon <= 0 || hasWildcard(value.slice(0, colon))) return null;
    const service = iamService(value.slice(0, colon));
    if (!service) return null;
    const actions = serviceActionsMatching(value, service.prefix);
    if (actions.size === 0) return null;
    out.push({ service, actions });
  }
  return out;
}

/**
 * Keys that a session's credentials put in the requests it signs, whatever the service: IAM's
 * cross-service keys (an instance role's `ec2:SourceInstanceArn`, a function's
 * `lambda:SourceFunctionArn` ...) and the SAML assertion's `saml:` keys after AssumeRoleWithSAML.
 */
const SESSION_CONTEXT_KEYS = new Set(['ec2:sourceinstancearn', 'ec2:roledelivery', 'lambda:sourcefunctionarn', 'glue:roleassumedby', 'glue:credentialissuingservice', 'ssm:sourceinstancearn', 'identitystore:userid']);

function isSessionContextKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('saml:') || SESSION_CONTEXT_KEYS.has(lower);
}

function didYouMean(names: string[]): string {
  return names.length === 0 ? '' : ` Did you mean ${listForMessage(names)}?`;
}
