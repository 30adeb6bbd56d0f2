/**
 * presign/explicit-method: a presign call whose HTTP method the code does not show. A URL is
 * signed for exactly one method; used with another it fails with 403 SignatureDoesNotMatch.
 */
import type { MethodUnknownReason } from '../../src/presign/site.js';
import { defineRule } from '../../src/rule/shape.js';

/** The reasons that are no finding: the code does name the operation (or each of its candidates). */
type Explicit = 'not-in-catalogue' | 'one-of-several';

export type MessageId = Exclude<MethodUnknownReason, Explicit> | 'method-implicit';

export interface ExplicitMethodOptions {
  /**
   * Take a constant operation as naming the method: a boto3 call without `HttpMethod` is then
   * explicit, since botocore signs the operation's own method.
   */
  operationIsExplicit: boolean;
}


export default defineRule<'site', ExplicitMethodOptions, MessageId>({
  name: 'explicit-method',
  subject: 'site',
  reads: ['method'],
  meta: {
    type: 'problem',
    severity: 'warn',
    securitySeverity: 2.0,
    docs: {
      description: 'Require every pre-sign call to show which HTTP method the URL is signed for',
      recommended: 'recommended',
    },
    messages: {
      'operation-not-constant': 'The operation is not a constant, so the URL\'s HTTP method is unknown; pass a literal one. For {{api}}, a name such as \'getObject\' or \'putObject\'.',
      'command-unresolved': 'The command is not a known S3 command, so the URL\'s HTTP method is unknown; construct it here. Pass new GetObjectCommand(...) to {{api}}, or type the parameter (cmd: GetObjectCommand).',
      'request-without-method': 'The request has no `method`, so the URL\'s HTTP method is unknown; set one, such as method: \'GET\'. {{api}} signs the request as it is given.',
      'request-unresolved': 'The request cannot be read here, so the URL\'s HTTP method is unknown; build it in this module. Give the request {{api}} signs a literal `method`.',
      'method-not-constant': 'The HTTP method is not a constant, so the URL\'s method is unknown; pass a literal such as \'GET\'. {{api}} signs for that method only.',
      'action-not-constant': 'The `action` is not a constant, so the URL\'s HTTP method is unknown; pass \'read\' or \'write\'. {{api}} also takes \'delete\' and \'resumable\'.',
      // presign-audit applies no fixes, so the message carries the edit.
      'method-implicit': 'The call names no `{{parameter}}`, so the URL\'s method is implicit; add `{{parameter}}=\'{{method}}\'`. {{api}} signs the method of `{{operation}}` ({{method}}).',
      'method-missing': 'No `method` is set, so the URL is signed for GET (POST with a body); set the method it is for. {{api}} signs the request as it is given.',
    },
    schema: [
      {
        type: 'object',
        properties: { operationIsExplicit: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ operationIsExplicit: false }],
  },
  check({ site }, context) {
    const method = site.method;
    if (method.kind === 'known') {
      if (method.implicit && !context.options.operationIsExplicit) {
        const { node, parameter, operation } = method.implicit;
        context.report({ node, messageId: 'method-implicit', data: { api: site.api.label, parameter, operation, method: method.method } });
      }
      return;
    }
    if (method.reason === 'not-in-catalogue' || method.reason === 'one-of-several') return;
    context.report({ node: method.node, messageId: method.reason, data: { api: site.api.label } });
  },
});
