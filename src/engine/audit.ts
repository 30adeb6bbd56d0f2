/**
 * The engine under presign-audit: files in, results out. JS/TS is read as one program (wrappers and
 * constants cross files), Python file by file, Terraform a module (directory) at a time, and
 * policies file by file and then together
 * (signer x bucket x key); last, the code is held against the policies. The readers and the rules
 * they need load only for runs that have such files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { fileResult, type FileResult } from '../core/results.js';
import { compareText } from '../core/collation.js';
import type { AuditConfig, ProgressListener } from './config.js';
import { isCodeFile, isPythonFile, isTerraformFile } from './files.js';
import { auditPolicies } from './policies.js';
import type { Shard } from './shard.js';

export type { ProgressListener } from './config.js';

export interface AuditRun {
  readonly results: FileResult[];
  /**
   * JSON or YAML files met in a directory walk that are no policy, template, plan or dump (a
   * fixture, an event sample): skipped, and said so. A file named on the command line is an error.
   */
  readonly skipped: string[];
}

/**
 * `named`: the paths given on the command line, resolved; a file among them is never skipped.
 * `shard`: report only this shard's files (src/engine/shard.ts); every policy input, Terraform
 * included, is still read, for the joins.
 */
export async function audit(files: readonly string[], config: AuditConfig, named: ReadonlySet<string>, cwd: string, progress?: ProgressListener, shard?: Shard): Promise<AuditRun> {
  // JS/TS files are shared out by program, which TypeScript's config reading decides.
  const projectOf = shard && shard.count > 1 && files.some(isCodeFile) ? (await import('./program.js')).configFinder((await import('typescript')).default as unknown as typeof TS).ownerOf : undefined;
  const ownedBy = shard ? (await import('./shard.js')).ownedBy : null;
  const owned = (file: string) => !shard || !ownedBy || ownedBy(shard, file, cwd, projectOf);
  const codeFiles = files.filter((file) => isCodeFile(file) && owned(file));
  const pythonFiles = files.filter((file) => isPythonFile(file) && owned(file));
  const terraformFiles = files.filter(isTerraformFile);
  // Loaded only here: a run without .tf files loads nothing of the HCL reader.
  const terraform = terraformFiles.length > 0 ? await (await import('./terraform.js')).readTerraform(terraformFiles) : null;
  const policyFiles = files.filter((file) => !isCodeFile(file) && !isPythonFile(file) && !isTerraformFile(file) && !terraform?.filesRead.has(file));
  const policies = auditPolicies(policyFiles, config, terraform?.modules ?? [], progress);
  policies.results.push(...(terraform?.unreadable ?? []));
  const ownPolicies = policies.results.filter((r) => owned(r.filePath));
  const notPolicies = ownPolicies.filter(
    (r) => !named.has(r.filePath) && r.messages.length > 0 && r.messages.every((m) => m.ruleId === 'presign-audit/unknown-format'),
  );
  let results = ownPolicies.filter((r) => !notPolicies.includes(r));
  let sites: Awaited<ReturnType<typeof import('./javascript.js').auditCode>>['sites'] = [];
  if (codeFiles.length > 0) {
    const { auditCode } = await import('./javascript.js');
    const code = await auditCode(codeFiles, config, progress);
    sites = code.sites;
    const { crossCheck } = await import('./cross.js');
    const cross = crossCheck(code.sites, policies.inventory, config, cwd);
    const { applyEslintDirectives } = await import('./eslint-directives.js');
    for (const file of codeFiles) {
      const own = code.files.get(path.resolve(file)) ?? [];
      // Findings made outside ESLint's pass (at a wrapper's call, against the policies) obey the
      // file's ESLint directives as the pass's own findings do.
      const outside = [...own.filter((m) => m.chain !== undefined), ...(cross.get(file) ?? [])];
      const text = outside.length === 0 ? null : readText(file);
      const directives = text === null ? { kept: outside, suppressed: [] } : applyEslintDirectives(file, text, outside);
      const kept = [...own.filter((m) => m.chain === undefined), ...directives.kept];
      const suppressed = [...(code.suppressed.get(path.resolve(file)) ?? []), ...directives.suppressed].sort((a, b) => a.line - b.line || a.column - b.column);
      results.push(fileResult(file, kept, suppressed));
    }
  }
  if (pythonFiles.length > 0) {
    const { auditPython } = await import('./python.js');
    const python = await auditPython(pythonFiles, config, progress);
    results.push(...pythonFiles.map((file) => fileResult(file, python.get(file) ?? python.get(path.resolve(file)) ?? [])));
  }
  // What the code needs, against what its signer roles are allowed: findings on the policy files.
  // It needs all the code a role runs, which a shard does not read: not run in sharded runs (docs/cli.md).
  if (codeFiles.length + pythonFiles.length > 0 && (!shard || shard.count === 1)) {
    const { needCheck } = await import('./need-check.js');
    const extra = await needCheck({ javascript: codeFiles, python: pythonFiles, sites }, policies.inventory, config, cwd);
    results = results.map((r) => (extra.has(r.filePath) ? fileResult(r.filePath, [...r.messages, ...extra.get(r.filePath)!].sort((a, b) => a.line - b.line || a.column - b.column), r.suppressedMessages) : r));
  }
  results.sort((a, b) => compareText(a.filePath, b.filePath));
  // Messages name other files (a signer known by its policy file, the bucket policy a code finding
  // cites) as the report does: relative to the working directory, never by this machine's path.
  return { results: results.map((r) => withRelativeNames(r, cwd)), skipped: notPolicies.map((r) => r.filePath) };
}

function withRelativeNames(result: FileResult, cwd: string): FileResult {
  const prefix = `${cwd}${path.sep}`;
  if (!result.messages.some((m) => m.message.includes(prefix))) return result;
  return fileResult(result.filePath, result.messages.map((m) => ({ ...m, message: m.message.split(prefix).join('') })), result.suppressedMessages);
}

/** The file as it is now; gone since it was read, nothing in it can suppress. */
function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
