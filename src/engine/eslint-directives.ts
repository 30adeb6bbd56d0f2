/**
 * ESLint's own disable directives (`// eslint-disable-next-line presign/max-expiry -- why`) for the
 * findings presign-audit makes outside ESLint's pass over a file: those at a wrapper's call site
 * (src/engine/javascript.ts) and the code-x-policy findings at a presign call (src/engine/cross.ts).
 * ESLint applies directives to the findings of its own pass; these findings are replayed through
 * the same Linter, so that every directive form (line, next-line, block, enable, `--` reasons)
 * means what it means to ESLint, and a suppressed finding carries ESLint's own `suppressions`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Linter as LinterType, Rule as EslintRule } from 'eslint';
import type { LintMessage, SuppressedMessage } from '../core/results.js';
import { CODE_EXTENSIONS } from './files.js';


/**
 * `Linter#getSuppressedMessages()`: in ESLint's Node.js API documentation and in both ESLint 9 and 10,
 * but missing from ESLint 10's type declarations.
 */
export function suppressedMessagesOf(linter: LinterType): LinterType.SuppressedLintMessage[] {
  return (linter as LinterType & { getSuppressedMessages(): LinterType.SuppressedLintMessage[] }).getSuppressedMessages();
}

/** A finding with the suppressions ESLint recorded for it (ESLint's directives are in-source: `directive`). */
export function withSuppressions(finding: LintMessage, suppressed: LinterType.SuppressedLintMessage): SuppressedMessage {
  return { ...finding, suppressions: suppressed.suppressions.map((s) => ({ kind: 'directive', justification: s.justification })) };
}

const requireHere = createRequire(import.meta.url);

export interface DirectiveOutcome {
  readonly kept: LintMessage[];
  readonly suppressed: SuppressedMessage[];
}

export function applyEslintDirectives(file: string, text: string, messages: readonly LintMessage[]): DirectiveOutcome {
  // A file without a disable directive keeps every finding as it is.
  const ours = messages.filter((m) => m.ruleId.startsWith('presign/') && !m.fatal);
  if (ours.length === 0 || !text.includes('eslint-disable')) return { kept: [...messages], suppressed: [] };
  // Required, as src/engine/javascript.ts requires them: loaded there already when this runs.
  const { Linter } = requireHere('eslint') as typeof import('eslint');
  const parser = requireHere('@typescript-eslint/parser') as typeof import('@typescript-eslint/parser');
  // Each finding is reported again by a stand-in rule of its own id, at its own place, with its
  // index as the message: what ESLint keeps or suppresses maps back to the finding.
  const rules: Record<string, EslintRule.RuleModule> = {};
  for (const ruleId of new Set(ours.map((m) => m.ruleId))) {
    rules[ruleId.slice('presign/'.length)] = {
      meta: { type: 'problem', schema: [] },
      create: (context) => ({
        'Program:exit'() {
          ours.forEach((m, index) => {
            if (m.ruleId !== ruleId) return;
            const start = { line: m.line, column: Math.max(0, m.column - 1) };
            const end = m.endLine !== undefined && m.endColumn !== undefined ? { line: m.endLine, column: Math.max(0, m.endColumn - 1) } : start;
            context.report({ loc: { start, end }, message: String(index) });
          });
        },
      }),
    };
  }
  const config: LinterType.Config[] = [
    {
      files: CODE_EXTENSIONS.map((extension) => `**/*${extension}`),
      plugins: { presign: { rules } },
      languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: Object.fromEntries(Object.keys(rules).map((name) => [`presign/${name}`, 'error'])),
    },
  ];
  const linter = new Linter({ configType: 'flat', cwd: path.parse(file).root });
  const replayed = linter.verify(text, config, { filename: file });
  // The file parsed in ESLint's pass; should it not parse here, nothing is suppressed rather than lost.
  if (replayed.some((m) => m.fatal)) return { kept: [...messages], suppressed: [] };
  const suppressed: SuppressedMessage[] = [];
  const suppressedIndexes = new Set<number>();
  for (const m of suppressedMessagesOf(linter)) {
    const index = Number(m.message);
    const finding = ours[index];
    if (!finding || suppressedIndexes.has(index)) continue;
    suppressedIndexes.add(index);
    suppressed.push(withSuppressions(finding, m));
  }
  const gone = new Set([...suppressedIndexes].map((index) => ours[index]));
  return { kept: messages.filter((m) => !gone.has(m)), suppressed };
}
