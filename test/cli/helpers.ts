/** In-process runs of presign-audit over scratch trees, for the CLI's path, baseline and suppression tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execute, type CliIo } from '../../src/cli/execute.js';
import { tempDir } from './run-bin.js';

/** A policy with one finding (`s3:*` for the signer) and one without. */
export const BAD_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Legacy', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
export const GOOD_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

export function scratch(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export interface Run {
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function audit(args: string[], cwd: string, io: Partial<CliIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const exit = await execute(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false, ...io });
  return { exit, stdout, stderr };
}

/** The files a JSON report names, relative to `dir`, with forward slashes. */
export function reportedFiles(run: Run, dir: string): string[] {
  return (JSON.parse(run.stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath).split(path.sep).join('/')).sort();
}
