/**
 * Runs one rule on one subject, for every host (the ESLint plugin, presign-audit's engine, the
 * tests): merges the options, fills the messages, and contains failures. An exception inside a
 * check never ends a run: the reports made before it are kept, and the failure is returned for the
 * host to report where the subject is (parliament's pattern).
 */
import { formatMessage } from '../core/messages.js';
import type { FileReport, NodeReport, Rule, RuleSubject, SubjectInputs, SubjectReports } from './shape.js';

export type Filled<R> = R & { readonly message: string };

export interface RuleRun<S extends RuleSubject, N> {
  readonly reports: readonly Filled<SubjectReports<N, string>[S]>[];
  /** The exception's message when the check threw; null when it ran to the end. */
  readonly failure: string | null;
}

export function runRule<S extends RuleSubject, N>(rule: Rule<S, unknown, string>, input: SubjectInputs<N>[S], options: unknown): RuleRun<S, N> {
  // Made on the first report: most rules report nothing on most documents, and a run checks thousands.
  let reports: Filled<SubjectReports<N, string>[S]>[] | null = null;
  try {
    rule.check<N>(input, {
      options,
      report(report) {
        (reports ??= []).push(filled(report, formatMessage(rule.meta.messages[report.messageId] ?? report.messageId, report.data)) as Filled<SubjectReports<N, string>[S]>);
      },
    });
    return reports === null ? NOTHING_REPORTED : { reports, failure: null };
  } catch (error) {
    return { reports: reports ?? [], failure: error instanceof Error ? error.message : String(error) };
  }
}

/** The run of a check that reported nothing: one shared, read-only answer. */
const NOTHING_REPORTED: RuleRun<never, never> = Object.freeze({ reports: Object.freeze([]), failure: null });

/** Every field any subject's report may have: see `filled`. */
type AnyReport = Partial<NodeReport<unknown, string> & FileReport<string>> & { readonly messageId: string };

/**
 * A report with its message, in one shape whatever the rule and subject (absent fields undefined;
 * hosts read them one by one): copying each rule's own literal (`{ ...report, message }`) met a
 * different shape per rule, and was among the costliest steps of a policy run.
 */
function filled(report: AnyReport, message: string) {
  return {
    messageId: report.messageId,
    data: report.data,
    location: report.location,
    file: report.file,
    node: report.node,
    fix: report.fix,
    suggest: report.suggest,
    message,
  };
}

/** The message of a contained failure, as every host words it. */
export function failureMessage(rule: { readonly name: string }, failure: string, subject: string): string {
  // The reason is anything a bug throws: it follows the first sentence, which must fit a terminal line.
  return `Internal error in presign/${rule.name}; please report it with the ${subject}. Reason: ${failure}. The other rules still ran.`;
}

/**
 * The options a rule runs with: the user's object merged over `meta.defaultOptions`, objects key by
 * key and anything else replaced, as ESLint merges `meta.defaultOptions` (ESLint 9.15+).
 */
export function optionsOf(rule: Rule<RuleSubject, unknown, string>, given: readonly unknown[] = []): unknown {
  return merge(rule.meta.defaultOptions[0], given[0]);
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
