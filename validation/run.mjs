#!/usr/bin/env node
/**
 * Runs the built presign-audit over the materialized validation corpus, one file per run (each
 * corpus file is an unrelated public example, so no run joins two of them), writes the findings,
 * and joins them with the judged verdicts of validation/verdicts.json.
 *
 *   npx tsc -p . && node validation/materialize.mjs && node validation/run.mjs
 *
 * Options:
 *   --corpus <dir>     the materialized corpus (default validation/corpus)
 *   --out <dir>        where the results go (default validation/out, git-ignored)
 *   --verdicts <file>  default validation/verdicts.json
 *   --spawn            start `node dist/src/cli/bin.js --format json <file>` once per file instead
 *                      of calling the same entry point (execute() of dist/src/cli/execute.js) in this
 *                      process; slower, and gives the same findings
 *   --only <substring> run the corpus files whose path contains it
 *
 * Writes to the out folder:
 *   findings.tsv    one line per finding: rule, file, line, column, kind, message
 *   findings.json   the same with each finding's verdict key
 *   summary.md      per-rule counts and precision, per-rule-and-kind counts, findings without a verdict
 *   unjudged.json   the findings without a verdict, in the format of verdicts.json (verdict: null), to judge
 *
 * A finding's verdict key is `<rule> <corpus item id>:<line>:<column>`. A verdict is
 * `{ "verdict": true | false | null, "reason": "...", "message": "<the message judged>" }`: true when
 * the finding's claim holds for that document, false when it does not, null when it is not judged
 * yet (the reason says why; the finding counts as without a verdict).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parseArgs(argv) {
  const options = { corpus: path.join(here, 'corpus'), out: path.join(here, 'out'), verdicts: path.join(here, 'verdicts.json'), spawn: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--corpus') options.corpus = path.resolve(argv[++i]);
    else if (arg === '--out') options.out = path.resolve(argv[++i]);
    else if (arg === '--verdicts') options.verdicts = path.resolve(argv[++i]);
    else if (arg === '--spawn') options.spawn = true;
    else if (arg === '--only') options.only = argv[++i];
    else if (arg === '-h' || arg === '--help') {
      console.log('Usage: node validation/run.mjs [--corpus <dir>] [--out <dir>] [--verdicts <file>] [--spawn] [--only <substring>]');
      process.exit(0);
    } else {
      console.error(`run: unknown argument ${arg}`);
      process.exit(2);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const bin = path.join(root, 'dist/src/cli/bin.js');
const executeModule = path.join(root, 'dist/src/cli/execute.js');
if (!existsSync(bin)) {
  console.error('run: dist/src/cli/bin.js is missing; build first: npx tsc -p .');
  process.exit(2);
}
const indexFile = path.join(options.corpus, 'index.json');
if (!existsSync(indexFile)) {
  console.error(`run: ${indexFile} is missing; materialize the corpus first: node validation/materialize.mjs`);
  process.exit(2);
}
const index = JSON.parse(readFileSync(indexFile, 'utf8'));
const files = Object.keys(index).filter((file) => options.only === null || file.includes(options.only)).sort();

/** presign-audit's JSON report of one file, and its exit code and standard error. */
async function auditOne(file) {
  const absolute = path.join(options.corpus, file);
  const argv = ['--format', 'json', absolute];
  if (options.spawn) {
    const result = spawnSync(process.execPath, [bin, ...argv], { cwd: options.corpus, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  const { execute } = await import(pathToFileURL(executeModule).href);
  let stdout = '';
  let stderr = '';
  const code = await execute(argv, { cwd: options.corpus, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), color: false });
  return { code, stdout, stderr };
}

const findings = [];
const problems = [];
const started = Date.now();
for (const file of files) {
  const meta = index[file];
  const { code, stdout, stderr } = await auditOne(file);
  if (code !== 0 && code !== 1) problems.push({ file, code, stderr: stderr.trim() });
  else {
    // Every run ends with its summary line on standard error (`presign-audit: 1 file read ...`): anything else is a problem.
    const other = stderr.split('\n').filter((line) => line.trim() !== '' && !/^presign-audit: \d+ files? read\b/.test(line));
    if (other.length > 0) problems.push({ file, code, stderr: other.join('\n') });
  }
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    problems.push({ file, code, stderr: `not JSON on stdout: ${stdout.slice(0, 200)}` });
    continue;
  }
  for (const result of report) {
    for (const message of result.messages) {
      const rule = message.ruleId ?? '(fatal)';
      findings.push({
        key: `${rule} ${meta.id}:${message.line ?? 0}:${message.column ?? 0}`,
        rule,
        file,
        id: meta.id,
        kind: meta.kind,
        line: message.line ?? 0,
        column: message.column ?? 0,
        severity: message.severity,
        // Messages that name a file name it by absolute path; the corpus's own folder is written
        // <corpus> so that a message (and a verdict's copy of it) reads the same on every machine.
        message: message.message.split(options.corpus + path.sep).join('<corpus>/'),
      });
    }
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const verdicts = existsSync(options.verdicts) ? JSON.parse(readFileSync(options.verdicts, 'utf8')).verdicts : {};
const current = new Map(findings.map((f) => [f.key, f]));
const duplicates = findings.length - current.size;

// Per rule: findings, judged, judged right, precision; verdicts whose finding is gone.
const rules = new Map();
const row = (rule) => {
  if (!rules.has(rule)) rules.set(rule, { findings: 0, judged: 0, right: 0, wrong: 0, goneRight: 0, goneWrong: 0 });
  return rules.get(rule);
};
const byKind = new Map();
const unjudged = [];
const drifted = [];
for (const finding of findings) {
  const r = row(finding.rule);
  r.findings++;
  const kindKey = `${finding.rule}\t${finding.kind}`;
  if (!byKind.has(kindKey)) byKind.set(kindKey, { findings: 0, judged: 0, right: 0 });
  const k = byKind.get(kindKey);
  k.findings++;
  const verdict = verdicts[finding.key];
  if (!verdict || typeof verdict.verdict !== 'boolean') {
    unjudged.push(finding);
    continue;
  }
  r.judged++;
  k.judged++;
  if (verdict.verdict) {
    r.right++;
    k.right++;
  } else r.wrong++;
  if (verdict.message !== undefined && verdict.message !== finding.message) drifted.push(finding.key);
}
const gone = [];
// With --only, the verdicts of the files not run are not "gone": they are not counted.
for (const [key, verdict] of options.only === null ? Object.entries(verdicts) : []) {
  if (current.has(key) || typeof verdict.verdict !== 'boolean') continue;
  const rule = key.slice(0, key.indexOf(' '));
  const r = row(rule);
  if (verdict.verdict) r.goneRight++;
  else r.goneWrong++;
  gone.push({ key, verdict: verdict.verdict, reason: verdict.reason });
}

const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
const ruleNames = [...rules.keys()].sort();
const total = { findings: 0, judged: 0, right: 0, wrong: 0, goneRight: 0, goneWrong: 0 };
for (const r of rules.values()) for (const k of Object.keys(total)) total[k] += r[k];
const lines = [];
lines.push(`# presign-audit on the validation corpus`, '');
lines.push(`${files.length} files, ${findings.length} findings, ${seconds} s (${options.spawn ? 'one process per file' : 'in-process execute() per file'}).`, '');
lines.push('| rule | findings | judged | right | wrong | precision (right / judged) | verdicts whose finding is gone: true (lost) / false (fixed) |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const rule of ruleNames) {
  const r = rules.get(rule);
  lines.push(`| ${rule} | ${r.findings} | ${r.judged} | ${r.right} | ${r.wrong} | ${pct(r.right, r.judged)} | ${r.goneRight} / ${r.goneWrong} |`);
}
lines.push(`| all | ${total.findings} | ${total.judged} | ${total.right} | ${total.wrong} | ${pct(total.right, total.judged)} | ${total.goneRight} / ${total.goneWrong} |`, '');
lines.push('## By rule and document kind', '');
lines.push('| rule | kind | findings | judged | right | precision |');
lines.push('| --- | --- | ---: | ---: | ---: | ---: |');
for (const [key, k] of [...byKind].sort()) {
  const [rule, kind] = key.split('\t');
  lines.push(`| ${rule} | ${kind} | ${k.findings} | ${k.judged} | ${k.right} | ${pct(k.right, k.judged)} |`);
}
lines.push('');
if (duplicates > 0) lines.push(`${duplicates} findings share a verdict key with another (same rule and position); one verdict judges them all.`, '');
if (drifted.length > 0) lines.push(`## Judged findings whose message changed since the verdict (${drifted.length})`, '', ...drifted.map((key) => `- ${key}`), '');
if (gone.length > 0) lines.push(`## Verdicts whose finding is gone (${gone.length})`, '', ...gone.map((g) => `- ${g.verdict ? 'TRUE finding lost' : 'false finding gone'}: ${g.key} (${g.reason})`), '');
if (problems.length > 0) lines.push(`## Runs with exit code 2 or standard error (${problems.length})`, '', ...problems.map((p) => `- ${p.file}: exit ${p.code}: ${p.stderr.replace(/\s+/g, ' ').slice(0, 300)}`), '');
lines.push(`## Findings without a verdict (${unjudged.length})`, '', ...unjudged.map((f) => `- ${f.key} [${f.kind}] ${f.message}${verdicts[f.key]?.reason ? ` (${verdicts[f.key].reason})` : ''}`), '');

mkdirSync(options.out, { recursive: true });
const tsv = (value) => String(value).replace(/[\t\n\r]+/g, ' ');
writeFileSync(path.join(options.out, 'findings.tsv'), ['rule\tfile\tline\tcolumn\tkind\tmessage', ...findings.map((f) => [f.rule, f.file, f.line, f.column, f.kind, tsv(f.message)].join('\t'))].join('\n') + '\n');
writeFileSync(path.join(options.out, 'findings.json'), `${JSON.stringify(findings, null, 1)}\n`);
writeFileSync(path.join(options.out, 'summary.md'), lines.join('\n'));
writeFileSync(path.join(options.out, 'unjudged.json'), `${JSON.stringify({ format: 1, verdicts: Object.fromEntries(unjudged.map((f) => [f.key, { verdict: null, reason: '', message: f.message }])) }, null, 1)}\n`);

// The console gets the tables; the lists are in summary.md.
const cut = lines.findIndex((line) => line.startsWith('## By rule'));
console.log(lines.slice(0, cut).join('\n'));
console.log(`unjudged: ${unjudged.length}; gone: ${gone.length}; runs with problems: ${problems.length}; details in ${path.relative(process.cwd(), path.join(options.out, 'summary.md'))}`);
