/** The signer report as a terminal table: one block per signer, one row per bucket and key pattern. */
import pc from 'picocolors';
import type { ReportCell, SignerReport } from './signer-report.js';
import { cellText, NEED_HEADING, needNote, needText, readableName, reportSummary, SIGNER_SOURCE_TEXT, signerLocation } from './wording.js';

export function renderSignerReportText(report: SignerReport, color: boolean): string {
  const c = pc.createColors(color);
  const paint = (cell: ReportCell, text: string) =>
    cell.decision === 'allow' ? c.red(text) : cell.decision === 'depends' ? c.yellow(text) : cell.decision === 'not-applicable' ? c.dim(text) : c.green(text);
  const lines = [c.bold('Signer report'), ...reportSummary(report), c.dim(SIGNER_SOURCE_TEXT[report.signerSource]), ''];
  if (report.signers.length === 0) lines.push('No signer roles or identity policies were read.');
  for (const signer of report.signers) {
    lines.push(`${c.bold(signer.name)}${signer.arn ? ` ${readableName(signer.arn)}` : ''}  ${c.dim(`${signerLocation(signer)} (${signer.reason}${needNote(report, signer)})`)}`);
    if (signer.targets.length === 0) {
      lines.push('  reaches no bucket the run read', '');
      continue;
    }
    const header = ['bucket', 'keys', ...report.columns.map((col) => col.label), ...(report.codeRead ? [NEED_HEADING] : [])];
    const rows = signer.targets.map((t) => [readableName(t.bucket), readableName(t.keys), ...t.cells.map((cell) => cellText(cell)), ...(report.codeRead ? [needText(signer, t)] : [])]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    lines.push(`  ${header.map((h, i) => c.bold(h.padEnd(widths[i]!))).join('  ')}`.trimEnd());
    signer.targets.forEach((target, r) => {
      const row = rows[r]!;
      const cells = target.cells.map((cell, i) => paint(cell, row[i + 2]!.padEnd(widths[i + 2]!)));
      const need = report.codeRead ? [row[row.length - 1]!] : [];
      lines.push(`  ${[row[0]!.padEnd(widths[0]!), row[1]!.padEnd(widths[1]!), ...cells, ...need].join('  ').trimEnd()}`);
    });
    lines.push('');
  }
  lines.push(c.dim('allow: a URL this role signs may do it; depends on K: the answer turns on the request value of K; deny / implicit deny: refused.'));
  if (report.codeRead) lines.push(c.dim(`${NEED_HEADING}: of what a row allows, what the code read needs and what it is granted beyond that need (presign-audit --least-privilege prints the need).`));
  lines.push(...report.assumptions.map((a) => c.dim(`Assumed: ${a}`)));
  return `${lines.join('\n')}\n`;
}
