/**
 * GitHub Actions workflow commands, one per finding, which the runner shows as annotations on the
 * pull request's files: `::error file=src/a.ts,line=3,endLine=3,col=5,endColumn=9,title=presign/max-expiry::message`.
 * Escaping is the Actions toolkit's (actions/toolkit packages/core/src/command.ts, escapeData and
 * escapeProperty): `%`, CR and LF in the message; those and `:` and `,` in a property
 * (docs/facts.md#github-actions-workflow-commands).
 */
import path from 'node:path';
import type { Formatter } from './formatter.js';

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const formatGithub: Formatter = (results, meta) => {
  const lines: string[] = [];
  for (const result of results) {
    // The repository-relative path GitHub places annotations by, with forward slashes.
    const file = path.relative(meta.cwd, result.filePath).split(path.sep).join('/') || result.filePath;
    for (const m of result.messages) {
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${m.line}`,
        ...(m.endLine !== undefined ? [`endLine=${m.endLine}`] : []),
        `col=${m.column}`,
        ...(m.endColumn !== undefined && (m.endLine === undefined || m.endLine === m.line) ? [`endColumn=${m.endColumn}`] : []),
        `title=${escapeProperty(m.ruleId)}`,
      ];
      lines.push(`::${m.severity === 2 ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(m.message)}`);
    }
  }
  return lines.join('\n');
};
