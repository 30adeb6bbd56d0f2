/**
 * presign/method-mismatch: a pre-signed URL sent with another HTTP method than the one it was
 * signed for. S3 answers 403 SignatureDoesNotMatch: the method is part of what is signed.
 */
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'defaultMethod' | 'wrongMethod';


export default defineRule<'site', Record<string, never>, MessageId>({
  name: 'method-mismatch',
  subject: 'site',
  reads: ['method', 'flows'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 2.0,
    docs: {
      description: 'Disallow using a pre-signed URL with another HTTP method than the one it was signed for',
      recommended: 'recommended',
    },
    messages: {
      defaultMethod: '`{{client}}` sends {{used}} by default, not {{signed}} as signed; pass `method: \'{{signed}}\'`. S3 answers 403: the method is part of the signature of a URL from {{api}}.',
      wrongMethod: '`{{client}}` sends {{used}} to a URL signed for {{signed}}; use {{signed}} or sign for {{used}}. S3 answers 403: the method is part of the signature of a URL from {{api}}.',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ site }, context) {
    // The URL sent by an HTTP request whose method the code shows and is not the one signed.
    if (site.method.kind !== 'known') return;
    const signed = site.method.method;
    for (const { requestUrl, request, call } of site.flows) {
      if (!requestUrl || request?.method == null || request.method === signed) continue;
      context.report({
        node: call,
        messageId: request.defaulted ? 'defaultMethod' : 'wrongMethod',
        data: { api: site.api.label, signed, used: request.method, client: request.client },
      });
    }
  },
});
