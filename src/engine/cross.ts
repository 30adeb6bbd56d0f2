/**
 * Holds the code against the policies of the same run (rules/code-x-policy): each presign site is
 * tied to its signing role and bucket (src/join/ties.ts) and checked. Findings land on the code file.
 */
import path from 'node:path';
import { inputProblem } from '../core/problems.js';
import type { ChainLink, LintMessage } from '../core/results.js';
import type { Node } from '../javascript/ast.js';
import type { Site } from '../javascript/presign-sites.js';
import { tieSite } from '../join/ties.js';
import type { Inventory } from '../policy/inventory.js';
import { signerModel } from '../policy/signers.js';
import { failureMessage, runRule } from '../rule/run.js';
import type { Rule } from '../rule/shape.js';
import { enabledOf, type AuditConfig } from './config.js';

export function crossCheck(sites: readonly { file: string; site: Site; chain?: readonly ChainLink[] }[], inventory: Inventory, config: AuditConfig, cwd: string): Map<string, LintMessage[]> {
  const out = new Map<string, LintMessage[]>();
  const rules = enabledOf(config, 'site-policies');
  if (rules.length === 0 || sites.length === 0 || (inventory.roles.length === 0 && inventory.buckets.length === 0)) return out;
  // `codeSigners` patterns are relative to the config file, like the paths in any config.
  const base = config.source ? path.dirname(config.source) : cwd;
  const context = { cwd: base, mappings: config.codeSigners, inventory, signers: signerModel(inventory, config.settings) };
  const add = (file: string, message: LintMessage) => out.set(file, [...(out.get(file) ?? []), message]);
  for (const { file, site, chain } of sites) {
    const tie = tieSite(site, file, context);
    for (const enabled of rules) {
      const rule = enabled.rule as Rule<'site-policies', unknown, string>;
      const run = runRule<'site-policies', Node>(rule, { site, tie, inventory }, enabled.options);
      for (const report of run.reports) {
        const { start, end } = report.node.loc;
        add(file, {
          ruleId: enabled.ruleId,
          messageId: report.messageId,
          severity: enabled.severity,
          message: report.message,
          line: start.line,
          column: start.column + 1,
          endLine: end.line,
          endColumn: end.column + 1,
          ...(chain ? { chain } : {}),
        });
      }
      if (run.failure !== null) {
        const { start } = site.node.loc;
        add(file, inputProblem('presign-audit/internal-error', failureMessage(rule, run.failure, 'code and policies'), { line: start.line, column: start.column + 1 }, false));
      }
    }
  }
  return out;
}
