/**
 * presign/signer-wildcard-action: a signer's identity policy that allows S3 actions through a
 * wildcard or `NotAction`. A pre-signed URL can do whatever its signer may, so each extra action
 * is one URL away from anyone who gets a link.
 */
import { compareText } from '../../src/core/collation.js';
import { listForMessage } from '../../src/policy/closest.js';
import type { IamAction } from '../../src/policy/iam-data.js';
import type { Located, SourcePosition, Statement } from '../../src/policy/model.js';
import { defineRule } from '../../src/rule/shape.js';
import { grantedActions } from '../../src/policy/scope.js';
import { hasWildcard, wildcardMatch } from '../../src/policy/wildcard.js';

export type MessageId = 'wildcardGrantsExtraActions';

export interface SignerWildcardActionOptions {
  /** Actions a URL signer may hold; wildcards granting only these are fine. */
  allowedActions: string[];
  /** IAM access levels of the extra actions that are reported. */
  accessLevels: string[];
}

/** The actions people most regret a URL signer having, shown first in the message. */
const NOTABLE = [
  'DeleteObject',
  'DeleteObjectVersion',
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutObjectAcl',
  'PutBucketAcl',
  'PutBucketPublicAccessBlock',
  'DeleteBucket',
  'PutLifecycleConfiguration',
  'PutBucketVersioning',
];
const LEVEL_ORDER = ['Permissions management', 'Write', 'Tagging', 'Read', 'List'];
const SHOWN = 5;

export default defineRule<'document', SignerWildcardActionOptions, MessageId>({
  name: 'signer-wildcard-action',
  subject: 'document',
  kinds: ['identity'],
  // An AWS managed policy attached to a signer (AmazonS3FullAccess) grants its wildcards as much as the user's own text.
  judgesAwsPolicies: true,
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 7.0,
    docs: {
      description: 'Disallow wildcard actions and NotAction in a URL signer\'s identity policy that grant S3 actions beyond what pre-signed URLs need',
      recommended: 'recommended',
    },
    messages: {
      wildcardGrantsExtraActions:
        '{{pattern}} grants the URL signer {{count}} needless S3 actions; list the exact actions. Among them {{examples}}; URLs need actions such as s3:GetObject and s3:PutObject.{{whose}}',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allowedActions: { type: 'array', items: { type: 'string' }, description: 'Actions a URL signer may hold.' },
          accessLevels: {
            type: 'array',
            items: { enum: LEVEL_ORDER },
            description: 'IAM access levels of extra actions that are reported.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      {
        allowedActions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        accessLevels: ['Permissions management', 'Write', 'Tagging'],
      },
    ],
  },
  check({ document, isSignerPolicy }, context) {
    if (!isSignerPolicy(document)) return;
    const extrasOf = extrasFor(context.options);
    // AWS's text is placed at the line that attaches it: the message says whose pattern it is.
    const whose = document.awsPolicy ? ` It comes from ${document.awsPolicy}: detach it, and attach a policy of your own that lists what the URLs need.` : '';
    // What the statement really grants (its resources, the document's unconditional Denies), beyond what URLs need.
    const reportExtras = (label: string, statement: Statement, location: SourcePosition) => {
      const extras = extrasOf(grantedActions(statement, document, 's3'));
      if (extras) context.report({ messageId: 'wildcardGrantsExtraActions', data: { pattern: label, whose, ...extras }, location });
    };

    for (const statement of document.statements) {
      if (statement.effect.value !== 'Allow' || !statement.actions) continue;
      if (statement.actions.negated) {
        reportExtras('"NotAction"', statement, statement.actions.position);
        continue;
      }
      for (const value of statement.actions.values) {
        if (!grantsS3Wildcard(value)) continue;
        reportExtras(`"${value.value}"`, { ...statement, actions: { negated: false, position: value.position, values: [value] } }, value.position);
      }
    }
  },
});

interface Extras {
  readonly count: number;
  readonly examples: string;
}

/**
 * What a grant holds beyond the options' actions and levels, as the message tells it; null when
 * nothing. By the options object and `grantedActions`' answer, which statements that grant the same
 * share: a policy folder repeats its wildcards.
 */
function extrasFor(options: SignerWildcardActionOptions): (granted: readonly IamAction[]) => Extras | null {
  let extrasOf = extrasCache.get(options);
  if (extrasOf) return extrasOf;
  const answers = new WeakMap<readonly IamAction[], Extras | null>();
  const allowed = new Set(options.allowedActions.map((a) => a.toLowerCase()));
  const levels = new Set(options.accessLevels);
  extrasOf = (granted) => {
    let answer = answers.get(granted);
    if (answer === undefined) {
      const extras = granted.filter((action) => !allowed.has(`s3:${action.name}`.toLowerCase()) && action.accessLevels.some((level) => levels.has(level)));
      const shown = sortByDanger(extras).slice(0, SHOWN).map((a) => `s3:${a.name}`);
      const examples = extras.length > SHOWN ? `${shown.join(', ')} and ${extras.length - SHOWN} more` : listForMessage(shown);
      answer = extras.length === 0 ? null : { count: extras.length, examples };
      answers.set(granted, answer);
    }
    return answer;
  };
  extrasCache.set(options, extrasOf);
  return extrasOf;
}

const extrasCache = new WeakMap<SignerWildcardActionOptions, (granted: readonly IamAction[]) => Extras | null>();

function grantsS3Wildcard(value: Located<string>): boolean {
  if (value.value === '*') return true;
  const colon = value.value.indexOf(':');
  if (colon < 0 || !hasWildcard(value.value)) return false;
  return wildcardMatch(value.value.slice(0, colon), 's3', { caseInsensitive: true });
}

function sortByDanger(actions: IamAction[]): IamAction[] {
  // Ranked once per action, not once per comparison: a wildcard grants about a hundred.
  const ranks = new Map(actions.map((a) => [a, rank(a)]));
  return [...actions].sort((a, b) => ranks.get(a)! - ranks.get(b)! || compareText(a.name, b.name));
}

function rank(action: IamAction): number {
  const notable = NOTABLE.indexOf(action.name);
  return notable >= 0 ? notable : NOTABLE.length + Math.min(...action.accessLevels.map((level) => LEVEL_ORDER.indexOf(level)));
}
