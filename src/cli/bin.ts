#!/usr/bin/env node
/** presign-audit: the thin bin; everything happens in execute(). */
import module from 'node:module';
import { budgetCompilerForShortRuns } from './compiler-budget.js';

budgetCompilerForShortRuns();

// Node 22.1+ keeps the compiled code of the modules below on disk between runs (as tsc does), which
// shortens every start after the first; Node 20 has no such cache, and this does nothing there.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// Imported after the cache is on, so that it covers them. A promise chain, not a top-level await:
// the bundled bin (scripts/bundle-bin.mjs) is a CommonJS script, which Node runs without its ES
// module loader.
import('./execute.js')
  .then(({ execute }) => execute(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A bug of ours, not a finding: say so, with what to report, and exit 2 as for unreadable input.
      process.stderr.write(`presign-audit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the input that caused it.\n`);
      process.exitCode = 2;
    },
  );
