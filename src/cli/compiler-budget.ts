/**
 * The one V8 setting presign-audit changes for its own process (never ESLint's). A run of the CLI
 * is short (a hook, a CI step: thousands of policies in well under a second) and spends much of it
 * in code V8 has not optimised yet: the optimising compiler works on a helper thread and falls
 * behind, and by default it inlines up to 920 bytes of bytecode into each function it compiles. A
 * budget of 120 makes each of those compiles shorter, so the hot functions are optimised sooner.
 * Measured on Node 20's V8 (11.3) in docs/performance.md ("The optimising compiler's inlining
 * budget"): the policy runs about a tenth faster, the whole-program run a little. Other V8 versions
 * keep V8's defaults until the bench has measured them.
 */
import v8 from 'node:v8';

const FLAG = '--max-inlined-bytecode-size-cumulative';

/**
 * The flag for a V8 version (`process.versions.v8`) and Node's own options (`process.execArgv`), or
 * null: where it has not been measured, and where the user gave Node a budget of their own.
 */
export function compilerFlagFor(v8Version: string, nodeOptions: readonly string[]): string | null {
  if (nodeOptions.some((option) => option === FLAG || option.startsWith(`${FLAG}=`))) return null;
  return v8Version.split('.')[0] === '11' ? `${FLAG}=120` : null;
}

/**
 * Sets the flag, before the analyser's modules load: a heuristic the compiler reads for each
 * function it optimises, so code compiled from then on sees it. It changes no result, only when
 * code gets fast.
 */
export function budgetCompilerForShortRuns(): void {
  const flag = compilerFlagFor(process.versions.v8, process.execArgv);
  if (flag !== null) v8.setFlagsFromString(flag);
}
