/**
 * The V8 flag presign-audit's bin sets for itself (src/cli/compiler-budget.ts): on the V8 it was
 * measured on only, unless Node was given a budget of its own, and before the analyser's modules
 * load, in both forms of the bin. That it changes no finding is held by the suites that run the bin
 * on fixtures/.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilerFlagFor } from '../../src/cli/compiler-budget.js';
import { BIN, MODULE_BY_MODULE_BIN, POLICY_FIXTURES, PROJECT_ROOT, tempDir } from './run-bin.js';

/** Spies on `v8.setFlagsFromString` and on the first of the analyser's modules to load, in that order. */
const SPY = `
const v8 = require('node:v8');
const { appendFileSync } = require('node:fs');
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => { appendFileSync(process.env.SPY_LOG, 'flags ' + flags + '\\n'); set(flags); };
const inspector = require('node:inspector');
const session = new inspector.Session();
session.connect();
session.on('Debugger.scriptParsed', ({ params }) => { if (/execute|main\\.js/.test(params.url)) appendFileSync(process.env.SPY_LOG, 'loaded ' + params.url + '\\n'); });
session.post('Debugger.enable');
`;

function spiedRun(bin: string, args: string[], nodeOptions: string[] = []): { log: string[] } {
  const dir = tempDir();
  const spy = path.join(dir, 'spy.cjs');
  const log = path.join(dir, 'spy.log');
  writeFileSync(spy, SPY);
  writeFileSync(log, '');
  spawnSync(process.execPath, [...nodeOptions, '--require', spy, bin, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SPY_LOG: log } });
  return { log: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('the inlining budget of the bin', () => {
  it('is set on V8 11 (Node 20), where it was measured, and on no other V8', () => {
    expect(compilerFlagFor('11.3.244.8-node.38', [])).toBe('--max-inlined-bytecode-size-cumulative=120');
    expect(compilerFlagFor('12.4.254.21-node.33', [])).toBeNull();
    expect(compilerFlagFor('13.6.233.10-node.18', [])).toBeNull();
  });

  it('leaves a budget given on Node\'s command line as it is', () => {
    expect(compilerFlagFor('11.3.244.8-node.38', ['--max-inlined-bytecode-size-cumulative=500'])).toBeNull();
    expect(compilerFlagFor('11.3.244.8-node.38', ['--max-inlined-bytecode-size=100'])).toBe('--max-inlined-bytecode-size-cumulative=120');
    // Spawned so: the flag on Node's command line, which the bin finds in process.execArgv.
    const { log } = spiedRun(BIN, [path.join(POLICY_FIXTURES, 'signer-role/bad-wildcard-signer.json')], ['--max-inlined-bytecode-size-cumulative=500']);
    expect(log.filter((line) => line.startsWith('flags '))).toEqual([]);
    expect(log.some((line) => line.startsWith('loaded '))).toBe(true);
  });

  it.each([
    ['bundled', BIN],
    ['module by module', MODULE_BY_MODULE_BIN],
  ])('the %s bin sets it before the analyser loads, and only then', (_form, bin) => {
    const { log } = spiedRun(bin, [path.join(POLICY_FIXTURES, 'signer-role/bad-wildcard-signer.json')]);
    const expected = compilerFlagFor(process.versions.v8, []);
    const flags = log.filter((line) => line.startsWith('flags '));
    expect(flags).toEqual(expected === null ? [] : [`flags ${expected}`]);
    const firstLoad = log.findIndex((line) => line.startsWith('loaded '));
    expect(firstLoad).toBeGreaterThan(-1);
    if (expected !== null) expect(log.indexOf(`flags ${expected}`)).toBeLessThan(firstLoad);
  });
});
