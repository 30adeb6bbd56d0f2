/** --baseline: written when absent, applied when present, stable across line moves, stale entries noted. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/results.js';
import { audit, BAD_POLICY, scratch } from './helpers.js';

const TWO_BAD = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'A', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' },
      { Sid: 'B', Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:s3:::b/*' },
    ],
  },
  null,
  2,
);

const results = (stdout: string) => JSON.parse(stdout) as FileResult[];

describe('presign-audit --baseline', () => {
  it('writes the baseline when absent, then accepts its findings; lines moved keep them accepted; a new finding is reported', async () => {
    const dir = scratch({ 'policies/role.json': BAD_POLICY });
    const first = await audit(['--format', 'json', '--baseline', '.presign-baseline.json', 'policies'], dir);
    expect(first.exit).toBe(0);
    expect(first.stderr).toContain('wrote the baseline .presign-baseline.json with 1 findings');
    const written = JSON.parse(readFileSync(path.join(dir, '.presign-baseline.json'), 'utf8')) as { version: number; findings: { file: string; rule: string; count: number }[] };
    expect(written.version).toBe(1);
    expect(written.findings).toEqual([expect.objectContaining({ file: 'policies/role.json', rule: 'presign/signer-wildcard-action', count: 1 })]);
    expect(results(first.stdout)[0]!.suppressedMessages).toEqual([expect.objectContaining({ ruleId: 'presign/signer-wildcard-action', suppressions: [{ kind: 'external', justification: 'accepted in the baseline .presign-baseline.json' }] })]);

    // Lines added above the finding: still accepted.
    writeFileSync(path.join(dir, 'policies/role.json'), `\n\n\n${BAD_POLICY.replace('"Version"', '"Id": "moved",\n  "Version"')}`);
    const moved = await audit(['--format', 'json', '--baseline', '.presign-baseline.json', 'policies'], dir);
    expect(moved.exit).toBe(0);
    expect(results(moved.stdout)[0]!.messages).toEqual([]);
    expect(moved.stderr).not.toContain('no longer');

    // A second, different finding in the same file is not accepted.
    writeFileSync(path.join(dir, 'policies/role.json'), TWO_BAD);
    const added = await audit(['--format', 'json', '--baseline', '.presign-baseline.json', 'policies'], dir);
    expect(added.exit).toBe(1);
    expect(results(added.stdout)[0]!.messages.map((m) => m.line)).toEqual([13]);
    expect(results(added.stdout)[0]!.suppressedMessages).toHaveLength(1);
  });

  it('notes the entries that no longer match without failing, and --update-baseline drops them', async () => {
    const dir = scratch({ 'role.json': TWO_BAD });
    await audit(['--baseline', 'base.json', 'role.json'], dir);
    writeFileSync(path.join(dir, 'role.json'), BAD_POLICY);
    const fixed = await audit(['--baseline', 'base.json', 'role.json'], dir);
    expect(fixed.exit).toBe(0);
    expect(fixed.stderr).toMatch(/note: 1 finding of the baseline no longer occurs \(fixed, or the flagged text changed\): role\.json presign\/signer-wildcard-action\. Run with --update-baseline to drop it\./);
    const updated = await audit(['--baseline', 'base.json', '--update-baseline', 'role.json'], dir);
    expect(updated.exit).toBe(0);
    expect((JSON.parse(readFileSync(path.join(dir, 'base.json'), 'utf8')) as { findings: unknown[] }).findings).toHaveLength(1);
    const clean = await audit(['--baseline', 'base.json', 'role.json'], dir);
    expect(clean.stderr).not.toContain('no longer');
    expect(clean.stderr).toContain('1 suppressed');
  });

  it('two copies of an accepted finding: the second is reported', async () => {
    const dir = scratch({ 'a.json': BAD_POLICY });
    await audit(['--baseline', 'base.json', 'a.json'], dir);
    const [statement] = (JSON.parse(BAD_POLICY) as { Statement: unknown[] }).Statement;
    const twice = JSON.stringify({ Version: '2012-10-17', Statement: [statement, statement] }, null, 2);
    writeFileSync(path.join(dir, 'a.json'), twice);
    const run = await audit(['--format', 'json', '--baseline', 'base.json', 'a.json'], dir);
    expect(run.exit).toBe(1);
    // The copy repeats the Sid (a presign/valid-policy error of its own); of the two equal findings, one is accepted.
    expect(results(run.stdout)[0]!.messages.filter((m) => m.ruleId === 'presign/signer-wildcard-action').map((m) => m.line)).toEqual([13]);
  });

  it('a broken baseline or --update-baseline without --baseline is a usage error', async () => {
    const dir = scratch({ 'a.json': BAD_POLICY, 'base.json': '{"findings": 3}' });
    const broken = await audit(['--baseline', 'base.json', 'a.json'], dir);
    expect(broken.exit).toBe(2);
    expect(broken.stderr).toMatch(/the baseline .*base\.json is not a presign-audit baseline/);
    expect((await audit(['--update-baseline', 'a.json'], dir)).stderr).toContain('--update-baseline needs --baseline <file>.');
  });
});
