/** Results in the shape of ESLint's `LintResult`, so its JSON formatter's consumers can read ours. */

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

export interface FileResult {
  readonly filePath: string;
  readonly messages: LintMessage[];
  readonly errorCount: number;
  readonly fatalErrorCount: number;
  readonly warningCount: number;
  readonly fixableErrorCount: 0;
  readonly fixableWarningCount: 0;
}

export function fileResult(filePath: string, messages: LintMessage[]): FileResult {
  const sorted = [...messages].sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    filePath,
    messages: sorted,
    errorCount: sorted.filter((m) => m.severity === 2).length,
    fatalErrorCount: sorted.filter((m) => m.fatal).length,
    warningCount: sorted.filter((m) => m.severity === 1).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

/** Problems with the input itself; listed in SARIF like rules so code scanning can show them. */
export const INPUT_PROBLEMS: Record<string, string> = {
  'presign-audit/unreadable': 'The file could not be read.',
  'presign-audit/not-text': 'The file is not UTF-8 (or UTF-16 with a byte-order mark) text: a binary file, or another encoding.',
  'presign-audit/empty': 'The file is empty.',
  'presign-audit/too-large': 'The file is larger than the size limit (10 MiB).',
  'presign-audit/too-deep': 'The JSON nests deeper than the limit (256 levels).',
  'presign-audit/invalid-json': 'The file is not valid JSON.',
  'presign-audit/unknown-format': 'The file is not a policy document or AWS CLI output of one.',
  'presign-audit/invalid-policy': 'Part of the policy has the wrong shape; IAM would reject it.',
  'presign-audit/no-reader': 'No reader handles files of this type.',
  'presign-audit/internal-error': 'A rule failed on this file; the other rules still ran.',
  'presign-audit/parse-error': 'The code file could not be parsed; the other files were still audited.',
  'presign-audit/invalid-tsconfig': 'The tsconfig.json governing these files could not be read; they were read without it.',
};
