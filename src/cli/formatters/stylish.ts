/** The human format, after ESLint's stylish: a block per file, one line per message, a summary. */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Formatter } from './formatter.js';

/** What picocolors' `createColors(false)` gives: every colour is `String`. */
const NO_COLORS = { dim: String, red: String, yellow: String, underline: String, bold: String };

export const formatStylish: Formatter = (results, meta) => {
  // picocolors only to colour (a pipe, CI and NO_COLOR do not load it), and required, not imported:
  // it is CommonJS, and an import first scans its source for its named exports (cjs-module-lexer).
  const c = meta.color ? (createRequire(import.meta.url)('picocolors') as typeof import('picocolors')).createColors(true) : NO_COLORS;
  let errors = 0;
  let warnings = 0;
  const blocks: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    const lines = result.messages.map((m) => {
      const where = c.dim(`${m.line}:${m.column}`.padEnd(8));
      const level = m.severity === 2 ? c.red('error  ') : c.yellow('warning');
      const line = `  ${where} ${level}  ${m.message}  ${c.dim(m.ruleId)}`;
      // A finding at a wrapper's call site shows the way to the SDK call.
      const chain = (m.chain ?? []).map((link) => c.dim(`           via ${path.relative(meta.cwd, link.file)}:${link.line}:${link.column} ${link.label}`));
      return [line, ...chain].join('\n');
    });
    blocks.push(`${c.underline(path.relative(meta.cwd, result.filePath) || result.filePath)}\n${lines.join('\n')}`);
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  return `\n${blocks.join('\n\n')}\n\n${errors > 0 ? c.red(c.bold(`✖ ${summary}`)) : c.yellow(c.bold(`✖ ${summary}`))}\n`;
};
