/**
 * Which kind of policy a document is (model.ts `DocumentKind`), from the strongest evidence at
 * hand: the config's `documentKinds`; the AWS CLI command or the template, plan or dump property it
 * came from (the readers pass what that says); then its content; then its file name, a weak hint
 * that only chooses among the kinds the content leaves. What cannot be told stays open: the
 * document keeps every kind it may be, and the hosts run only the rules right for all of them.
 * The facts each step relies on: docs/facts.md#document-kinds and #grammar-of-each-kind.
 */
import { remembered } from '../core/remembered.js';
import type { DocumentKind, PolicyDocument, Statement } from './model.js';
import { everyonePrincipals } from './public-access.js';
import { wildcardMatch } from './wildcard.js';

/** Every kind, in the order messages list them. */
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['identity', 'boundary', 'trust', 'bucket', 'access-point', 'kms-key', 'vpc-endpoint', 'scp', 'rcp', 'resource', 'stack'];

/**
 * The kinds written in IAM's policy grammar, whose actions are IAM actions: all but CloudFormation
 * stack policies, whose actions (`Update:Modify`) and resources (`LogicalResourceId/...`) are
 * CloudFormation's own.
 */
export const IAM_POLICY_KINDS: readonly DocumentKind[] = DOCUMENT_KINDS.filter((kind) => kind !== 'stack');

const NAMES: Record<DocumentKind, string> = {
  identity: 'identity policy',
  boundary: 'permissions boundary',
  trust: 'trust policy',
  bucket: 'bucket policy',
  'access-point': 'access point policy',
  'kms-key': 'KMS key policy',
  'vpc-endpoint': 'VPC endpoint policy',
  scp: 'service control policy (SCP)',
  rcp: 'resource control policy (RCP)',
  resource: 'resource policy',
  stack: 'CloudFormation stack policy',
};

/** For messages: `bucket policy`; when the kind is not told, `policy (a bucket policy or a VPC endpoint policy)`. */
export function kindName(document: Pick<PolicyDocument, 'kind' | 'kindCandidates'>): string {
  if (document.kind !== null) return NAMES[document.kind];
  // By the candidates' array, which `decideKind` shares among the documents it leaves open alike.
  return remembered(openKindNames, document.kindCandidates, (kinds) => `policy (${listKinds(kinds)})`);
}

const openKindNames = new WeakMap<readonly DocumentKind[], string>();

/** `a bucket policy or a VPC endpoint policy`, for messages. */
export function listKinds(kinds: readonly DocumentKind[]): string {
  const names = kinds.map((k) => `${/^[aeiou]/i.test(NAMES[k]) ? 'an' : 'a'} ${NAMES[k]}`);
  return names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}

/** Whether an element is required in every statement, not allowed at all, or not checked here. */
export type ElementRule = 'required' | 'forbidden' | 'unchecked';

export interface KindGrammar {
  readonly principal: ElementRule;
  readonly resource: ElementRule;
  /** Who rejects a policy that breaks these rules, for messages. */
  readonly service: string;
  /** For a kind without `Principal`: whom the policy applies to instead. */
  readonly appliesTo?: string;
}

/**
 * What each kind's grammar says of `Principal` and `Resource` (docs/facts.md#grammar-of-each-kind).
 * `unchecked` where no source recorded there says the element is required.
 */
const GRAMMAR: Record<DocumentKind, KindGrammar> = {
  identity: { principal: 'forbidden', resource: 'required', service: 'IAM', appliesTo: 'whoever it is attached to' },
  boundary: { principal: 'forbidden', resource: 'required', service: 'IAM', appliesTo: 'the users and roles it bounds' },
  trust: { principal: 'required', resource: 'forbidden', service: 'IAM' },
  bucket: { principal: 'required', resource: 'required', service: 'S3' },
  'access-point': { principal: 'required', resource: 'required', service: 'S3' },
  'kms-key': { principal: 'required', resource: 'required', service: 'KMS' },
  'vpc-endpoint': { principal: 'required', resource: 'unchecked', service: 'Amazon VPC' },
  scp: { principal: 'forbidden', resource: 'unchecked', service: 'AWS Organizations', appliesTo: 'the IAM users and roles of the accounts it is attached to' },
  rcp: { principal: 'required', resource: 'unchecked', service: 'AWS Organizations' },
  resource: { principal: 'required', resource: 'unchecked', service: 'the service it is attached to' },
  stack: { principal: 'required', resource: 'required', service: 'AWS CloudFormation' },
};

/** The grammar every kind the document may be agrees on: an element's rule is `unchecked` where they differ. */
export function grammarOf(document: Pick<PolicyDocument, 'kindCandidates'>): KindGrammar {
  // By the candidates' array: a told kind's is shared (`told`), so valid-policy works each out once.
  return remembered(grammarByCandidates, document.kindCandidates, commonGrammar);
}

const grammarByCandidates = new WeakMap<readonly DocumentKind[], KindGrammar>();

function commonGrammar(kinds: readonly DocumentKind[]): KindGrammar {
  const grammars = kinds.map((kind) => GRAMMAR[kind]);
  const common = <K extends keyof KindGrammar>(key: K, otherwise: KindGrammar[K]): KindGrammar[K] =>
    grammars.every((g) => g[key] === grammars[0]![key]) ? grammars[0]![key] : otherwise;
  const appliesTo = common('appliesTo', 'whoever it is attached to');
  return {
    principal: common('principal', 'unchecked'),
    resource: common('resource', 'unchecked'),
    service: common('service', 'the service it is attached to'),
    ...(appliesTo !== undefined ? { appliesTo } : {}),
  };
}

/** What the readers know of a document's kind besides its statements. */
export interface KindEvidence {
  /** The file it came from, for the name hint. */
  readonly file: string;
  /** The config's `documentKinds` entry for the file: the user's word, stronger than anything read. */
  readonly configured?: DocumentKind;
  /**
   * What the AWS CLI command, template, plan or dump property allows: one kind when it tells (a
   * key policy, `AssumeRolePolicyDocument`), several when it does not (`{"Policy": "..."}` is printed
   * by get-bucket-policy and by get-access-point-policy alike).
   */
  readonly given?: readonly DocumentKind[];
}

export interface DecidedKind {
  readonly kind: DocumentKind | null;
  readonly kindCandidates: readonly DocumentKind[];
}

export function decideKind(statements: readonly Statement[], evidence: KindEvidence): DecidedKind {
  if (evidence.configured) return told(evidence.configured);
  if (evidence.given?.length === 1) return told(evidence.given[0]!);
  const content = kindsFromContent(statements);
  const given = evidence.given;
  let candidates = given ? content.candidates.filter((k) => given.includes(k)) : content.candidates;
  // Content the wrapper rules out (a malformed policy): the wrapper, the stronger evidence, stands.
  if (candidates.length === 0) candidates = given ?? content.candidates;
  const hint = kindHint(evidence.file, candidates);
  const likely = content.likely !== null && candidates.includes(content.likely) ? content.likely : null;
  const chosen = hint ?? likely ?? (candidates.length === 1 ? candidates[0]! : null);
  return chosen !== null ? told(chosen) : undecided(candidates);
}

function told(kind: DocumentKind): DecidedKind {
  return TOLD[kind];
}

/** Kinds left open, in DOCUMENT_KINDS' order: one decision per set, shared as `told`'s are. */
function undecided(candidates: readonly DocumentKind[]): DecidedKind {
  let key = '';
  for (const kind of DOCUMENT_KINDS) if (candidates.includes(kind)) key += `${kind} `;
  return remembered(undecidedBySet, key, () => ({ kind: null, kindCandidates: Object.freeze(DOCUMENT_KINDS.filter((k) => candidates.includes(k))) }));
}

/** `undecided`'s answers: at most one per subset of the eleven kinds, and few in practice. */
const undecidedBySet = new Map<string, DecidedKind>();

/** One decision per kind, shared by every document told it: callers only read them. */
const TOLD = Object.fromEntries(DOCUMENT_KINDS.map((kind) => [kind, { kind, kindCandidates: Object.freeze([kind]) }])) as Record<DocumentKind, DecidedKind>;

/** The kinds a document's statements allow, and the one they point to when one stands out. */
export interface ContentVerdict {
  readonly candidates: readonly DocumentKind[];
  readonly likely: DocumentKind | null;
}

/** The actions of a role trust policy: assuming the role, and what a session may carry along. */
const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);
/** Services whose policies the checks below tell apart by themselves, never "another service's". */
const OWN_CHECKS = new Set(['*', 's3', 'kms', 'sts']);
const BUCKET_ARN = /^arn:aws[\w-]*:s3:::([^/]+)(?:\/.*)?$/;
const ACCESS_POINT_ARN = /^arn:aws[\w-]*:s3(?:-object-lambda)?:[^:]*:\d{12}:accesspoint\/[^/]+/;

/** CloudFormation's own actions (`Update:Modify`, `Update:*`). */
const STACK_ACTION = /^Update:/i;
const BOUNDARY_SID = /permissions?[-_ ]?boundar/i;
// Shared verdicts: callers only read them.
const STACK_POLICY: ContentVerdict = { candidates: ['stack'], likely: 'stack' };
const NO_PRINCIPAL_KINDS: readonly DocumentKind[] = ['identity', 'boundary', 'scp'];
const LIKELY_IDENTITY: ContentVerdict = { candidates: NO_PRINCIPAL_KINDS, likely: 'identity' };
const LIKELY_BOUNDARY: ContentVerdict = { candidates: NO_PRINCIPAL_KINDS, likely: 'boundary' };

export function kindsFromContent(statements: readonly Statement[]): ContentVerdict {
  // One pass for what most documents are decided by (a plain loop: every document read passes here).
  let hasPrincipal = false;
  let hasAction = false;
  let onlyStackActions = true;
  for (let s = 0; s < statements.length; s++) {
    const statement = statements[s]!;
    if (statement.principals) hasPrincipal = true;
    if (!statement.actions) continue;
    const actions = statement.actions.values;
    for (let a = 0; a < actions.length; a++) {
      hasAction = true;
      if (onlyStackActions && !STACK_ACTION.test(actions[a]!.value)) onlyStackActions = false;
    }
  }
  // Only CloudFormation's actions: a stack policy, nothing IAM reads.
  if (hasAction && onlyStackActions) return STACK_POLICY;
  // No statement names a principal: attached to an identity, a permissions boundary, or an SCP
  // (docs/facts.md#document-kinds). A boundary is told from an identity policy only by where it is
  // used, or by its authors' words: a Sid that says so (`PermissionsBoundarySomeServices`).
  if (!hasPrincipal) return statements.some((s) => s.sid !== null && BOUNDARY_SID.test(s.sid.value)) ? LIKELY_BOUNDARY : LIKELY_IDENTITY;

  // Loops, not flatMap, which V8 runs slowly on the first pass over a large run.
  const actions: string[] = [];
  const named: string[] = [];
  let hasResource = false;
  for (const statement of statements) {
    // NotAction may reach any service.
    if (statement.actions?.negated) actions.push('*');
    else if (statement.actions) for (const action of statement.actions.values) actions.push(action.value);
    if (!statement.resources) continue;
    hasResource = true;
    for (const resource of statement.resources.values) named.push(resource.value);
  }
  const allDeny = statements.every((s) => s.effect.value === 'Deny');
  const services = new Set<string>();
  for (const a of actions) services.add(a === '*' ? '*' : a.slice(0, Math.max(a.indexOf(':'), 0)).toLowerCase());
  const onlyOf = (service: string) => services.has(service) && [...services].every((s) => s === service || s === '*');
  const candidates = new Set<DocumentKind>();
  let likely: DocumentKind | null = null;

  if (actions.length > 0 && actions.every((a) => TRUST_ACTIONS.has(a.toLowerCase()))) {
    // IAM refuses a Resource in a trust policy, so with one it may as well be an endpoint policy or an RCP for STS.
    if (!hasResource) return { candidates: ['trust'], likely: 'trust' };
    candidates.add('trust');
  }
  const s3 = [...services].every((s) => s === 's3' || s === '*');
  const buckets = new Set<string | null>();
  for (const r of named) buckets.add(BUCKET_ARN.exec(r)?.[1] ?? null);
  // A bucket policy names only its own bucket, by literal name.
  if (s3 && !buckets.has(null) && buckets.size <= 1 && ![...buckets].some((b) => /[*?]/.test(b ?? ''))) {
    candidates.add('bucket');
    likely = 'bucket';
  }
  // A bucket that delegates access control to its access points: everyone, on the bucket, when the
  // request comes through an access point of the account (S3 User Guide, "Delegating access control
  // to access points"). Guides write its resources as placeholders ("Bucket ARN").
  const delegates = statements.some((s) => s.conditions.some((c) => /^s3:dataaccesspoint(account|arn)$/i.test(c.key.value)));
  if (s3 && delegates && !named.some((r) => ACCESS_POINT_ARN.test(r))) {
    candidates.add('bucket');
    likely = 'bucket';
  }
  if (s3 && named.length > 0 && named.every((r) => ACCESS_POINT_ARN.test(r))) {
    candidates.add('access-point');
    likely = 'access-point';
  }
  // A key policy's Resource is "*", meaning the key itself; a Deny-only one is no key policy people write.
  if (onlyOf('kms') && named.every((r) => r === '*')) {
    candidates.add('kms-key');
    if (!allDeny) likely = 'kms-key';
  }
  const single = services.size === 1 ? [...services][0]! : null;
  const arns = named.filter((r) => r !== '*');
  if (single !== null && !OWN_CHECKS.has(single) && arns.every((r) => arnService(r) === single)) {
    candidates.add('resource');
    // A queue, topic or function policy names its one resource.
    if (arns.length > 0 && arns.length === named.length && new Set(arns).size === 1) likely ??= 'resource';
    // No Resource at all: a policy attached to its one resource (an ECR repository's, a CodeArtifact
    // domain's), which leaves it implied; endpoint policies name what they let through.
    if (!hasResource) likely ??= 'resource';
  }
  const everyone = statements.every((s) => s.principals !== null && s.principals.values.length > 0 && everyonePrincipals(s).length === s.principals.values.length);
  // An RCP denies, naming every principal; the one Allow is AWS's RCPFullAWSAccess.
  if (everyone && statements.every((s) => s.effect.value === 'Deny' || isFullAccess(s))) candidates.add('rcp');
  candidates.add('vpc-endpoint');
  // Denies only, to everyone: an endpoint policy without an Allow lets nothing through, and a trust
  // policy without one lets no one in, so what names no bucket or key of its own is an RCP.
  if (likely === null && allDeny && candidates.has('rcp')) likely = 'rcp';
  // Across services or buckets, or every action: no one resource's policy.
  const spans = services.has('*') || services.size > 1 || buckets.size > 1 || new Set(arns.map(arnService)).size > 1;
  if (likely === null && spans) likely = 'vpc-endpoint';
  return { candidates: DOCUMENT_KINDS.filter((k) => candidates.has(k)), likely };
}

function isFullAccess(statement: Statement): boolean {
  const only = (list: Statement['actions']) => list !== null && !list.negated && list.values.length === 1 && list.values[0]!.value === '*';
  return statement.effect.value === 'Allow' && only(statement.actions) && only(statement.resources);
}

function arnService(arn: string): string | null {
  return /^arn:[^:]*:([^:]*):/.exec(arn)?.[1]?.toLowerCase() ?? null;
}

/** File and folder names people give each kind, most specific first. */
const NAME_HINTS: readonly (readonly [RegExp, DocumentKind])[] = [
  // A word of its own: `trusted-oidc-providers/` is no trust policy's folder.
  [/(^|[^a-z])trust([^a-z]|$)|trust[-_]?polic|assume[-_]?role/, 'trust'],
  [/vpce|vpc[-_]?endpoint|endpoint[-_]?polic|(interface|gateway)[-_]?endpoints?/, 'vpc-endpoint'],
  [/access[-_]?points?/, 'access-point'],
  [/(^|[^a-z])scps?([^a-z]|$)|service[-_]?control/, 'scp'],
  [/(^|[^a-z])rcps?([^a-z]|$)|resource[-_]?control/, 'rcp'],
  [/stack[-_]?polic/, 'stack'],
  [/key[-_]?polic|(^|[^a-z])kms([^a-z]|$)/, 'kms-key'],
  [/bucket/, 'bucket'],
  [/queue|topic|(^|[^a-z])(sqs|sns|lambda|secrets?)([^a-z]|$)/, 'resource'],
  [/boundar/, 'boundary'],
  [/identity|permissions?[-_]?polic|(role|user|group)[-_]?polic/, 'identity'],
];

/** Every word some hint needs: a name without any of them (`policy-17.json`) is tested once, not against each hint. */
const ANY_HINT = /trust|assume|vpc|endpoint|access|scp|service|rcp|resource|stack|key|kms|bucket|queue|topic|sqs|sns|lambda|secret|boundar|identity|permission|role|user|group/;

/**
 * The first of the candidates that the file's own name, then its folder's, suggests
 * (`trust-policy.json`, `scp/deny-leave.json`), in NAME_HINTS' order. Only the candidates' hints
 * are tried: each document asks, and the 13 patterns on every name were most of telling a kind.
 */
export function kindHint(file: string, candidates: readonly DocumentKind[]): DocumentKind | undefined {
  const end = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const folderEnd = Math.max(file.lastIndexOf('/', end - 1), file.lastIndexOf('\\', end - 1));
  for (const name of [file.slice(end + 1), end < 0 ? '' : file.slice(folderEnd + 1, end)]) {
    const lower = name.toLowerCase();
    if (!ANY_HINT.test(lower)) continue;
    for (const [pattern, kind] of NAME_HINTS) if (candidates.includes(kind) && pattern.test(lower)) return kind;
  }
  return undefined;
}

/**
 * Terraform resource types whose `policy` (a plan's attribute, a configuration's argument) is a
 * policy of one kind (AWS provider documentation), for both Terraform readers.
 */
export const TERRAFORM_POLICY_KINDS: readonly (readonly [string, DocumentKind])[] = [
  ['aws_s3_access_point', 'access-point'],
  ['aws_s3control_access_point_policy', 'access-point'],
  ['aws_vpc_endpoint', 'vpc-endpoint'],
  ['aws_vpc_endpoint_policy', 'vpc-endpoint'],
  ['aws_sqs_queue_policy', 'resource'],
  ['aws_sns_topic_policy', 'resource'],
  ['aws_secretsmanager_secret_policy', 'resource'],
];

/** AWS Organizations policy types that are IAM policy documents; the others (tag, backup ... policies) are not. */
export const ORGANIZATIONS_POLICY_KINDS: Readonly<Record<string, DocumentKind>> = { SERVICE_CONTROL_POLICY: 'scp', RESOURCE_CONTROL_POLICY: 'rcp' };

/** One `documentKinds` entry: files (relative, `*` matching any characters, `/` included) and their kind. */
export interface DocumentKindPattern {
  readonly files: string;
  readonly kind: DocumentKind;
}

/** The kind the first matching entry gives a file, by its path relative to where the entries are. */
export function configuredKind(patterns: readonly DocumentKindPattern[], relativePath: string): DocumentKind | undefined {
  return patterns.find((p) => wildcardMatch(p.files, relativePath))?.kind;
}

/**
 * `documentKinds` as written (`{"policies/trust/*.json": "trust"}`), checked: the entries in the
 * order written, or what is wrong, for presign-audit's config error and the ESLint host alike.
 */
export function parseDocumentKinds(raw: unknown): DocumentKindPattern[] | { readonly problem: string } {
  const expected = `an object of file patterns and kinds, such as {"policies/trust/*.json": "trust"}; kinds: ${DOCUMENT_KINDS.map((k) => `"${k}"`).join(', ')}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: `"documentKinds" must be ${expected}.` };
  const patterns: DocumentKindPattern[] = [];
  for (const [files, kind] of Object.entries(raw as Record<string, unknown>)) {
    if (files === '') return { problem: `"documentKinds" has an empty file pattern; it must be ${expected}.` };
    if (typeof kind !== 'string' || !(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
      return { problem: `"documentKinds": "${files}" has kind ${JSON.stringify(kind)}; use one of ${DOCUMENT_KINDS.map((k) => `"${k}"`).join(', ')}.` };
    }
    patterns.push({ files, kind: kind as DocumentKind });
  }
  return patterns;
}
