/** Turns the command line's files, directories and globs into the files to audit. */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from './config.js';
import { auditedExtensions } from '../engine/files.js';

/** Never walked into: dependencies and VCS metadata hold JSON that is not the project's policies. */
const IGNORED = ['**/node_modules/**', '**/.git/**', '**/*.d.ts'];

/**
 * JSON files that are never policies, skipped in directory scans so `presign-audit .` works at a
 * repository root. Named explicitly, they are still read (and reported as not a policy).
 */
const NOT_POLICIES = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'tsconfig.json', 'jsconfig.json', 'cdk.json', 'cdk.context.json', '.eslintrc.json', 'renovate.json', 'turbo.json', 'lerna.json', 'nx.json']);

function isNeverPolicy(file: string): boolean {
  const name = path.basename(file);
  return NOT_POLICIES.has(name) || /^tsconfig\..+\.json$/.test(name) || name === CONFIG_FILE_NAME;
}

export interface Discovery {
  /** Absolute paths, sorted, each file once (under its first path when symlinks reach it by several). */
  readonly files: string[];
  /** Arguments that matched nothing. */
  readonly unmatched: string[];
}

export async function discoverFiles(patterns: readonly string[], cwd: string): Promise<Discovery> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  const extensions = auditedExtensions();
  const extensionGlob = extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;

  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    let found: string[];
    if (stat?.isFile()) {
      // A file named explicitly is audited whatever its extension; no reader is then an error.
      found = [absolute];
    } else {
      // Loaded only here: files named on the command line (a pre-commit hook's call) skip its modules.
      const { glob, isDynamicPattern } = await import('tinyglobby');
      if (stat?.isDirectory()) {
        found = (await glob(extensionGlob, { cwd: absolute, absolute: true, ignore: IGNORED, dot: false })).filter((file) => !isNeverPolicy(file));
      } else if (isDynamicPattern(pattern)) {
        found = await glob(pattern, { cwd, absolute: true, ignore: IGNORED });
      } else {
        found = [];
      }
    }
    if (found.length === 0) unmatched.push(pattern);
    for (const file of found) files.add(path.normalize(file));
  }
  return { files: onePathPerFile([...files].sort()), unmatched };
}

/**
 * A symlinked directory, or a loop of them, lists the same file under several paths: it is audited
 * once. A path that cannot be resolved (a dangling link) is kept, to be reported as unreadable.
 */
function onePathPerFile(sorted: readonly string[]): string[] {
  const seen = new Set<string>();
  return sorted.filter((file) => {
    let real = file;
    try {
      real = realpathSync(file);
    } catch {
      // Kept as listed.
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}
