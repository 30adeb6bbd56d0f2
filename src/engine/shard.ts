/**
 * `--shard i/n`: one of n machines audits its part of a run, and the n parts together report exactly
 * what one run reports. A file belongs to one shard by a hash of its path relative to the working
 * directory (the same on every machine of a CI matrix, and stable when other files come and go), so:
 *
 * - JS/TS files go by their project: the config whose program reads them (src/engine/program.ts
 *   configFinder), or all files no config includes together, since presign-audit reads each as one
 *   program (wrappers and constants cross its files);
 * - Python files and policy inputs go one by one.
 *
 * Joins need every policy of the run (a role in one file, its bucket's policy in another), so each
 * shard reads all policy inputs and reports the findings of its own files only: policies are cheap
 * to read beside code, and the findings of the shards then add up to the unsharded run's.
 */
import path from 'node:path';
import { isCodeFile } from './files.js';

export interface Shard {
  /** 1-based, as written: `--shard 2/4`. */
  readonly index: number;
  readonly count: number;
}

/** `2/4` read, or what is wrong with it. */
export function parseShard(text: string): Shard | { readonly problem: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) return { problem: `--shard takes i/n with 1 <= i <= n, such as 2/4, not "${text}".` };
  return { index, count };
}

/**
 * Whether the file's findings are this shard's to report. `projectOf`: the config whose program
 * reads a JS/TS file (null: none includes it), needed when the run has code files.
 */
export function ownedBy(shard: Shard, file: string, cwd: string, projectOf?: (file: string) => string | null): boolean {
  if (shard.count === 1) return true;
  const absolute = path.resolve(cwd, file);
  const key = isCodeFile(file) && projectOf ? projectOf(absolute) : absolute;
  const name = key === null ? NO_CONFIG : path.relative(cwd, key).split(path.sep).join('/');
  return fnv1a(name) % shard.count === shard.index - 1;
}

const NO_CONFIG = '(files no tsconfig.json covers)';

/** FNV-1a, 32 bits: a fixed hash, so that every machine of a matrix splits alike. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
