import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // The suite must stay well under 5 minutes on 2 cores; fixture tests load TypeScript.
    // Vitest's default of one worker less than the cores is one worker on 2 cores, and many files
    // wait on child processes (presign-audit, ESLint, npm, pre-commit): two workers on 2 cores took
    // the suite from 414 s to 191 s (same tree, same machine, minutes apart, one helper session beside).
    maxWorkers: Math.max(2, availableParallelism()),
    // One module graph per worker, not one per test file: test/setup.ts imports every rule and reader
    // (require() cannot load the TypeScript sources), which took 116 s of the suite's time, file after
    // file; without isolation 6 s, and the suite 171 s instead of 268 s (same tree, minutes apart).
    // What the files share is pure: the module-level memos of docs/performance.md, which are
    // functions of their inputs, and spies restored after each test (test/engine/containment.test.ts).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
