import type { CodeMessage, RuleSetting } from '../../src/project/audit-code.js';
import { PYTHON_CHECKS, auditPythonSource } from '../../src/python/audit-python.js';

/** Every rule that applies to Python, as errors with default options, or the given settings. */
export function pythonRules(overrides: Record<string, unknown[]> = {}): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  for (const name of Object.keys(PYTHON_CHECKS)) rules.set(name, { severity: 2, options: overrides[name] ?? [] });
  return rules;
}

/** `line:column presign/rule messageId` for each finding of one rule (or all), in source order. */
export async function findings(source: string, rule?: string, overrides: Record<string, unknown[]> = {}): Promise<string[]> {
  const messages = await auditPythonSource(source, pythonRules(overrides));
  return messages.filter((m) => !rule || m.ruleId === `presign/${rule}`).map(short);
}

export function short(m: CodeMessage): string {
  return `${m.line}:${m.column} ${m.ruleId} ${m.messageId ?? ''}`.trim();
}
