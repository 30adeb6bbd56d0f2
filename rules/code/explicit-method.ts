/**
 * presign/explicit-method: a presign call whose HTTP method the code does not show. A URL is
 * signed for exactly one method; used with another it fails with 403 SignatureDoesNotMatch.
 */
import type { MethodUnknownReason } from '../../src/presign/site.js';
import { defineRule } from '../../src/rule/shape.js';

/** The reasons that are no finding: the code does name the operation (or each of its candidates). */
type Explicit = 'not-in-catalogue' | 'one-of-several';

export type MessageId = Exclude<MethodUnknownReason, Explicit>;

const WHY = 'A pre-signed URL works only with the HTTP method it was signed for; any other method fails with 403 SignatureDoesNotMatch.';

export default defineRule<'site', Record<string, never>, MessageId>({
  name: 'explicit-method',
  subject: 'site',
  reads: ['method'],
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every pre-sign call to show which HTTP method the URL is signed for',
      recommended: 'recommended',
    },
    messages: {
      'operation-not-constant': `The operation passed to {{api}} is not a constant, so the URL's HTTP method cannot be known. ${WHY} Pass a literal operation name such as 'getObject' or 'putObject'.`,
      'command-unresolved': `The command passed to {{api}} cannot be resolved to an S3 command class, so the URL's HTTP method cannot be known. ${WHY} Construct the command here (new GetObjectCommand(...)) or type the parameter (cmd: GetObjectCommand).`,
      'request-without-method': `The request pre-signed by {{api}} has no \`method\`. ${WHY} Set \`method\` on the request (e.g. method: 'GET').`,
      'request-unresolved': `The request pre-signed by {{api}} cannot be read here, so the URL's HTTP method cannot be known. ${WHY} Build the request with a literal \`method\` in this module.`,
      'method-not-constant': `The HTTP method given to {{api}} is not a constant. ${WHY} Pass a literal method such as 'GET' or 'PUT'.`,
      'action-not-constant': `{{api}} needs a constant \`action\` ('read', 'write', 'delete' or 'resumable') to show which HTTP method the URL is signed for. ${WHY}`,
      'method-missing': `{{api}} has no \`method\`: aws4 signs GET, or POST when a body is set, whatever the URL is meant for. ${WHY} Set \`method\` explicitly.`,
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ site }, context) {
    const method = site.method;
    if (method.kind === 'known' || method.reason === 'not-in-catalogue' || method.reason === 'one-of-several') return;
    context.report({ node: method.node, messageId: method.reason, data: { api: site.api.label } });
  },
});
