/**
 * Reads a policy from JSON text with exact positions: a plain policy document, or the output of
 * the AWS CLI commands that print one (`s3api get-bucket-policy`, `kms get-key-policy`,
 * `iam get-role-policy` / `get-user-policy` / `get-group-policy`, `iam get-policy-version`).
 * Never throws on bad input: every problem is a located `ReadError`.
 */
import { parse, type AnyNode, type MemberNode, type ObjectNode, type StringNode, type ValueNode } from '@humanwhocodes/momoa';
import type { DocumentKind, InputFormat, PolicyDocument, SourcePosition } from './model.js';
import { normaliseDocument, type PolicyTree } from './normalise.js';
import { SourceText, decodeJsonStringBody, identityOffsets, type OffsetMap } from './source-text.js';

/**
 * The largest file read: 10 MiB. IAM caps an identity policy at 6,144 characters and a bucket
 * policy at 20 KB, so anything near this is not a policy; the cap keeps one stray dump from
 * stalling a run.
 */
export const MAX_POLICY_FILE_BYTES = 10 * 1024 * 1024;

/**
 * The deepest nesting read. A policy nests about 6 levels; momoa parses recursively and
 * overflows the stack somewhere past 2,000 levels, so deeper input is refused before parsing.
 */
export const MAX_JSON_DEPTH = 256;

export type ReadErrorCode = 'empty' | 'too-large' | 'too-deep' | 'invalid-json' | 'unknown-format' | 'invalid-policy';

export interface ReadError {
  readonly code: ReadErrorCode;
  readonly message: string;
  readonly position: SourcePosition;
  /** True when nothing of the file could be analysed; false for a problem in one part of a policy. */
  readonly fatal: boolean;
}

export interface ReadResult {
  readonly documents: PolicyDocument[];
  readonly errors: ReadError[];
}

export function readPolicyJson(text: string, file: string): ReadResult {
  const source = new SourceText(text);
  const errors: ReadError[] = [];
  const fail = (code: ReadErrorCode, message: string, position: SourcePosition): ReadResult => {
    errors.push({ code, message, position, fatal: true });
    return { documents: [], errors };
  };
  const at = (offset: number, map: OffsetMap = identityOffsets) => {
    const fileOffset = map(offset);
    return source.position(fileOffset, Math.min(fileOffset + 1, text.length));
  };

  if (text.length > MAX_POLICY_FILE_BYTES) {
    return fail('too-large', `File is larger than ${MAX_POLICY_FILE_BYTES} bytes (10 MiB); a policy is at most 20 KB. It was not analysed.`, at(0));
  }
  if (text.trim() === '') return fail('empty', 'File is empty: expected a JSON policy document.', at(0));

  const parsed = parseJson(text);
  if ('error' in parsed) return fail(parsed.code, parsed.error, at(parsed.offset));
  const root = parsed.value;
  const locate = (node: AnyNode, map: OffsetMap): SourcePosition => source.position(map(node.loc.start.offset), map(node.loc.end.offset));

  if (root.type !== 'Object') {
    return fail('unknown-format', `Expected a JSON object holding a policy document, found ${describeNode(root)}.`, locate(root, identityOffsets));
  }

  const found = findDocument(root);
  if (!found) {
    return fail(
      'unknown-format',
      'Not a policy document: expected "Statement" at the top level, or AWS CLI output with "Policy", "PolicyDocument" or "PolicyVersion.Document".',
      locate(root, identityOffsets),
    );
  }

  let documentNode: ValueNode = found.node;
  let map: OffsetMap = identityOffsets;
  if (documentNode.type === 'String') {
    // The CLI prints bucket and key policies as a JSON string inside JSON: parse the string and
    // map its offsets back through the escapes so positions point into the file.
    const stringNode: StringNode = documentNode;
    const rawBody = text.slice(stringNode.loc.start.offset + 1, stringNode.loc.end.offset - 1);
    const decoded = decodeJsonStringBody(rawBody, stringNode.loc.start.offset + 1);
    if (decoded.value.trim() === '') return fail('empty', `"${found.path}" is an empty string: expected a policy document.`, locate(stringNode, identityOffsets));
    const inner = parseJson(decoded.value);
    if ('error' in inner) return fail(inner.code, `In the policy embedded in "${found.path}": ${inner.error}`, at(inner.offset, decoded.map));
    documentNode = inner.value;
    map = decoded.map;
  }
  if (documentNode.type !== 'Object') {
    return fail('unknown-format', `"${found.path}" holds ${describeNode(documentNode)}, not a policy document object.`, locate(documentNode, map));
  }

  const tree = toPolicyTree(documentNode, (node) => locate(node, map)) as PolicyTree & { type: 'object' };
  const normalised = normaliseDocument(tree, (message, position) => errors.push({ code: 'invalid-policy', message, position, fatal: false }));
  const kind = detectKind(normalised.statements, found.format);
  const format: InputFormat = found.format === 'aws-cli:s3api-get-bucket-policy' && kind === 'kms-key' ? 'aws-cli:kms-get-key-policy' : found.format;
  return {
    documents: [{ file, format, kind, position: locate(documentNode, map), version: normalised.version, statements: normalised.statements }],
    errors,
  };
}

type ParseOutcome = { value: ValueNode } | { error: string; code: ReadErrorCode; offset: number };

function parseJson(text: string): ParseOutcome {
  const tooDeep = findExcessiveNesting(text);
  if (tooDeep !== null) {
    return { code: 'too-deep', offset: tooDeep, error: `JSON nests deeper than ${MAX_JSON_DEPTH} levels; a policy nests about 6. It was not analysed.` };
  }
  try {
    return { value: parse(text, { mode: 'json', ranges: false }).body };
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
  readonly node: ValueNode;
  readonly format: InputFormat;
  /** Where it was found, for messages: `Policy`, `PolicyVersion.Document`. */
  readonly path: string;
}

function member(object: ObjectNode, name: string): MemberNode | undefined {
  return object.members.find((m) => m.name.type === 'String' && m.name.value === name);
}

function findDocument(root: ObjectNode): FoundDocument | null {
  if (member(root, 'Statement')) return { node: root, format: 'policy-document', path: '(root)' };
  const policy = member(root, 'Policy');
  if (policy) {
    // `kms get-key-policy` prints PolicyName beside Policy; `s3api get-bucket-policy` prints Policy alone.
    const format = member(root, 'PolicyName') ? 'aws-cli:kms-get-key-policy' : 'aws-cli:s3api-get-bucket-policy';
    return { node: policy.value, format, path: 'Policy' };
  }
  const policyDocument = member(root, 'PolicyDocument');
  if (policyDocument) return { node: policyDocument.value, format: 'aws-cli:iam-get-entity-policy', path: 'PolicyDocument' };
  const version = member(root, 'PolicyVersion');
  if (version && version.value.type === 'Object') {
    const document = member(version.value, 'Document');
    if (document) return { node: document.value, format: 'aws-cli:iam-get-policy-version', path: 'PolicyVersion.Document' };
  }
  return null;
}

function detectKind(statements: PolicyDocument['statements'], format: InputFormat): DocumentKind {
  if (format === 'aws-cli:kms-get-key-policy') return 'kms-key';
  if (format === 'aws-cli:iam-get-entity-policy' || format === 'aws-cli:iam-get-policy-version') return 'identity';
  if (!statements.some((s) => s.principals)) return 'identity';
  // A key policy names only KMS actions (or `*` with Resource `*`, as the default key policy does).
  const actions = statements.flatMap((s) => s.actions?.values ?? []);
  const onlyKms = actions.length > 0 && actions.every((a) => /^kms:/i.test(a.value) || a.value === '*');
  const someKms = actions.some((a) => /^kms:/i.test(a.value));
  return onlyKms && someKms ? 'kms-key' : 'resource';
}

function describeNode(node: ValueNode): string {
  switch (node.type) {
    case 'Array':
      return 'an array';
    case 'String':
      return 'a string';
    case 'Number':
      return 'a number';
    case 'Boolean':
      return 'a boolean';
    case 'Null':
      return 'null';
    default:
      return `a ${node.type}`;
  }
}

/** momoa's tree to the parser-neutral tree the normaliser reads (recursion is bounded by MAX_JSON_DEPTH). */
function toPolicyTree(root: ValueNode, locate: (node: AnyNode) => SourcePosition): PolicyTree {
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
