/**
 * `presign-audit.config.json`: which rules run at which severity with which options, and the
 * settings the policy rules share. Every mistake is a ConfigError that names the file, the rule,
 * the option and what was expected (exit 2); rule options are validated by the validator ESLint
 * itself uses, so a config that presign-audit accepts is one ESLint accepts.
 *
 *   { "preset": "recommended", "identityPolicies": "signer",
 *     "rules": { "presign/public-principal": "warn", "presign/require-encryption-condition": ["error", { "algorithm": "aws:kms" }] } }
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import type { Severity } from '../core/results.js';
import { PRESET_LEVELS, inPreset, type PresetName } from '../eslint/configs.js';
import type { AuditConfig, EnabledRule } from '../engine/config.js';
import type { CodeSignerMapping } from '../join/ties.js';
import { parseDocumentKinds } from '../policy/kinds.js';
import { optionsOf } from '../rule/run.js';
import type { AnyRule } from '../rule/shape.js';

export const CONFIG_FILE_NAME = 'presign-audit.config.json';

export class ConfigError extends Error {}

const SEVERITIES: Record<string, Severity | 0> = { off: 0, warn: 1, error: 2, '0': 0, '1': 1, '2': 2 };
// `ignores` and `suppressions` are the command line's (src/cli/ignores.ts, src/cli/suppressions.ts).
const CONFIG_KEYS = new Set(['$schema', 'preset', 'identityPolicies', 'signers', 'codeSigners', 'documentKinds', 'rules', 'ignores', 'suppressions']);

/** The config file's JSON (`{}` when there is none and none was asked for), unresolved. */
export function readConfigFile(cwd: string, explicitPath: string | undefined): { raw: unknown; source: string | null } {
  const file = explicitPath ? path.resolve(cwd, explicitPath) : path.join(cwd, CONFIG_FILE_NAME);
  let raw: unknown;
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

export function resolveConfig(raw: unknown, source: string | null): AuditConfig {
  const where = source ?? 'config';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where}: expected a JSON object.`);
  const config = raw as Record<string, unknown>;
  for (const key of Object.keys(config)) if (!CONFIG_KEYS.has(key)) throw new ConfigError(`${where}: unknown setting "${key}" (expected preset, identityPolicies, signers, codeSigners, documentKinds, rules, ignores, suppressions).`);

  const preset = config['preset'] ?? 'recommended';
  if (typeof preset !== 'string' || !Object.hasOwn(PRESET_LEVELS, preset)) throw new ConfigError(`${where}: "preset" must be "recommended", "strict" or "all".`);
  const identityPolicies = config['identityPolicies'] ?? 'signer';
  if (identityPolicies !== 'signer' && identityPolicies !== 'not-signer') throw new ConfigError(`${where}: "identityPolicies" must be "signer" or "not-signer".`);

  const settings = new Map<AnyRule, { severity: Severity | 0; given: readonly unknown[] }>(
    RULES.map((rule) => [rule, { severity: inPreset(rule, preset as PresetName) ? SEVERITIES[rule.meta.severity]! : 0, given: [] }]),
  );
  const rules = config['rules'] ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new ConfigError(`${where}: "rules" must be an object.`);
  for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
    const rule = RULES.find((r) => `presign/${r.name}` === id);
    if (!rule) throw new ConfigError(`${where}: unknown rule "${id}". Rules: ${RULES.map((r) => `presign/${r.name}`).join(', ')}.`);
    const [level, ...given] = Array.isArray(setting) ? (setting as unknown[]) : [setting];
    const severity = Object.hasOwn(SEVERITIES, String(level)) ? SEVERITIES[String(level)] : undefined;
    if (severity === undefined) throw new ConfigError(`${where}: rule "${id}" has severity ${JSON.stringify(level)}; use "off", "warn" or "error".`);
    if (given.length > 0) {
      const problem = validateOptions(rule, given);
      if (problem) throw new ConfigError(`${where}: rule "${id}": ${problem}`);
    }
    settings.set(rule, { severity, given });
  }

  const enabled: EnabledRule[] = [];
  for (const [rule, { severity, given }] of settings) {
    if (severity !== 0) enabled.push({ rule, ruleId: `presign/${rule.name}`, severity, given, options: optionsOf(rule, given) });
  }
  // Role names or ARN patterns of the roles that sign URLs; without it, src/policy/signers.ts decides.
  const signers = config['signers'] ?? null;
  if (signers !== null && (!Array.isArray(signers) || !signers.every((s) => typeof s === 'string' && s !== ''))) {
    throw new ConfigError(`${where}: "signers" must be a list of role names or ARN patterns, such as ["upload-signer", "arn:aws:iam::*:role/presign-*"].`);
  }
  const documentKinds = config['documentKinds'] === undefined ? [] : parseDocumentKinds(config['documentKinds']);
  if ('problem' in documentKinds) throw new ConfigError(`${where}: ${documentKinds.problem}`);
  return {
    rules: enabled,
    codeSigners: readCodeSigners(config['codeSigners'], where),
    documentKinds,
    settings: { identityPoliciesAreSigners: identityPolicies === 'signer', signers: signers as string[] | null },
    source,
  };
}

interface AjvError {
  readonly dataPath?: string;
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

interface AjvValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

const validators = new Map<AnyRule, AjvValidator>();

/**
 * A rule's options checked against its `meta.schema` by ESLint's own ajv, made as ESLint makes it
 * (eslint/lib/shared/ajv.js: draft-04, `useDefaults`, `missingRefs: "ignore"`) and compiled from the
 * same array-to-schema conversion (eslint/lib/config/config.js `getRuleOptionsSchema`). Loaded only
 * when a config gives options.
 */
function validateOptions(rule: AnyRule, given: readonly unknown[]): string | null {
  let validate = validators.get(rule);
  if (!validate) {
    const requireFromEslint = createRequire(createRequire(import.meta.url).resolve('eslint/package.json'));
    const Ajv = requireFromEslint('ajv') as new (options: object) => { addMetaSchema(schema: object): void; compile(schema: object): AjvValidator; _opts: { defaultMeta?: string } };
    const metaSchema = requireFromEslint('ajv/lib/refs/json-schema-draft-04.json') as { id: string };
    const ajv = new Ajv({ meta: false, useDefaults: true, validateSchema: false, missingRefs: 'ignore', verbose: true, schemaId: 'auto' });
    ajv.addMetaSchema(metaSchema);
    ajv._opts.defaultMeta = metaSchema.id;
    const schema = rule.meta.schema;
    validate = ajv.compile(schema.length > 0 ? { type: 'array', items: schema, minItems: 0, maxItems: schema.length } : { type: 'array', minItems: 0, maxItems: 0 });
    validators.set(rule, validate);
  }
  // ajv's `useDefaults` writes into what it validates: a copy keeps the user's options as written.
  if (validate(structuredClone(given))) return null;
  if (rule.meta.schema.length === 0) return 'the rule takes no options.';
  return (validate.errors ?? []).map(describeError).join('; ') + '.';
}

/** `options.sinks[0] should NOT be shorter than 1 characters`, with ESLint's paths made readable. */
function describeError(error: AjvError): string {
  const at = (error.dataPath ?? error.instancePath ?? '').replace(/^\[0\]/, '').replace(/^\//, '.');
  const extra = error.params?.['additionalProperty'];
  const more = typeof extra === 'string' ? ` ("${extra}")` : '';
  return `options${at} ${error.message ?? 'is invalid'}${more}`;
}

/** `codeSigners`: which role signs the URLs of which modules, and the bucket they target (src/join/ties.ts). */
function readCodeSigners(raw: unknown, where: string): CodeSignerMapping[] {
  if (raw === undefined) return [];
  const example = '[{ "files": "src/uploads/*", "role": "upload-signer", "bucket": "acme-uploads" }]';
  if (!Array.isArray(raw)) throw new ConfigError(`${where}: "codeSigners" must be a list such as ${example}.`);
  return (raw as unknown[]).map((entry, index) => {
    const fields = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : null;
    const ok =
      fields !== null &&
      typeof fields['files'] === 'string' &&
      typeof fields['role'] === 'string' &&
      (fields['bucket'] === undefined || typeof fields['bucket'] === 'string') &&
      Object.keys(fields).every((k) => k === 'files' || k === 'role' || k === 'bucket');
    if (!ok) throw new ConfigError(`${where}: codeSigners[${index}] must have "files" and "role" strings and an optional "bucket", as in ${example}.`);
    return entry as CodeSignerMapping;
  });
}
