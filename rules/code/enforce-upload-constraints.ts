/**
 * presign/enforce-upload-constraints: upload restrictions that the pre-signed request does not
 * enforce. A v3 presigned PutObject does not sign `ContentType` unless `signableHeaders` names
 * it; a presigned POST limits nothing that its policy's conditions do not name. The size limit of a
 * POST is presign/require-content-length-range's (recommended); what is left here depends on intent.
 */
import { UNSIGNED_UPLOAD_PARAMETERS } from '../../src/presign/signed-headers.js';
import type { PostCondition, PresignSite } from '../../src/presign/site.js';
import { defineRule, type NodeReport } from '../../src/rule/shape.js';

export type MessageId = 'unsignedParameter' | 'anyKey' | 'noContentType' | 'signHeaders';

export interface UploadConstraintsOptions {
  /** Also require a presigned POST to restrict the `Content-Type` of the upload. */
  requireContentType: boolean;
}

type Report<N> = NodeReport<N, MessageId>;

function checkUnsignedParameters<N>(site: PresignSite<N>): Report<N>[] {
  if (site.api.id !== 'v3.getSignedUrl' || site.operation !== 'PutObject' || !site.parameters) return [];
  const parameters = site.parameters;
  const signable = site.signableHeaders;
  if (signable?.names === null) return [];
  const unsigned = Object.entries(UNSIGNED_UPLOAD_PARAMETERS).filter(([parameter, header]) => parameters.entries.has(parameter) && !signable?.names?.has(header));
  const headers = unsigned.map(([, header]) => header);
  // One edit signs every header the call needs, offered on each finding.
  const suggest = [
    {
      messageId: 'signHeaders' as const,
      data: { headers: headers.join(', ') },
      edit: { kind: 'sign-headers' as const, call: site.node, argument: 2, headers, existing: signable?.node ?? null },
    },
  ];
  return unsigned.map(([parameter, header]) => ({
    node: parameters.entries.get(parameter)!.node,
    messageId: 'unsignedParameter',
    data: { api: site.api.label, parameter, header },
    suggest,
  }));
}

function checkPostPolicy<N>(site: PresignSite<N>, options: UploadConstraintsOptions): Report<N>[] {
  const post = site.post!;
  const data = { api: site.api.label };
  const reports: Report<N>[] = [];
  // An empty prefix is known to allow any key, whatever else the policy holds.
  for (const condition of post.conditions) {
    if (condition.kind === 'starts-with' && condition.field === 'key' && condition.value === '') reports.push({ node: condition.node, messageId: 'anyKey', data });
  }
  if (!post.complete) return reports;
  if (options.requireContentType && !post.conditions.some(restrictsContentType)) reports.push({ node: post.node, messageId: 'noContentType', data });
  return reports;
}

function restrictsContentType<N>(condition: PostCondition<N>): boolean {
  return condition.kind !== 'content-length-range' && condition.field === 'content-type' && condition.value !== '';
}

export default defineRule<'site', UploadConstraintsOptions, MessageId>({
  name: 'enforce-upload-constraints',
  subject: 'site',
  reads: ['operation', 'parameters', 'signableHeaders', 'post'],
  meta: {
    type: 'problem',
    severity: 'warn',
    securitySeverity: 5.0,
    docs: {
      description: 'Require pre-signed uploads to sign the restrictions they set: content type and key prefix',
      recommended: 'strict',
    },
    hasSuggestions: true,
    messages: {
      unsignedParameter:
        '`{{parameter}}` is not signed, so the uploader may change it; name it in `signableHeaders`. {{api}} signs the {{header}} header only when `signableHeaders: new Set([...])` names it (X-Amz-SignedHeaders is `host` otherwise).',
      anyKey:
        '`starts-with $key` with an empty prefix lets the uploader pick any key; give it a prefix. An upload through {{api}} could then overwrite other objects of the bucket.',
      noContentType:
        'The POST policy does not restrict `Content-Type`; add `["starts-with", "$Content-Type", "image/"]`. Otherwise the uploader of {{api}} can store any type (HTML or SVG served from the bucket); an exact `Content-Type` field works too.',
      signHeaders: 'Sign {{headers}} with `signableHeaders`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          requireContentType: { type: 'boolean', description: 'Also require a presigned POST policy to restrict Content-Type.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ requireContentType: false }],
  },
  check({ site }, context) {
    for (const report of site.post ? checkPostPolicy(site, context.options) : checkUnsignedParameters(site)) context.report(report);
  },
});
