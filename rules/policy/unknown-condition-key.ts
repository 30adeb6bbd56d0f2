/**
 * presign/unknown-condition-key: a condition key that does not exist, or that none of the
 * statement's actions supports. The request never carries such a key, so the condition never
 * matches (or, for the operators that hold on an absent key, always does). What AWS's own managed
 * policies use is not called a mistake, listed in the data or not (src/policy/iam-data.ts); nor is
 * a key the data lists for its service without saying which actions carry it.
 */
import { serviceActionsMatching } from '../../src/policy/actions.js';
import { closestNames, listForMessage } from '../../src/policy/closest.js';
import { allGlobalConditionKeys, awsUsesUnlistedKey, awsUsesUnlistedPrefix, globalConditionKey, iamService, keyListMatches, keysNamedByActions, servicesForConditionPrefix, type IamService } from '../../src/policy/iam-data.js';
import type { Statement } from '../../src/policy/model.js';
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
      // Expanded once per statement, when a condition first needs it: a statement may have several conditions.
      let named: ReturnType<typeof namedActions> | undefined;
      for (const condition of statement.conditions) {
        const key = condition.key.value;
        const location = condition.key.position;
        if (globalConditionKey(key) || awsUsesUnlistedKey(key)) continue;
        // Written by a template (`${oidc_provider}:sub`, `${self:custom.issuer}:aud`): the key is known once deployed.
        if (variablesIn(key).some((v) => v.kind === 'deploy-time')) continue;
        // Negated operators, ...IfExists, ForAllValues and Null "true" hold when the key is absent.
        const outcome = trueWhenKeyAbsent(condition.operator.value, condition.values.map((v) => v.value)) ? 'always holds' : 'never matches';
        if (key.toLowerCase() === CONTENT_TYPE_KEY) {
          context.report({ messageId: 'unknownContentTypeKey', data: { key }, location });
          continue;
        }
        const colon = key.indexOf(':');
        const prefix = colon > 0 ? key.slice(0, colon) : '';
        if (prefix.toLowerCase() === 'aws') {
          context.report({ messageId: 'unknownKey', data: { key, where: '', outcome, suggestion: didYouMean(closestNames(key, allGlobalConditionKeys())) }, location });
          continue;
        }
        // Federation keys are named after the identity provider (token.actions.githubusercontent.com:sub).
        if (prefix.includes('.')) continue;
        const services = prefix ? servicesForConditionPrefix(prefix) : [];
        if (services.length === 0 && awsUsesUnlistedPrefix(prefix)) continue;
        if (services.length === 0) {
          context.report({ messageId: 'unknownKey', data: { key, where: prefix ? ` (no service has the prefix "${prefix}")` : '', outcome, suggestion: '' }, location });
          continue;
        }
        if (!services.some((service) => keyListMatches(documentedKeys(service), key))) {
          const suggestion = didYouMean(closestNames(key, services.flatMap(documentedKeys)));
          context.report({ messageId: 'unknownKey', data: { key, where: ` of ${services[0]!.prefix}`, outcome, suggestion }, location });
          continue;
        }
        // A key no action of its service names: the data does not say which requests carry it
        // (AWS's managed policies use such keys: docs/facts.md#what-awss-managed-policies-use-that-the-reference-data-lacks).
        if (!services.some((service) => keyListMatches(keysNamedByActions(service), key))) continue;
        // Keys of the caller's session are in its requests whatever the action (docs/facts.md#session-context-keys).
        if (isSessionContextKey(key)) continue;
        if (named === undefined) named = namedActions(statement);
        const actions = named;
        if (!actions || actions.length === 0) continue;
        if (actions.some((a) => keyListMatches(a.conditionKeys, key))) continue;
        const supported = [...new Set(actions.flatMap((a) => a.conditionKeys))].filter((k) => !k.toLowerCase().startsWith('aws:')).slice(0, 5);
        context.report({
          messageId: 'keyNotSupportedByActions',
          data: {
            key,
            actions: actions.length <= 3 ? listForMessage(actions.map((a) => a.fullName)) : `${actions.slice(0, 3).map((a) => a.fullName).join(', ')} and ${actions.length - 3} more actions`,
            them: actions.length === 1 ? 'it' : 'them',
            outcome,
            supported: supported.length ? listForMessage(supported) : 'only global aws: keys',
          },
          location,
        });
      }
    }
  },
});

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

/**
 * The actions a statement names, expanded from wildcards within a service; null when it cannot be
 * told (NotAction, `*`, a wildcard service, or an action the data does not know).
 */
function namedActions(statement: Statement): { fullName: string; conditionKeys: readonly string[] }[] | null {
  if (!statement.actions || statement.actions.negated) return null;
  const out: { fullName: string; conditionKeys: readonly string[] }[] = [];
  for (const { value } of statement.actions.values) {
    const colon = value.indexOf(':');
    if (colon <= 0 || hasWildcard(value.slice(0, colon))) return null;
    const service = iamService(value.slice(0, colon));
    if (!service) return null;
    const matched = serviceActionsMatching(value, service.prefix);
    if (matched.size === 0) return null;
    for (const a of matched) out.push({ fullName: `${service.prefix}:${a.name}`, conditionKeys: a.conditionKeys });
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
