/** Words both renderers use for the report, so the terminal and the page say the same thing. */
import type { SignerSource } from '../policy/signers.js';
import type { ReportCell, ReportSigner, ReportTarget, SignerReport } from './signer-report.js';

export const SIGNER_SOURCE_TEXT: Record<SignerSource, string> = {
  config: 'Signers: the roles the config\'s "signers" list names, and identity policy files as "identityPolicies" says.',
  code: 'Signers: the roles code runs as (Lambda functions\' roles; roles trusted by Lambda, ECS tasks, EC2, App Runner or EKS), and identity policy files as "identityPolicies" says. Set "signers" in the config to choose.',
};

export function cellText(cell: ReportCell): string {
  switch (cell.decision) {
    case 'depends':
      return `depends on ${cell.on.map(readableName).join(', ')}`;
    case 'implicit-deny':
      return 'implicit deny';
    case 'not-applicable':
      return '-';
    default:
      return cell.decision;
  }
}

/** The heading of the code column (shown when the run read code). */
export const NEED_HEADING = 'needed by the code / beyond need';

/**
 * A row's code column: which of the actions it allows the code needs and which it is granted beyond
 * need; `unknown` when the signer's need is not known whole (its reason is on the signer's line).
 */
export function needText(signer: ReportSigner, target: ReportTarget): string {
  if (signer.needUnknown !== null || !target.need) return 'unknown';
  const { needed, beyond, unknown } = target.need;
  const parts = [needed.length > 0 ? `needed: ${needed.join(', ')}` : '', beyond.length > 0 ? `beyond: ${beyond.join(', ')}` : '', unknown.length > 0 ? `unknown: ${unknown.join(', ')}` : ''];
  return parts.filter(Boolean).join('; ') || '-';
}

/** The signer's line adds why its code need is not known, when the run read code. */
export function needNote(report: SignerReport, signer: ReportSigner): string {
  return report.codeRead && signer.needUnknown !== null ? `; code need unknown: ${signer.needUnknown}` : '';
}

/** What the stack substitutes for a CloudFormation pseudo parameter, for a reader. */
const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::AccountId': '<account>',
  'AWS::Region': '<region>',
  'AWS::Partition': '<partition>',
  'AWS::StackName': '<stack name>',
  'AWS::URLSuffix': '<URL suffix>',
};

/**
 * A bucket name or key pattern as a reader can take it: a template's `${Ref}` that the run could not
 * resolve shows as `<Ref>` (`${UploadBucket.Arn}` as `<UploadBucket ARN>`, `${AWS::AccountId}` as
 * `<account>`), never as template text. IAM's own policy variables (`${aws:username}`, `${s3:prefix}`,
 * `${*}`) stay: they are what IAM puts in the key at request time.
 */
export function readableName(text: string): string {
  return text.replace(/\$\{([^}]*)\}/g, (whole, reference: string) => {
    if (/^[a-z0-9-]+:/i.test(reference) && !reference.includes('::')) return whole;
    if (reference === '*' || reference === '?' || reference === '$') return whole;
    if (PSEUDO_PARAMETERS[reference]) return PSEUDO_PARAMETERS[reference];
    const [resource, attribute] = reference.split('.');
    return attribute ? `<${resource} ${attribute === 'Arn' ? 'ARN' : attribute}>` : `<${resource}>`;
  });
}

/** The report's opening lines: how many signers, buckets and risky grants it holds. */
export function reportSummary(report: SignerReport): string[] {
  const targets = report.signers.flatMap((signer) => signer.targets);
  const buckets = new Set(targets.map((target) => target.bucket));
  const risky = report.columns.flatMap((column, index) => (RISKY_ACTIONS.has(column.action) ? [index] : []));
  const allowsRisky = targets.filter((target) => risky.some((index) => target.cells[index]?.decision === 'allow'));
  const depends = targets.filter((target) => target.cells.some((cell) => cell.decision === 'depends'));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    `${plural(report.signers.length, 'signer')} reaching ${plural(buckets.size, 'bucket')} (${plural(targets.length, 'row')} below).`,
    `${plural(allowsRisky.length, 'row')} where a URL may delete objects or change an ACL or the bucket policy${allowsRisky.length > 0 ? `: ${allowsRisky.map((t) => readableName(t.bucket)).filter((b, i, all) => all.indexOf(b) === i).slice(0, 5).join(', ')}` : ''}.`,
    `${plural(depends.length, 'row')} with an answer that depends on a request value.`,
  ];
}

/** Actions a URL should rarely carry: deleting, and changing who may access what. */
const RISKY_ACTIONS = new Set(['s3:DeleteObject', 's3:PutObjectAcl', 's3:PutBucketPolicy', 's3:PutBucketAcl']);

/** Where the signer was read; just the line when its name is already the file. */
export function signerLocation(signer: ReportSigner): string {
  return signer.name === signer.file ? `line ${signer.line}` : `${signer.file}:${signer.line}`;
}
