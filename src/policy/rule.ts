/**
 * The shape of a policy rule: the same meta as a code rule (src/rule-creator.ts), and a `check`
 * that reads the policy model and reports through its context. Nothing here knows ESLint or the
 * CLI: the CLI runs checks through `runPolicyRule`; an ESLint JSON-language adapter can map a
 * report's offsets back to its own nodes.
 */
import type { PresetLevel } from '../rule-creator.js';
import { REPOSITORY_URL } from '../rule-creator.js';
import type { PolicyDocument, SourcePosition } from './model.js';

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface PolicyRuleMeta<M extends string> {
  readonly type: 'problem' | 'suggestion';
  readonly docs: { readonly description: string; readonly preset: PresetLevel; readonly url: string };
  readonly messages: Readonly<Record<M, string>>;
  readonly schema: readonly JsonSchema[];
}

export interface PolicyReport<M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly location: SourcePosition;
}

export interface PolicyCheckSettings {
  /** Identity policies are the URL signer's unless configured otherwise (issue 3). */
  readonly identityPoliciesAreSigners: boolean;
}

export interface PolicyCheckContext<O, M extends string> {
  readonly options: O;
  readonly settings: PolicyCheckSettings;
  report(report: PolicyReport<M>): void;
}

export interface PolicyRule<O = Record<string, never>, M extends string = string> {
  readonly name: string;
  readonly meta: PolicyRuleMeta<M>;
  /** One options object, as code rules take it (`['error', { ... }]`). */
  readonly defaultOptions: readonly [O];
  check(document: PolicyDocument, context: PolicyCheckContext<O, M>): void;
}

export interface PolicyRuleDefinition<O, M extends string> {
  readonly name: string;
  readonly meta: Omit<PolicyRuleMeta<M>, 'docs'> & { readonly docs: Omit<PolicyRuleMeta<M>['docs'], 'url'> };
  readonly defaultOptions: readonly [O];
  check(document: PolicyDocument, context: PolicyCheckContext<O, M>): void;
}

export function definePolicyRule<O, M extends string>(definition: PolicyRuleDefinition<O, M>): PolicyRule<O, M> {
  return {
    ...definition,
    meta: { ...definition.meta, docs: { ...definition.meta.docs, url: `${REPOSITORY_URL}/blob/main/docs/rules/${definition.name}.md` } },
  };
}

/** A report with its message filled in. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly location: SourcePosition;
}

/** Longer values are cut in messages: they quote policy text, and a 1 MB ARN helps no reader. */
const MAX_QUOTED_LENGTH = 200;

/** Fills `{{name}}` placeholders, as ESLint does; unknown names stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => {
    if (!Object.hasOwn(data, name)) return whole;
    const value = String(data[name]);
    return value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}… (${value.length} characters)` : value;
  });
}

export const INTERNAL_ERROR_RULE_ID = 'presign-audit/internal-error';

/**
 * Runs one rule on one document. An exception inside a check becomes an internal-error finding
 * for the document (parliament's pattern), never a crashed run; findings made before it are kept.
 */
export function runPolicyRule<O, M extends string>(
  rule: PolicyRule<O, M>,
  document: PolicyDocument,
  options: O,
  settings: PolicyCheckSettings,
): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const ruleId = `presign/${rule.name}`;
  try {
    rule.check(document, {
      options,
      settings,
      report({ messageId, data, location }) {
        findings.push({ ruleId, messageId, message: formatMessage(rule.meta.messages[messageId], data), location });
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    findings.push({
      ruleId: INTERNAL_ERROR_RULE_ID,
      messageId: 'internalError',
      message: `Internal error in ${ruleId}: ${reason}. The other rules still ran; please report this with the policy.`,
      location: document.position,
    });
  }
  return findings;
}
