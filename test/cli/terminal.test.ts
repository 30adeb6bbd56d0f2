/** On a terminal: progress, summary, colour; --list-rules, --print-config, --format github. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { colorFromEnvironment, terminalProgress } from '../../src/cli/terminal.js';
import { audit, BAD_POLICY, GOOD_POLICY, scratch } from './helpers.js';
import { BIN, PROJECT_ROOT } from './run-bin.js';

const scriptWorks = spawnSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;
// Said on stderr, so that a machine without util-linux's script does not pass the pseudo-terminal test silently.
if (!scriptWorks) process.stderr.write('terminal.test.ts: `script` (util-linux) is missing: the pseudo-terminal test is skipped.\n');

describe('on a terminal', () => {
  it('progress: nothing in the first second, then the step redrawn in place at most every 100 ms, erased at the end', () => {
    let clock = 0;
    let written = '';
    const progress = terminalProgress((text) => (written += text), () => clock);
    progress.listener('reading policies and templates', 0, 3);
    clock = 900;
    progress.listener('reading policies and templates', 1, 3);
    expect(written).toBe('');
    clock = 1500;
    progress.listener('reading policies and templates', 2, 3);
    clock = 1550;
    progress.listener('reading policies and templates', 3, 3);
    clock = 1560;
    progress.listener('linting JS/TS', 0, 10);
    progress.end();
    expect(written.split('\r')).toEqual(['', '\x1b[Kpresign-audit: reading policies and templates 2/3 (2 s)', '\x1b[Kpresign-audit: linting JS/TS 0/10 (2 s)', '\x1b[K']);
  });

  it.skipIf(!scriptWorks)('under a pseudo-terminal (script): the progress line on stderr on a run longer than a second, and the summary line', () => {
    const started = Date.now();
    const run = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" fixtures/code fixtures/policies`, '/dev/null'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const elapsed = Date.now() - started;
    expect(run.stdout).toMatch(/presign-audit: \d+ files read \(\d+ JS\/TS, \d+ policies and templates\): \d+ problems \(\d+ errors, \d+ warnings?\)\./);
    // The run's length depends on the machine: a progress line is asserted only when it surely lasted over a second.
    // eslint-disable-next-line no-control-regex -- the erase-line sequence is what is asserted
    const progress = /\r\x1b\[Kpresign-audit: (loading the TypeScript reader|building the TypeScript program|linting JS\/TS \d+\/\d+|reading policies and templates \d+\/\d+) \(\d+ s\)/;
    if (elapsed > 2500) expect(run.stdout).toMatch(progress);
    if (elapsed < 1000) expect(run.stdout).not.toMatch(progress);
  });

  it('colour: NO_COLOR wins over FORCE_COLOR, FORCE_COLOR=0 turns it off, a dumb terminal has none; --color and --no-color override', async () => {
    expect(colorFromEnvironment({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorFromEnvironment({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorFromEnvironment({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorFromEnvironment({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorFromEnvironment({}, true)).toBe(true);
    expect(colorFromEnvironment({}, false)).toBe(false);
    const dir = scratch({ 'a.json': BAD_POLICY });
    expect((await audit(['--color', 'a.json'], dir)).stdout).toContain('\x1b[31m');
    expect((await audit(['--no-color', 'a.json'], dir, { color: true })).stdout).not.toContain('\x1b[');
  });

  it('a summary line for every run, also a clean one', async () => {
    const dir = scratch({ 'policies/a.json': GOOD_POLICY, 'policies/b.json': GOOD_POLICY, 'README.md': '# x\n' });
    const run = await audit(['.'], dir);
    expect(run).toEqual({ exit: 0, stdout: '', stderr: 'presign-audit: 2 files read (2 policies and templates): no problems.\n' });
  });
});

describe('--list-rules, --print-config, --format github', () => {
  it('--list-rules: every rule with its level in the config', async () => {
    const dir = scratch({ 'presign-audit.config.json': JSON.stringify({ rules: { 'presign/max-expiry': 'warn', 'presign/public-principal': 'off' } }) });
    const run = await audit(['--list-rules'], dir);
    expect(run.exit).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(RULES.length);
    expect(lines.find((l) => l.startsWith('presign/max-expiry '))).toMatch(/^presign\/max-expiry\s+warn\s+code\s+\S/);
    expect(lines.find((l) => l.startsWith('presign/public-principal '))).toMatch(/\soff\s+policy\s/);
  });

  it('--print-config: the rules for the file\'s kind, its ignores and suppressions', async () => {
    const config = {
      ignores: ['generated/'],
      rules: { 'presign/max-expiry': ['error', { maxSeconds: 600 }] },
      documentKinds: { 'trust/*.json': 'trust' },
      suppressions: [{ files: 'trust/*.json', rules: ['presign/public-trust'], reason: 'federated partner' }],
    };
    const dir = scratch({ 'presign-audit.config.json': JSON.stringify(config) });
    const code = JSON.parse((await audit(['--print-config', 'src/links.ts'], dir)).stdout) as { reader: string; rules: Record<string, unknown> };
    expect(code.reader).toBe('javascript');
    expect(code.rules['presign/max-expiry']).toEqual(['error', { maxSeconds: 600 }]);
    expect(Object.keys(code.rules).every((id) => RULES.find((r) => `presign/${r.name}` === id)!.subject.startsWith('site'))).toBe(true);
    const trust = JSON.parse((await audit(['--print-config', 'trust/role.json'], dir)).stdout) as { settings: { documentKind: string }; suppressions: unknown[]; ignored: boolean };
    expect(trust.settings.documentKind).toBe('trust');
    expect(trust.suppressions).toEqual([config.suppressions[0]]);
    expect(trust.ignored).toBe(false);
    expect((JSON.parse((await audit(['--print-config', 'generated/x.json'], dir)).stdout) as { ignored: boolean }).ignored).toBe(true);
  });

  it('--format github: one workflow command per finding, with the toolkit\'s escaping', async () => {
    const dir = scratch({ 'dir,with:odd/a.json': BAD_POLICY });
    const run = await audit(['--format', 'github', '.'], dir);
    const [line, ...rest] = run.stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(line).toMatch(/^::error file=dir%2Cwith%3Aodd\/a\.json,line=7,endLine=7,col=\d+,endColumn=\d+,title=presign\/signer-wildcard-action::"s3:\*" grants the URL signer/);
  });
});
