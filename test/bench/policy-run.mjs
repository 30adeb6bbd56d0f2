/**
 * One throughput measurement, in its own process so that its peak memory is its own:
 * `node policy-run.mjs <mode> <files.json>` prints {"ms", "maxRssMb", "count", "findings"}.
 * Modes: `audit` (presign-audit's in-process path: read, parse, analyse with the recommended rules,
 * join the set-level rules over all files) and `parse` (read + JSON.parse, or the `yaml` package
 * for .yaml: the floor any analyser pays). Both warm up on the first files first, so the figure is
 * the steady rate, not module loading (which the startup figures measure). `again`: a second pass
 * over the same files in the same process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const [mode, listFile] = process.argv.slice(2);
const files = JSON.parse(readFileSync(listFile, 'utf8'));

let run;
if (mode === 'audit') {
  // The V8 setting the CLI's bin makes before it loads the analyser (src/cli/compiler-budget.ts).
  (await import(path.join(ROOT, 'dist/src/cli/compiler-budget.js'))).budgetCompilerForShortRuns();
  const { auditPolicies } = await import(path.join(ROOT, 'dist/src/engine/policies.js'));
  const { resolveConfig } = await import(path.join(ROOT, 'dist/src/cli/config.js'));
  const config = resolveConfig({}, null);
  run = (list) => auditPolicies(list, config).results.reduce((n, r) => n + r.messages.length, 0);
} else if (mode === 'parse') {
  const { parse: parseYaml } = await import('yaml');
  run = (list) => {
    for (const file of list) {
      const text = readFileSync(file, 'utf8');
      if (file.endsWith('.yaml')) parseYaml(text, { logLevel: 'silent' });
      else JSON.parse(text);
    }
    return 0;
  };
} else {
  throw new Error(`unknown mode ${mode}`);
}

run(files.slice(0, 50));
const start = performance.now();
const findings = run(files);
const ms = performance.now() - start;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
// The same files again in the same process: the code optimised and the per-text answers remembered.
// Context for the figure above (how much of it is the first pass's compiling), never the target.
const againStart = performance.now();
run(files);
const again = performance.now() - againStart;
console.log(JSON.stringify({ ms, again, maxRssMb, count: files.length, findings }));
