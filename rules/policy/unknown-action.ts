/**
 * presign/unknown-action: an action no service has (a typo, a made-up name, an API operation that
 * is not an IAM action such as s3:CreateMultipartUpload), with the closest real names. What AWS's
 * own managed policies grant is not called a mistake, listed in the data or not (a retired
 * service's prefix, a legacy action: src/policy/iam-data.ts).
 */
import { remembered } from '../../src/core/remembered.js';
import { namesSomeServiceAction } from '../../src/policy/actions.js';
import { closestNames, listForMessage } from '../../src/policy/closest.js';
import { allServicePrefixes, awsUsesUnlistedAction, awsUsesUnlistedPrefix, iamService } from '../../src/policy/iam-data.js';
import { iamActionOfOperation } from '../../src/presign/commands.js';
import { defineRule } from '../../src/rule/shape.js';
import { hasWildcard, wildcardMatch } from '../../src/policy/wildcard.js';
import { IAM_POLICY_KINDS } from '../../src/policy/kinds.js';

export type MessageId = 'unknownAction' | 'unknownService' | 'patternMatchesNothing' | 'malformedAction';

export default defineRule<'document', Record<string, never>, MessageId>({
  name: 'unknown-action',
  subject: 'document',
  kinds: IAM_POLICY_KINDS,
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 4.0,
    docs: {
      description: 'Disallow actions that do not exist in the IAM service reference',
      recommended: 'recommended',
    },
    messages: {
      unknownAction: '"{{action}}" does not exist; fix the name. It is no action of {{service}}, so it grants or denies nothing.{{suggestion}}',
      unknownService: '"{{action}}" has an unknown service prefix; fix it. No service has the prefix "{{service}}".{{suggestion}}',
      patternMatchesNothing: '"{{action}}" matches no action; fix the pattern. It names none of {{service}}\'s actions, so it grants or denies nothing.',
      malformedAction: '"{{action}}" is not of the form service:Action; write it like s3:GetObject.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ document }, context) {
    for (const statement of document.statements) {
      for (const value of statement.actions?.values ?? []) {
        const found = problemOf(value.value);
        if (found) context.report({ ...found, location: value.position });
      }
    }
  },
});

type Problem = { readonly messageId: MessageId; readonly data: Readonly<Record<string, string>> } | null;

/**
 * `findProblem`'s answer, once per action text: a pure function of it and the read-only data, asked
 * for every action of every statement, and policies repeat their actions (a run meets a few
 * hundred distinct ones). Reports share the answer's `data`, which nothing changes.
 */
function problemOf(action: string): Problem {
  return remembered(problemByAction, action, findProblem);
}

const problemByAction = new Map<string, Problem>();

/** What is wrong with an action as written, if anything. */
function findProblem(action: string): Problem {
  if (action === '*') return null;
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return { messageId: 'malformedAction', data: { action } };
  const servicePart = action.slice(0, colon);
  const actionPart = action.slice(colon + 1);
  if (hasWildcard(servicePart)) {
    const any = [...allServicePrefixes()].some((prefix) => wildcardMatch(servicePart, prefix, { caseInsensitive: true }));
    return any ? null : { messageId: 'patternMatchesNothing', data: { action, service: 'any service' } };
  }
  const service = iamService(servicePart);
  if (!service && awsUsesUnlistedPrefix(servicePart)) return null;
  if (!service) {
    const suggestions = closestNames(servicePart, allServicePrefixes()).map((p) => `${p}:${actionPart}`);
    return { messageId: 'unknownService', data: { action, service: servicePart, suggestion: didYouMean(suggestions) } };
  }
  if (hasWildcard(actionPart)) {
    return namesSomeServiceAction(actionPart, service) ? null : { messageId: 'patternMatchesNothing', data: { action, service: service.prefix } };
  }
  if (service.actions.has(actionPart.toLowerCase()) || awsUsesUnlistedAction(action)) return null;
  // An S3 API operation that is no IAM action is authorised as the action it maps to (s3:ListObjectsV2 as s3:ListBucket).
  const operation = service.prefix === 's3' ? iamActionOfOperation(actionPart) : null;
  const names = operation ? [operation.action] : closestNames(actionPart, service.actions.values().map((a) => a.name)).map((n) => `${service.prefix}:${n}`);
  return { messageId: 'unknownAction', data: { action, service: service.prefix, suggestion: didYouMean(names) } };
}

function didYouMean(names: string[]): string {
  return names.length === 0 ? '' : ` Did you mean ${listForMessage(names)}?`;
}
