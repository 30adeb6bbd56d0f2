/**
 * `--baseline FILE`: the findings a team accepts when it adopts presign-audit on an existing
 * repository. Absent (or with `--update-baseline`), the file is written from this run's findings;
 * present, each finding it lists is suppressed (SARIF kind `external`), and the entries that no
 * longer match anything are reported as a note, without failing the run.
 *
 * A finding is known by its rule, its file (relative to the baseline file, so the baseline works
 * from any working directory) and a fingerprint: a hash of the text the finding points at (spaces
 * collapsed) and of its message with line and column numbers taken out. Neither moves when lines
 * are added above the finding, so the baseline survives edits elsewhere in the file; a change to
 * the flagged text itself makes it a new finding, as it should. Equal fingerprints in one file are
 * counted, so a second copy of an accepted finding is reported.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileResult, type FileResult, type LintMessage } from '../core/results.js';

export interface BaselineEntry {
  readonly file: string;
  readonly rule: string;
  readonly fingerprint: string;
  readonly count: number;
  /** For the reader of the file; not matched. */
  readonly message: string;
}

interface BaselineFile {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

export class BaselineError extends Error {}

/** The baseline, or null when the file does not exist. */
export function readBaseline(file: string): BaselineEntry[] | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new BaselineError(`cannot read the baseline ${file}: ${(error as Error).message}`);
  }
  let parsed: Partial<BaselineFile>;
  try {
    parsed = JSON.parse(text) as Partial<BaselineFile>;
  } catch (error) {
    throw new BaselineError(`the baseline ${file} is not valid JSON (${(error as Error).message}); delete it or run with --update-baseline to write it again.`);
  }
  const valid =
    parsed?.version === 1 &&
    Array.isArray(parsed.findings) &&
    parsed.findings.every((e: Partial<BaselineEntry> | null) => typeof e?.file === 'string' && typeof e.rule === 'string' && typeof e.fingerprint === 'string' && Number.isInteger(e.count) && e.count! > 0);
  if (!valid) throw new BaselineError(`the baseline ${file} is not a presign-audit baseline (version 1); delete it or run with --update-baseline to write it again.`);
  return [...parsed.findings!];
}

/** Every `presign/` finding of the run, as baseline entries (input problems are never accepted). */
export function baselineOf(results: readonly FileResult[], baselineFile: string): BaselineEntry[] {
  const entries = new Map<string, BaselineEntry>();
  const base = path.dirname(path.resolve(baselineFile));
  for (const result of results) {
    const file = relativeName(base, result.filePath);
    const fingerprints = fingerprinter(result.filePath);
    for (const message of result.messages) {
      if (!message.ruleId.startsWith('presign/')) continue;
      const fingerprint = fingerprints(message);
      const key = `${file}\0${message.ruleId}\0${fingerprint}`;
      const known = entries.get(key);
      entries.set(key, { file, rule: message.ruleId, fingerprint, count: (known?.count ?? 0) + 1, message: known?.message ?? firstSentence(message.message) });
    }
  }
  return [...entries.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
}

export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const content: BaselineFile = { version: 1, findings: entries };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}

/** The results with the baseline's findings moved to `suppressedMessages`, and the entries nothing matched. */
export function applyBaseline(results: readonly FileResult[], entries: readonly BaselineEntry[], baselineFile: string): { results: FileResult[]; stale: BaselineEntry[] } {
  const base = path.dirname(path.resolve(baselineFile));
  const remaining = new Map(entries.map((e) => [`${e.file}\0${e.rule}\0${e.fingerprint}`, { entry: e, left: e.count }]));
  const justification = `accepted in the baseline ${path.basename(baselineFile)}`;
  const applied = results.map((result) => {
    if (!result.messages.some((m) => m.ruleId.startsWith('presign/'))) return result;
    const file = relativeName(base, result.filePath);
    const fingerprints = fingerprinter(result.filePath);
    const kept: LintMessage[] = [];
    const suppressed = [...result.suppressedMessages];
    for (const message of result.messages) {
      const slot = message.ruleId.startsWith('presign/') ? remaining.get(`${file}\0${message.ruleId}\0${fingerprints(message)}`) : undefined;
      if (slot && slot.left > 0) {
        slot.left--;
        suppressed.push({ ...message, suppressions: [{ kind: 'external', justification }] });
      } else {
        kept.push(message);
      }
    }
    return kept.length === result.messages.length ? result : fileResult(result.filePath, kept, suppressed);
  });
  // Stale: counted in full, as a count that fell from 3 to 1 means two findings were fixed.
  const stale = [...remaining.values()].filter((slot) => slot.left > 0).map((slot) => ({ ...slot.entry, count: slot.left }));
  return { results: applied, stale };
}

/** A finding's fingerprint, from its file's text, read once. */
function fingerprinter(filePath: string): (message: LintMessage) => string {
  let lines: string[] | null = null;
  try {
    lines = readFileSync(filePath, 'utf8').split(/\r?\n/);
  } catch {
    // Gone since it was read: the message alone makes the fingerprint.
  }
  return (message) => {
    const hash = createHash('sha256');
    hash.update(message.ruleId).update('\0').update(normaliseMessage(message.message)).update('\0').update(lines ? flaggedText(lines, message) : '');
    return hash.digest('hex').slice(0, 20);
  };
}

/** The text between the finding's start and end (its line when it has no end), spaces collapsed. */
function flaggedText(lines: readonly string[], message: LintMessage): string {
  const endLine = message.endLine ?? message.line;
  const slice = lines.slice(message.line - 1, endLine);
  if (slice.length === 0) return '';
  if (message.endLine !== undefined && message.endColumn !== undefined) {
    slice[slice.length - 1] = slice[slice.length - 1]!.slice(0, message.endColumn - 1);
    slice[0] = slice[0]!.slice(message.column - 1);
  }
  return slice.join('\n').replace(/\s+/g, ' ').trim();
}

/** A message without the line and column numbers it may cite (`policy.json:12:5`, `line 12`). */
function normaliseMessage(message: string): string {
  return message.replace(/:\d+(:\d+)?\b/g, ':#').replace(/\b(line|lines|column)\s+\d+/gi, '$1 #');
}

function firstSentence(message: string): string {
  const end = message.search(/[.!?](\s|$)/);
  const sentence = end === -1 ? message : message.slice(0, end + 1);
  return sentence.length > 160 ? `${sentence.slice(0, 157)}...` : sentence;
}

function relativeName(base: string, file: string): string {
  return path.relative(base, file).split(path.sep).join('/');
}
