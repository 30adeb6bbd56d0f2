/**
 * Holds what the code needs against what its signer roles are allowed (rules whose subject is
 * `signer-need`): the code's S3 calls are gathered and tied (src/engine/need-calls.ts), grouped by
 * role (src/join/need.ts), and each role's policies checked. Only roles the config ties to code
 * (`codeSigners`, or its one signer) are checked; findings land on the role's policy file.
 */
import { inputProblem } from '../core/problems.js';
import type { LintMessage } from '../core/results.js';
import { needsOf } from '../join/need.js';
import type { Inventory } from '../policy/inventory.js';
import { signerModel } from '../policy/signers.js';
import { failureMessage, runRule } from '../rule/run.js';
import type { Rule } from '../rule/shape.js';
import { configBase, enabledOf, type AuditConfig } from './config.js';
import type { CodeAuditResult } from './javascript.js';
import { directCalls, javascriptCalls, pythonCalls } from './need-calls.js';

export async function needCheck(
  code: { readonly javascript: readonly string[]; readonly python: readonly string[]; readonly sites: CodeAuditResult['sites'] },
  inventory: Inventory,
  config: AuditConfig,
  cwd: string,
): Promise<Map<string, LintMessage[]>> {
  const out = new Map<string, LintMessage[]>();
  const rules = enabledOf(config, 'signer-need');
  if (rules.length === 0 || inventory.roles.length === 0) return out;
  const context = { cwd: configBase(config), mappings: config.codeSigners, inventory, signers: signerModel(inventory, config.settings) };
  const calls = [...javascriptCalls(code.sites, context, cwd), ...(await pythonCalls(code.python, context, cwd)), ...(await directCalls([...code.javascript, ...code.python], context, cwd))];
  const add = (file: string, message: LintMessage) => out.set(file, [...(out.get(file) ?? []), message]);
  for (const need of needsOf(calls, inventory)) {
    const roleCalls = calls.filter((call) => call.tie.role === need.role);
    for (const enabled of rules) {
      const rule = enabled.rule as Rule<'signer-need', unknown, string>;
      const run = runRule<'signer-need', unknown>(rule, { role: need.role, calls: roleCalls, need: need.grants, inventory }, enabled.options);
      for (const report of run.reports) {
        const { line, column, endLine, endColumn } = report.location;
        add(report.file, { ruleId: `presign/${rule.name}`, messageId: report.messageId, severity: enabled.severity, message: report.message, line, column, endLine, endColumn });
      }
      if (run.failure !== null) add(need.role.source.file, inputProblem('presign-audit/internal-error', failureMessage(rule, run.failure, 'code and policies'), need.role.source.position, false));
    }
  }
  return out;
}
