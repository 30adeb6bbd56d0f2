/**
 * The shape of a policy rule: the same meta as a code rule (src/rule-creator.ts), and a `check`
 * that reads the policy model and reports through its context. Nothing here knows ESLint or the
 * CLI: the CLI runs checks through `runPolicyRule`; an ESLint JSON-language adapter can map a
 * report's offsets back to its own nodes.
 */
import { docsUrl, type PresetLevel } from '../rule-docs.js';
import type { Inventory } from './inventory.js';
import type { PolicyDocument, SourcePosition } from './model.js';
import { selectSigners, type SignerSelection } from './signers.js';

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface PolicyRuleMeta<M extends string> {
  readonly type: 'problem' | 'suggestion';
  readonly docs: { readonly description: string; readonly preset: PresetLevel; readonly url: string };
  readonly messages: Readonly<Record<M, string>>;
  readonly schema: readonly JsonSchema[];
}

export interface PolicyReport<M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly location: SourcePosition;
}

export interface PolicyCheckSettings {
  /** Identity policies are the URL signer's unless the config's `identityPolicies` says otherwise (docs/cli.md). */
  readonly identityPoliciesAreSigners: boolean;
  /** The config's `signers` (role names or ARN patterns); absent or null: chosen as src/policy/signers.ts says. */
  readonly signers?: readonly string[] | null;
}

export interface PolicyCheckContext<O, M extends string> {
  readonly options: O;
  readonly settings: PolicyCheckSettings;
  /** Whether a document is a URL signer's policy (src/policy/signers.ts `signerPolicyTest`). */
  isSignerPolicy(document: PolicyDocument): boolean;
  report(report: PolicyReport<M>): void;
}

/** A report of a set-level check names its file: the join may point into any file of the run. */
export interface InventoryReport<M extends string> extends PolicyReport<M> {
  readonly file: string;
}

export interface InventoryCheckContext<O, M extends string> {
  readonly options: O;
  readonly settings: PolicyCheckSettings;
  /** Which roles of the inventory sign URLs. */
  readonly signers: SignerSelection;
  report(report: InventoryReport<M>): void;
}

/**
 * A rule has `check` (one document at a time), `checkInventory` (once per run, over everything
 * read: for joins such as signer x bucket x key), or both.
 */
export interface PolicyRule<O = Record<string, never>, M extends string = string> {
  readonly name: string;
  readonly meta: PolicyRuleMeta<M>;
  /** One options object, as code rules take it (`['error', { ... }]`). */
  readonly defaultOptions: readonly [O];
  check?(document: PolicyDocument, context: PolicyCheckContext<O, M>): void;
  checkInventory?(inventory: Inventory, context: InventoryCheckContext<O, M>): void;
}

export interface PolicyRuleDefinition<O, M extends string> {
  readonly name: string;
  readonly meta: Omit<PolicyRuleMeta<M>, 'docs'> & { readonly docs: Omit<PolicyRuleMeta<M>['docs'], 'url'> };
  readonly defaultOptions: readonly [O];
  check?(document: PolicyDocument, context: PolicyCheckContext<O, M>): void;
  checkInventory?(inventory: Inventory, context: InventoryCheckContext<O, M>): void;
}

export function definePolicyRule<O, M extends string>(definition: PolicyRuleDefinition<O, M>): PolicyRule<O, M> {
  return {
    ...definition,
    meta: { ...definition.meta, docs: { ...definition.meta.docs, url: docsUrl(definition.name) } },
  };
}

/** A report with its message filled in. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly location: SourcePosition;
  /** Set by set-level checks, whose findings may be in any file; per-document findings are in the document's file. */
  readonly file?: string;
}

/** Policy text quoted in a message is cut past this: a 1 MB ARN helps no reader. */
const MAX_QUOTED_LENGTH = 200;

/** Policy text for a message, cut past `limit` characters. */
export function clipped(text: string, limit = MAX_QUOTED_LENGTH): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} characters)` : text;
}

/** Fills `{{name}}` placeholders, as ESLint does; unknown names stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  // A value may join several quotes (a list of reasons), so the net for unclipped quotes is wider.
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? clipped(String(data[name]), 10 * MAX_QUOTED_LENGTH) : whole));
}

export const INTERNAL_ERROR_RULE_ID = 'presign-audit/internal-error';

/**
 * Runs one rule on one document. An exception inside a check becomes an internal-error finding
 * for the document (parliament's pattern), never a crashed run; findings made before it are kept.
 */
export function runPolicyRule<O, M extends string>(
  rule: PolicyRule<O, M>,
  document: PolicyDocument,
  options: O,
  settings: PolicyCheckSettings,
  /** Defaults to "every identity policy, unless identityPolicies says not-signer" (a file with no roles). */
  isSignerPolicy: (document: PolicyDocument) => boolean = (d) => d.kind === 'identity' && settings.identityPoliciesAreSigners,
): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const ruleId = `presign/${rule.name}`;
  if (!rule.check) return findings;
  try {
    rule.check(document, {
      options,
      settings,
      isSignerPolicy,
      report({ messageId, data, location }) {
        findings.push({ ruleId, messageId, message: formatMessage(rule.meta.messages[messageId], data), location });
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    findings.push({
      ruleId: INTERNAL_ERROR_RULE_ID,
      messageId: 'internalError',
      message: `Internal error in ${ruleId}: ${reason}. The other rules still ran; please report this with the policy.`,
      location: document.position,
    });
  }
  return findings;
}

/**
 * Runs one rule's set-level check on a run's inventory, with the same guarantee as `runPolicyRule`:
 * an exception becomes an internal-error finding (at the first thing read), never a crashed run.
 */
export function runInventoryRule<O, M extends string>(rule: PolicyRule<O, M>, inventory: Inventory, options: O, settings: PolicyCheckSettings): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const ruleId = `presign/${rule.name}`;
  if (!rule.checkInventory) return findings;
  try {
    const signers = selectSigners(inventory, settings.signers ?? null, settings.identityPoliciesAreSigners);
    rule.checkInventory(inventory, {
      options,
      settings,
      signers,
      report({ messageId, data, location, file }) {
        findings.push({ ruleId, messageId, message: formatMessage(rule.meta.messages[messageId], data), location, file });
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const first = inventory.documents[0] ?? null;
    const anchor = first ? { file: first.file, position: first.position } : (inventory.roles[0] ?? inventory.buckets[0] ?? inventory.keys[0])?.source;
    if (!anchor) return findings;
    findings.push({
      ruleId: INTERNAL_ERROR_RULE_ID,
      messageId: 'internalError',
      message: `Internal error in ${ruleId}: ${reason}. The other rules still ran; please report this with the policies.`,
      location: anchor.position,
      file: anchor.file,
    });
  }
  return findings;
}
