/**
 * One Terraform throughput measurement in its own process: `node terraform-run.mjs <mode> <files.json>`
 * prints {"ms", "count", "findings"}. Modes: `audit` (presign-audit's path for .tf files: each
 * directory read as a module with its local modules, the recommended rules, the set-level join) and
 * `parse` (read each file and parse it with the same tree-sitter HCL grammar, nothing else: the
 * floor). Both warm up on the first modules, so the figure is the steady rate, not loading.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const [mode, listFile] = process.argv.slice(2);
const files = JSON.parse(readFileSync(listFile, 'utf8'));
/** The root modules' files (what a user names); their local modules are read through the calls. */
const roots = files.filter((f) => !f.includes(`${path.sep}modules${path.sep}`));

let run;
if (mode === 'audit') {
  // The V8 setting the CLI's bin makes before it loads the analyser (src/cli/compiler-budget.ts).
  (await import(path.join(ROOT, 'dist/src/cli/compiler-budget.js'))).budgetCompilerForShortRuns();
  const { audit } = await import(path.join(ROOT, 'dist/src/engine/audit.js'));
  const { resolveConfig } = await import(path.join(ROOT, 'dist/src/cli/config.js'));
  const config = resolveConfig({}, null);
  run = async (list) => (await audit(list, config, new Set(list), ROOT)).results.reduce((n, r) => n + r.messages.length, 0);
} else if (mode === 'parse') {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { Parser, Language } = require('@vscode/tree-sitter-wasm');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));
  run = async (list) => {
    for (const file of list) parser.parse(readFileSync(file, 'utf8')).delete();
    return 0;
  };
} else {
  throw new Error(`unknown mode ${mode}`);
}

// Every file of a module is parsed by either mode: the audit reads the local module through its call.
const list = mode === 'audit' ? roots : files;
const warmUp = mode === 'audit' ? roots.slice(0, 40) : files.slice(0, 50);
await run(warmUp);
const start = performance.now();
const findings = await run(list);
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, count: files.length, findings }));
