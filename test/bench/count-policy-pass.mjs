/**
 * One first pass of presign-audit's policy path, for counting instructions rather than timing them.
 * docs/performance.md ("Rule by rule, in instructions" and "The whole first pass, step by step")
 * quotes counts made this way. Needs `npm run build` first.
 *
 *   node test/bench/count-policy-pass.mjs write <dir>
 *     writes the bench's 5,000 generated policies (test/bench/policy-corpus.mjs) and <dir>/list.json
 *   node test/bench/count-policy-pass.mjs count <dir> <all|none|rule name> [skip]
 *     warms up on the first 50 files, then audits every file of <dir>/list.json (or every .json
 *     file under <dir>, sorted: the managed policies) with the recommended rules, none of them,
 *     or one alone; `skip` stops after the warm-up
 *
 * The pass's count is the process's less the same process with `skip`, both run from the same
 * working folder (messages quote paths from it):
 *
 *   valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
 *     node --single-threaded --hash-seed=1 --random-seed=1 test/bench/count-policy-pass.mjs count <dir> all
 *
 * `--single-threaded` puts V8's compiling on the main thread, so it is counted; the fixed seeds make
 * repeat runs agree within about 0.05%. Two versions of the code differ by more than that when
 * their pass does: a change moves when the garbage collector and the compiler run, and differences
 * under about 150 million instructions did not always repeat.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatePolicy } from './policy-corpus.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const [command, dir, rules, skip] = process.argv.slice(2);

if (command === 'write') {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < 5000; i++) {
    const file = path.resolve(dir, `policy-${i}.json`);
    writeFileSync(file, generatePolicy(i));
    files.push(file);
  }
  writeFileSync(path.join(dir, 'list.json'), JSON.stringify(files));
} else if (command === 'count') {
  const listFile = path.join(dir, 'list.json');
  const jsonFiles = (folder) =>
    readdirSync(folder, { withFileTypes: true })
      .flatMap((entry) => (entry.isDirectory() ? jsonFiles(path.join(folder, entry.name)) : entry.name.endsWith('.json') ? [path.resolve(folder, entry.name)] : []))
      .sort();
  const files = existsSync(listFile) ? JSON.parse(readFileSync(listFile, 'utf8')) : jsonFiles(dir);
  // The V8 setting the CLI's bin makes before it loads the analyser (src/cli/compiler-budget.ts).
  (await import(path.join(ROOT, 'dist/src/cli/compiler-budget.js'))).budgetCompilerForShortRuns();
  const { auditPolicies } = await import(path.join(ROOT, 'dist/src/engine/policies.js'));
  const { resolveConfig } = await import(path.join(ROOT, 'dist/src/cli/config.js'));
  const { RULES } = await import(path.join(ROOT, 'dist/rules/index.js'));
  if (rules !== 'all' && rules !== 'none' && !RULES.some((rule) => rule.name === rules)) throw new Error(`no rule named ${rules}`);
  const off = Object.fromEntries(RULES.filter((rule) => rules !== 'all' && rule.name !== rules).map((rule) => [`presign/${rule.name}`, 'off']));
  const config = resolveConfig({ rules: off }, null);
  const findings = (list) => auditPolicies(list, config).results.reduce((n, result) => n + result.messages.length, 0);
  findings(files.slice(0, 50));
  if (skip !== 'skip') console.log(`${files.length} files, ${findings(files)} messages`);
} else {
  throw new Error('usage: count-policy-pass.mjs write <dir> | count <dir> <all|none|rule> [skip]');
}
