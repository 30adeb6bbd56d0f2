/**
 * presign/enforce-upload-constraints: upload restrictions that the pre-signed request does not
 * enforce. A v3 presigned PutObject does not sign `ContentType` unless `signableHeaders` names
 * it; a presigned POST limits nothing that its policy's conditions do not name.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { UNSIGNED_UPLOAD_PARAMETERS } from '../../src/presign/signed-headers.js';
import type { Finding, PostCondition, PresignSite } from '../../src/presign/site.js';
import type { Node } from '../../src/code/ast.js';
import { setOptionFix } from '../../src/code/fixes.js';
import { presignSites } from '../../src/code/presign-sites.js';
import { reportFindings } from '../../src/code/report.js';
import { resolveOrigin } from '../../src/code/origin.js';
import { createRule } from '../../src/rule-creator.js';

export type MessageId = 'unsignedParameter' | 'noContentLengthRange' | 'anyKey' | 'noContentType' | 'signHeaders';

export interface UploadConstraintsOptions {
  /** Also require a presigned POST to restrict the `Content-Type` of the upload. */
  requireContentType: boolean;
}

export interface UploadConstraintFinding<N> extends Finding<N, Exclude<MessageId, 'signHeaders'>> {
  /** For `unsignedParameter`: every header of the call that `signableHeaders` must name. */
  readonly missingHeaders: readonly string[];
}

export function checkUploadConstraints<N>(site: PresignSite<N>, options: UploadConstraintsOptions): UploadConstraintFinding<N>[] {
  return site.post ? checkPostPolicy(site, options) : checkUnsignedParameters(site);
}

function checkUnsignedParameters<N>(site: PresignSite<N>): UploadConstraintFinding<N>[] {
  if (site.api.id !== 'v3.getSignedUrl' || site.operation !== 'PutObject' || !site.parameters) return [];
  const signable = site.signableHeaders;
  if (signable && signable.names === null) return [];
  const unsigned = Object.entries(UNSIGNED_UPLOAD_PARAMETERS).filter(
    ([parameter, header]) => site.parameters!.entries.has(parameter) && !signable?.names?.has(header),
  );
  const missingHeaders = unsigned.map(([, header]) => header);
  return unsigned.map(([parameter, header]) => ({
    node: site.parameters!.entries.get(parameter)!.node,
    messageId: 'unsignedParameter',
    data: { api: site.api.label, parameter, header },
    missingHeaders,
  }));
}

function checkPostPolicy<N>(site: PresignSite<N>, options: UploadConstraintsOptions): UploadConstraintFinding<N>[] {
  const post = site.post!;
  const data = { api: site.api.label };
  const findings: UploadConstraintFinding<N>[] = [];
  const report = (node: N, messageId: UploadConstraintFinding<N>['messageId']) => findings.push({ node, messageId, data, missingHeaders: [] });
  // An empty prefix is known to allow any key, whatever else the policy holds.
  for (const condition of post.conditions) {
    if (condition.kind === 'starts-with' && condition.field === 'key' && condition.value === '') report(condition.node, 'anyKey');
  }
  if (!post.complete) return findings;
  if (!post.conditions.some((c) => c.kind === 'content-length-range')) report(post.node, 'noContentLengthRange');
  if (options.requireContentType && !post.conditions.some(restrictsContentType)) report(post.node, 'noContentType');
  return findings;
}

function restrictsContentType<N>(condition: PostCondition<N>): boolean {
  return condition.kind !== 'content-length-range' && condition.field === 'content-type' && condition.value !== '';
}

export default createRule<[UploadConstraintsOptions], MessageId>({
  name: 'enforce-upload-constraints',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require pre-signed uploads to sign the restrictions they set: content type, size range and key prefix',
      preset: 'strict',
    },
    hasSuggestions: true,
    messages: {
      unsignedParameter:
        '{{api}} pre-signs PutObject with `{{parameter}}`, but the presigner does not sign the {{header}} header unless `signableHeaders` names it (X-Amz-SignedHeaders is then `host`): the uploader can send any {{header}}. Add `signableHeaders: new Set([...])` naming it to the options.',
      noContentLengthRange:
        'The policy of {{api}} has no `content-length-range` condition: the uploader can send an object of any size, up to S3\'s 5 GB. Add `["content-length-range", min, max]`.',
      anyKey:
        'This `starts-with $key` condition of {{api}} has an empty prefix: the uploader can choose any key in the bucket and overwrite other objects. Give it the prefix the upload belongs under.',
      noContentType:
        'The policy of {{api}} does not restrict `Content-Type`: the uploader can store any type (HTML or SVG served from the bucket). Add `["starts-with", "$Content-Type", "image/"]` or an exact `Content-Type` field.',
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
  },
  defaultOptions: [{ requireContentType: false }],
  create(context, [options]) {
    return {
      Program() {
        for (const site of presignSites(context)) {
          reportFindings(context, checkUploadConstraints(site, options), (finding) => {
            if (finding.messageId !== 'unsignedParameter') return {};
            const fix = signHeadersFix(site, finding.missingHeaders);
            return fix ? { suggest: [{ messageId: 'signHeaders', data: { headers: finding.missingHeaders.join(', ') }, fix }] } : {};
          });
        }
      },
    };

    /** Adds the headers to an inline `new Set([...])`, or adds the option itself. */
    function signHeadersFix(site: PresignSite<Node>, headers: readonly string[]): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null {
      if (site.node.type !== 'CallExpression') return null;
      const quoted = headers.map((h) => `'${h}'`);
      if (!site.signableHeaders) return setOptionFix(context, site.node, 2, 'signableHeaders', `new Set([${quoted.join(', ')}])`);
      const set = resolveOrigin(context, site.signableHeaders.node);
      const array = set.type === 'NewExpression' && set.arguments[0] ? resolveOrigin(context, set.arguments[0]) : null;
      if (array?.type !== 'ArrayExpression') return null;
      const last = array.elements[array.elements.length - 1];
      if (!last) return (fixer) => fixer.replaceText(array, `[${quoted.join(', ')}]`);
      return (fixer) => fixer.insertTextAfter(last, `, ${quoted.join(', ')}`);
    }
  },
});
