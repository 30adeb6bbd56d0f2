/**
 * presign-audit never opens a connection, never starts a process and never executes what it reads.
 * The built bin audits fixtures/ (code and policies) three ways, and each run must report exactly
 * what an unrestricted run reports:
 * - with every networking function replaced by one that records and throws (a preloaded module),
 *   inside Node's permission model with no child processes or workers allowed and writes only to a
 *   temporary directory;
 * - in a fresh network namespace without any interface (`unshare -n`), where that is possible.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, PROJECT_ROOT, tempDir } from '../cli/run-bin.js';

const PRELOAD = path.join(import.meta.dirname, 'no-network.preload.mjs');

function runAsync(command: string, args: string[], env: Record<string, string> = {}, cwd = PROJECT_ROOT): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The report without the ExperimentalWarning the permission model prints to stderr. */
const report = (run: { stdout: string }) => JSON.parse(run.stdout) as { filePath: string; messages: unknown[] }[];

const unshareWorks = spawnSync('unshare', ['-n', 'true']).status === 0;

/**
 * Each of these tests runs presign-audit over all of fixtures/ (TypeScript programs included) beside
 * the plain run: a minute on an idle 2-core machine, several on a shared one. A bound, not a timing.
 */
const WHOLE_FIXTURE_RUNS = 300_000;

/** The unrestricted run both offline runs are held against: started once, awaited by each. */
let plainRun: ReturnType<typeof runAsync> | undefined;
const plainFixturesRun = () => (plainRun ??= runAsync(process.execPath, [BIN, '--format', 'json', 'fixtures']));

describe('presign-audit offline', () => {
  it('audits fixtures/ with networking replaced by traps, in the permission model without child processes: same findings, no attempt', async () => {
    const out = tempDir();
    const log = path.join(out, 'network.json');
    const args = ['--format', 'json', 'fixtures'];
    const [plain, locked] = await Promise.all([
      plainFixturesRun(),
      runAsync(process.execPath, ['--experimental-permission', '--allow-fs-read=*', `--allow-fs-write=${out}`, '--import', PRELOAD, BIN, ...args], { PRESIGN_NETWORK_LOG: log }),
    ]);
    // 1, or 2 while fixtures/ holds a file that is broken on purpose.
    expect([1, 2]).toContain(plain.status);
    const findings = report(plain);
    expect(findings.some((r) => r.filePath.endsWith('.ts')) && findings.some((r) => r.filePath.endsWith('.json'))).toBe(true);
    expect(locked.stderr.replace(/^\(node:\d+\) ExperimentalWarning: Permission is an experimental feature.*\n.*--trace-warnings.*\n/, '')).toMatch(/^presign-audit: \d+ files read \([^)]*\): [^\n]*\.\n$/);
    expect(locked.status).toBe(plain.status);
    expect(report(locked)).toEqual(findings);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual([]);
    // Nothing but the log was written.
    expect(readdirSync(out)).toEqual(['network.json']);
  }, WHOLE_FIXTURE_RUNS);

  it.skipIf(!unshareWorks)('audits fixtures/ in a network namespace with no interface (unshare -n): same findings', async () => {
    const [plain, isolated] = await Promise.all([plainFixturesRun(), runAsync('unshare', ['-n', process.execPath, BIN, '--format', 'json', 'fixtures'])]);
    // Only the summary line: no warning, no note.
    expect(isolated.stderr).toMatch(/^presign-audit: \d+ files? read \([^)]*\): [^\n]*\.\n$/);
    expect(isolated.status).toBe(plain.status);
    expect(report(isolated)).toEqual(report(plain));
  }, WHOLE_FIXTURE_RUNS);

  it('never executes the code it reads', async () => {
    const dir = tempDir();
    const marker = path.join(dir, 'executed');
    const write = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'yes')`;
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', scripts: { preinstall: write, prepare: write }, main: 'src/index.js' }));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowJs: true, plugins: [{ name: './src/index.js' }] }, include: ['src'] }));
    writeFileSync(path.join(dir, 'src/index.js'), `${write};\nmodule.exports = () => { ${write} };\n`);
    writeFileSync(path.join(dir, 'src/side-effects.ts'), `declare const require: any;\n${write};\nexport default ${write};\n`);
    writeFileSync(path.join(dir, 'eslint.config.js'), `${write};\nexport default [];\n`);
    writeFileSync(path.join(dir, 'presign-audit.config.json'), JSON.stringify({ preset: 'all' }));
    const run = await runAsync(process.execPath, [BIN, '--format', 'json', '.'], {}, dir);
    // Only the summary line: no warning, no note.
    expect(run.stderr).toMatch(/^presign-audit: \d+ files? read \([^)]*\): [^\n]*\.\n$/);
    expect(run.status).toBe(0);
    expect(report(run).map((r) => path.relative(dir, r.filePath)).sort()).toEqual(['eslint.config.js', path.join('src', 'index.js'), path.join('src', 'side-effects.ts')]);
    expect(existsSync(marker)).toBe(false);
  });
});
