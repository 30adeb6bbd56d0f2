/**
 * The signer report as one self-contained HTML page: inline CSS, no script, no external resource,
 * so it opens from disk (or an email attachment) without a network. Every value from the policies
 * is escaped: names, Sids and keys come from files the user may not have written.
 */
import type { ReportCell, SignerReport } from './signer-report.js';
import { cellText, NEED_HEADING, needNote, needText, readableName, reportSummary, SIGNER_SOURCE_TEXT, signerLocation } from './wording.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 2rem 0 .25rem; }
.meta, .where { color: #59636e; } .where { font-size: .85rem; }
/* Wide reports stay inside the window: the table takes the page's width in equal columns (the
   bucket's a little wider), cells wrap long names and action names anywhere, and a window too narrow
   even for that scrolls the table in its own box instead of pushing the page sideways. */
.table { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin-top: .5rem; width: 100%; min-width: 60rem; table-layout: fixed; }
th:first-child { width: 16%; }
th, td, code, .where { overflow-wrap: anywhere; }
.summary { font-size: 1rem; } caption { text-align: left; color: #59636e; padding-bottom: .25rem; }
th, td { border: 1px solid #d1d9e0; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } code { font-size: .85rem; }
td.allow { background: #ffebe9; color: #82071e; font-weight: 600; }
td.depends { background: #fff8c5; color: #6b4b00; }
td.deny, td.implicit-deny { background: #dafbe1; color: #116329; }
td.not-applicable { color: #8c959f; }
td.need.beyond { background: #fff1e5; color: #762c00; }
ul.legend { color: #59636e; padding-left: 1.2rem; }
`;

export function renderSignerReportHtml(report: SignerReport, meta: { readonly version: string }): string {
  const body: string[] = [];
  body.push('<h1>Presigned URL signer report</h1>');
  body.push(`<ul class="summary">${reportSummary(report).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`);
  body.push(`<p class="meta">${escapeHtml(SIGNER_SOURCE_TEXT[report.signerSource])} presign-audit ${escapeHtml(meta.version)}.</p>`);
  body.push(
    '<ul class="legend"><li><b>allow</b>: a URL this role signs may do it.</li>',
    '<li><b>depends on K</b>: the answer turns on the value of condition key K in the request.</li>',
    '<li><b>deny</b> (an explicit Deny) and <b>implicit deny</b> (nothing allows it): refused.</li>',
    report.codeRead ? `<li><b>${escapeHtml(NEED_HEADING)}</b>: of what a row allows, what the code read needs and what it is granted beyond that need.</li>` : '',
    '</ul>',
    `<details><summary>Assumptions</summary><ul class="legend">${report.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul></details>`,
  );
  if (report.signers.length === 0) body.push('<p>No signer roles or identity policies were read.</p>');
  for (const signer of report.signers) {
    body.push(`<h2>${escapeHtml(signer.name)}</h2>`);
    body.push(`<p class="where">${signer.arn ? `<code>${escapeHtml(readableName(signer.arn))}</code> · ` : ''}${escapeHtml(signerLocation(signer))} (${escapeHtml(signer.reason + needNote(report, signer))})</p>`);
    if (signer.targets.length === 0) {
      body.push('<p>Reaches no bucket the run read.</p>');
      continue;
    }
    body.push(`<div class="table"><table><caption>What a URL signed by ${escapeHtml(signer.name)} can do</caption><thead><tr><th>bucket</th><th>keys</th>`);
    body.push(...report.columns.map((c) => `<th title="${escapeHtml(c.action)}">${escapeHtml(c.label)}<br><code>${escapeHtml(c.action)}</code></th>`));
    body.push(report.codeRead ? `<th>${escapeHtml(NEED_HEADING)}</th>` : '', '</tr></thead><tbody>');
    for (const target of signer.targets) {
      const kms = target.kmsKey ? `<br><span class="where">KMS: ${escapeHtml(readableName(target.kmsKey))}</span>` : '';
      const policy = target.bucketPolicy ? '' : '<br><span class="where">no bucket policy read</span>';
      body.push(`<tr><td><code>${escapeHtml(readableName(target.bucket))}</code>${kms}${policy}</td><td><code>${escapeHtml(readableName(target.keys))}</code></td>`);
      const need = report.codeRead ? needText(signer, target) : null;
      body.push(...target.cells.map(cellHtml), need === null ? '' : `<td class="need${target.need?.beyond.length ? ' beyond' : ''}">${escapeHtml(need)}</td>`, '</tr>');
    }
    body.push('</tbody></table></div>');
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // No script, no fetch: the page must open offline and run nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Presigned URL signer report</title>',
    `<style>${STYLE}</style></head><body>`,
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

function cellHtml(cell: ReportCell): string {
  const why = cell.statements.map((s) => `${s.effect} ${s.sid ?? '(no Sid)'} at ${s.file}:${s.line}`).join('\n');
  return `<td class="${cell.decision}"${why ? ` title="${escapeHtml(why)}"` : ''}>${escapeHtml(cellText(cell))}</td>`;
}
