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
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
