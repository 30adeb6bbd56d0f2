/**
 * The one shape of every rule of the package: `{ name, subject, reads, meta, check }`, where
 * `check` is handed what the rule judges and reports through its context. Code rules, policy rules
 * and the rules that hold code against policies differ only in their subject:
 *
 * - `site`: one presign call, as any code reader describes it (ESLint's ESTree, whole-program
 *   TypeScript, Python): `{ site, moduleSites }`; reports point at the reader's nodes.
 * - `document`: one policy document of any input form; reports point at source positions.
 * - `signers`: the URL signers one policy input declares (src/policy/signers.ts), with their
 *   documents. A signer is decided by its own input alone, so these rules run on each input right
 *   after its document rules, and the run need not keep the signers' documents for them; reports
 *   name their file.
 * - `inventory`: everything the policy inputs of a run declare (roles, buckets, keys), for joins;
 *   reports name their file.
 * - `site-policies`: one presign site with the role and bucket it is tied to (presign-audit only).
 *
 * Nothing here knows ESLint or the CLI: the ESLint plugin (src/eslint) and presign-audit's engine
 * (src/engine) each run these checks through `runRule` (src/rule/run.ts).
 */
import { docsUrl } from '../core/docs-url.js';
import type { CodeCall, NeededGrant } from '../join/need.js';
import type { SiteTie } from '../join/ties.js';
import type { Inventory, RoleInfo } from '../policy/inventory.js';
import type { DocumentKind, PolicyDocument, SourcePosition } from '../policy/model.js';
import type { SignerModel, SignerSettings } from '../policy/signers.js';
import type { PresignSite, SiteField } from '../presign/site.js';
import type { Edit } from './edits.js';

/** The JSON Schema of a rule's options, as ESLint reads `meta.schema`. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * The presets a rule is in: `recommended` is in every preset, `strict` in `strict` and `all`;
 * without it, only in `all`. The presets are built from this flag (src/eslint/configs.ts), never by
 * hand. typescript-eslint's rules spell it the same way, so eslint-doc-generator reads it.
 */
export type PresetLevel = 'recommended' | 'strict';

export interface RuleDocs {
  readonly description: string;
  readonly recommended?: PresetLevel;
  /** The rule's doc page: docs/rules/<name>.md. */
  readonly url: string;
}

/**
 * How much a finding of the rule weighs when nobody configured it: `error` for a certain failure
 * (a URL or a policy that cannot work as written) or an exposure (more access than meant, a
 * credential where others read it); `warn` for advice, a hardening step or a pattern that is
 * usually but not always a mistake. The presets, presign-audit's defaults and SARIF's
 * `defaultConfiguration.level` all read it; docs/severities.md gives each rule's reason.
 */
export type DefaultSeverity = 'error' | 'warn';

export interface RuleMeta<O, M extends string> {
  readonly type: 'problem' | 'suggestion';
  readonly severity: DefaultSeverity;
  /**
   * GitHub code scanning's `security-severity` (0.0 to 10.0, CVSS-like: 9.0+ critical, 7.0+ high,
   * 4.0+ medium, below low), by which it ranks alerts. Written as a number here, as a string in SARIF.
   */
  readonly securitySeverity: number;
  readonly docs: RuleDocs;
  readonly messages: Readonly<Record<M, string>>;
  /** One options object at most, as in `['error', { ... }]`; validated by ESLint's own validator. */
  readonly schema: readonly JsonSchema[];
  /** The options a rule runs with when the user gives none; the user's object is merged over it. */
  readonly defaultOptions: readonly [O];
  readonly fixable?: 'code';
  readonly hasSuggestions?: boolean;
}

/** Settings that every policy check shares (presign-audit.config.json, ESLint's `settings.presign`): who signs URLs (src/policy/signers.ts). */
export type PolicySettings = SignerSettings;

/** What each subject's check is handed. `N` is the code reader's node type. */
export interface SubjectInputs<N> {
  readonly site: { readonly site: PresignSite<N>; readonly moduleSites: readonly PresignSite<N>[] };
  readonly document: {
    readonly document: PolicyDocument;
    readonly settings: PolicySettings;
    /** Whether a document is a URL signer's policy: the signer model's answer (src/policy/signers.ts). */
    readonly isSignerPolicy: (document: PolicyDocument) => boolean;
  };
  /** `signers`: the model of one input (a file, or a Terraform module read whole). */
  readonly signers: { readonly signers: SignerModel; readonly settings: PolicySettings };
  readonly inventory: { readonly inventory: Inventory; readonly settings: PolicySettings; readonly signers: SignerModel };
  readonly 'site-policies': { readonly site: PresignSite<N>; readonly tie: SiteTie; readonly inventory: Inventory };
  /** A signer role and what the code tied to it needs (src/join/need.ts), to hold against its policies. */
  readonly 'signer-need': {
    readonly role: RoleInfo;
    readonly calls: readonly CodeCall[];
    readonly need: readonly NeededGrant[];
    /** Why the need is not known whole, or null (src/join/need.ts needUnknown). */
    readonly unknown: string | null;
    /** Why its KMS part is not known, or null (src/join/need.ts kmsNeedUnknown). */
    readonly kmsUnknown: string | null;
    readonly inventory: Inventory;
  };
}

export type RuleSubject = keyof SubjectInputs<unknown>;

/** A reader-neutral suggestion: the ESLint adapter turns its edit into text (src/eslint/edits.ts). */
export interface Suggestion<N, M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly edit: Edit<N>;
}

export interface NodeReport<N, M extends string> {
  readonly node: N;
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  /** An edit that is safe to apply without review (`eslint --fix`). */
  readonly fix?: Edit<N>;
  readonly suggest?: readonly Suggestion<N, M>[];
}

export interface PositionReport<M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly location: SourcePosition;
}

/** Set-level checks may point into any file of the run. */
export interface FileReport<M extends string> extends PositionReport<M> {
  readonly file: string;
}

export interface SubjectReports<N, M extends string> {
  readonly site: NodeReport<N, M>;
  readonly document: PositionReport<M>;
  readonly signers: FileReport<M>;
  readonly inventory: FileReport<M>;
  readonly 'site-policies': NodeReport<N, M>;
  readonly 'signer-need': FileReport<M>;
}

export interface RuleContext<S extends RuleSubject, O, M extends string, N> {
  /** The rule's default options with the user's merged over them. */
  readonly options: O;
  report(report: SubjectReports<N, M>[S]): void;
}

/**
 * What the presets, the config, the docs and the catalogues read of a rule: all but its check.
 * src/rule/catalogue.ts holds it for every rule, so that none of them is loaded to read it.
 */
export interface RuleInfo<S extends RuleSubject = RuleSubject, O = unknown, M extends string = string> {
  readonly name: string;
  readonly subject: S;
  /**
   * For site rules: the site fields the verdict depends on. A reader runs a rule only when it fills
   * every field the rule reads, and presign-audit checks a rule again at a wrapper's call site when
   * that call supplies one of them (an expiry, a command).
   */
  readonly reads: readonly SiteField[];
  /**
   * For document rules: the kinds of policy the rule is right for (src/policy/kinds.ts). Both hosts
   * run it on a document only when every kind the document may be is among them; empty for others.
   */
  readonly kinds: readonly DocumentKind[];
  /**
   * For document rules that judge what a URL signer may do rather than how a policy is written:
   * they also run on AWS's own policies attached to the user's roles (`PolicyDocument.awsPolicy`),
   * reporting at the reference. False for the others, and for every rule of another subject.
   */
  readonly judgesAwsPolicies: boolean;
  readonly meta: RuleMeta<O, M>;
}

export interface Rule<S extends RuleSubject = RuleSubject, O = unknown, M extends string = string> extends RuleInfo<S, O, M> {
  check<N>(input: SubjectInputs<N>[S], context: RuleContext<S, O, M, N>): void;
}

/** Any rule, as the registry holds it. */
export type AnyRule = Rule<RuleSubject, never, string>;

type Definition<S extends RuleSubject, O, M extends string> = Omit<Rule<S, O, M>, 'meta' | 'reads' | 'kinds' | 'judgesAwsPolicies'> & {
  readonly reads?: readonly SiteField[];
  readonly judgesAwsPolicies?: S extends 'document' ? boolean : never;
  readonly meta: Omit<RuleMeta<O, M>, 'docs'> & { readonly docs: Omit<RuleDocs, 'url'> };
} & (S extends 'document' ? { readonly kinds: readonly DocumentKind[] } : { readonly kinds?: never });

/** A rule with its doc URL filled in from its name. */
export function defineRule<S extends RuleSubject, O, M extends string>(definition: Definition<S, O, M>): Rule<S, O, M> {
  return {
    ...definition,
    reads: definition.reads ?? [],
    kinds: definition.kinds ?? [],
    judgesAwsPolicies: definition.judgesAwsPolicies ?? false,
    meta: { ...definition.meta, docs: { ...definition.meta.docs, url: docsUrl(definition.name) } },
  };
}

/** Whether a document rule is right for the document: for every kind it may be, and for AWS's own text when it is that. */
export function ruleFitsDocument(rule: Pick<AnyRule, 'kinds' | 'judgesAwsPolicies'>, document: Pick<PolicyDocument, 'kindCandidates' | 'awsPolicy'>): boolean {
  return document.kindCandidates.every((kind) => rule.kinds.includes(kind)) && (document.awsPolicy === undefined || rule.judgesAwsPolicies);
}
