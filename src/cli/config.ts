/**
 * `presign-audit.config.json`: which rules run at which severity with which options.
 *
 *   { "preset": "recommended", "identityPolicies": "signer",
 *     "rules": { "presign/public-principal": "warn", "presign/require-encryption-condition": ["error", { "algorithm": "aws:kms" }] } }
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { policyRules } from '../../rules/policy/index.js';
import { projectRules } from '../../rules/project/index.js';
import type { CodeSignerMapping } from '../project/ties.js';
import type { PresetLevel } from '../rule-docs.js';
import type { JsonSchema, PolicyCheckSettings, PolicyRule } from '../policy/rule.js';
import type { Severity } from './results.js';
import { validateAgainstSchema } from './validate-options.js';

export const CONFIG_FILE_NAME = 'presign-audit.config.json';

export interface EnabledRule {
  readonly id: string;
  readonly rule: PolicyRule<unknown, string>;
  readonly severity: Severity;
  readonly options: unknown;
}

/** A code rule as presign-audit runs it: the ESLint rule's severity and its options array. */
export interface CodeRuleSetting {
  readonly severity: Severity;
  readonly options: readonly unknown[];
}

export interface AuditConfig {
  readonly rules: readonly EnabledRule[];
  /** Code rules by name (without `presign/`), enabled ones only. */
  readonly codeRules: ReadonlyMap<string, CodeRuleSetting>;
  /** Rules that hold code against policies, by name, enabled ones only. */
  readonly projectRules: ReadonlyMap<string, Severity>;
  readonly codeSigners: readonly CodeSignerMapping[];
  readonly settings: PolicyCheckSettings;
  /** The file it came from, or null for the defaults. */
  readonly source: string | null;
}

export class ConfigError extends Error {}

const SEVERITIES: Record<string, Severity | 0> = { off: 0, warn: 1, error: 2, '0': 0, '1': 1, '2': 2 };
const CONFIG_KEYS = new Set(['$schema', 'preset', 'identityPolicies', 'signers', 'codeSigners', 'rules']);

/**
 * The code rules' metadata, as resolveConfig needs it. presign-audit loads the code rules (and
 * what they import) only for runs that read code or configure a code rule: a policy-only run
 * starts without them.
 */
export type CodeRuleCatalogue = Readonly<
  Record<string, { readonly meta: { readonly docs?: { readonly description: string; readonly url?: string; readonly preset: PresetLevel }; readonly schema: unknown } }>
>;

/** Whether a raw config sets a rule that is neither a policy nor a project rule: then the code rules are needed. */
export function mentionsCodeRules(raw: unknown): boolean {
  const rules = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['rules'] : undefined;
  if (typeof rules !== 'object' || rules === null) return false;
  return Object.keys(rules).some((id) => {
    const name = id.startsWith('presign/') ? id.slice('presign/'.length) : id;
    return !Object.hasOwn(policyRules, name) && !Object.hasOwn(projectRules, name);
  });
}

/** The config file's JSON (`{}` when there is none and none was asked for), unresolved. */
export function readConfigFile(cwd: string, explicitPath: string | undefined): { raw: unknown; source: string | null } {
  const file = explicitPath ? path.resolve(cwd, explicitPath) : path.join(cwd, CONFIG_FILE_NAME);
  let raw: unknown = {};
  let source: string | null = null;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
    source = file;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicitPath) raw = {};
    else if (code === 'ENOENT') throw new ConfigError(`Config file ${file} does not exist.`);
    else throw new ConfigError(`Config file ${file} could not be read: ${(error as Error).message}`);
  }
  return { raw, source };
}

export function resolveConfig(raw: unknown, source: string | null, codeRules: CodeRuleCatalogue = {}): AuditConfig {
  const where = source ?? 'config';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where}: expected a JSON object.`);
  const config = raw as Record<string, unknown>;
  for (const key of Object.keys(config)) if (!CONFIG_KEYS.has(key)) throw new ConfigError(`${where}: unknown setting "${key}" (expected preset, identityPolicies, signers, codeSigners, rules).`);

  const preset = config['preset'] ?? 'recommended';
  if (preset !== 'recommended' && preset !== 'strict' && preset !== 'all') throw new ConfigError(`${where}: "preset" must be "recommended", "strict" or "all".`);
  const identityPolicies = config['identityPolicies'] ?? 'signer';
  if (identityPolicies !== 'signer' && identityPolicies !== 'not-signer') throw new ConfigError(`${where}: "identityPolicies" must be "signer" or "not-signer".`);

  const included = preset === 'recommended' ? ['recommended'] : preset === 'strict' ? ['recommended', 'strict'] : ['recommended', 'strict', false];
  const entries = new Map<string, { severity: Severity | 0; options: Record<string, unknown> | undefined }>();
  const schemas = new Map<string, JsonSchema | undefined>();
  for (const [name, rule] of [...Object.entries(policyRules), ...Object.entries(codeRules), ...Object.entries(projectRules)]) {
    entries.set(`presign/${name}`, { severity: included.includes(rule.meta.docs?.preset ?? false) ? 2 : 0, options: undefined });
    schemas.set(`presign/${name}`, (rule.meta.schema as readonly JsonSchema[])[0]);
  }

  const rules = config['rules'] ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new ConfigError(`${where}: "rules" must be an object.`);
  for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
    if (!entries.has(id)) throw new ConfigError(`${where}: unknown rule "${id}". Rules: ${[...entries.keys()].join(', ')}.`);
    const [level, options, ...extra] = Array.isArray(setting) ? setting : [setting];
    const severity = Object.hasOwn(SEVERITIES, String(level)) ? SEVERITIES[String(level)] : undefined;
    if (severity === undefined) throw new ConfigError(`${where}: rule "${id}" has severity ${JSON.stringify(level)}; use "off", "warn" or "error".`);
    if (extra.length > 0) throw new ConfigError(`${where}: rule "${id}" takes one options object.`);
    if (options !== undefined) {
      const schema = schemas.get(id);
      const problem = schema ? validateAgainstSchema(options, schema, 'options') : 'the rule takes no options';
      if (problem) throw new ConfigError(`${where}: rule "${id}": ${problem}.`);
    }
    entries.set(id, { severity, options: options as Record<string, unknown> | undefined });
  }

  const enabled: EnabledRule[] = [];
  const enabledCode = new Map<string, CodeRuleSetting>();
  const enabledProject = new Map<string, Severity>();
  for (const [id, entry] of entries) {
    if (entry.severity === 0) continue;
    const name = id.slice('presign/'.length);
    if (name in projectRules) {
      enabledProject.set(name, entry.severity);
      continue;
    }
    if (name in codeRules) {
      enabledCode.set(name, { severity: entry.severity, options: entry.options === undefined ? [] : [entry.options] });
      continue;
    }
    const rule = policyRules[name as keyof typeof policyRules] as unknown as PolicyRule<unknown, string>;
    enabled.push({ id, rule, severity: entry.severity, options: { ...(rule.defaultOptions[0] as object), ...entry.options } });
  }
  // Role names or ARN patterns of the roles that sign URLs; without it, src/policy/signers.ts decides.
  const signers = config['signers'] ?? null;
  if (signers !== null && (!Array.isArray(signers) || !signers.every((s) => typeof s === 'string' && s !== ''))) {
    throw new ConfigError(`${where}: "signers" must be a list of role names or ARN patterns, such as ["upload-signer", "arn:aws:iam::*:role/presign-*"].`);
  }
  return {
    rules: enabled,
    codeRules: enabledCode,
    projectRules: enabledProject,
    codeSigners: readCodeSigners(config['codeSigners'], where),
    settings: { identityPoliciesAreSigners: identityPolicies === 'signer', signers: signers as string[] | null },
    source,
  };
}

/** `codeSigners`: which role signs the URLs of which modules, and the bucket they target (src/project/ties.ts). */
function readCodeSigners(raw: unknown, where: string): CodeSignerMapping[] {
  if (raw === undefined) return [];
  const example = '[{ "files": "src/uploads/*", "role": "upload-signer", "bucket": "acme-uploads" }]';
  if (!Array.isArray(raw)) throw new ConfigError(`${where}: "codeSigners" must be a list such as ${example}.`);
  return raw.map((entry, index) => {
    const ok =
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.files === 'string' &&
      typeof entry.role === 'string' &&
      (entry.bucket === undefined || typeof entry.bucket === 'string') &&
      Object.keys(entry).every((k) => k === 'files' || k === 'role' || k === 'bucket');
    if (!ok) throw new ConfigError(`${where}: codeSigners[${index}] must have "files" and "role" strings and an optional "bucket", as in ${example}.`);
    return entry as CodeSignerMapping;
  });
}
