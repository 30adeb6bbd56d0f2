/**
 * The hook as pre-commit itself installs and runs it: `npm pack` of this repository (whose output
 * pre-commit takes as the tarball name), `pre-commit install` in a scratch repository, and commits
 * that the hook lets through (vercel.json, a workflow, a tsconfig.json with comments) or stops (a
 * signer policy with "s3:*"). Needs the pre-commit program (Debian: `apt-get install pre-commit`;
 * .ci/run installs it) and the npm registry, as pre-commit's install runs `npm install`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_POLICY } from './helpers.js';
import { PROJECT_ROOT, tempDir } from './run-bin.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = preCommit.status === 0;
// Said on stderr, so that a machine without pre-commit does not pass this test silently.
if (!available) process.stderr.write('pre-commit-real.test.ts: the pre-commit program is missing (apt-get install pre-commit): the hook installation test is skipped.\n');

/**
 * pre-commit's cache of installed hooks, kept between runs (an unchanged tree reinstalls nothing). Not
 * under node_modules: tsc refuses to emit declarations for sources inside a node_modules folder.
 */
const PRE_COMMIT_HOME = path.join(tmpdir(), 'presign-audit-pre-commit-cache');

/** Fixed dates: the same files make the same commit, so pre-commit's cache of the hook is reused. */
const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...GIT_ENV } });
}

/** This working tree as it is now (committed or not) as the one commit of a scratch repository: the hook's repo. */
function hookRepository(): { repo: string; rev: string } {
  const repo = tempDir();
  const listed = git(PROJECT_ROOT, 'ls-files', '--cached', '--others', '--exclude-standard', '-z').split('\0').filter(Boolean);
  for (const file of listed) {
    const from = path.join(PROJECT_ROOT, file);
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    try {
      copyFileSync(from, path.join(repo, file));
    } catch {
      // Listed by git but deleted in the working tree.
    }
  }
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'hook');
  return { repo, rev: git(repo, 'rev-parse', 'HEAD').trim() };
}

describe.skipIf(!available)('the pre-commit hook, installed by pre-commit', () => {
  it('installs; vercel.json, a workflow and a tsconfig.json with comments commit; a bad signer policy does not', () => {
    const { repo, rev } = hookRepository();
    const project = tempDir();
    const env = { ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: PRE_COMMIT_HOME, NO_COLOR: '1' };
    git(project, 'init', '-q');
    writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${repo}\n    rev: ${rev}\n    hooks:\n      - id: presign-audit\n`);
    const install = spawnSync('pre-commit', ['install'], { cwd: project, encoding: 'utf8', env });
    expect(install.status, install.stderr).toBe(0);

    mkdirSync(path.join(project, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(project, 'vercel.json'), JSON.stringify({ rewrites: [{ source: '/(.*)', destination: '/' }] }));
    writeFileSync(path.join(project, '.github/workflows/ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n');
    writeFileSync(path.join(project, 'tsconfig.json'), '{\n  // comments, as tsc allows\n  "compilerOptions": { "strict": true }\n}\n');
    writeFileSync(path.join(project, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
    git(project, 'add', '-A');
    const clean = spawnSync('git', ['commit', '-m', 'config files'], { cwd: project, encoding: 'utf8', env });
    expect(clean.status, `${clean.stdout}\n${clean.stderr}`).toBe(0);

    mkdirSync(path.join(project, 'policies'));
    writeFileSync(path.join(project, 'policies/signer.json'), BAD_POLICY);
    git(project, 'add', '-A');
    const bad = spawnSync('git', ['commit', '-m', 'signer policy'], { cwd: project, encoding: 'utf8', env });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/policies\/signer\.json[\s\S]*presign\/signer-wildcard-action/);

    // pre-commit run --files: the same verdicts without committing.
    const named = spawnSync('pre-commit', ['run', '--files', 'vercel.json', 'docker-compose.yml'], { cwd: project, encoding: 'utf8', env });
    expect(named.status, named.stdout).toBe(0);
  }, 600_000);
});
