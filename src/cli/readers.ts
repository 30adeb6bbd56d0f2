/**
 * The pure core: text in memory to a result. Each reader claims files by extension; the CLI finds
 * files for every registered reader, so adding code files later is one more entry here.
 */
import path from 'node:path';
import { readPolicyJson } from '../policy/read-json.js';
import { runPolicyRule } from '../policy/rule.js';
import { CODE_EXTENSIONS, isCodeFile } from '../project/code-files.js';
import type { AuditConfig } from './config.js';
import { fileResult, type FileResult, type LintMessage } from './results.js';

export interface Reader {
  readonly name: string;
  /** Lowercase extensions with the dot. */
  readonly extensions: readonly string[];
  audit(text: string, filePath: string, config: AuditConfig): FileResult;
}

export const policyJsonReader: Reader = {
  name: 'policy JSON',
  extensions: ['.json'],
  audit(text, filePath, config) {
    const read = readPolicyJson(text, filePath);
    const messages: LintMessage[] = read.errors.map((error) => ({
      ruleId: `presign-audit/${error.code}`,
      severity: 2,
      message: error.message,
      line: error.position.line,
      column: error.position.column,
      endLine: error.position.endLine,
      endColumn: error.position.endColumn,
      ...(error.fatal ? { fatal: true } : {}),
    }));
    for (const document of read.documents) {
      for (const enabled of config.rules) {
        for (const finding of runPolicyRule(enabled.rule, document, enabled.options, config.settings)) {
          const internal = finding.ruleId !== enabled.id;
          messages.push({
            ruleId: finding.ruleId,
            messageId: finding.messageId,
            severity: internal ? 2 : enabled.severity,
            message: finding.message,
            line: finding.location.line,
            column: finding.location.column,
            endLine: finding.location.endLine,
            endColumn: finding.location.endColumn,
          });
        }
      }
    }
    return fileResult(filePath, messages);
  },
};

export const READERS: readonly Reader[] = [policyJsonReader];

export { isCodeFile };

/**
 * Every extension presign-audit audits in a directory, without the dot. JS/TS files have no
 * per-file reader: they are read as one program (src/project/audit-code.ts) to follow constants,
 * clients and wrappers across modules.
 */
export function auditedExtensions(): string[] {
  return [...READERS.flatMap((reader) => reader.extensions), ...CODE_EXTENSIONS].map((e) => e.slice(1));
}

export function readerFor(filePath: string): Reader | undefined {
  const extension = path.extname(filePath).toLowerCase();
  return READERS.find((reader) => reader.extensions.includes(extension));
}
