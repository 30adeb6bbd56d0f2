/**
 * Reads a policy from JSON text with exact positions: a plain policy document, or the output of
 * the AWS CLI commands that print one (`s3api get-bucket-policy`, `s3control get-access-point-policy`,
 * `kms get-key-policy`, `iam get-role-policy` / `get-user-policy` / `get-group-policy`,
 * `iam get-policy-version`, `iam get-role`, `organizations describe-policy`, `lambda get-policy`,
 * `sqs get-queue-attributes` / `sns get-topic-attributes`, `secretsmanager get-resource-policy`).
 * Never throws on bad input: every problem is a located `ReadError`.
 */
import { createRequire } from 'node:module';
import type { AnyNode, ValueNode } from '@humanwhocodes/momoa';
import type { InputProblemCode } from '../core/problems.js';
import type { Inventory, RoleInfo } from './inventory.js';
import { decideKind, ORGANIZATIONS_POLICY_KINDS } from './kinds.js';
import type { DocumentKind, InputFormat, PolicyDocument, SourcePosition } from './model.js';
import { normaliseDocument, type PolicyTree } from './normalise.js';
import { scanJson, type Locate } from './json-scan.js';
import { SourceText, stringBodyOffsets } from './source-text.js';

/**
 * The largest file read: 10 MiB. IAM caps an identity policy at 6,144 characters and a bucket
 * policy at 20 KB, so anything near this is not a policy; the cap keeps one stray dump from
 * stalling a run.
 */
export const MAX_POLICY_FILE_BYTES = 10 * 1024 * 1024;

/**
 * The deepest nesting read. A policy nests about 6 levels; the parsers recurse, and momoa
 * overflows the stack somewhere past 2,000 levels, so deeper input is refused before parsing.
 */
export const MAX_JSON_DEPTH = 256;

/** A reader's problems are input problems (src/core/problems.ts): the report's id is `presign-audit/<code>`. */
export type ReadErrorCode = Extract<InputProblemCode, 'empty' | 'too-large' | 'too-deep' | 'invalid-json' | 'invalid-yaml' | 'invalid-hcl' | 'unknown-format' | 'invalid-policy'>;

export interface ReadError {
  readonly code: ReadErrorCode;
  readonly message: string;
  readonly position: SourcePosition;
  /** True when nothing of the file could be analysed; false for a problem in one part of a policy. */
  readonly fatal: boolean;
  /** The file it is in, for a reader of several files (a Terraform module); else the file read. */
  readonly file?: string;
}

/** What a reader found in one file: its part of the run's inventory, and its problems. */
export interface ReadResult extends Inventory {
  readonly documents: PolicyDocument[];
  readonly errors: ReadError[];
}

/** A result with documents and errors only (plain policy files declare no roles, buckets or keys). */
export function documentsOnly(documents: PolicyDocument[], errors: ReadError[]): ReadResult {
  return { documents, errors, roles: [], buckets: [], keys: [] };
}

/** A file that could not be read at all. */
export function failedRead(code: ReadErrorCode, message: string, position: SourcePosition): ReadResult {
  return documentsOnly([], [{ code, message, position, fatal: true }]);
}

/** A JSON file parsed, or why it could not be. */
export type ParsedJsonFile = { readonly root: PolicyTree; readonly source: SourceText } | { readonly failed: ReadResult };

/**
 * The checks every JSON reader shares: size, emptiness, nesting, syntax. `locate`: where a node
 * of the text is, by its offsets; by default its place in this text.
 */
export function parseJsonFile(text: string, expected = 'a JSON policy document', locate?: Locate): ParsedJsonFile {
  const source = new SourceText(text);
  const at = (offset: number) => source.position(offset, Math.min(offset + 1, text.length));
  if (text.length > MAX_POLICY_FILE_BYTES) {
    return { failed: failedRead('too-large', `File is larger than ${MAX_POLICY_FILE_BYTES} bytes (10 MiB); a policy is at most 20 KB. It was not analysed.`, at(0)) };
  }
  // A test, not `trim()`: no copy of the text (the same whitespace: \s is trim's set).
  if (/^\s*$/.test(text)) return { failed: failedRead('empty', `File is empty: expected ${expected}.`, at(0)) };
  const parsed = parsePolicyTree(text, locate ?? null, source);
  if ('error' in parsed) return { failed: failedRead(parsed.code, parsed.error, at(parsed.offset)) };
  return { root: parsed.tree, source };
}

/** `configured`: the kind the config's `documentKinds` gives the file, if any. */
export function readPolicyJson(text: string, file: string, configured?: DocumentKind): ReadResult {
  const parsed = parseJsonFile(text);
  return 'failed' in parsed ? parsed.failed : readPolicyJsonRoot(parsed.root, parsed.source, file, configured);
}

/** A parsed JSON file that holds one policy document (plain, or AWS CLI output of one policy). */
export function readPolicyJsonRoot(root: PolicyTree, source: SourceText, file: string, configured?: DocumentKind): ReadResult {
  const errors: ReadError[] = [];
  const fail = (code: ReadErrorCode, message: string, position: SourcePosition): ReadResult => {
    errors.push({ code, message, position, fatal: true });
    return documentsOnly([], errors);
  };

  if (root.type !== 'object') {
    return fail('unknown-format', `Expected a JSON object holding a policy document, found ${describeTree(root)}.`, root.position);
  }

  const found = findDocument(root);
  if (!found) {
    return fail(
      'unknown-format',
      'Not a policy document: expected "Statement" at the top level, or AWS CLI output with "Policy", "PolicyDocument", "PolicyVersion.Document", "Role.AssumeRolePolicyDocument", "Attributes.Policy" or "ResourcePolicy".',
      root.position,
    );
  }
  if ('problem' in found) return fail('unknown-format', found.problem, found.node.position);

  let tree = found.node;
  if (tree.type === 'string') {
    // The CLI prints resource policies as a JSON string inside JSON.
    const embedded = parseEmbeddedJson(source, tree, `"${found.path}"`);
    if ('error' in embedded) {
      errors.push(embedded.error);
      return documentsOnly([], errors);
    }
    tree = embedded.tree;
  }
  if (tree.type !== 'object') {
    return fail('unknown-format', `"${found.path}" holds ${describeTree(tree)}, not a policy document object.`, tree.position);
  }
  const document = documentFromTree(tree, { file, format: found.format, given: found.kinds, configured }, errors);
  // A bare "Policy" string is printed by three commands; the statements tell which (or the config says).
  const format: InputFormat = (found.format === 'aws-cli:s3api-get-bucket-policy' && document.kind !== null ? BARE_POLICY_FORMAT[document.kind] : undefined) ?? found.format;
  const read = format === document.format ? document : { ...document, format };
  const roleName = found.format === 'aws-cli:iam-get-entity-policy' ? member(root, 'RoleName') : undefined;
  if (roleName?.type !== 'string' || roleName.value === '') return documentsOnly([read], errors);
  // `get-role-policy` names the role its policy belongs to, so the signer model can choose it by name.
  const role: RoleInfo = {
    name: roleName.value,
    logicalId: null,
    arn: null,
    source: { file, position: roleName.position },
    identityPolicies: [read],
    managedPolicyArns: [],
    // One inline policy of the role: a check that needs all it may do cannot tell from this file.
    unreadPolicies: [`the other policies of role ${roleName.value}`],
    maxSessionDurationSeconds: null,
    runsCode: null,
  };
  return { documents: [read], errors, roles: [role], buckets: [], keys: [] };
}

/** The command that printed a bare `{"Policy": "..."}`, by the kind its statements make it. */
const BARE_POLICY_FORMAT: Partial<Record<DocumentKind, InputFormat>> = {
  'access-point': 'aws-cli:s3control-get-access-point-policy',
  'kms-key': 'aws-cli:kms-get-key-policy',
};

/**
 * A policy given as a JSON string inside a file (AWS CLI output, Terraform plans): the string
 * node's value parsed, every position mapped back through the literal's escapes so that it points
 * into the file. `literal` is a string node read from the file's JSON, located by its offsets.
 */
export function parseEmbeddedJson(source: SourceText, literal: { readonly value: string; readonly position: SourcePosition }, where: string): { tree: PolicyTree } | { error: ReadError } {
  const literalStart = literal.position.offset!;
  const literalEnd = literal.position.endOffset!;
  const fatal = (code: ReadErrorCode, message: string, position: SourcePosition) => ({ error: { code, message, position, fatal: true } });
  if (literal.value.trim() === '') return fatal('empty', `${where} is an empty string: expected a policy document.`, source.position(literalStart, literalEnd));
  const map = stringBodyOffsets(source.text.slice(literalStart + 1, literalEnd - 1), literalStart + 1);
  const inner = parsePolicyTree(literal.value, (start, end) => source.position(map(start), map(end)));
  if ('error' in inner) {
    const offset = map(inner.offset);
    return fatal(inner.code, `In the policy embedded in ${where}: ${inner.error}`, source.position(offset, Math.min(offset + 1, source.text.length)));
  }
  return { tree: inner.tree };
}

export interface DocumentMeta {
  readonly file: string;
  readonly format: InputFormat;
  /** Known from where the document sits (a role's policy, a key policy); else told from the statements (src/policy/kinds.ts). */
  readonly kind?: DocumentKind;
  /** The kinds the AWS CLI output allows, when it does not tell one. */
  readonly given?: readonly DocumentKind[];
  /** The config's `documentKinds` entry for the file. */
  readonly configured?: DocumentKind;
  readonly origin?: string;
  /** AWS's own policy whose text this is (`PolicyDocument.awsPolicy`). */
  readonly awsPolicy?: string;
}

/** Normalises a document tree into the model; shape problems become non-fatal `invalid-policy` errors. */
export function documentFromTree(tree: PolicyTree & { type: 'object' }, meta: DocumentMeta, errors: ReadError[]): PolicyDocument {
  const normalised = normaliseDocument(tree, (message, position) => errors.push({ code: 'invalid-policy', message, position, fatal: false }));
  const given = meta.kind ? [meta.kind] : meta.given;
  const { kind, kindCandidates } = decideKind(normalised.statements, { file: meta.file, given, configured: meta.configured });
  const document: PolicyDocument = { file: meta.file, format: meta.format, kind, kindCandidates, position: tree.position, version: normalised.version, statements: normalised.statements };
  // `origin` and `awsPolicy` only when there are some (a plain policy file has neither).
  return meta.origin || meta.awsPolicy ? { ...document, ...(meta.origin ? { origin: meta.origin } : {}), ...(meta.awsPolicy ? { awsPolicy: meta.awsPolicy } : {}) } : document;
}

interface ParseFailure {
  readonly error: string;
  readonly code: ReadErrorCode;
  readonly offset: number;
}
type ParseOutcome = { value: ValueNode } | ParseFailure;

/**
 * JSON text read into the policy tree, each node located by `locate` from its offsets in the text,
 * or (`locate` null) at its place in `text`, whose SourceText is `source`; or why not, at an offset.
 * Strict JSON takes the one-pass reader (src/policy/json-scan.ts); what it does not accept goes
 * through momoa, whose tree or error is what this has always returned.
 */
export function parsePolicyTree(text: string, locate: Locate | null, source?: SourceText): { tree: PolicyTree } | ParseFailure {
  const scanned = scanJson(text, locate, MAX_JSON_DEPTH);
  if (scanned !== null) return { tree: scanned };
  const parsed = parseJsonText(text);
  if ('error' in parsed) return parsed;
  const place = locate ?? ((start, end) => (source ?? new SourceText(text)).position(start, end));
  return { tree: toPolicyTree(parsed.value, (node) => place(node.loc.start.offset, node.loc.end.offset)) };
}

/** momoa, loaded on first use: strict JSON never needs it (CommonJS, so a synchronous reader can load it). */
let momoa: typeof import('@humanwhocodes/momoa') | null = null;

/** JSON text parsed with momoa, offsets in that text; or why not, at an offset. */
export function parseJsonText(text: string): ParseOutcome {
  const tooDeep = findExcessiveNesting(text);
  if (tooDeep !== null) {
    return { code: 'too-deep', offset: tooDeep, error: `JSON nests deeper than ${MAX_JSON_DEPTH} levels; a policy nests about 6. It was not analysed.` };
  }
  momoa ??= createRequire(import.meta.url)('@humanwhocodes/momoa') as typeof import('@humanwhocodes/momoa');
  try {
    return { value: momoa.parse(text, { mode: 'json', ranges: false }).body };
  } catch (error) {
    const e = error as { message?: string; offset?: number };
    const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
    // momoa reports offsets in the parsed text; the caller maps them into the file.
    return { code: 'invalid-json', offset: typeof e.offset === 'number' ? e.offset : 0, error: `Invalid JSON: ${message}` };
  }
}

/** The offset of the first bracket deeper than MAX_JSON_DEPTH, or null; one linear pass. */
function findExcessiveNesting(text: string): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return null;
}

interface FoundDocument {
  readonly node: PolicyTree;
  readonly format: InputFormat;
  /** Where it was found, for messages: `Policy`, `PolicyVersion.Document`. */
  readonly path: string;
  /** The kinds the command prints: one, or several its statements choose from; absent for a plain document. */
  readonly kinds?: readonly DocumentKind[];
}

/** The value of the last member of that name, as the normaliser reads duplicates. */
function member(object: PolicyTree, name: string): PolicyTree | undefined {
  return object.type === 'object' ? object.members.findLast((m) => m.name === name)?.value : undefined;
}

/** Where the policy is in the file, and what the command that printed it says of its kind (docs/facts.md#document-kinds). */
function findDocument(root: PolicyTree & { type: 'object' }): FoundDocument | { readonly problem: string; readonly node: PolicyTree } | null {
  if (member(root, 'Statement')) return { node: root, format: 'policy-document', path: '(root)' };
  const policy = member(root, 'Policy');
  if (policy?.type === 'object') {
    // `organizations describe-policy`: the policy's type beside its content.
    const type = member(policy, 'PolicySummary');
    const typeName = type ? member(type, 'Type') : undefined;
    const content = member(policy, 'Content');
    if (content && typeName?.type === 'string') {
      const kind = ORGANIZATIONS_POLICY_KINDS[typeName.value];
      if (!kind) return { problem: `An AWS Organizations ${typeName.value}, not an IAM policy: only service and resource control policies are read.`, node: typeName };
      return { node: content, format: 'aws-cli:organizations-describe-policy', path: 'Policy.Content', kinds: [kind] };
    }
  }
  if (policy) {
    // `kms get-key-policy` prints PolicyName beside Policy, `lambda get-policy` RevisionId; `s3api
    // get-bucket-policy` and `s3control get-access-point-policy` print Policy alone.
    if (member(root, 'PolicyName')) return { node: policy, format: 'aws-cli:kms-get-key-policy', path: 'Policy', kinds: ['kms-key'] };
    if (member(root, 'RevisionId')) return { node: policy, format: 'aws-cli:lambda-get-policy', path: 'Policy', kinds: ['resource'] };
    return { node: policy, format: 'aws-cli:s3api-get-bucket-policy', path: 'Policy', kinds: ['bucket', 'access-point', 'kms-key'] };
  }
  const policyDocument = member(root, 'PolicyDocument');
  if (policyDocument) return { node: policyDocument, format: 'aws-cli:iam-get-entity-policy', path: 'PolicyDocument', kinds: ['identity'] };
  const version = member(root, 'PolicyVersion');
  const versionDocument = version ? member(version, 'Document') : undefined;
  if (versionDocument) return { node: versionDocument, format: 'aws-cli:iam-get-policy-version', path: 'PolicyVersion.Document', kinds: ['identity'] };
  const role = member(root, 'Role');
  const trust = role ? member(role, 'AssumeRolePolicyDocument') : undefined;
  if (trust) return { node: trust, format: 'aws-cli:iam-get-role', path: 'Role.AssumeRolePolicyDocument', kinds: ['trust'] };
  const attributes = member(root, 'Attributes');
  const attributePolicy = attributes ? member(attributes, 'Policy') : undefined;
  if (attributePolicy) return { node: attributePolicy, format: 'aws-cli:get-queue-or-topic-attributes', path: 'Attributes.Policy', kinds: ['resource'] };
  const secretPolicy = member(root, 'ResourcePolicy');
  if (secretPolicy) return { node: secretPolicy, format: 'aws-cli:secretsmanager-get-resource-policy', path: 'ResourcePolicy', kinds: ['resource'] };
  return null;
}

/**
 * A policy given as JSON text where no offsets map into the file (a template's Json property
 * written as a string, a URL-decoded dump entry): parsed, with every position at `at`.
 */
export function policyFromText(text: string, at: SourcePosition, where: string): { tree: PolicyTree } | { errors: ReadError[] } {
  const parsed = parseJsonFile(text, undefined, () => at);
  if ('failed' in parsed) return { errors: parsed.failed.errors.map((e) => ({ ...e, message: `${where}: ${e.message}`, position: at, fatal: false })) };
  return { tree: parsed.root };
}

/** For messages: `an array`, `a string`, `an unresolved value`. */
export function describeTree(node: PolicyTree): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    case 'unknown':
      return `an unresolved value (${node.description})`;
    default:
      return `a ${node.type}`;
  }
}

/** momoa's tree to the parser-neutral tree the normaliser reads (recursion is bounded by MAX_JSON_DEPTH). */
export function toPolicyTree(root: ValueNode, locate: (node: AnyNode) => SourcePosition): PolicyTree {
  const convert = (node: ValueNode): PolicyTree => {
    const position = locate(node);
    switch (node.type) {
      case 'Object':
        return {
          type: 'object',
          position,
          members: node.members.map((m) => ({ name: m.name.type === 'String' ? m.name.value : m.name.name, namePosition: locate(m.name), value: convert(m.value) })),
        };
      case 'Array':
        return { type: 'array', position, elements: node.elements.map((e) => convert(e.value)) };
      case 'String':
        return { type: 'string', position, value: node.value };
      case 'Number':
        return { type: 'number', position, value: node.value };
      case 'Boolean':
        return { type: 'boolean', position, value: node.value };
      default:
        return { type: 'null', position };
    }
  };
  return convert(root);
}
