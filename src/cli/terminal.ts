/**
 * What presign-audit says on a terminal besides the report: whether to colour, a progress line on
 * stderr for runs longer than a second, and a summary line for every run, so that a clean run is
 * told apart from a run that read nothing.
 */
import type { FileResult } from '../core/results.js';
import type { ProgressListener } from '../engine/audit.js';
import { isCodeFile, isPythonFile } from '../engine/files.js';

/**
 * Colour by the conventions of no-color.org and force-color.org, in picocolors' order: `NO_COLOR`
 * (any non-empty value) wins, then `FORCE_COLOR` (non-empty and not `0`), then a terminal that is
 * not `dumb`. `--color` and `--no-color` win over all of them (execute.ts).
 */
export function colorFromEnvironment(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env['NO_COLOR']) return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '') return env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false';
  return isTTY && env['TERM'] !== 'dumb';
}

/** Shown only after this long: a quick run (a pre-commit hook's) prints no progress at all. */
const PROGRESS_DELAY_MS = 1000;
/** Redrawn at most this often, so a run of many small files does not spend its time on the terminal. */
const PROGRESS_INTERVAL_MS = 100;

export interface Progress {
  readonly listener: ProgressListener;
  /** Erases the progress line, if one was drawn. */
  end(): void;
}

/**
 * A progress line redrawn in place on a terminal's stderr (`\r` and erase-line): at each step the
 * engine reports, and on a timer while the event loop is free (loading the TypeScript reader), so a
 * long step still shows its seconds counting.
 */
export function terminalProgress(write: (text: string) => void, now: () => number = Date.now): Progress {
  const start = now();
  let lastDrawn = 0;
  let drawn = false;
  let current = { stage: 'starting', done: 0, total: 0 };
  const draw = (force: boolean) => {
    const time = now();
    if (time - start < PROGRESS_DELAY_MS || (!force && time - lastDrawn < PROGRESS_INTERVAL_MS)) return;
    lastDrawn = time;
    drawn = true;
    const { stage, done, total } = current;
    write(`\r\x1b[Kpresign-audit: ${stage}${total > 0 ? ` ${done}/${total}` : ''} (${Math.round((time - start) / 1000)} s)`);
  };
  const timer = setInterval(() => draw(true), PROGRESS_DELAY_MS / 4);
  // The timer never keeps the process alive.
  timer.unref();
  return {
    listener: (stage, done, total) => {
      // A new step is always shown; steps of one kind at most every PROGRESS_INTERVAL_MS.
      const newStage = stage !== current.stage;
      current = { stage, done, total };
      draw(newStage);
    },
    end: () => {
      clearInterval(timer);
      if (drawn) write('\r\x1b[K');
    },
  };
}

/** `presign-audit: 12 files read (4 JS/TS, 1 Python, 7 policies and templates): 3 problems (2 errors, 1 warning), 2 suppressed.` */
export function summaryLine(read: readonly string[], results: readonly FileResult[]): string {
  if (read.length === 0) return 'presign-audit: no files read.\n';
  const code = read.filter(isCodeFile).length;
  const python = read.filter(isPythonFile).length;
  const policies = read.length - code - python;
  const kinds = [
    ...(code > 0 ? [`${code} JS/TS`] : []),
    ...(python > 0 ? [`${python} Python`] : []),
    ...(policies > 0 ? [`${policies} ${policies === 1 ? 'policy or template' : 'policies and templates'}`] : []),
  ];
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const suppressed = results.reduce((n, r) => n + r.suppressedMessages.length, 0);
  const problems = errors + warnings;
  const found = problems === 0 ? 'no problems' : `${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return `presign-audit: ${plural(read.length, 'file')} read (${kinds.join(', ')}): ${found}${suppressed > 0 ? `, ${suppressed} suppressed` : ''}.\n`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
