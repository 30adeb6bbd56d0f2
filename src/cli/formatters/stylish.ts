/** The human format, after ESLint's stylish: a block per file, one line per message, a summary. */
import path from 'node:path';
import { createColors } from 'picocolors';
import type { Formatter } from './formatter.js';

export const formatStylish: Formatter = (results, meta) => {
  const c = createColors(meta.color);
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
