/**
 * Policy inputs (policies, AWS CLI output, templates, plans, account dumps): each file read, its
 * documents checked by the document rules and its signers by the signer rules, then the inventory
 * rules over what the run joins (signer x bucket x key), each finding added to the file it points
 * into. A rule that throws becomes an internal-error finding where its subject is; the other rules
 * still run.
 */
import path from 'node:path';
import { inputProblem } from '../core/problems.js';
import { remembered } from '../core/remembered.js';
import { fileResult, type FileResult, type LintMessage } from '../core/results.js';
import { mergeInventories, type Inventory, type SourceRef } from '../policy/inventory.js';
import { readCodeEvidence } from './code-evidence.js';
import { listKinds } from '../policy/kinds.js';
import type { DocumentKind, PolicyDocument, SourcePosition } from '../policy/model.js';
import type { ReadResult } from '../policy/read-json.js';
import { POLICY_FILE_EXTENSIONS, readPolicyFile } from '../policy/read-policy-file.js';
import { namedBucketPatterns, namesAnyBucket } from '../policy/signer-reach.js';
import { joinPart, signerModel, type SignerModel } from '../policy/signers.js';
import { failureMessage, runRule } from '../rule/run.js';
import { ruleFitsDocument, type Rule } from '../rule/shape.js';
import { configBase, configuredKindOf, enabledOf, relativeTo, type AuditConfig, type EnabledRule, type ProgressListener } from './config.js';
import { readInputFile } from './read-input.js';

/**
 * What of one policy input the join holds: what of its read the join can use (`joinPart`), or, for
 * a policy file of its own that is its own URL signer, only the bucket patterns its documents name
 * (`namedBucketPatterns`). Such a file's signer rules have run with its document rules, and the join
 * reads its documents only to tie them to a bucket of the run (kms-signer-access,
 * signature-age-limit), which one of those patterns must name: then the join reads the text again.
 * Not keeping them took about 6% off the first pass over 5,000 policies and 12% off both passes of
 * one process (docs/performance.md, "Signer rules on each input, and signing files read again only
 * for a bucket").
 */
type JoinShare = { readonly kept: Inventory } | { readonly patterns: readonly string[] };

function isPolicyInput(file: string): boolean {
  return (POLICY_FILE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

/**
 * Policy inputs read and checked one by one, then the inventory rules over all of them; and the
 * inventory, for the code-against-policy rules. `modules`: Terraform modules already read
 * (src/engine/terraform.ts), each a read of several files, checked and joined with the rest.
 */
export function auditPolicies(files: readonly string[], config: AuditConfig, modules: readonly ModuleRead[] = [], progress?: ProgressListener): { results: FileResult[]; inventory: Inventory } {
  const texts: PolicyText[] = [];
  const results = files.map((file, index): FileResult | number => {
    progress?.('reading policies and templates', index, files.length);
    if (!isPolicyInput(file)) {
      const message = `No reader for "${path.extname(file) || 'files without an extension'}"; presign-audit reads policy files (*.json), CloudFormation and SAM templates (*.json, *.yaml, *.yml, *.template), Serverless Framework configurations (serverless.yml), Terraform configurations (*.tf), Terraform plans and account dumps (*.json).`;
      return fileResult(file, [inputProblem('presign-audit/no-reader', message)]);
    }
    const input = readInputFile(file);
    if ('problem' in input) return fileResult(file, [input.problem]);
    return texts.push({ file, text: input.text }) - 1;
  });
  progress?.('checking policies and templates', files.length, files.length);
  const audited = auditPolicyTexts(texts, config, modules);
  // The modules' results follow the texts' (auditPolicyTexts keeps that order).
  return { results: [...results.map((r) => (typeof r === 'number' ? audited.results[r]! : r)), ...audited.results.slice(texts.length)], inventory: audited.inventory };
}

/** A read of several files at once (a Terraform module): its problems say their file, and every file it read gets a result. */
export interface ModuleRead {
  readonly read: ReadResult;
  readonly files: readonly string[];
}

export interface PolicyText {
  /** The name reports give the input. */
  readonly file: string;
  readonly text: string;
}

/** Policy texts already read: each checked by the document and signer rules, then the inventory rules over all of them. */
export function auditPolicyTexts(inputs: readonly PolicyText[], config: AuditConfig, modules: readonly ModuleRead[] = []): { results: FileResult[]; inventory: Inventory } {
  const pass = documentPass(config);
  // Findings of the signer and inventory rules, by the file they point into.
  const added = new Map<string, LintMessage[]>();
  // Where a set-level rule that fails is reported: the first document read (the join may not keep it).
  let anchor: SourceRef | undefined;
  const audits = inputs.map(({ text, file }) => {
    const read = readPolicyFile(text, file, configuredKindOf(config, file));
    readCodeEvidence(read.roles, file);
    const first = read.documents[0];
    if (anchor === undefined && first !== undefined) anchor = { file: first.file, position: first.position };
    // What of the read the join could use, which is also all the input's signer model reads.
    const kept = joinPart(read, config.settings);
    const signers = signerModel(kept, config.settings);
    const result = auditRead(read, file, pass, signers);
    checkSigners(signers, pass, added);
    return { result, share: shareOf(kept) };
  });
  const moduleParts = modules.map(({ read }) => joinPart(read, config.settings));
  const moduleResults = modules.flatMap(({ read, files }, index) => {
    const signers = signerModel(moduleParts[index]!, config.settings);
    checkSigners(signers, pass, added);
    return files.map((file) => auditRead({ ...read, documents: read.documents.filter((d) => d.file === file), errors: read.errors.filter((e) => e.file === file) }, file, pass, signers));
  });
  const firstOfModules = modules.map(({ read }) => read.documents[0]).find((d) => d !== undefined);
  anchor ??= firstOfModules && { file: firstOfModules.file, position: firstOfModules.position };
  const buckets = [...audits.flatMap(({ share }) => ('kept' in share ? share.kept.buckets : [])), ...moduleParts.flatMap((part) => part.buckets)];
  const parts = audits.map(({ share }, index): Inventory => {
    if ('kept' in share) return share.kept;
    if (!namesAnyBucket(share.patterns, buckets)) return NOTHING_JOINED;
    const { text, file } = inputs[index]!;
    return joinPart(readPolicyFile(text, file, configuredKindOf(config, file)), config.settings);
  });
  const inventory = mergeInventories([...parts, ...moduleParts]);
  const results = withInventoryFindings([...audits.map((a) => a.result), ...moduleResults], inventory, config, anchor, added);
  return { results: results.slice(0, audits.length).concat(onePerFile(results.slice(audits.length))), inventory };
}

const NOTHING_JOINED: Inventory = { roles: [], buckets: [], keys: [], documents: [] };

/** A file of its own whose documents are all its own signer's (a plain identity policy) is read again if the join needs it. */
function shareOf(kept: Inventory): JoinShare {
  const ownSigner = kept.roles.length === 0 && kept.buckets.length === 0 && kept.keys.length === 0 && kept.documents.length > 0;
  return ownSigner ? { patterns: namedBucketPatterns(kept.documents) } : { kept };
}

/**
 * The signer rules over one input's signers (a file, or a Terraform module read whole). A signer is
 * decided by its own input alone (src/policy/signers.ts), so these are the signers the join would
 * give them.
 */
function checkSigners(signers: SignerModel, pass: DocumentPass, added: Map<string, LintMessage[]>): void {
  const { config, signerRules: rules } = pass;
  const first = signers.signers[0];
  if (first === undefined) return;
  for (const enabled of rules) {
    const run = runRule<'signers', never>(enabled.rule as Rule<'signers', unknown, string>, { signers, settings: config.settings }, enabled.options);
    for (const report of run.reports) addTo(added, report.file, finding(enabled, report.messageId, report.message, report.location));
    if (run.failure !== null) {
      // At the input's first signer: its role, or its policy file's document.
      const at = first.role?.source ?? { file: first.documents[0]!.file, position: first.documents[0]!.position };
      addTo(added, at.file, inputProblem('presign-audit/internal-error', failureMessage(enabled.rule, run.failure, 'policy'), at.position, false));
    }
  }
}

function addTo(added: Map<string, LintMessage[]>, file: string, message: LintMessage): void {
  const messages = added.get(file);
  if (messages) messages.push(message);
  else added.set(file, [message]);
}

/**
 * A file read by two modules (a local module that two root modules call, or one module calling it
 * twice) reports each message once.
 */
function onePerFile(results: readonly FileResult[]): FileResult[] {
  const byFile = new Map<string, LintMessage[]>();
  for (const result of results) byFile.set(result.filePath, [...(byFile.get(result.filePath) ?? []), ...result.messages]);
  return [...byFile].map(([file, messages]) => {
    const seen = new Set<string>();
    return fileResult(file, messages.filter((m) => {
      const key = JSON.stringify([m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message]);
      return !seen.has(key) && seen.add(key) !== undefined;
    }));
  });
}

/**
 * The document rules of one run, and what depends only on a document's kinds (which rules are
 * right for it; what an unknown-kind note says of the rules left out), worked out once per
 * combination of kinds rather than once per document.
 */
interface DocumentPass {
  readonly config: AuditConfig;
  /** The enabled rules of subject `signers`, run on each input's signers. */
  readonly signerRules: readonly EnabledRule[];
  /** The enabled rules right for a document, by its kinds (and whether it is AWS's own text). */
  fitting(document: PolicyDocument): readonly EnabledRule[];
  /**
   * An unknown-kind note's text before and after the file's name: all but the name depends on the
   * kinds alone. Made once per combination of kinds, a run of a thousand such files no longer
   * writes the same sentences a thousand times: that was about 126 million instructions of a
   * 5,000-policy first pass (docs/performance.md, "The whole first pass, step by step").
   */
  unknownKindText(document: PolicyDocument): readonly [before: string, after: string];
  /**
   * `relativeTo` the config's base for a file the run read, worked out once per folder: for the
   * 1,084 unknown-kind notes of the bench's generated policies it was about 77,000 instructions a
   * note (docs/performance.md, "The whole first pass, step by step").
   */
  relativeName(file: string): string;
}

function documentPass(config: AuditConfig): DocumentPass {
  const documentRules = enabledOf(config, 'document');
  const fitting = new Map<string, readonly EnabledRule[]>();
  const unknownKindTexts = new Map<string, readonly [string, string]>();
  // The kinds' text by their array, which decideKind shares among documents decided alike (src/policy/kinds.ts).
  const kindTexts = new WeakMap<readonly DocumentKind[], string>();
  const key = (document: PolicyDocument) => {
    const kinds = remembered(kindTexts, document.kindCandidates, () => document.kindCandidates.join(' '));
    return document.awsPolicy === undefined ? kinds : `${kinds} aws`;
  };
  const base = configBase(config);
  const folders = new Map<string, string>();
  return {
    config,
    signerRules: enabledOf(config, 'signers'),
    fitting(document) {
      const k = key(document);
      let rules = fitting.get(k);
      if (rules === undefined) fitting.set(k, (rules = documentRules.filter((e) => ruleFitsDocument(e.rule, document))));
      return rules;
    },
    relativeName(file) {
      // A file that was read is no folder, so no ancestor of the base: its name follows its folder's.
      const folder = remembered(folders, path.dirname(file), () => relativeTo(base, path.dirname(file)));
      return folder === '' ? path.basename(file) : `${folder}/${path.basename(file)}`;
    },
    unknownKindText(document) {
      return remembered(unknownKindTexts, key(document), () => {
        const candidates = document.kindCandidates;
        const rules = documentRules.filter((e) => !ruleFitsDocument(e.rule, document) && candidates.some((kind) => e.rule.kinds.includes(kind)));
        const leftOut = rules.length > 0 ? ` ${rules.map((e) => `presign/${e.rule.name}`).join(', ')} did not run: ${rules.length === 1 ? 'it is' : 'they are'} not right for all of them.` : '';
        return [
          `Could not tell what kind of policy this is: it may be ${listKinds(candidates)}. Only the rules right for every one of them ran.${leftOut} Say which in presign-audit.config.json: "documentKinds": {"`,
          `": "${candidates[0]!}"} (or ${candidates.slice(1).map((kind) => `"${kind}"`).join(', ')}).`,
        ] as const;
      });
    },
  };
}

/**
 * One input's read: its problems, then the document rules each document's kind is right for.
 * `signers`: the model of the file's own input (its read, or its module's), which the document
 * rules ask whether a document is a URL signer's; the run's would answer the same.
 */
function auditRead(read: ReadResult, file: string, pass: DocumentPass, signers: SignerModel): FileResult {
  const { config } = pass;
  // A literal, not `errors.map`: an array the builtin makes for no errors holds small integers, and
  // the first finding pushed would change its shape under the compiled loop (a deoptimisation).
  const messages: LintMessage[] = [];
  for (let e = 0; e < read.errors.length; e++) {
    const error = read.errors[e]!;
    messages.push(inputProblem(`presign-audit/${error.code}`, error.message, error.position, error.fatal));
  }
  const isSignerPolicy = signers.isSignerDocument;
  for (let d = 0; d < read.documents.length; d++) {
    const document = read.documents[d]!;
    if (document.kind === null) messages.push(unknownKindNote(document, pass));
    const rules = pass.fitting(document);
    for (let r = 0; r < rules.length; r++) {
      const enabled = rules[r]!;
      const run = runRule<'document', never>(enabled.rule as Rule<'document', unknown, string>, { document, settings: config.settings, isSignerPolicy }, enabled.options);
      for (let f = 0; f < run.reports.length; f++) {
        const report = run.reports[f]!;
        messages.push(finding(enabled, report.messageId, report.message, report.location));
      }
      if (run.failure !== null) messages.push(inputProblem('presign-audit/internal-error', failureMessage(enabled.rule, run.failure, 'policy'), document.position, false));
    }
  }
  return fileResult(file, messages);
}

/** The inventory rules over the run's join, their findings added to the signer rules' (`added`), and both to each file's. */
function withInventoryFindings(results: readonly FileResult[], inventory: Inventory, config: AuditConfig, anchor: SourceRef | undefined, added: Map<string, LintMessage[]>): FileResult[] {
  const add = (file: string, message: LintMessage) => addTo(added, file, message);
  const signers = signerModel(inventory, config.settings);
  for (const enabled of enabledOf(config, 'inventory')) {
    const run = runRule<'inventory', never>(enabled.rule as Rule<'inventory', unknown, string>, { inventory, settings: config.settings, signers }, enabled.options);
    for (const report of run.reports) add(report.file, finding(enabled, report.messageId, report.message, report.location));
    if (run.failure !== null) {
      // At the first thing the run read: a set-level failure belongs to no one file.
      const at = anchor ?? (inventory.roles[0] ?? inventory.buckets[0] ?? inventory.keys[0])?.source;
      if (at) add(at.file, inputProblem('presign-audit/internal-error', failureMessage(enabled.rule, run.failure, 'policies'), at.position, false));
    }
  }
  return results.map((result) => {
    const more = added.get(result.filePath);
    return more ? fileResult(result.filePath, [...result.messages, ...more]) : result;
  });
}

/** Once per document whose kind is not told: what it may be, which rules did not run that one of them would, and how to say which. */
function unknownKindNote(document: PolicyDocument, pass: DocumentPass): LintMessage {
  const [before, after] = pass.unknownKindText(document);
  return inputProblem('presign-audit/unknown-kind', before + pass.relativeName(document.file) + after, document.position, false);
}

function finding(enabled: EnabledRule, messageId: string, message: string, location: SourcePosition): LintMessage {
  return {
    ruleId: enabled.ruleId,
    messageId,
    severity: enabled.severity,
    message,
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
  };
}
