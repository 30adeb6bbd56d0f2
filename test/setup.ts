import { RuleTester } from '@typescript-eslint/rule-tester';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { provideAll } from '../src/core/on-need.js';

// @typescript-eslint/rule-tester needs the test framework's hooks (its docs: "Vitest").
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// Property tests explore new random cases on every developer run; in CI they replay one fixed
// seed, so a submission's result does not depend on the draw (a failure found locally is kept
// as a test of its own).
if (process.env['CI']) fc.configureGlobal({ seed: 20_261_128 });

// The rule checks and the policy readers load on need through require() (src/core/on-need.ts), which
// cannot load the TypeScript sources Vitest runs: they are imported through Vitest here instead.
await import('../rules/index.js');
await import('../src/policy/read-policy-file.js');
await import('../src/cli/suppressions.js');
await provideAll((file) => import(file));
