/** Spawns the built bin (npm test builds dist before vitest), as a user or CI would run it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
/** package.json's bin: dist/src/cli/bin.js and what it loads, bundled by `npm run build` (scripts/bundle-bin.mjs). */
export const BIN = path.join(PROJECT_ROOT, 'dist/bin/presign-audit.js');
/** The same program module by module, as tsc builds it: where a test reads which of the package's modules a run loads. */
export const MODULE_BY_MODULE_BIN = path.join(PROJECT_ROOT, 'dist/src/cli/bin.js');
export const POLICY_FIXTURES = path.join(PROJECT_ROOT, 'fixtures/policies');

export interface BinRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(args: string[], cwd = PROJECT_ROOT): BinRun {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does) first.`);
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'presign-audit-'));
}
