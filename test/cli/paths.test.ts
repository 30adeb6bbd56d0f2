/** Path selection: ignores, --ignore-pattern, .gitignore, dot-directories, unmatched arguments and their hints. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, BAD_POLICY, GOOD_POLICY, reportedFiles, scratch } from './helpers.js';

const tree = () =>
  scratch({
    '.infra/role.json': BAD_POLICY,
    'policies/a.json': GOOD_POLICY,
    'policies/fixtures/sample.json': BAD_POLICY,
    'dist/bundle.json': BAD_POLICY,
    // As in git, `generated/` would exclude the folder and no `!` could bring a file back: `generated/*` can.
    'packages/web/.gitignore': 'generated/*\n!generated/keep.json\n',
    'packages/web/generated/out.json': BAD_POLICY,
    'packages/web/generated/keep.json': GOOD_POLICY,
    'node_modules/dep/policy.json': BAD_POLICY,
    '.vscode/settings.json': '{ // comments: JSONC\n "editor.tabSize": 2 }\n',
    '.gitignore': 'dist/\n*.log\n',
  });

describe('path selection', () => {
  it('walks dot-directories, honours every .gitignore (with negation), skips node_modules and editor settings', async () => {
    const dir = tree();
    mkdirSync(path.join(dir, '.git'));
    const run = await audit(['--format', 'json', '.'], dir);
    expect(reportedFiles(run, dir)).toEqual(['.infra/role.json', 'packages/web/generated/keep.json', 'policies/a.json', 'policies/fixtures/sample.json']);
    expect(run.exit).toBe(1);
  });

  it('--no-gitignore reads what .gitignore skips', async () => {
    const dir = tree();
    const run = await audit(['--format', 'json', '--no-gitignore', '.'], dir);
    expect(reportedFiles(run, dir)).toEqual(['.infra/role.json', 'dist/bundle.json', 'packages/web/generated/keep.json', 'packages/web/generated/out.json', 'policies/a.json', 'policies/fixtures/sample.json']);
  });

  it('the repository root\'s .gitignore applies to a subdirectory walked alone', async () => {
    const dir = scratch({ '.gitignore': 'build/\n', 'infra/build/out.json': BAD_POLICY, 'infra/role.json': GOOD_POLICY });
    mkdirSync(path.join(dir, '.git'));
    const run = await audit(['--format', 'json', '.'], path.join(dir, 'infra'));
    expect(reportedFiles(run, dir)).toEqual(['infra/role.json']);
  });

  it('a file git tracks is read though a .gitignore pattern added later matches it, as git keeps tracking it', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = scratch({ 'lambda_code/handler.json': BAD_POLICY, 'lambda_code/untracked.json': BAD_POLICY });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    git('init', '-q');
    git('add', 'lambda_code/handler.json');
    git('commit', '-q', '-m', 'handler');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, '.gitignore'), '**/lambda_code/\n');
    const run = await audit(['--format', 'json', '.'], dir);
    expect(reportedFiles(run, dir)).toEqual(['lambda_code/handler.json']);
  });

  it('--ignore-pattern with ESLint\'s glob semantics: directories with a trailing slash, ** for any depth, ! to re-include', async () => {
    const dir = tree();
    const run = await audit(['--format', 'json', '--ignore-pattern', '**/fixtures/', '--ignore-pattern', '.infra/*', '--ignore-pattern', '!.infra/role.json', '.'], dir);
    expect(reportedFiles(run, dir)).toEqual(['.infra/role.json', 'packages/web/generated/keep.json', 'policies/a.json']);
    // As in ESLint (minimatch matches "policies/" with "policies"), a bare name skips a directory too.
    const bare = await audit(['--format', 'json', '--ignore-pattern', 'policies', '.'], dir);
    expect(reportedFiles(bare, dir)).not.toContain('policies/a.json');
  });

  it('the config\'s "ignores" are relative to the config file, and skip a file named on the command line with a note', async () => {
    const dir = scratch({
      'infra/presign-audit.config.json': JSON.stringify({ ignores: ['fixtures/'] }),
      'infra/fixtures/sample.json': BAD_POLICY,
      'infra/role.json': GOOD_POLICY,
      'fixtures/other.json': GOOD_POLICY,
    });
    const run = await audit(['--format', 'json', '-c', 'infra/presign-audit.config.json', '.', 'infra/fixtures/sample.json'], dir);
    expect(reportedFiles(run, dir)).toEqual(['fixtures/other.json', 'infra/role.json']);
    expect(run.stderr).toContain('"infra/fixtures/sample.json" is skipped: an ignore pattern matches it');
    expect(run.exit).toBe(0);
  });

  it('a bad "ignores" is a config error', async () => {
    const dir = scratch({ 'presign-audit.config.json': JSON.stringify({ ignores: 'dist' }), 'a.json': GOOD_POLICY });
    const run = await audit(['.'], dir);
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(/"ignores" must be a list of glob patterns/);
  });

  it('a directory with nothing read says what it holds and what is read; --no-error-on-unmatched-pattern makes it no error', async () => {
    // Azure Bicep: infrastructure code presign-audit has no reader for.
    const dir = scratch({ 'infra/main.bicep': "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {}\n", 'infra/params.bicep': '', 'infra/README.md': '# infra\n', 'empty/.keep': '', 'dist/x.json': BAD_POLICY, '.gitignore': 'dist/\n' });
    const bicep = await audit(['infra'], dir);
    expect(bicep.exit).toBe(2);
    expect(bicep.stderr).toMatch(/no files match "infra": it holds only files presign-audit does not read \(2 \.bicep, 1 \.md\); it reads \.json, .*\.tf/);
    const ignored = await audit(['dist'], dir);
    expect(ignored.stderr).toMatch(/no files match "dist": 1 file or directory is skipped by an ignore pattern or \.gitignore \(--no-gitignore reads gitignored files\)/);
    const lenient = await audit(['--no-error-on-unmatched-pattern', 'infra', 'missing/*.json'], dir);
    expect(lenient).toMatchObject({ exit: 0, stdout: '' });
    expect(lenient.stderr).toBe('presign-audit: no files read.\n');
  });
});

describe('--skip-unknown-format (the pre-commit hook\'s mode)', () => {
  it('a named JSON or YAML file that is no policy is a note, not exit 2; a policy named with it is still audited', async () => {
    const dir = scratch({ 'vercel.json': JSON.stringify({ rewrites: [] }), 'compose.yml': 'services:\n  web:\n    image: nginx\n', 'role.json': BAD_POLICY });
    const strict = await audit(['vercel.json'], dir);
    expect(strict.exit).toBe(2);
    const lenient = await audit(['--skip-unknown-format', 'vercel.json', 'compose.yml', 'role.json'], dir);
    expect(lenient.exit).toBe(1);
    expect(lenient.stderr).toContain('skipped 2 files that are not a policy, template, plan or account dump: compose.yml, vercel.json.');
    expect(lenient.stdout).toContain('presign/signer-wildcard-action');
  });
});
