/**
 * presign/public-upload-content-type: a presigned upload that makes the object public
 * (`ACL: 'public-read'` or `'public-read-write'`, or a POST whose policy sets that `acl`) while the
 * uploader chooses its Content-Type. Whoever holds the URL can then store a `text/html` (or SVG) page
 * that the bucket serves publicly, under the bucket's (or its CDN's) domain: a page for phishing or
 * for scripts that run with that origin.
 *
 * Signed or not (docs/facts.md#headers-the-v3-presigner-signs, #presigned-post-policies): a v3
 * presigned PutObject signs its `ACL` in the query string but not `ContentType`, unless
 * `signableHeaders` names `content-type`; a POST policy fixes only what its conditions name.
 */
import type { Possible } from '../../src/presign/possible.js';
import type { PostCondition, PresignSite } from '../../src/presign/site.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'publicPutAnyType' | 'publicPostAnyType';

/** Canned ACLs that let anyone read the object. */
const PUBLIC_ACLS: ReadonlySet<unknown> = new Set(['public-read', 'public-read-write']);

/** The ACL is certainly public: every value the code may pass is a public canned ACL. */
function isPublic(value: Possible): boolean {
  return value.length > 0 && value.every((c) => c.kind === 'value' && PUBLIC_ACLS.has(c.value));
}

function publicPutOfAnyType<N>(site: PresignSite<N>): N | null {
  // Measured for v3 only: what other SDKs sign of a PUT's Content-Type is not claimed here.
  if (site.api.id !== 'v3.getSignedUrl' || site.operation !== 'PutObject' || !site.parameters) return null;
  const acl = site.parameters.entries.get('ACL');
  if (!acl || !isPublic(acl.value)) return null;
  const names = site.signableHeaders?.names;
  // A set the code does not show may name content-type.
  if (names === null) return null;
  return names?.has('content-type') ? null : acl.node;
}

function publicPostOfAnyType<N>(site: PresignSite<N>): N | null {
  const post = site.post;
  if (!post?.complete) return null;
  const acl = post.conditions.find((c): c is Extract<PostCondition<N>, { field: string }> => c.kind === 'eq' && c.field === 'acl' && PUBLIC_ACLS.has(c.value));
  if (!acl) return null;
  const typeFixed = post.conditions.some((c) => c.kind !== 'content-length-range' && c.field === 'content-type' && c.value !== '');
  return typeFixed ? null : acl.node;
}

const RISK =
  'whoever holds it can upload a text/html or SVG page that the bucket then serves to anyone, under its own domain (phishing, or script on that origin)';

export default defineRule<'site', Record<string, never>, MessageId>({
  name: 'public-upload-content-type',
  subject: 'site',
  reads: ['operation', 'parameters', 'signableHeaders', 'post'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 7.0,
    docs: {
      description: 'Disallow pre-signed uploads that make the object public while the uploader chooses its Content-Type',
      recommended: 'recommended',
    },
    messages: {
      publicPutAnyType: `This public upload does not sign its Content-Type; sign it, or make the object private. {{api}} signs \`ACL: 'public-read'\` but not the type: ${RISK}. Pass \`ContentType\` and \`signableHeaders: new Set(['content-type'])\`.`,
      publicPostAnyType: `This public POST upload leaves Content-Type open; restrict it, or make the object private. The policy of {{api}} sets a public \`acl\`: ${RISK}. Add an exact \`Content-Type\` condition, or a \`starts-with\` of a safe prefix.`,
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ site }, context) {
    const data = { api: site.api.label };
    const put = publicPutOfAnyType(site);
    if (put) context.report({ node: put, messageId: 'publicPutAnyType', data });
    const post = publicPostOfAnyType(site);
    if (post) context.report({ node: post, messageId: 'publicPostAnyType', data });
  },
});
