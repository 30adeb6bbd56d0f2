import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // The suite must stay well under 5 minutes on 2 cores; fixture tests load TypeScript.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
