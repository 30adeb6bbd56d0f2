// The repository's own lint (`npm run lint`, part of `npm test`): typescript-eslint with type
// information on src/, rules/ and test/, and eslint-plugin-eslint-plugin on the RuleTester tests. Its
// rule checks find rules by their `create` function, which this package's rules (`check`) do not
// have: test/rules/meta.test.ts holds the same checks for them. The fixtures are deliberately bad code for the plugin's own rules and
// are never linted with this config (fixtures/eslint.config.js is the demo's config for them).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';


export default defineConfig(
  {
    ignores: [
      'dist/**',
      'fixtures/**',
      'node_modules/**',
      'coverage/**',
      // The benchmark's corpus generators and runners: plain scripts outside every tsconfig that
      // write their data to temporary folders (BENCHMARKS.md is their output).
      'test/bench/**',
      // The types of scripts/rules-table.mjs for the tests: a declaration, checked by `npm run typecheck`.
      'scripts/*.d.mts',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // src/ and rules/ through tsconfig.json, test/ through test/tsconfig.json.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Written for a project's own enums compared with raw values. This project declares no enum;
      // the enums it compares are typescript-eslint's string enums of node and definition types
      // (`node.type === 'Identifier'`, `def.type === 'Variable'`), the ESTree idiom, where
      // TypeScript already rejects a literal that is no member (TS2367) and narrows on the match.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // The code base reads index signatures with brackets (`settings['presign']`,
      // `process.env['CI']`) and declared properties with dots; the rule keeps the dots.
      '@typescript-eslint/dot-notation': ['error', { allowIndexSignaturePropertyAccess: true }],
    },
  },
  {
    // Loops that run for every document of a run. A large run's first pass executes mostly in V8's
    // unoptimised tiers, where `for-of` over an array makes an iterator and a result object per
    // step: indexed loops here cut the reader's instructions on 5,000 policies by 7%
    // (docs/performance.md, "Indexed loops").
    files: ['src/policy/normalise.ts', 'src/policy/kinds.ts', 'src/policy/signers.ts', 'src/engine/policies.ts'],
    rules: { '@typescript-eslint/prefer-for-of': 'off' },
  },
  {
    // The few plain JavaScript files (this config, a test preload script): no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // A CommonJS preload (test/cli/modules-loaded.cjs): require() is how it loads.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The RuleTester suites of the code rules (the policy and project rules have their own harness).
    files: ['test/rules/code/*.test.ts'],
    ...eslintPlugin.configs['tests-recommended'],
  },
);
