/**
 * What a run is configured to do, once the CLI has read and validated presign-audit.config.json
 * (src/cli/config.ts): the enabled rules with their severity and options, and the settings the
 * policy and code-against-policy rules share.
 */
import type { Severity } from '../core/results.js';
import type { CodeSignerMapping } from '../join/ties.js';
import type { AnyRule, PolicySettings, RuleSubject } from '../rule/shape.js';

export interface EnabledRule {
  readonly rule: AnyRule;
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
  readonly settings: PolicySettings;
  /** The config file it came from, or null for the defaults. */
  readonly source: string | null;
}

export function enabledOf(config: AuditConfig, ...subjects: RuleSubject[]): EnabledRule[] {
  return config.rules.filter((enabled) => subjects.includes(enabled.rule.subject));
}
