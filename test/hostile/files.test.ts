/**
 * Hostile files on disk: a symlink loop, an unreadable file, binary files, a file that disappears
 * between listing and reading, paths with spaces and non-ASCII letters. Each bad file is reported
 * with a located, fatal message, the others are still audited, and the exit code is 2.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/cli/discover.js';
import { execute, type CliIo } from '../../src/cli/execute.js';
import type { FileResult } from '../../src/core/results.js';
import { BIN, tempDir } from '../cli/run-bin.js';

const PUBLIC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const EXPIRY = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
export const url = (key: string) => getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: 1209600 });
`;
/** The first bytes of a PNG image: its signature and the start of the IHDR chunk. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);

async function run(args: string[], cwd: string, discover?: CliIo['discover']) {
  let stdout = '';
  let stderr = '';
  const exit = await execute(['--format', 'json', ...args], { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false, ...(discover ? { discover } : {}) });
  return { exit, stderr, results: JSON.parse(stdout) as FileResult[] };
}

const byName = (results: FileResult[], dir: string) => new Map(results.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}${m.fatal ? ' (fatal)' : ''}`)]));

describe('hostile files', () => {
  it('a symlink loop ends, and each file behind it is audited once', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    writeFileSync(path.join(dir, 'a/b/public.json'), PUBLIC);
    symlinkSync('../..', path.join(dir, 'a/b/up'));
    symlinkSync('loop-2', path.join(dir, 'loop-1.json'));
    symlinkSync('loop-1.json', path.join(dir, 'loop-2'));
    const { exit, results } = await run(['.'], dir);
    const names = [...byName(results, dir).keys()];
    expect(names.filter((n) => n.endsWith('public.json'))).toEqual([path.join('a', 'b', 'public.json')]);
    // A link to itself cannot be read: reported, so the run says its input was not all read.
    expect(byName(results, dir).get('loop-1.json') ?? ['(not listed)']).toEqual(expect.arrayContaining([expect.stringMatching(/presign-audit\/unreadable \(fatal\)|not listed/)]));
    expect(exit).toBe(names.includes('loop-1.json') ? 2 : 1);
  });

  it('binary files, a file gone before it is read, and odd names: each reported, the rest audited, exit 2', async () => {
    const dir = tempDir();
    const odd = 'dir with spaces/политика ü 🚀.json';
    mkdirSync(path.join(dir, 'dir with spaces'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, odd), PUBLIC);
    writeFileSync(path.join(dir, 'image.json'), PNG);
    writeFileSync(path.join(dir, 'src/nul.ts'), `export const a = 1;\n\0\0\0const b = 2;\n`);
    writeFileSync(path.join(dir, 'src/expiry.ts'), EXPIRY);
    writeFileSync(path.join(dir, 'src/syntax.ts'), 'export const x = {;\n');
    writeFileSync(path.join(dir, 'gone.json'), PUBLIC);
    writeFileSync(path.join(dir, 'src/gone.ts'), EXPIRY);
    // Listed, then deleted before the CLI reads them.
    const vanishing: CliIo['discover'] = async (patterns, cwd) => {
      const found = await discoverFiles(patterns, cwd);
      unlinkSync(path.join(dir, 'gone.json'));
      unlinkSync(path.join(dir, 'src/gone.ts'));
      return found;
    };
    const { exit, results } = await run(['.'], dir, vanishing);
    expect(exit).toBe(2);
    const found = byName(results, dir);
    expect(found.get(odd)).toEqual(['1:68 presign/public-principal']);
    // The PNG signature's line break puts its first NUL byte on line 3.
    expect(found.get('image.json')).toEqual(['3:1 presign-audit/not-text (fatal)']);
    expect(results.find((r) => r.filePath.endsWith('image.json'))!.messages[0]!.message).toMatch(/^A NUL byte at 3:1: this is a binary file/);
    // Columns from 1, also for parse errors (typescript-eslint counts them from 0): SARIF needs it.
    expect(found.get(path.join('src', 'nul.ts'))).toEqual(['2:1 presign-audit/parse-error (fatal)']);
    expect(found.get(path.join('src', 'syntax.ts'))).toEqual(['1:19 presign-audit/parse-error (fatal)']);
    expect(found.get(path.join('src', 'expiry.ts'))).toEqual([expect.stringMatching(/^3:\d+ presign\/max-expiry$/)]);
    expect(found.get('gone.json')).toEqual(['1:1 presign-audit/unreadable (fatal)']);
    expect(found.get(path.join('src', 'gone.ts'))).toEqual(['1:1 presign-audit/unreadable (fatal)']);
    const gone = results.find((r) => r.filePath.endsWith('gone.json'))!;
    expect(gone.messages[0]!.message).toMatch(/^Cannot read the file: ENOENT/);
  });

  it('a path with spaces and non-ASCII letters, named on the command line, in the stylish report', () => {
    const dir = tempDir();
    const file = path.join(dir, 'my policies', 'ü 🚀.json');
    mkdirSync(path.dirname(file));
    writeFileSync(file, PUBLIC);
    const result = spawnSync(process.execPath, [BIN, file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status).toBe(1);
    // Stylish shows paths relative to the working directory, wherever the checkout is.
    expect(result.stdout).toContain(path.relative(process.cwd(), file));
  });

  it('an unreadable file (chmod 000) is reported, the others audited, exit 2', (context) => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, 'locked.json'), PUBLIC);
    writeFileSync(path.join(dir, 'open.json'), PUBLIC);
    chmodSync(path.join(dir, 'locked.json'), 0o000);
    // root reads a chmod 000 file anyway (CI runs as root): then the bin runs as nobody instead.
    let readable = true;
    try {
      readFileSync(path.join(dir, 'locked.json'));
    } catch {
      readable = false;
    }
    const asNobody = readable && process.getuid?.() === 0;
    if (readable && !asNobody) context.skip('chmod 000 does not stop this user from reading, and it cannot switch to another user');
    // nobody must reach node and the built bin: not so in a clone under a folder only root may enter
    // (a 0700 home, a mktemp -d folder). Then this case cannot run here, and says so.
    if (asNobody) {
      const probe = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', uid: 65534, gid: 65534 });
      if (probe.status !== 0) {
        const why = `nobody cannot run ${BIN} (${(probe.error?.message ?? probe.stderr.split('\n').find((line) => line.includes('Error')) ?? `exit ${probe.status}`).trim()}): the chmod-000 case needs a clone other users can enter`;
        process.stderr.write(`files.test.ts: skipped: ${why}.\n`);
        context.skip(why);
      }
    }
    const result = spawnSync(process.execPath, [BIN, '--format', 'json', dir], { encoding: 'utf8', ...(asNobody ? { uid: 65534, gid: 65534 } : {}) });
    // Only the summary line: no warning, no note.
    expect(result.stderr).toMatch(/^presign-audit: \d+ files? read \([^)]*\): [^\n]*\.\n$/);
    expect(result.status).toBe(2);
    const found = byName(JSON.parse(result.stdout) as FileResult[], dir);
    expect(found.get('locked.json')).toEqual(['1:1 presign-audit/unreadable (fatal)']);
    expect(found.get('open.json')).toEqual(['1:68 presign/public-principal']);
  });
});
