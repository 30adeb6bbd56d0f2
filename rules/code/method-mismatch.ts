/**
 * presign/method-mismatch: a pre-signed URL sent with another HTTP method than the one it was
 * signed for. S3 answers 403 SignatureDoesNotMatch: the method is part of what is signed.
 */
import type { Finding, PresignSite } from '../../src/presign/site.js';
import type { Context, Node } from '../../src/code/ast.js';
import { httpRequestUse } from '../../src/code/http-calls.js';
import { presignSites } from '../../src/code/presign-sites.js';
import { reportFindings } from '../../src/code/report.js';
import { isRequestUrl, presignResultUses, type UrlUse } from '../../src/code/url-flow.js';
import { createRule } from '../../src/rule-creator.js';

export type MessageId = 'defaultMethod' | 'wrongMethod';

/** The check over the site and where its URL flows (the flow is read from the ESTree of the module). */
export function checkMethodMismatch(context: Context, site: PresignSite<Node>, uses: readonly UrlUse[]): Finding<Node, MessageId>[] {
  if (site.method.kind !== 'known') return [];
  const signed = site.method.method;
  const findings: Finding<Node, MessageId>[] = [];
  for (const use of uses) {
    if (!isRequestUrl(site, use.taint) && !isUrlInConfig(site, use)) continue;
    const request = httpRequestUse(context, use.call, use.index, use.taint.holder);
    if (!request || request.method === null || request.method === signed) continue;
    findings.push({
      node: use.call,
      messageId: request.defaulted ? 'defaultMethod' : 'wrongMethod',
      data: { api: site.api.label, signed, used: request.method, client: request.client },
    });
  }
  return findings;
}

/** `axios({ url, method })`: the URL held at `url` of a config object. */
function isUrlInConfig(site: PresignSite<Node>, use: UrlUse): boolean {
  return use.taint.holder.length === 1 && isRequestUrl(site, { ...use.taint, holder: [] });
}

const WHY = 'the method is part of the signature, so S3 answers 403 SignatureDoesNotMatch';

export default createRule<[], MessageId>({
  name: 'method-mismatch',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow using a pre-signed URL with another HTTP method than the one it was signed for',
      preset: 'recommended',
    },
    messages: {
      defaultMethod: `A URL that {{api}} signed for {{signed}} is sent with \`{{client}}\` without a method, which sends {{used}}: ${WHY}. Pass \`method: '{{signed}}'\`.`,
      wrongMethod: `A URL that {{api}} signed for {{signed}} is sent with {{used}} by \`{{client}}\`: ${WHY}. Use {{signed}}, or sign the operation the request performs.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        for (const site of presignSites(context)) {
          reportFindings(context, checkMethodMismatch(context, site, presignResultUses(context, site)));
        }
      },
    };
  },
});
