/**
 * How presign-audit turns a check's finding into the text ESLint would show: the rule's own
 * `meta.messages` template filled with the finding's data, and the rule's options over its
 * defaults. Shared by every code reader that runs the checks outside ESLint (whole-program
 * TypeScript, Python), so their messages stay word for word the editor's.
 */
import { codeRules } from '../../rules/index.js';
import { formatMessage } from '../policy/rule.js';

export type CodeRuleName = keyof typeof codeRules;

export function isCodeRule(name: string): name is CodeRuleName {
  return name in codeRules;
}

/** The user's first option object over the rule's default one. */
export function ruleOptions<T extends object>(name: CodeRuleName, options: readonly unknown[]): T {
  const rule = codeRules[name];
  return { ...(rule.defaultOptions?.[0] as object), ...(options[0] as object) } as T;
}

/** `{{api}} is given ...` with `data` filled in, as ESLint formats `messageId` + `data`. */
export function codeRuleMessage(name: CodeRuleName, messageId: string, data: Readonly<Record<string, string | number>>): string {
  return formatMessage((codeRules[name].meta.messages as Record<string, string>)[messageId] ?? messageId, data);
}
