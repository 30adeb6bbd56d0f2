/**
 * `--list-rules` and `--print-config FILE`: what a run would do, without running it. The config
 * printed for a file is, as ESLint's `--print-config`, the effective one: the rules that read a file
 * of its kind with their severity and options, and the settings, ignores and suppressions that
 * apply to it.
 */
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { configuredKindOf, configBase, relativeTo, type AuditConfig } from '../engine/config.js';
import { isCodeFile, isPythonFile } from '../engine/files.js';
import { wildcardMatch } from '../policy/wildcard.js';
import type { RuleSubject } from '../rule/shape.js';
import { IgnorePatterns, loadMinimatch, type PatternSet } from './ignores.js';
import { GitIgnores } from './gitignore.js';
import type { SuppressionSettings } from './suppressions.js';

const LEVEL = { 0: 'off', 1: 'warn', 2: 'error' } as const;

/** What each subject reads, in the words of the README's rules table. */
const READS: Record<RuleSubject, string> = { site: 'code', document: 'policy', signers: 'policy', inventory: 'policies together', 'site-policies': 'code and policies', 'signer-need': 'code and policies' };

/** One line per rule: id, its level in this config, what it reads, its description. */
export function listRules(config: AuditConfig): string {
  const levels = new Map(config.rules.map((e) => [e.rule, e.severity]));
  const rows = RULES.map((rule) => [`presign/${rule.name}`, LEVEL[levels.get(rule) ?? 0], READS[rule.subject], rule.meta.docs.description]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')).join('\n')}\n`;
}

export interface PrintConfigContext {
  readonly cwd: string;
  readonly ignores: readonly PatternSet[];
  readonly gitignore: boolean;
  readonly suppressions: SuppressionSettings;
  readonly baseline: string | null;
}

/** The effective config for `file`, as JSON. */
export function printConfig(file: string, config: AuditConfig, context: PrintConfigContext): string {
  const absolute = path.resolve(context.cwd, file);
  const subjects: RuleSubject[] = isCodeFile(absolute) ? ['site', 'site-policies'] : isPythonFile(absolute) ? ['site'] : ['document', 'signers', 'inventory'];
  const base = configBase(config);
  const relative = relativeTo(base, absolute);
  const ignoredByPattern = new IgnorePatterns(context.ignores).ignores(absolute, false);
  const gitignored = context.gitignore && new GitIgnores([context.cwd]).ignores(absolute, false);
  const effective = {
    file: absolute,
    configFile: config.source,
    reader: isCodeFile(absolute) ? 'javascript' : isPythonFile(absolute) ? 'python' : 'policy',
    // `ignores` and --ignore-pattern skip the file however it is named; .gitignore only in directory walks and globs.
    ignored: ignoredByPattern,
    gitignored,
    rules: Object.fromEntries(
      config.rules
        .filter((e) => subjects.includes(e.rule.subject))
        .map((e) => [`presign/${e.rule.name}`, e.given.length > 0 ? [LEVEL[e.severity], ...e.given] : LEVEL[e.severity]]),
    ),
    settings: {
      identityPolicies: config.settings.identityPoliciesAreSigners ? 'signer' : 'not-signer',
      signers: config.settings.signers,
      ...(subjects.includes('document') ? { documentKind: configuredKindOf(config, absolute) ?? null } : {}),
      ...(subjects.includes('site-policies') ? { codeSigners: config.codeSigners.filter((m) => wildcardMatch(m.files, relative)) } : {}),
    },
    suppressions: context.suppressions.entries.filter((entry) => new (loadMinimatch().Minimatch)(entry.files, { dot: true }).match(relativeTo(context.suppressions.base, absolute))),
    baseline: context.baseline,
  };
  return `${JSON.stringify(effective, null, 2)}\n`;
}
