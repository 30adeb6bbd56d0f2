/**
 * The pure core: text in memory to a result. Each reader claims files by extension; the CLI finds
 * files for every registered reader, so adding code files later is one more entry here.
 */
import path from 'node:path';
import { mergeInventories } from '../policy/inventory.js';
import type { ReadResult } from '../policy/read-json.js';
import { POLICY_FILE_EXTENSIONS, readPolicyFile } from '../policy/read-policy-file.js';
import { runInventoryRule, runPolicyRule, type PolicyFinding } from '../policy/rule.js';
import { selectSigners, signerPolicyTest } from '../policy/signers.js';
import { CODE_EXTENSIONS, PYTHON_EXTENSIONS, isCodeFile, isPythonFile } from '../project/code-files.js';
import type { AuditConfig } from './config.js';
import { fileResult, type FileResult, type LintMessage } from './results.js';

export interface Reader {
  readonly name: string;
  /** Lowercase extensions with the dot. */
  readonly extensions: readonly string[];
  audit(text: string, filePath: string, config: AuditConfig): FileResult;
}

/** A policy input read and checked document by document; the set-level checks wait for the whole run. */
export interface PolicyFileAudit {
  readonly result: FileResult;
  readonly read: ReadResult;
}

/** Policies, templates, plans and dumps: read, then the per-document rules. */
export function readAndAuditPolicies(text: string, filePath: string, config: AuditConfig): PolicyFileAudit {
  const read = readPolicyFile(text, filePath);
  const messages: LintMessage[] = read.errors.map((error) => ({
    ruleId: `presign-audit/${error.code}`,
    severity: 2,
    message: error.message,
    line: error.position.line,
    column: error.position.column,
    endLine: error.position.endLine,
    endColumn: error.position.endColumn,
    ...(error.fatal ? { fatal: true } : {}),
  }));
  // Which documents are a URL signer's, as the file's own roles and the config's `signers` say.
  const { signers, identityPoliciesAreSigners } = config.settings;
  const isSignerPolicy = signerPolicyTest(read, selectSigners(read, signers ?? null, identityPoliciesAreSigners), identityPoliciesAreSigners);
  for (const document of read.documents) {
    for (const enabled of config.rules) {
      for (const finding of runPolicyRule(enabled.rule, document, enabled.options, config.settings, isSignerPolicy)) messages.push(toMessage(finding, enabled));
    }
  }
  return { result: fileResult(filePath, messages), read };
}

/**
 * The set-level rules (signer x bucket x key) over everything a run read, each finding added to
 * the result of the file it points into.
 */
export function withInventoryFindings(audits: readonly PolicyFileAudit[], config: AuditConfig): FileResult[] {
  const inventory = mergeInventories(audits.map((a) => a.read));
  const added = new Map<string, LintMessage[]>();
  for (const enabled of config.rules) {
    for (const finding of runInventoryRule(enabled.rule, inventory, enabled.options, config.settings)) {
      const file = finding.file ?? '';
      added.set(file, [...(added.get(file) ?? []), toMessage(finding, enabled)]);
    }
  }
  return audits.map(({ result }) => {
    const more = added.get(result.filePath);
    return more ? fileResult(result.filePath, [...result.messages, ...more]) : result;
  });
}

function toMessage(finding: PolicyFinding, enabled: AuditConfig['rules'][number]): LintMessage {
  const internal = finding.ruleId !== enabled.id;
  return {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    severity: internal ? 2 : enabled.severity,
    message: finding.message,
    line: finding.location.line,
    column: finding.location.column,
    endLine: finding.location.endLine,
    endColumn: finding.location.endColumn,
  };
}

/** One policy input audited alone: what a run of that one file reports. */
export const policyJsonReader: Reader = {
  name: 'policies (JSON, CloudFormation YAML)',
  extensions: POLICY_FILE_EXTENSIONS,
  audit(text, filePath, config) {
    return withInventoryFindings([readAndAuditPolicies(text, filePath, config)], config)[0]!;
  },
};

export const READERS: readonly Reader[] = [policyJsonReader];

export { isCodeFile, isPythonFile };

/**
 * Every extension presign-audit audits in a directory, without the dot. JS/TS files have no
 * per-file reader: they are read as one program (src/project/audit-code.ts) to follow constants,
 * clients and wrappers across modules.
 */
export function auditedExtensions(): string[] {
  return [...READERS.flatMap((reader) => reader.extensions), ...CODE_EXTENSIONS, ...PYTHON_EXTENSIONS].map((e) => e.slice(1));
}

export function readerFor(filePath: string): Reader | undefined {
  const extension = path.extname(filePath).toLowerCase();
  return READERS.find((reader) => reader.extensions.includes(extension));
}
