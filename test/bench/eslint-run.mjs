/**
 * One ESLint run over the benchmark corpus, in its own process so that its time and peak memory
 * are its own: `node eslint-run.mjs <variant> <dir>` prints {"ms": ..., "cpuMs": ..., "maxRssMb": ..., "problems": ..., "presignRules": ...}.
 * `ms` is the wall time of linting; `cpuMs` the CPU time it took (all threads), which other
 * processes on a shared machine disturb much less.
 * Variants: base, recommended, all, security, noop (recommended's rules, each doing nothing: the control).
 */
import tsParser from '@typescript-eslint/parser';
import js from '@eslint/js';
import { ESLint } from 'eslint';
import security from 'eslint-plugin-security';
import presign from '../../dist/src/index.js';

const [variant, dir] = process.argv.slice(2);

/**
 * The control for the overhead: the plugin's rules under their own names and meta, each giving
 * ESLint no listener on any file. Beside `recommended`, it parts what ESLint costs for as many
 * more rules (creating each for each file) from what the plugin's own work adds.
 */
function doingNothing(plugin) {
  return { meta: plugin.meta, rules: Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [name, { meta: rule.meta, create: () => ({}) }])) };
}
const base = [
  js.configs.recommended,
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  { files: ['**/*.ts', '**/*.js'], languageOptions: { globals: { process: 'readonly', require: 'readonly', exports: 'writable', setTimeout: 'readonly' } }, rules: { 'no-unused-vars': 'off', 'no-undef': 'off' } },
];
const extra = {
  base: [],
  recommended: [{ files: ['**/*.ts', '**/*.js'], ...presign.configs.recommended }],
  all: [{ files: ['**/*.ts', '**/*.js'], ...presign.configs.all }],
  security: [{ files: ['**/*.ts', '**/*.js'], ...security.configs.recommended }],
  noop: [{ files: ['**/*.ts', '**/*.js'], plugins: { presign: doingNothing(presign) }, rules: presign.configs.recommended.rules }],
}[variant];
if (!extra) throw new Error(`unknown variant ${variant}`);

const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...base, ...extra], cache: false });
const start = performance.now();
const cpuBefore = process.cpuUsage();
const results = await eslint.lintFiles(['.']);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuBefore);
const problems = results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId?.startsWith('presign/')).length, 0);
const fatal = results.filter((r) => r.fatalErrorCount > 0).length;
// How many presign rules the variant turns on (the control's count is recommended's).
const presignRules = extra.reduce((n, config) => n + Object.keys(config.rules ?? {}).filter((id) => id.startsWith('presign/')).length, 0);
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, problems, fatal, files: results.length, presignRules }));
