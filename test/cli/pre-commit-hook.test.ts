/** The pre-commit hook definition hands presign-audit the files it reads, and not the ones it skips. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './run-bin.js';

const [hook] = parse(readFileSync(path.join(PROJECT_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; exclude: string }[];
const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
// pre-commit matches with Python's re.search; these patterns use nothing JS reads differently.
const passed = (file: string) => new RegExp(hook!.files).test(file) && !new RegExp(hook!.exclude).test(file);

describe('.pre-commit-hooks.yaml', () => {
  it('runs the package bin, skipping named JSON and YAML that is no policy (vercel.json) as a walk does', () => {
    expect(hook!.id).toBe('presign-audit');
    const [bin, ...args] = hook!.entry.split(' ');
    expect(Object.keys(pkg.bin)).toContain(bin);
    expect(args).toEqual(['--skip-unknown-format']);
  });

  it('passes code, templates and policies', () => {
    for (const file of ['src/links.ts', 'lib/s3.mjs', 'app/views.tsx', 'handlers/upload.py', 'policies/bucket.json', 'infra/template.yaml', 'infra/stack.template']) {
      expect(passed(file), file).toBe(true);
    }
  });

  it('leaves out what presign-audit never reads as a policy', () => {
    for (const file of ['package.json', 'web/package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'cdk.context.json', 'types/index.d.ts', 'README.md', '.github/workflows/ci.yml', '.vscode/settings.json', 'web/.devcontainer/devcontainer.json', 'presign-audit.config.json']) {
      expect(passed(file), file).toBe(false);
    }
  });
});
