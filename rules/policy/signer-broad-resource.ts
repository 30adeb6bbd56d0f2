/**
 * presign/signer-broad-resource: a URL signer allowed S3 object actions on `*` or on every bucket.
 * Whoever controls the key of a URL request (a user choosing a file name, a bug building the
 * bucket name) can then get a URL for any object in the account.
 */
import type { Located } from '../../src/policy/model.js';
import { defineRule } from '../../src/rule/shape.js';
import { grantedActions } from '../../src/policy/scope.js';

export type MessageId = 'broadResource' | 'negatedResource';

/**
 * The actions on objects (IAM's resource type `object`, `arn:aws:s3:::bucket/key`): what a
 * pre-signed URL does, and what makes a signer's broad resource dangerous.
 */
const OBJECT_TYPE = ['object'];
/** Shown first: what URLs are signed for. */
const FIRST = ['GetObject', 'PutObject', 'DeleteObject'];
const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);

export default defineRule<'signers', Record<string, never>, MessageId>({
  name: 'signer-broad-resource',
  subject: 'signers',
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 6.5,
    docs: {
      description: "Disallow S3 object actions on every bucket in a URL signer's identity policy",
      recommended: 'recommended',
    },
    messages: {
      broadResource:
        'Resource {{resource}} lets the URL signer reach every bucket; name the bucket and prefix. Signer {{signer}} can sign URLs for {{actions}} on any of them{{whose}}; name one, such as "arn:aws:s3:::uploads-bucket/incoming/*".',
      negatedResource:
        '"NotResource" lets the URL signer reach every bucket but those listed; name them in "Resource". Signer {{signer}} can sign URLs for {{actions}} on any other bucket{{whose}}.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ signers }, context) {
    // A document shared by several signers (a managed policy) is reported once.
    const reported = new Set<object>();
    for (const signer of signers.signers) {
      for (const document of signer.documents) {
        if (reported.has(document)) continue;
        reported.add(document);
        for (const statement of document.statements) {
          if (statement.effect.value !== 'Allow' || !statement.actions || !statement.resources) continue;
          // Only a NotResource or a resource on every bucket is reported: most statements name their
          // bucket, and are spared the question of what they grant.
          if (!statement.resources.negated && !statement.resources.values.some(isEveryBucket)) continue;
          // Objects the statement really reaches: not with "NotResource": "arn:aws:s3:::*", not after a Deny of s3:* on "*".
          const actions = [...grantedActions(statement, document, 's3', OBJECT_TYPE)].sort((a, b) => rank(a.name) - rank(b.name));
          if (actions.length === 0) continue;
          const shown = actions.length > 3 ? `${actions.slice(0, 3).map((a) => `s3:${a.name}`).join(', ')} and ${actions.length - 3} more` : actions.map((a) => `s3:${a.name}`).join(', ');
          // AWS's text is placed at the line that attaches it: the message says whose resource it is.
          const data = { signer: `"${signer.name}"`, actions: shown, whose: document.awsPolicy ? ` through ${document.awsPolicy}` : '' };
          if (statement.resources.negated) {
            context.report({ messageId: 'negatedResource', data, location: statement.resources.position, file: document.file });
            continue;
          }
          for (const resource of statement.resources.values) {
            if (isEveryBucket(resource)) context.report({ messageId: 'broadResource', data: { ...data, resource: `"${resource.value}"` }, location: resource.position, file: document.file });
          }
        }
      }
    }
  },
});

/** `*`, or an S3 ARN whose bucket part is only wildcards: `arn:aws:s3:::*`, and the same followed by a key pattern. */
function isEveryBucket(resource: Located<string>): boolean {
  if (resource.value === '*') return true;
  const match = /^arn:[^:]*:s3:::([^/]*)/.exec(resource.value);
  return match !== null && /^[*?]*\*[*?]*$/.test(match[1]!);
}
