/** Words both renderers use for the report, so the terminal and the page say the same thing. */
import type { SignerSource } from '../policy/signers.js';
import type { ReportCell } from './signer-report.js';

export const SIGNER_SOURCE_TEXT: Record<SignerSource, string> = {
  config: 'Signers: the roles the config\'s "signers" list names.',
  lambda: 'Signers: the roles Lambda functions run as (set "signers" in the config to choose others).',
  'every-identity-policy': 'Signers: every identity policy read (set "signers" in the config to choose).',
};

export function cellText(cell: ReportCell): string {
  switch (cell.decision) {
    case 'depends':
      return `depends on ${cell.on.join(', ')}`;
    case 'implicit-deny':
      return 'implicit deny';
    case 'not-applicable':
      return '-';
    default:
      return cell.decision;
  }
}
