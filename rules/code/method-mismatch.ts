/**
 * presign/method-mismatch: a pre-signed URL sent with another HTTP method than the one it was
 * signed for. S3 answers 403 SignatureDoesNotMatch: the method is part of what is signed.
 */
import type { Finding, PresignSite } from '../../src/presign/site.js';
import { presignSites } from '../../src/code/presign-sites.js';
import { reportFindings } from '../../src/code/report.js';
import { createRule } from '../../src/rule-creator.js';

export type MessageId = 'defaultMethod' | 'wrongMethod';

/**
 * The check over the site's flows, whatever the language: the URL sent by an HTTP request whose
 * method the code shows and is not the one signed.
 */
export function checkMethodMismatch<N>(site: PresignSite<N>): Finding<N, MessageId>[] {
  if (site.method.kind !== 'known') return [];
  const signed = site.method.method;
  const findings: Finding<N, MessageId>[] = [];
  for (const { requestUrl, request, call } of site.flows) {
    if (!requestUrl || !request || request.method === null || request.method === signed) continue;
    findings.push({
      node: call,
      messageId: request.defaulted ? 'defaultMethod' : 'wrongMethod',
      data: { api: site.api.label, signed, used: request.method, client: request.client },
    });
  }
  return findings;
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
          reportFindings(context, checkMethodMismatch(site));
        }
      },
    };
  },
});
