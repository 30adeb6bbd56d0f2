// The repository's own lint (`npm run lint`, part of `npm test`): typescript-eslint with type
// information on src/, rules/ and test/, and eslint-plugin-eslint-plugin on the ESLint rule modules
// and their RuleTester tests. The fixtures are deliberately bad code for the plugin's own rules and
// are never linted with this config (fixtures/eslint.config.js is the demo's config for them).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Errors still reported in files that this change left alone because other work is reshaping
 * them: each rule is off in each listed file until that file is fixed, so that `npm test` passes
 * in the meantime. Delete a file's entry when it is fixed; the list is meant to become empty.
 */
const NOT_YET_FIXED = new Map([
  ['rules/code/enforce-upload-constraints.ts', ['@typescript-eslint/prefer-optional-chain', 'eslint-plugin/require-meta-default-options']],
  ['rules/code/explicit-expiry.ts', ['eslint-plugin/require-meta-default-options']],
  ['rules/code/max-expiry.ts', ['@typescript-eslint/no-base-to-string', 'eslint-plugin/require-meta-default-options']],
  ['rules/code/method-mismatch.ts', ['@typescript-eslint/prefer-optional-chain']],
  ['rules/code/no-sigv2.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
  ['rules/code/no-url-logging.ts', ['@typescript-eslint/prefer-string-starts-ends-with', 'eslint-plugin/require-meta-default-options']],
  ['rules/code/temporary-credentials-expiry.ts', ['@typescript-eslint/prefer-optional-chain', 'eslint-plugin/require-meta-default-options']],
  ['rules/policy/kms-signer-access.ts', ['@typescript-eslint/prefer-optional-chain', '@typescript-eslint/prefer-string-starts-ends-with']],
  ['src/cli/config.ts', ['no-useless-assignment', '@typescript-eslint/no-unsafe-assignment', '@typescript-eslint/no-unsafe-member-access', '@typescript-eslint/no-unsafe-argument']],
  ['src/code/fixes.ts', ['@typescript-eslint/prefer-optional-chain']],
  ['src/code/post-policy.ts', ['@typescript-eslint/prefer-optional-chain']],
  ['src/code/presign-sites.ts', ['@typescript-eslint/prefer-optional-chain', '@typescript-eslint/no-unnecessary-type-assertion']],
  ['src/code/report.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
  ['src/code/sdk-references.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
  ['src/code/static-value.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
  ['src/code/typed-program.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
  ['src/code/url-flow.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
  ['src/configs.ts', ['@typescript-eslint/consistent-type-definitions', '@typescript-eslint/no-unnecessary-type-assertion']],
  ['src/index.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
  ['src/project/audit-code.ts', ['@typescript-eslint/consistent-type-definitions', '@typescript-eslint/no-unnecessary-type-assertion', '@typescript-eslint/prefer-optional-chain']],
  ['src/project/program.ts', ['@typescript-eslint/unbound-method']],
  ['src/python/url-logging.ts', ['@typescript-eslint/prefer-optional-chain']],
  ['test/rules/no-throw.test.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
  ['test/rules/project/helpers.ts', ['@typescript-eslint/no-unnecessary-type-assertion']],
]);

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
    // The few plain JavaScript files (this config, a test preload script): no type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // eslint-plugin-eslint-plugin recognises a rule by its `create` function (an exported object,
    // or a call such as createRule({ ... }) with one object argument) and checks it against
    // ESLint's rule API: that is the code rules, typescript-eslint RuleCreator rules. The policy
    // and project rules (definePolicyRule, defineProjectRule) have `check` instead and report
    // through their own context; src/policy-eslint.ts builds their ESLint form inside a function.
    // The plugin sees no rule in those files, so it is applied only where it checks something.
    files: ['rules/code/*.ts'],
    ...eslintPlugin.configs['rules-recommended'],
  },
  {
    // The RuleTester suites of the code rules (the policy and project rules have their own harness).
    files: ['test/rules/code/*.test.ts'],
    ...eslintPlugin.configs['tests-recommended'],
  },
  ...[...NOT_YET_FIXED].map(([file, rules]) => ({ files: [file], rules: Object.fromEntries(rules.map((rule) => [rule, 'off'])) })),
);
