/**
 * `npm run bench`: measures the plugin and the CLI beside what users already run, and writes the
 * figures to BENCHMARKS.md. Every figure is a ratio measured in this one run, on this machine;
 * absolute times are printed for context only. Speed targets live here, never in timed tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCodeCorpus } from './code-corpus.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function node(script, args, env = {}) {
  const out = execFileSync(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  return out;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (n, digits = 2) => n.toFixed(digits);

function eslintSection(dir, corpus) {
  const variants = ['base', 'recommended', 'all', 'security'];
  const runs = Object.fromEntries(variants.map((v) => [v, []]));
  // Interleaved rounds, so a slow moment of the machine hits every variant alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of variants) {
      const result = JSON.parse(node('test/bench/eslint-run.mjs', [variant, dir]).trim().split('\n').pop());
      if (result.fatal > 0) throw new Error(`${variant}: ${result.fatal} files failed to parse`);
      runs[variant].push(result);
      console.error(`eslint ${variant} round ${round + 1}: ${fmt(result.ms, 0)} ms, ${fmt(result.maxRssMb, 0)} MB`);
    }
  }
  const ms = Object.fromEntries(variants.map((v) => [v, median(runs[v].map((r) => r.ms))]));
  const rss = Object.fromEntries(variants.map((v) => [v, median(runs[v].map((r) => r.maxRssMb))]));
  const timing = node('test/bench/eslint-run.mjs', ['all', dir], { TIMING: 'all' });
  const ruleRows = timing
    .split('\n')
    .filter((line) => line.startsWith('presign/'))
    .map((line) => line.split('|').map((c) => c.trim()));
  const overhead = (v) => ms[v] / ms.base - 1;
  const rows = variants.map(
    (v) => `| ${v === 'base' ? 'base (@eslint/js recommended + typescript-eslint parser)' : `base + ${v === 'security' ? 'eslint-plugin-security recommended' : `presign.configs.${v}`}`} | ${fmt(ms[v] / ms.base, 3)} | ${v === 'base' ? '' : `${fmt(overhead(v) * 100, 1)}%`} | ${fmt(rss[v] / rss.base, 2)} | ${fmt(ms[v], 0)} ms, ${fmt(rss[v], 0)} MB |`,
  );
  const targets = [
    `- \`recommended\` overhead at most 3% of the base run: ${overhead('recommended') <= 0.03 ? 'met' : 'missed'} (${fmt(overhead('recommended') * 100, 1)}%).`,
    `- \`recommended\` overhead below eslint-plugin-security's: ${overhead('recommended') < overhead('security') ? 'met' : 'missed'} (${fmt(overhead('recommended') * 100, 1)}% vs ${fmt(overhead('security') * 100, 1)}%).`,
  ];
  return `## ESLint overhead

Corpus: ${corpus.files} generated JS/TS files of a Node service (routes, services, utilities; ${corpus.presigning} of them, ${fmt((corpus.presigning / corpus.files) * 100, 1)}%, sign S3 URLs), \`test/bench/code-corpus.mjs\`, seed 42.
Each variant is a separate \`node test/bench/eslint-run.mjs <variant> <dir>\` process; median of ${ROUNDS} interleaved rounds.

| configuration | time ratio to base | overhead | peak memory ratio | median (context only) |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

${targets.join('\n')}

Per-rule times with \`TIMING=all\` (one run of \`all\`; the first presign rule listed pays for the per-file site analysis that all presign rules share):

| rule | time (ms) | share of all rule time |
| --- | --- | --- |
${ruleRows.map(([name, t, rel]) => `| ${name} | ${t} | ${rel} |`).join('\n')}
`;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'presign-bench-'));
try {
  const corpus = generateCodeCorpus(path.join(dir, 'code'));
  const sections = [eslintSection(path.join(dir, 'code'), corpus)];
  const header = `# Benchmarks

Written by \`npm run bench\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores). Every figure is a
ratio of two measurements taken in the same run on the same machine; absolute times are shown only
for context, since these machines are shared and noisy. Reproduce with \`npm ci && npm run bench\`
(\`BENCH_ROUNDS=5\` for more rounds).
`;
  writeFileSync(path.join(root, 'BENCHMARKS.md'), [header, ...sections].join('\n'));
  console.error('wrote BENCHMARKS.md');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
