/**
 * presign/private-source-ip: `aws:SourceIp` with private ranges. S3 never sees a private address
 * there, so `IpAddress` never matches and `NotIpAddress` always does.
 */
import { remembered } from '../../src/core/remembered.js';
import { parseCidr, privateBlockOf } from '../../src/policy/ip.js';
import { parseOperator } from '../../src/policy/operators.js';
import { defineRule } from '../../src/rule/shape.js';
import { IAM_POLICY_KINDS } from '../../src/policy/kinds.js';

export type MessageId = 'privateInIpAddress' | 'privateInNotIpAddress';

export default defineRule<'document', Record<string, never>, MessageId>({
  name: 'private-source-ip',
  subject: 'document',
  kinds: IAM_POLICY_KINDS,
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
        'This never matches: aws:SourceIp never holds private {{value}}; use aws:VpcSourceIp instead. Requests through a VPC endpoint carry aws:VpcSourceIp, aws:SourceVpce and aws:SourceVpc, never {{block}} addresses in aws:SourceIp; pair aws:VpcSourceIp with aws:SourceVpce (or aws:SourceVpc).',
      privateInNotIpAddress:
        'NotIpAddress {{value}} always matches (aws:SourceIp is never private); use aws:VpcSourceIp. The statement applies to every request: aws:SourceIp never holds {{block}} addresses; pair aws:VpcSourceIp with aws:SourceVpce (or aws:SourceVpc).',
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
          const block = privateBlockOfText(value.value);
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

type PrivateBlock = ReturnType<typeof privateBlockOf>;

/**
 * The private block an address range as written lies in, or null: a pure function of the text,
 * asked for every `aws:SourceIp` value, which policies repeat (their office and VPN ranges).
 */
function privateBlockOfText(text: string): PrivateBlock {
  return remembered(blockByText, text, (t) => {
    const range = parseCidr(t);
    return range && privateBlockOf(range);
  });
}

const blockByText = new Map<string, PrivateBlock>();
