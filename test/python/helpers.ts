import { resolveConfig } from '../../src/cli/config.js';
import type { LintMessage } from '../../src/core/results.js';
import type { AuditConfig } from '../../src/engine/config.js';
import { auditPythonSource } from '../../src/engine/python.js';

/** Every site rule, as errors with default options, or the given options (what presign-audit runs on Python with `preset: all`). */
export function pythonRules(overrides: Record<string, unknown[]> = {}): AuditConfig {
  const rules = Object.fromEntries(Object.entries(overrides).map(([name, options]) => [`presign/${name}`, ['error', ...options]]));
  return resolveConfig({ preset: 'all', rules }, null);
}

/** `line:column presign/rule messageId` for each finding of one rule (or all), in source order. */
export async function findings(source: string, rule?: string, overrides: Record<string, unknown[]> = {}): Promise<string[]> {
  const messages = await auditPythonSource(source, pythonRules(overrides));
  return messages.filter((m) => !rule || m.ruleId === `presign/${rule}`).map(short);
}

export function short(m: LintMessage): string {
  return `${m.line}:${m.column} ${m.ruleId} ${m.messageId ?? ''}`.trim();
}
