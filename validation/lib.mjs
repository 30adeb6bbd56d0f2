/**
 * What validation/materialize.mjs and validation/scan.mjs share: reading a file of a repository
 * snapshot from its git directory (no network, no work tree), and cutting one policy out of a
 * file that holds several (a Markdown fenced block, a reStructuredText literal block, a JSON
 * pointer). The cut is deterministic: the recipe's sha256 of each item is the hash of what these
 * functions return.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The text of `filePath` at `commit` in the git directory `gitDir` (bare, mirror or a clone's `.git`). */
export function readBlob(gitDir, commit, filePath) {
  return execFileSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', `${commit}:${filePath}`], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Whether `gitDir` holds `commit`. */
export function hasCommit(gitDir, commit) {
  try {
    execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a repository `owner/name` may sit below a cache folder: the fetch tool's layout
 * (`owner+name/repo`), a clone (`owner+name/.git`, `name/.git`) or a bare clone (`owner+name`,
 * `owner+name.git`). The first that holds the commit wins.
 */
export function findGitDir(cacheDirs, repo, commit) {
  const [owner, name] = repo.split('/');
  const flat = `${owner}+${name}`;
  for (const cache of cacheDirs) {
    const candidates = [
      path.join(cache, flat, 'repo'),
      path.join(cache, flat, '.git'),
      path.join(cache, flat),
      path.join(cache, `${flat}.git`),
      path.join(cache, name, '.git'),
      path.join(cache, owner, name, '.git'),
    ];
    for (const candidate of candidates) if (existsSync(candidate) && hasCommit(candidate, commit)) return candidate;
  }
  return null;
}

const lines = (text) => text.split('\n').map((line) => line.replace(/\r$/, ''));

/**
 * Every fenced code block of a Markdown text (``` or ~~~, indented or not), in order, with the
 * fence's indentation removed from its lines. Block numbers in the recipe index this list.
 */
export function fencedBlocks(text) {
  const all = lines(text);
  const blocks = [];
  for (let i = 0; i < all.length; i++) {
    const open = /^(\s*)(```+|~~~+)\s*([\w+-]*)\s*$/.exec(all[i]);
    if (!open) continue;
    const indent = open[1].length;
    const fence = open[2];
    const body = [];
    const start = i + 1;
    i++;
    while (i < all.length && !(all[i].trim().startsWith(fence) && all[i].trim().replace(/[`~]/g, '') === '')) {
      const lead = all[i].length - all[i].trimStart().length;
      body.push(all[i].slice(Math.min(indent, lead)));
      i++;
    }
    blocks.push({ line: start + 1, text: body.join('\n') });
  }
  return blocks;
}

/**
 * Every literal block of a reStructuredText text (the indented block after a paragraph ending in
 * `::`), in order, dedented, without trailing blank lines. The AWS CLI's examples are written so.
 */
export function rstBlocks(text) {
  const all = lines(text);
  const blocks = [];
  for (let i = 0; i < all.length; i++) {
    if (!/::\s*$/.test(all[i])) continue;
    let j = i + 1;
    while (j < all.length && all[j].trim() === '') j++;
    if (j >= all.length) continue;
    const indent = all[j].length - all[j].trimStart().length;
    const base = all[i].length - all[i].trimStart().length;
    if (indent <= base) continue;
    const body = [];
    let k = j;
    while (k < all.length && (all[k].trim() === '' || all[k].length - all[k].trimStart().length >= indent)) {
      body.push(all[k].slice(indent));
      k++;
    }
    while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
    blocks.push({ line: j + 1, text: body.join('\n') });
    i = k - 1;
  }
  return blocks;
}

const LINE_NUMBER = /^\s*\d+\.\s?/;

/** Whether every non-blank line starts with a listing's line number (` 1. {`), as some AWS guides print code. */
export function hasLineNumbers(text) {
  const filled = text.split('\n').filter((line) => line.trim() !== '');
  return filled.length > 0 && filled.every((line) => LINE_NUMBER.test(line));
}

export function stripLineNumbers(text) {
  return text
    .split('\n')
    .map((line) => line.replace(LINE_NUMBER, ''))
    .join('\n');
}

/** RFC 6901 JSON pointer. */
export function jsonPointer(value, pointer) {
  if (pointer === '') return value;
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(token in current)) throw new Error(`JSON pointer ${pointer}: no ${token}`);
    current = current[token];
  }
  return current;
}

/**
 * The text of one recipe item, cut from its file's text as `item.extract` says:
 * absent: the whole file; `{markdown: n}`: fenced block n; `{rst: n}`: literal block n;
 * `stripLineNumbers: true`: drop the listing's line numbers; `{pointer: "/a/0"}`: the value at
 * that JSON pointer (of the whole file, or of the block), written with two-space indentation.
 */
export function extractItem(item, fileText) {
  const extract = item.extract;
  if (!extract) return fileText; // a whole file: byte for byte
  let text = fileText;
  if (extract.markdown !== undefined) {
    const block = fencedBlocks(fileText)[extract.markdown];
    if (!block) throw new Error(`${item.id}: ${item.path} has no fenced block ${extract.markdown}`);
    text = block.text;
  } else if (extract.rst !== undefined) {
    const block = rstBlocks(fileText)[extract.rst];
    if (!block) throw new Error(`${item.id}: ${item.path} has no literal block ${extract.rst}`);
    text = block.text;
  }
  if (extract.stripLineNumbers) text = stripLineNumbers(text);
  if (extract.pointer !== undefined) text = JSON.stringify(jsonPointer(JSON.parse(text), extract.pointer), null, 2);
  return text.endsWith('\n') ? text : `${text}\n`;
}

export const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Where an item is written below the corpus folder: `policies/<kind>/<id>.json`, `templates/<id>.<ext>`. */
export function itemFile(item) {
  // Never a folder named after the judged kind: presign-audit reads file and folder names as kind
  // hints, so the layout keeps only the names the source itself gives (its folder and file name; for
  // a block cut from a page, the item's id, which names the page).
  if (item.extract) return path.join(item.kind === 'template' ? 'templates' : 'policies', item.id, `${item.id}${item.kind === 'template' ? path.extname(item.path).toLowerCase() : '.json'}`);
  const parts = item.path.split('/');
  return path.join(item.kind === 'template' ? 'templates' : 'policies', item.id, ...parts.slice(-2));
}
