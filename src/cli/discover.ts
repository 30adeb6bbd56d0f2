/**
 * Turns the command line's files, directories and globs into the files to audit, as ESLint users
 * expect: `ignores` (config) and `--ignore-pattern` with ESLint's glob semantics, `.gitignore`
 * honoured in directory walks, dot-directories walked (only `.git` and `node_modules` skipped).
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from './config.js';
import { auditedExtensions } from '../engine/files.js';
import { IgnorePatterns, type PatternSet } from './ignores.js';
import { GitIgnores } from './gitignore.js';

/** Never walked into: dependencies and VCS metadata hold JSON that is not the project's policies. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * JSON files that are never policies, skipped in directory scans so `presign-audit .` works at a
 * repository root. Named explicitly, they are still read (and reported as not a policy).
 */
const NOT_POLICIES = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'tsconfig.json', 'jsconfig.json', 'cdk.json', 'cdk.context.json', '.eslintrc.json', 'renovate.json', 'turbo.json', 'lerna.json', 'nx.json']);

/**
 * Editor and dev-container settings: JSON with comments (JSONC) that is never a policy, committed
 * in many repositories now that dot-directories are walked.
 */
const SETTINGS_DIRECTORIES = new Set(['.vscode', '.idea', '.devcontainer']);

/** Whether a file of this name is never a policy; `inSettings`: a folder of its path is a settings directory. */
function isNeverPolicy(name: string, inSettings: boolean): boolean {
  if (NOT_POLICIES.has(name) || /^tsconfig\..+\.json$/.test(name) || name === CONFIG_FILE_NAME) return true;
  return inSettings && name.endsWith('.json');
}

const hasSettingsFolder = (directory: string) => directory.split(path.sep).some((part) => SETTINGS_DIRECTORIES.has(part));

const isDeclarationFile = (file: string) => /\.d\.[cm]?ts$/i.test(file);

export interface DiscoverOptions {
  /** `--ignore-pattern` (relative to the working directory) and the config's `ignores` (relative to the config file). */
  readonly ignores: readonly PatternSet[];
  /** Honour `.gitignore` files in directory walks and glob results (`--no-gitignore` turns it off). */
  readonly gitignore: boolean;
}

export const DEFAULT_DISCOVER_OPTIONS: DiscoverOptions = { ignores: [], gitignore: true };

export interface Discovery {
  /** Absolute paths, sorted, each file once (under its first path when symlinks reach it by several). */
  readonly files: string[];
  /** Arguments that matched nothing, each with what was there instead (for the hint). */
  readonly unmatched: string[];
  /** Why each unmatched argument matched nothing, when something can be said. */
  readonly hints: ReadonlyMap<string, string>;
  /** Files named on the command line that an ignore pattern skips (ESLint warns of these too). */
  readonly ignoredNamed: string[];
}

/** What a walk met and did not keep, for the hint on an argument that matches nothing. */
interface WalkTally {
  ignored: number;
  /** Files of a kind presign-audit does not read, by extension (or name when there is none). */
  readonly unread: Map<string, number>;
}

export async function discoverFiles(patterns: readonly string[], cwd: string, options: DiscoverOptions = DEFAULT_DISCOVER_OPTIONS): Promise<Discovery> {
  const files = new Set<string>();
  // Real paths the walks already know (a directory's real path joined with an entry that is no link):
  // resolving each of a thousand files again costs a system call per part of its path.
  const realPaths = new Map<string, string>();
  const unmatched: string[] = [];
  const hints = new Map<string, string>();
  const ignoredNamed: string[] = [];
  const extensions = auditedExtensions();
  const ignorePatterns = new IgnorePatterns(options.ignores);
  const gitIgnores = options.gitignore ? new GitIgnores([cwd, ...patterns.map((pattern) => path.resolve(cwd, pattern))]) : null;
  const isIgnored = (file: string, isDirectory: boolean) => ignorePatterns.ignores(file, isDirectory) || (gitIgnores?.ignores(file, isDirectory) ?? false);

  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    let found: string[];
    if (stat?.isFile()) {
      // A file named explicitly is audited whatever its extension (no reader is then an error),
      // unless an ignore pattern names it: .gitignore does not, as in git, which tracks such a file.
      if (ignorePatterns.ignores(absolute, false)) {
        ignoredNamed.push(pattern);
        continue;
      }
      found = [absolute];
    } else if (stat?.isDirectory()) {
      const tally: WalkTally = { ignored: 0, unread: new Map() };
      found = [];
      walk(absolute, hasSettingsFolder(absolute), { isIgnored, extensions, tally, found, visited: new Set(), realPaths });
      if (found.length === 0) hints.set(pattern, describeEmpty(tally, extensions, options.gitignore));
    } else {
      // Loaded only here: files named on the command line (a pre-commit hook's call) skip its modules.
      const { glob, isDynamicPattern } = await import('tinyglobby');
      found = isDynamicPattern(pattern)
        ? (await glob(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'], dot: true })).filter((file) => !isDeclarationFile(file) && !isIgnored(file, false)).map((file) => path.normalize(file))
        : [];
    }
    if (found.length === 0) unmatched.push(pattern);
    // Normalised paths: path.resolve's, the walk's (a folder's and a name), glob's normalised above.
    for (const file of found) files.add(file);
  }
  return { files: onePathPerFile([...files].sort(), realPaths), unmatched, hints, ignoredNamed };
}

interface Walk {
  readonly isIgnored: (file: string, isDirectory: boolean) => boolean;
  readonly extensions: readonly string[];
  readonly tally: WalkTally;
  readonly found: string[];
  /** Real paths of the directories entered: a symlink loop is walked once. */
  readonly visited: Set<string>;
  /** Each found file's real path, where the walk knows it without asking the file system, by its path. */
  readonly realPaths: Map<string, string>;
}

/** A directory's entry: `path.join` without its normalising pass, for a normalised directory and an entry's name. */
function entryPath(directory: string, name: string): string {
  return directory.endsWith(path.sep) ? directory + name : directory + path.sep + name;
}

/** `inSettings`: a folder of `directory`'s path is a settings directory (.vscode ...). */
function walk(directory: string, inSettings: boolean, state: Walk): void {
  let real: string;
  let entries: Dirent[];
  try {
    real = realpathSync(directory);
    if (state.visited.has(real)) return;
    state.visited.add(real);
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    // A directory that cannot be listed holds nothing we can read; a file in it named
    // explicitly is still reported as unreadable.
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = entryPath(directory, entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) isDirectory = isDirectoryBehind(full);
    if (isDirectory) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (state.isIgnored(full, true)) state.tally.ignored++;
      else walk(full, inSettings || SETTINGS_DIRECTORIES.has(entry.name), state);
      continue;
    }
    const extension = path.extname(entry.name).slice(1).toLowerCase();
    if (!state.extensions.includes(extension) || isDeclarationFile(entry.name)) {
      const kind = extension ? `.${extension}` : entry.name;
      state.tally.unread.set(kind, (state.tally.unread.get(kind) ?? 0) + 1);
    } else if (isNeverPolicy(entry.name, inSettings)) {
      state.tally.unread.set(entry.name, (state.tally.unread.get(entry.name) ?? 0) + 1);
    } else if (state.isIgnored(full, false)) {
      state.tally.ignored++;
    } else {
      state.found.push(full);
      if (!entry.isSymbolicLink()) state.realPaths.set(full, entryPath(real, entry.name));
    }
  }
}

/** Where a symbolic link leads: a link that dangles or loops is a file, reported as unreadable if it is read. */
function isDirectoryBehind(link: string): boolean {
  try {
    return statSync(link).isDirectory();
  } catch {
    return false;
  }
}

/** The hint for a directory in which nothing is audited: what it holds instead, and what is read. */
function describeEmpty(tally: WalkTally, extensions: readonly string[], gitignore: boolean): string {
  const parts: string[] = [];
  if (tally.unread.size > 0) {
    const kinds = [...tally.unread].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const shown = kinds.slice(0, 6).map(([kind, count]) => `${count} ${kind}`);
    if (kinds.length > 6) shown.push(`${kinds.length - 6} other kinds`);
    parts.push(`it holds only files presign-audit does not read (${shown.join(', ')}); it reads ${extensions.map((e) => `.${e}`).join(', ')} (not package.json, tsconfig*.json or editor settings)`);
  }
  if (tally.ignored > 0) {
    const how = gitignore ? 'an ignore pattern or .gitignore (--no-gitignore reads gitignored files)' : 'an ignore pattern';
    parts.push(`${tally.ignored} file${tally.ignored === 1 ? ' or directory is' : 's or directories are'} skipped by ${how}`);
  }
  return parts.length === 0 ? 'it holds no files' : parts.join('; ');
}

/**
 * A symlinked directory, or a loop of them, lists the same file under several paths: it is audited
 * once. A path that cannot be resolved (a dangling link) is kept, to be reported as unreadable.
 */
function onePathPerFile(sorted: readonly string[], known: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>();
  return sorted.filter((file) => {
    let real = known.get(file) ?? file;
    if (!known.has(file)) {
      try {
        real = realpathSync(file);
      } catch {
        // Kept as listed.
      }
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}
