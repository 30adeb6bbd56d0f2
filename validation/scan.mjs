#!/usr/bin/env node
/**
 * Lists the policy documents of one repository snapshot as draft entries of validation/corpus.json,
 * to grow the corpus: every JSON file that is a policy, every Markdown fenced block and every
 * reStructuredText literal block that parses as one. No network; reads the git directory.
 *
 *   node validation/scan.mjs <git-dir> <commit> <owner/name> [path prefix]
 *
 * Each line is one draft item with a guessed `kind` and the text before the block (`context`).
 * The guess is only a start: judge the kind from the document and its text, drop `guess` and
 * `context`, and skip documents the corpus already holds (the same JSON value).
 */
import { execFileSync } from 'node:child_process';
import { extractItem, fencedBlocks, hasLineNumbers, rstBlocks, sha256, stripLineNumbers } from './lib.mjs';

const [gitDir, commit, repo, prefix = ''] = process.argv.slice(2);
if (!gitDir || !commit || !repo) {
  console.error('Usage: node validation/scan.mjs <git-dir> <commit> <owner/name> [path prefix]');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function parsePolicy(text) {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) && 'Statement' in value ? value : null;
  } catch {
    return null;
  }
}

/** A first guess of the kind from the content alone; the corpus's kinds are judged by hand. */
function guessKind(policy) {
  const statements = list(policy.Statement).filter((s) => s !== null && typeof s === 'object');
  const principal = statements.some((s) => 'Principal' in s || 'NotPrincipal' in s);
  const actions = statements.flatMap((s) => list(s.Action ?? s.NotAction)).map(String);
  const resources = statements.flatMap((s) => list(s.Resource ?? s.NotResource)).map(String);
  if (!principal) return 'identity (or scp)';
  if (actions.length > 0 && actions.every((a) => /^sts:(AssumeRole|TagSession|SetSourceIdentity|SetContext)/i.test(a))) return 'trust';
  if (resources.some((r) => r.includes(':accesspoint/'))) return 'access-point';
  if (actions.length > 0 && actions.every((a) => /^kms:/i.test(a))) return 'kms-key';
  if (resources.some((r) => r.startsWith('arn:aws:s3:::'))) return 'bucket (or vpc-endpoint)';
  return 'resource-other (or rcp, vpc-endpoint)';
}

const files = git('ls-tree', '-r', '--name-only', commit)
  .split('\n')
  .filter((f) => f !== '' && f.startsWith(prefix));
for (const path of files) {
  const candidates = [];
  if (/\.json$/i.test(path)) candidates.push({ extract: undefined });
  else if (/\.md$/i.test(path) || /\.rst$/i.test(path)) {
    const text = git('cat-file', 'blob', `${commit}:${path}`);
    const markdown = /\.md$/i.test(path);
    const blocks = markdown ? fencedBlocks(text) : rstBlocks(text);
    blocks.forEach((block, index) => {
      const numbered = hasLineNumbers(block.text);
      if (parsePolicy(numbered ? stripLineNumbers(block.text) : block.text) === null) return;
      const lines = text.split('\n');
      const context = lines.slice(Math.max(0, block.line - 6), block.line - 1).join(' ').replace(/\s+/g, ' ').slice(-200);
      candidates.push({ extract: { [markdown ? 'markdown' : 'rst']: index, ...(numbered ? { stripLineNumbers: true } : {}) }, context });
    });
  } else continue;
  for (const candidate of candidates) {
    const item = { id: '', kind: '', repo, commit, path, ...(candidate.extract ? { extract: candidate.extract } : {}) };
    const text = extractItem(item, git('cat-file', 'blob', `${commit}:${path}`));
    const policy = parsePolicy(text);
    if (policy === null) continue;
    console.log(JSON.stringify({ ...item, sha256: sha256(text), guess: guessKind(policy), ...(candidate.context ? { context: candidate.context } : {}) }));
  }
}
