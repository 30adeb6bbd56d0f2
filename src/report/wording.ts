/** Words both renderers use for the report, so the terminal and the page say the same thing. */
import type { SignerSource } from '../policy/signers.js';
import type { ReportCell, ReportSigner } from './signer-report.js';

export const SIGNER_SOURCE_TEXT: Record<SignerSource, string> = {
  config: 'Signers: the roles the config\'s "signers" list names, and identity policy files as "identityPolicies" says.',
  code: 'Signers: the roles code runs as (Lambda functions\' roles; roles trusted by Lambda, ECS tasks, EC2, App Runner or EKS), and identity policy files as "identityPolicies" says. Set "signers" in the config to choose.',
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

/** Where the signer was read; just the line when its name is already the file. */
export function signerLocation(signer: ReportSigner): string {
  return signer.name === signer.file ? `line ${signer.line}` : `${signer.file}:${signer.line}`;
}
