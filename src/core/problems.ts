/**
 * Every problem with the input itself that presign-audit can report, by id. Readers and the
 * engine make these messages only through `inputProblem`, whose id is one of these keys, so the
 * SARIF rule catalogue (built from this table and the rule registry) describes every id a run
 * can emit.
 */
import type { LintMessage } from './results.js';

export const INPUT_PROBLEMS = {
  'presign-audit/unreadable': 'The file could not be read.',
  'presign-audit/not-text': 'The file is not UTF-8 (or UTF-16 with a byte-order mark) text: a binary file, or another encoding.',
  'presign-audit/empty': 'The file is empty.',
  'presign-audit/too-large': 'The file is larger than the size limit (10 MiB).',
  'presign-audit/too-deep': 'The JSON nests deeper than the limit (256 levels).',
  'presign-audit/invalid-json': 'The file is not valid JSON.',
  'presign-audit/invalid-yaml': 'The file is not valid YAML.',
  'presign-audit/invalid-hcl': 'The Terraform file has an HCL syntax error; the rest of it was read as far as it could be.',
  'presign-audit/unknown-format': 'The file is not a policy document or AWS CLI output of one.',
  'presign-audit/invalid-policy': 'Part of the policy has the wrong shape; IAM would reject it.',
  'presign-audit/unknown-kind': 'What kind of policy a document is (bucket, VPC endpoint, resource control ...) could not be told; only the rules right for every kind it may be ran on it. Name its kind in "documentKinds".',
  'presign-audit/no-reader': 'No reader handles files of this type.',
  'presign-audit/internal-error': 'A rule failed on this file; the other rules still ran.',
  'presign-audit/generated-code': 'The file is a minified or generated bundle: it was skipped; its sources are what to audit.',
  'presign-audit/parse-error': 'The code file could not be parsed; the other files were still audited.',
  'presign-audit/invalid-tsconfig': 'The tsconfig.json governing these files could not be read; they were read without it.',
} as const;

export type InputProblemId = keyof typeof INPUT_PROBLEMS;

/** Notes on what was read rather than failures to read it: warnings, so they fail no build by themselves. */
export const WARNING_PROBLEMS: ReadonlySet<InputProblemId> = new Set(['presign-audit/unknown-kind', 'presign-audit/generated-code']);

/** The part after `presign-audit/`: what a reader's error says it is. */
export type InputProblemCode = InputProblemId extends `presign-audit/${infer C}` ? C : never;

export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/**
 * An input problem as a report message: an error, or a warning for a note (`WARNING_PROBLEMS`).
 * `fatal` when nothing of the file could be analysed (ESLint's meaning), so the run's exit code
 * says some input was not read.
 */
export function inputProblem(id: InputProblemId, message: string, at: Span = { line: 1, column: 1 }, fatal = true): LintMessage {
  const end = at.endLine !== undefined ? { endLine: at.endLine, endColumn: at.endColumn } : {};
  return { ruleId: id, severity: WARNING_PROBLEMS.has(id) ? 1 : 2, message, line: at.line, column: at.column, ...end, ...(fatal ? { fatal: true } : {}) };
}
