/**
 * Holds what the code needs against what its signer roles are allowed (rules whose subject is
 * `signer-need`): the code's S3 calls are gathered and tied (src/engine/need-calls.ts), grouped by
 * role (src/join/need.ts), and each role's policies checked. Only roles the config ties to code
 * (`codeSigners`, or its one signer) are checked; findings land on the role's policy file.
 */
import { inputProblem } from '../core/problems.js';
import type { LintMessage } from '../core/results.js';
import type { Inventory } from '../policy/inventory.js';
import { failureMessage, runRule } from '../rule/run.js';
import type { Rule } from '../rule/shape.js';
import { enabledOf, type AuditConfig } from './config.js';
import type { CodeAuditResult } from './javascript.js';
import { runNeeds } from './need-calls.js';

export async function needCheck(
  code: { readonly javascript: readonly string[]; readonly python: readonly string[]; readonly sites: CodeAuditResult['sites'] },
  inventory: Inventory,
  config: AuditConfig,
  cwd: string,
): Promise<Map<string, LintMessage[]>> {
  const out = new Map<string, LintMessage[]>();
  const rules = enabledOf(config, 'signer-need');
  if (rules.length === 0 || inventory.roles.length === 0) return out;
  const { needs } = await runNeeds(code, inventory, config, cwd, false);
  const add = (file: string, message: LintMessage) => out.set(file, [...(out.get(file) ?? []), message]);
  for (const need of needs) {
    for (const enabled of rules) {
      const rule = enabled.rule as Rule<'signer-need', unknown, string>;
      const input = { role: need.role, calls: need.calls, need: need.grants, unknown: need.unknown, kmsUnknown: need.kmsUnknown, inventory };
      const run = runRule<'signer-need', unknown>(rule, input, enabled.options);
      for (const report of run.reports) {
        const { line, column, endLine, endColumn } = report.location;
        add(report.file, { ruleId: enabled.ruleId, messageId: report.messageId, severity: enabled.severity, message: report.message, line, column, endLine, endColumn });
      }
      if (run.failure !== null) add(need.role.source.file, inputProblem('presign-audit/internal-error', failureMessage(rule, run.failure, 'code and policies'), need.role.source.position, false));
    }
  }
  return out;
}
