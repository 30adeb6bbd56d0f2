/**
 * presign-audit's own stdout and stderr (src/cli/output.ts): written to the descriptor, whole and
 * in order, without Node's stream modules for a pipe; quiet when the reader goes away. Run in child
 * processes on the built module, as the bin uses it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './run-bin.js';

const OUTPUT = path.join(PROJECT_ROOT, 'dist/src/cli/output.js');

function child(script: string, input?: { stdio?: ('pipe' | 'ignore')[] }) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', `import { descriptorWriter, isTerminal } from ${JSON.stringify(OUTPUT)};\n${script}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(input?.stdio ? { stdio: input.stdio } : {}),
  });
}

describe('descriptorWriter', () => {
  it('writes large reports whole and in order to a pipe, and loads no stream module for it', () => {
    const run = child(`
      const out = descriptorWriter(1);
      const line = 'x'.repeat(999) + '\\n';
      for (let i = 0; i < 3000; i++) out(i + ':' + line);
      descriptorWriter(2)(JSON.stringify({ terminal: isTerminal(1), net: process.moduleLoadList.includes('NativeModule net') }));
    `);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3000);
    expect(lines.every((l, i) => l.startsWith(`${i}:`) && l.length === String(i).length + 1 + 999)).toBe(true);
    expect(JSON.parse(run.stderr)).toEqual({ terminal: false, net: false });
  });

  it('stops quietly when the reader has gone (a closed pipe), and the process ends normally', () => {
    // `node -e ... | head -c 1`, without a shell: the reading end closed before the writing.
    const run = spawnSync('sh', ['-c', `"${process.execPath}" --input-type=module -e 'import { descriptorWriter } from ${JSON.stringify(OUTPUT)}; const out = descriptorWriter(1); for (let i = 0; i < 2000; i++) out("y".repeat(1000) + "\\\\n"); process.stderr.write("done")' | head -c 1 >/dev/null`], { encoding: 'utf8' });
    // The shell's status is head's; the writer's process got past its writes only if EPIPE ended them quietly.
    expect(run.stderr).toBe('done');
  });

  it('tells a file or a pipe from a terminal', () => {
    const run = child(`process.stderr.write(String(isTerminal(1)) + String(isTerminal(2)));`, { stdio: ['ignore', 'ignore', 'pipe'] });
    // stdout to /dev/null: a character device, and still no terminal.
    expect(run.stderr).toBe('falsefalse');
  });
});
