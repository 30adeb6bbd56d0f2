/**
 * Holds the code against the policies of the same run (rules/project): each presign site is tied
 * to its signing role and bucket (src/project/ties.ts) and checked. Findings land on the code file.
 */
import path from 'node:path';
import { projectRules } from '../../rules/project/index.js';
import type { Site } from '../code/presign-sites.js';
import type { Inventory } from '../policy/inventory.js';
import { selectSigners } from '../policy/signers.js';
import { formatMessage } from '../policy/rule.js';
import { tieSite } from '../project/ties.js';
import type { AuditConfig } from './config.js';
import type { ChainLink, LintMessage } from './results.js';

export function crossCheck(sites: readonly { file: string; site: Site; chain?: readonly ChainLink[] }[], inventory: Inventory, config: AuditConfig, cwd: string): Map<string, LintMessage[]> {
  const out = new Map<string, LintMessage[]>();
  if (config.projectRules.size === 0 || sites.length === 0 || (inventory.roles.length === 0 && inventory.buckets.length === 0)) return out;
  // `codeSigners` patterns are relative to the config file, like the paths in any config.
  const base = config.source ? path.dirname(config.source) : cwd;
  // Messages name policy files as the report does: relative to the working directory.
  const shown = (value: string | number) => (typeof value === 'string' ? value.split(`${cwd}${path.sep}`).join('') : value);
  const context = { cwd: base, mappings: config.codeSigners, inventory, signers: selectSigners(inventory, config.settings.signers ?? null, config.settings.identityPoliciesAreSigners) };
  for (const { file, site, chain } of sites) {
    const tie = tieSite(site, file, context);
    for (const [name, severity] of config.projectRules) {
      const rule = projectRules[name as keyof typeof projectRules];
      for (const finding of rule.check({ site, tie, inventory })) {
        const { start, end } = finding.node.loc;
        const message: LintMessage = {
          ruleId: `presign/${name}`,
          messageId: finding.messageId,
          severity,
          message: formatMessage(
            (rule.meta.messages as Record<string, string>)[finding.messageId]!,
            Object.fromEntries(Object.entries(finding.data).map(([key, value]) => [key, shown(value)])),
          ),
          line: start.line,
          column: start.column + 1,
          endLine: end.line,
          endColumn: end.column + 1,
          ...(chain ? { chain } : {}),
        };
        out.set(file, [...(out.get(file) ?? []), message]);
      }
    }
  }
  return out;
}
