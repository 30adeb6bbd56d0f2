/** Turns the findings of a check into ESLint reports: the whole ESLint adapter of a code rule. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Finding } from '../presign/site.js';
import type { Node } from './ast.js';

export function reportFindings<M extends string, F extends Finding<Node, M> = Finding<Node, M>>(
  context: Readonly<TSESLint.RuleContext<M, readonly unknown[]>>,
  findings: readonly F[],
  /** Fixes and suggestions: ESLint-specific, so the adapter adds them from what the finding carries. */
  extra?: (finding: F) => Partial<TSESLint.ReportDescriptor<M>>,
): void {
  for (const finding of findings) {
    context.report({
      node: finding.node as TSESTree.Node,
      messageId: finding.messageId,
      data: finding.data,
      ...extra?.(finding),
    } as TSESLint.ReportDescriptor<M>);
  }
}
