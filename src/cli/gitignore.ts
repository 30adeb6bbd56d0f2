/**
 * `.gitignore` as git reads it, for directory walks and glob results: every `.gitignore` from the
 * repository root (the nearest folder above with `.git`, else the file's own folder tree as walked)
 * down to the file's folder, plus `.git/info/exclude`; a deeper file's patterns win, `!` re-includes.
 * Parsing and matching are the `ignore` package's (the implementation of the gitignore spec that
 * ESLint's own `--ignore-path` used); this file only finds the files and orders them.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';

interface Layer {
  /** The folder the patterns are relative to. */
  readonly base: string;
  readonly rules: Ignore;
}

export class GitIgnores {
  /** The layers that apply inside each folder, root first. */
  private readonly layersByDirectory = new Map<string, readonly Layer[]>();
  private readonly repositoryByDirectory = new Map<string, string | null>();

  /**
   * `floors`: outside a git repository, the .gitignore files from the highest of these folders (the
   * working directory, the directories walked) that holds the file down apply, and none above it.
   */
  constructor(private readonly floors: readonly string[]) {}

  ignores(file: string, isDirectory: boolean): boolean {
    if (!this.matchesPatterns(file, isDirectory)) return false;
    // As git: a pattern does not untrack a file committed before it, or added with --force
    // (docs/facts.md#git-keeps-tracking-an-ignored-file).
    const repository = this.repositoryOf(path.dirname(file));
    const tracked = repository ? this.trackedIn(repository) : null;
    return !(tracked && (isDirectory ? tracked.directories.has(file) : tracked.files.has(file)));
  }

  private matchesPatterns(file: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const layer of this.layersFor(path.dirname(file))) {
      const relative = path.relative(layer.base, file).split(path.sep).join('/');
      const verdict = layer.rules.test(isDirectory ? `${relative}/` : relative);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  private readonly trackedByRepository = new Map<string, { files: Set<string>; directories: Set<string> } | null>();

  /**
   * The files git tracks in a repository (`git ls-files`, run once, only when a pattern matched
   * something), and their folders. Without git, or where child processes are not allowed (Node's
   * permission model), none: then patterns decide alone, as in ESLint's includeIgnoreFile.
   * `core.fsmonitor=false`: a repository's own config must not make git start a program of its choosing.
   */
  private trackedIn(repository: string): { files: Set<string>; directories: Set<string> } | null {
    if (this.trackedByRepository.has(repository)) return this.trackedByRepository.get(repository)!;
    let tracked: { files: Set<string>; directories: Set<string> } | null = null;
    try {
      const listed = childProcess().execFileSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '-z'], { cwd: repository, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
      tracked = { files: new Set(), directories: new Set() };
      for (const name of listed.split('\0')) {
        if (!name) continue;
        const file = path.join(repository, name);
        tracked.files.add(file);
        for (let folder = path.dirname(file); folder !== repository && !tracked.directories.has(folder); folder = path.dirname(folder)) tracked.directories.add(folder);
      }
    } catch {
      // No git, not a work tree git can read, or no permission to start it.
    }
    this.trackedByRepository.set(repository, tracked);
    return tracked;
  }

  private layersFor(directory: string): readonly Layer[] {
    const known = this.layersByDirectory.get(directory);
    if (known) return known;
    let layers: Layer[];
    if (directory === this.rootOf(directory)) {
      // At the root: `.git/info/exclude` (in a repository), then the root's own .gitignore.
      const exclude = readText(path.join(directory, '.git', 'info', 'exclude'));
      layers = [...(exclude ? [{ base: directory, rules: gitignoreRules().add(exclude) }] : []), ...readLayer(directory)];
    } else {
      layers = [...this.layersFor(path.dirname(directory)), ...readLayer(directory)];
    }
    this.layersByDirectory.set(directory, layers);
    return layers;
  }

  /** The repository root above `directory`; outside a repository, the highest floor above it, else itself. */
  private rootOf(directory: string): string {
    const repository = this.repositoryOf(directory);
    if (repository) return repository;
    const above = this.floors.filter((floor) => isInside(directory, floor)).sort((a, b) => a.length - b.length);
    return above[0] ?? directory;
  }

  private repositoryOf(directory: string): string | null {
    const known = this.repositoryByDirectory.get(directory);
    if (known !== undefined) return known;
    const parent = path.dirname(directory);
    const root = statSync(path.join(directory, '.git'), { throwIfNoEntry: false }) ? directory : parent === directory ? null : this.repositoryOf(parent);
    this.repositoryByDirectory.set(directory, root);
    return root;
  }
}

function isInside(directory: string, folder: string): boolean {
  const relative = path.relative(folder, directory);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function readLayer(directory: string): Layer[] {
  const text = readText(path.join(directory, '.gitignore'));
  return text ? [{ base: directory, rules: gitignoreRules().add(text) }] : [];
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * `node:child_process`, loaded when git is first asked: importing it loads Node's net and dgram
 * modules, 5 to 7% of what a one-policy run adds to `node -e 0` (docs/performance.md).
 */
function childProcess(): typeof import('node:child_process') {
  return createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
}

/** The `ignore` package, loaded when a .gitignore is first met. */
function gitignoreRules(): Ignore {
  const ignore = createRequire(import.meta.url)('ignore') as typeof import('ignore');
  return ignore();
}
