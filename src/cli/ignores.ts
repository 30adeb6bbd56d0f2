/**
 * Ignore patterns with ESLint's semantics (@eslint/config-array `matchesIgnores`): minimatch with
 * `dot: true` against the path relative to the patterns' base, forward slashes; a directory is
 * matched with a trailing slash (`dist/` ignores the directory, `**\/fixtures/` any of them); a
 * pattern starting with `!` un-ignores what an earlier one ignored; a file in an ignored directory
 * is ignored whatever comes after.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Minimatch } from 'minimatch';
import { ConfigError } from './config.js';

export interface PatternSet {
  /** The folder the patterns are relative to: the working directory for `--ignore-pattern`, the config file's for `ignores`. */
  readonly base: string;
  readonly patterns: readonly string[];
}

interface CompiledSet {
  readonly base: string;
  readonly matchers: readonly { readonly negated: boolean; readonly matcher: Minimatch }[];
}

export class IgnorePatterns {
  private readonly sets: CompiledSet[];

  constructor(sets: readonly PatternSet[]) {
    const { Minimatch } = sets.some((set) => set.patterns.length > 0) ? loadMinimatch() : ({} as typeof import('minimatch'));
    this.sets = sets
      .filter((set) => set.patterns.length > 0)
      .map((set) => ({
        base: set.base,
        matchers: set.patterns.map((pattern) => {
          const negated = pattern.startsWith('!');
          return { negated, matcher: new Minimatch(negated ? pattern.slice(1) : pattern, { dot: true }) };
        }),
      }));
  }

  /** Whether `file` (absolute) is ignored, itself or through one of its folders below a pattern base. */
  ignores(file: string, isDirectory: boolean): boolean {
    if (this.sets.length === 0) return false;
    return this.sets.some((set) => {
      const relative = path.relative(set.base, file).split(path.sep).join('/');
      // Outside the base, the patterns say nothing (ESLint: a config's ignores stop at its folder).
      if (relative === '' || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) return false;
      const parts = relative.split('/');
      // As ESLint's isDirectoryIgnored: no descendant of an ignored folder comes back.
      for (let i = 1; i < parts.length; i++) if (matches(set, `${parts.slice(0, i).join('/')}/`)) return true;
      return matches(set, isDirectory ? `${relative}/` : relative);
    });
  }
}

function matches(set: CompiledSet, relative: string): boolean {
  let ignored = false;
  for (const { negated, matcher } of set.matchers) {
    if (!ignored && !negated) ignored = matcher.match(relative);
    else if (ignored && negated) ignored = !matcher.match(relative);
  }
  return ignored;
}

/** The config's `ignores`: a list of patterns, relative to the config file, as ESLint's global `ignores`. */
export function readConfigIgnores(raw: unknown, where: string): readonly string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((p) => typeof p === 'string' && p !== '' && p !== '!')) {
    throw new ConfigError(`${where}: "ignores" must be a list of glob patterns, such as ["dist/", "**/fixtures/", "!fixtures/keep.json"].`);
  }
  return raw as string[];
}

/**
 * minimatch, loaded on first use: most runs have no ignore pattern nor config suppression, and a
 * pre-commit run should not pay for loading it (about 15 to 45 ms on the machines measured).
 */
export function loadMinimatch(): typeof import('minimatch') {
  return createRequire(import.meta.url)('minimatch') as typeof import('minimatch');
}
