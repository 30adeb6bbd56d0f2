#!/usr/bin/env node
/**
 * Writes the validation corpus (validation/corpus.json) into a local, git-ignored folder, from
 * the git directories of the public repositories it names. No network: every file is read with
 * `git cat-file` at the commit the recipe names, and checked against the recipe's sha256.
 *
 *   node validation/materialize.mjs --cache <dir> [--cache <dir> ...] [--out validation/corpus]
 *   node validation/materialize.mjs --clone-commands [--cache <dir>]   # prints the git commands that fill a cache
 *
 * A repository `owner/name` is looked for below each cache folder as `owner+name/repo`,
 * `owner+name/.git`, `owner+name` (bare), `owner+name.git`, `name/.git` or `owner/name/.git`;
 * the first that holds the commit is used. Default cache: /work/.mirror (the layout of the
 * snapshots the corpus was built from), then validation/.cache.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractItem, findGitDir, itemFile, readBlob, sha256 } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const options = { caches: [], out: path.join(here, 'corpus'), cloneCommands: false, recipe: path.join(here, 'corpus.json') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--cache') options.caches.push(path.resolve(argv[++i]));
    else if (arg === '--out') options.out = path.resolve(argv[++i]);
    else if (arg === '--recipe') options.recipe = path.resolve(argv[++i]);
    else if (arg === '--clone-commands') options.cloneCommands = true;
    else if (arg === '-h' || arg === '--help') {
      console.log('Usage: node validation/materialize.mjs [--cache <dir>]... [--out <dir>] [--recipe <corpus.json>] [--clone-commands]');
      process.exit(0);
    } else {
      console.error(`materialize: unknown argument ${arg}`);
      process.exit(2);
    }
  }
  if (options.caches.length === 0) options.caches.push('/work/.mirror', path.join(here, '.cache'));
  return options;
}

const options = parseArgs(process.argv.slice(2));
const recipe = JSON.parse(readFileSync(options.recipe, 'utf8'));

if (options.cloneCommands) {
  const cache = options.caches.at(-1);
  for (const source of recipe.sources) {
    const dir = path.join(cache, source.repo.replace('/', '+'));
    // A full clone holds every commit of the history; `git checkout` is only for reading the files by hand.
    console.log(`git clone --no-checkout ${source.url}.git ${dir} && git -C ${dir} checkout --quiet ${source.commit.split(' ')[0]}`);
  }
  process.exit(0);
}

const gitDirs = new Map();
const missing = [];
for (const item of recipe.items) {
  const key = `${item.repo}@${item.commit}`;
  if (gitDirs.has(key)) continue;
  const found = findGitDir(options.caches, item.repo, item.commit);
  gitDirs.set(key, found);
  if (!found) missing.push(key);
}
if (missing.length > 0) {
  console.error(`materialize: no git directory below ${options.caches.join(', ')} holds:\n  ${missing.join('\n  ')}`);
  console.error('Fetch them first: node validation/materialize.mjs --clone-commands --cache <dir>');
  process.exit(2);
}

rmSync(options.out, { recursive: true, force: true });
const blobs = new Map();
const mismatched = [];
const counts = new Map();
for (const item of recipe.items) {
  const gitDir = gitDirs.get(`${item.repo}@${item.commit}`);
  const blobKey = `${gitDir}\0${item.commit}\0${item.path}`;
  if (!blobs.has(blobKey)) blobs.set(blobKey, readBlob(gitDir, item.commit, item.path));
  const text = extractItem(item, blobs.get(blobKey));
  if (sha256(text) !== item.sha256) mismatched.push(item.id);
  const file = path.join(options.out, itemFile(item));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const kind = item.kind === 'template' ? `template (${item.format})` : item.kind;
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
}
// Where each written file came from, for the runner and for people reading a finding.
writeFileSync(
  path.join(options.out, 'index.json'),
  `${JSON.stringify(Object.fromEntries(recipe.items.map((item) => [itemFile(item).split(path.sep).join('/'), { id: item.id, kind: item.kind, repo: item.repo, commit: item.commit, path: item.path, extract: item.extract }])), null, 1)}\n`,
);

console.log(`materialize: ${recipe.items.length} files written to ${path.relative(process.cwd(), options.out) || '.'}`);
for (const [kind, count] of [...counts].sort()) console.log(`  ${kind.padEnd(30)} ${count}`);
if (mismatched.length > 0) {
  console.error(`materialize: ${mismatched.length} files differ from the recipe's sha256 (a changed extraction?): ${mismatched.join(', ')}`);
  process.exit(1);
}
