/**
 * What every run reports, whatever it read: results in the shape of ESLint's `LintResult`, so the
 * consumers of ESLint's JSON formatter can read presign-audit's.
 */
import { compareText } from './collation.js';

export type Severity = 1 | 2;

export interface LintMessage {
  /** `presign/<rule>` for findings; `presign-audit/<problem>` for input that could not be read. */
  readonly ruleId: string;
  readonly messageId?: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** True when the file could not be analysed at all (ESLint's parse errors). */
  readonly fatal?: boolean;
  /** For a finding at a wrapper's call site: call site first, the SDK call last. */
  readonly chain?: readonly ChainLink[];
}

/** One step from a wrapper's call site to the SDK call: `routes.ts:14 calls shareLink()`. */
export interface ChainLink {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly label: string;
}

/** Why a finding is not reported, in ESLint's shape: `directive` in the file itself, `external` in a config or baseline. */
export interface Suppression {
  readonly kind: 'directive' | 'external';
  readonly justification: string;
}

/** A finding a suppression accepted: kept (SARIF carries it), counted apart, never in the exit code. */
export interface SuppressedMessage extends LintMessage {
  readonly suppressions: readonly Suppression[];
}

export interface FileResult {
  readonly filePath: string;
  readonly messages: LintMessage[];
  /** As ESLint's LintResult: the findings suppressions accepted. */
  readonly suppressedMessages: SuppressedMessage[];
  readonly errorCount: number;
  readonly fatalErrorCount: number;
  readonly warningCount: number;
  readonly fixableErrorCount: 0;
  readonly fixableWarningCount: 0;
}

export function fileResult(filePath: string, messages: LintMessage[], suppressedMessages: SuppressedMessage[] = []): FileResult {
  // By place, then rule: the order does not depend on the order rules are registered or run in.
  const sorted = [...messages].sort((a, b) => a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId));
  // Counted in one loop: every file of a run passes here, most with no finding or a few.
  let errorCount = 0;
  let fatalErrorCount = 0;
  let warningCount = 0;
  for (const message of sorted) {
    if (message.severity === 2) errorCount++;
    else if (message.severity === 1) warningCount++;
    if (message.fatal) fatalErrorCount++;
  }
  return { filePath, messages: sorted, suppressedMessages, errorCount, fatalErrorCount, warningCount, fixableErrorCount: 0, fixableWarningCount: 0 };
}
