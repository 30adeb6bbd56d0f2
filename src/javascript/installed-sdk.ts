/**
 * Which @aws-sdk/client-s3 the project of a linted file installs, read from the lockfile nearest
 * above it (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, bun.lock): default
 * request checksums arrived in client-s3 3.729.0 (docs/facts.md#v3-default-checksum), so a project
 * locked to older releases signs uploads without them. Each lockfile is read once while it is
 * unchanged (docs/performance.md); nothing is run.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CHECKSUMS_SINCE } from '../presign/checksums.js';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'];

/** Lockfiles of monorepos run to tens of megabytes; beyond this one is not read. */
const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

/** A mention of the package in a lockfile; its versions are on its line and the few after it. */
const MENTION = /@aws-sdk\/client-s3\b/g;
/** A 3.x.y version (the package's major), after what lockfiles write before one. */
const VERSION = /(?:^|[@/"':\s^~=>-])3\.(\d+)\.(\d+)\b/g;

/** Answers by lockfile, kept while the file keeps its size and modification time. */
const byLockfile = new Map<string, { readonly mtimeMs: number; readonly size: number; readonly answer: boolean | null }>();

/**
 * False when every client-s3 version the nearest lockfile names is older than 3.729.0; true when
 * every one is newer; null when there is no lockfile, it names none, or both kinds.
 */
export function installedClientS3AddsChecksums(filename: string | undefined): boolean | null {
  // A module view of an imported file (module-view.ts) has no file name of its own.
  if (typeof filename !== 'string' || !path.isAbsolute(filename)) return null;
  for (let dir = path.dirname(filename); ; dir = path.dirname(dir)) {
    for (const name of LOCKFILES) {
      const lockfile = path.join(dir, name);
      const stat = fileStat(lockfile);
      if (!stat) continue;
      if (stat.size > MAX_LOCKFILE_BYTES) return null;
      const known = byLockfile.get(lockfile);
      if (known?.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.answer;
      const answer = readAnswer(lockfile);
      byLockfile.set(lockfile, { mtimeMs: stat.mtimeMs, size: stat.size, answer });
      return answer;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function fileStat(file: string): { mtimeMs: number; size: number } | null {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

function readAnswer(lockfile: string): boolean | null {
  let text: string;
  try {
    text = readFileSync(lockfile, 'utf8');
  } catch {
    return null;
  }
  // Resolved versions and specifiers alike (`specifier: ^3.600.0`, yarn's `"@aws-sdk/client-s3@^3.600.0":`):
  // any of them at or after 3.729.0 next to one before it makes the answer unknown.
  let older = false;
  let newer = false;
  for (const mention of text.matchAll(MENTION)) {
    const window = text.slice(mention.index, mention.index + 400).split('\n').slice(0, 4).join('\n');
    for (const match of window.matchAll(VERSION)) {
      if (compare([3, Number(match[1]), Number(match[2])], DEFAULT_CHECKSUMS_SINCE) < 0) older = true;
      else newer = true;
    }
  }
  return older === newer ? null : newer;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
