/**
 * The package as npm ships it: `npm pack` (without scripts: npm test has built dist already), the
 * tarball unpacked into an empty folder's node_modules, the package's declared dependencies and peers
 * linked beside it from this repository's node_modules (no network; anything the bin imports without
 * declaring it fails to resolve), and the bin run there as `npx -p eslint-plugin-presign presign-audit`
 * runs it. Also: what the tarball holds, and that the docs it ships link only to files it ships.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './cli/run-bin.js';

interface Manifest {
  name: string;
  license: string;
  bin: Record<string, string>;
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as Manifest;
let work: string;
let tarball: string;
let packed: string[];

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'presign-pack-'));
  const npm = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (npm.status !== 0) throw new Error(`npm pack failed: ${npm.stderr}`);
  const [report] = JSON.parse(npm.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, report!.filename);
  packed = report!.files.map((f) => f.path);
}, 120_000);

describe('the packed package', () => {
  it('holds the built code, the docs, the license, and no sources or tests', () => {
    for (const file of ['LICENSE', 'README.md', 'package.json', 'dist/src/cli/bin.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'docs/cli.md', 'docs/rules/max-expiry.md', 'BENCHMARKS.md']) expect(packed).toContain(file);
    expect(packed.filter((file) => /^(src|test|fixtures|validation|scripts)\//.test(file))).toEqual([]);
    expect(readFileSync(path.join(PROJECT_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(manifest.license).toBe('MIT');
    // The repository the doc URLs point at (src/core/docs-url.ts).
    expect(manifest.repository.url).toContain('github.com/eslint-plugin-presign/eslint-plugin-presign');
    expect(manifest.homepage).toMatch(/^https:\/\/github\.com\/eslint-plugin-presign\/eslint-plugin-presign/);
    expect(manifest.bugs.url).toMatch(/\/issues$/);
  });

  it('ships docs whose relative links all point at files it ships', () => {
    const broken: string[] = [];
    for (const file of packed.filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target!)) continue;
        const linked = path.posix.normalize(path.posix.join(path.posix.dirname(file), target!.split('#')[0]!));
        if (!packed.includes(linked) && !packed.some((f) => f.startsWith(`${linked}/`))) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('declares ranges that dedupe with a project\'s typescript-eslint 8, and typescript as a peer', () => {
    for (const [name, range] of Object.entries(manifest.dependencies)) if (name.startsWith('@typescript-eslint/')) expect(range, name).toMatch(/^\^8\./);
    expect(manifest.dependencies).not.toHaveProperty('typescript');
    expect(manifest.peerDependencies['typescript']).toBeDefined();
  });

  it('runs its bin from an empty folder it is installed into, with only what it declares beside it', () => {
    const app = path.join(work, 'app');
    const modules = path.join(app, 'node_modules');
    const installed = path.join(modules, manifest.name);
    mkdirSync(installed, { recursive: true });
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], { encoding: 'utf8' });
    expect(tar.stderr).toBe('');
    for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]) {
      mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
      symlinkSync(path.join(PROJECT_ROOT, 'node_modules', name), path.join(modules, name));
    }
    writeFileSync(path.join(app, 'bucket-policy.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-public/*' }] }));
    writeFileSync(
      path.join(app, 'share.ts'),
      "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nexport const share = (key: string) => getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: 1209600 });\n",
    );
    const bin = path.join(installed, manifest.bin['presign-audit']!);
    const version = spawnSync(process.execPath, [bin, '--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { version: string }).version);
    const run = spawnSync(process.execPath, [bin, '--format', 'json', '.'], { cwd: app, encoding: 'utf8' });
    // Only the run's summary line, nothing else.
    expect(run.stderr).toMatch(/^presign-audit: 2 files read \(1 JS\/TS, 1 policy or template\): \d+ problems? \(\d+ errors?, \d+ warnings?\)\.\n$/);
    expect(run.status).toBe(1);
    const found = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).map((r) => `${path.basename(r.filePath)} ${r.messages.map((m) => m.ruleId).join(' ')}`);
    expect(found.sort()).toEqual(['bucket-policy.json presign/public-principal', 'share.ts presign/max-expiry']);
  }, 120_000);
});
