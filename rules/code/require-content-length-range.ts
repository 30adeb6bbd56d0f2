/**
 * presign/require-content-length-range: a presigned POST whose policy sets no size limit. S3
 * checks only what the policy's conditions name; without `content-length-range` whoever holds the
 * form may store objects of any size up to 5 GB (the PutObject maximum), at the bucket owner's cost.
 * Reader-neutral: every reader that fills `post` (JS/TS presigned POSTs, boto3's
 * generate_presigned_post) is checked by this one rule.
 */
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'noContentLengthRange';

export default defineRule<'site', Record<string, never>, MessageId>({
  name: 'require-content-length-range',
  subject: 'site',
  reads: ['post'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 4.0,
    docs: {
      description: 'Require presigned POST policies to limit the size of the upload with `content-length-range`',
      recommended: 'recommended',
    },
    messages: {
      noContentLengthRange:
        'The POST policy sets no size limit; add `["content-length-range", min, max]`. Without it the uploader of {{api}} can send an object of any size, up to S3\'s 5 GB, at the bucket owner\'s cost.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ site }, context) {
    const post = site.post;
    // A policy the code does not show whole may hold the range elsewhere: only a complete one is judged.
    if (!post?.complete || post.conditions.some((c) => c.kind === 'content-length-range')) return;
    context.report({ node: post.node, messageId: 'noContentLengthRange', data: { api: site.api.label } });
  },
});
