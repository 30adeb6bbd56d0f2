/**
 * What a run is configured to do, once the CLI has read and validated presign-audit.config.json
 * (src/cli/config.ts): the enabled rules with their severity and options, and the settings the
 * policy and code-against-policy rules share.
 */
import path from 'node:path';
import type { Severity } from '../core/results.js';
import type { CodeSignerMapping } from '../join/ties.js';
import { configuredKind, type DocumentKindPattern } from '../policy/kinds.js';
import type { DocumentKind } from '../policy/model.js';
import type { AnyRule, PolicySettings, RuleSubject } from '../rule/shape.js';

export interface EnabledRule {
  readonly rule: AnyRule;
  /** `presign/<name>`, as findings name the rule: made once, not once per finding (each kept until reported). */
  readonly ruleId: string;
  readonly severity: Severity;
  /** The options as the user wrote them (ESLint merges them itself when it runs a rule). */
  readonly given: readonly unknown[];
  /** The user's options merged over the rule's defaults. */
  readonly options: unknown;
}

export interface AuditConfig {
  readonly rules: readonly EnabledRule[];
  /** `codeSigners`: which role signs the URLs of which modules. */
  readonly codeSigners: readonly CodeSignerMapping[];
  /** `documentKinds`: the kind of the policies in which files, when their content cannot tell it. */
  readonly documentKinds: readonly DocumentKindPattern[];
  readonly settings: PolicySettings;
  /** The config file it came from, or null for the defaults. */
  readonly source: string | null;
}

/** Told where a run is (`reading policies`, 120, 530), for a progress line on a terminal. */
export type ProgressListener = (stage: string, done: number, total: number) => void;

export function enabledOf(config: AuditConfig, ...subjects: RuleSubject[]): EnabledRule[] {
  return config.rules.filter((enabled) => subjects.includes(enabled.rule.subject));
}

/** The kind `documentKinds` gives a policy file; its patterns are relative to the config file, like `codeSigners`. */
export function configuredKindOf(config: AuditConfig, file: string): DocumentKind | undefined {
  return config.documentKinds.length === 0 ? undefined : configuredKind(config.documentKinds, relativeTo(configBase(config), file));
}

/** The folder config paths are relative to: the config file's; without one (a caller's entries), the working directory, as files are. */
export function configBase(config: AuditConfig): string {
  return config.source ? path.dirname(config.source) : process.cwd();
}

/** `file` relative to `base` with forward slashes, as config patterns are written. */
export function relativeTo(base: string, file: string): string {
  return path.relative(base, path.resolve(file)).split(path.sep).join('/');
}
