/**
 * presign/private-source-ip: `aws:SourceIp` with private ranges. S3 never sees a private address
 * there, so `IpAddress` never matches and `NotIpAddress` always does.
 */
import { parseCidr, privateBlockOf } from '../../src/policy/ip.js';
import { parseOperator } from '../../src/policy/operators.js';
import { defineRule } from '../../src/rule/shape.js';
import { DOCUMENT_KINDS } from '../../src/policy/kinds.js';

export type MessageId = 'privateInIpAddress' | 'privateInNotIpAddress';

export default defineRule<'document', Record<string, never>, MessageId>({
  name: 'private-source-ip',
  subject: 'document',
  kinds: DOCUMENT_KINDS,
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 5.5,
    docs: {
      description: 'Disallow private address ranges in aws:SourceIp conditions, which never match',
      recommended: 'recommended',
    },
    messages: {
      privateInIpAddress:
        'aws:SourceIp never holds {{block}} addresses such as {{value}}: requests through a VPC endpoint carry aws:VpcSourceIp, aws:SourceVpce and aws:SourceVpc instead, so this condition never matches. Use aws:VpcSourceIp with aws:SourceVpce (or aws:SourceVpc).',
      privateInNotIpAddress:
        'aws:SourceIp never holds {{block}} addresses such as {{value}}, so this NotIpAddress condition is always true and the statement applies to every request. Use aws:VpcSourceIp with aws:SourceVpce (or aws:SourceVpc).',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ document }, context) {
    for (const statement of document.statements) {
      for (const condition of statement.conditions) {
        if (condition.key.value.toLowerCase() !== 'aws:sourceip') continue;
        const base = parseOperator(condition.operator.value).base.toLowerCase();
        if (base !== 'ipaddress' && base !== 'notipaddress') continue;
        for (const value of condition.values) {
          const range = parseCidr(value.value);
          const block = range && privateBlockOf(range);
          if (!block) continue;
          context.report({
            messageId: base === 'ipaddress' ? 'privateInIpAddress' : 'privateInNotIpAddress',
            data: { value: value.value, block: `${block.name} (${block.cidr})` },
            location: value.position,
          });
        }
      }
    }
  },
});
