/**
 * YAML to the parser-neutral tree, with positions into the original file. CloudFormation's short
 * intrinsic forms (`!Sub`, `!Ref`, `!GetAtt`...) become the long forms (`{"Fn::Sub": ...}`,
 * `{"Ref": ...}`) CloudFormation itself turns them into, so one resolver serves JSON and YAML
 * templates. Never throws: problems are located `ReadError`s.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node, Tags } from 'yaml';
import type { SourcePosition } from './model.js';
import type { PolicyTree, PolicyTreeMember } from './normalise.js';
import type { ReadError } from './read-json.js';
import { MAX_JSON_DEPTH } from './read-json.js';
import { SourceText } from './source-text.js';

/** The short forms CloudFormation accepts, by the long form they stand for. */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  ...Object.fromEntries(
    ['Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Equals', 'Not', 'And', 'Or', 'GetAZs', 'Cidr', 'Transform', 'Length', 'ToJsonString'].map(
      (name) => [name, `Fn::${name}`],
    ),
  ),
};

/**
 * Registered so the parser knows the tags (no "unresolved tag" warnings); each may tag a scalar,
 * a sequence or a mapping (`!Sub 'a'`, `!Sub [ 'a', {..} ]`, `!Base64 { Fn::Sub: .. }`).
 */
const CUSTOM_TAGS: Tags = Object.keys(SHORT_FORMS).flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]);

/**
 * The most nodes built from one file, aliases expanded: a few anchors that refer to each other
 * can stand for billions of nodes ("billion laughs"); a template has some thousands.
 */
export const MAX_YAML_NODES = 1_000_000;

/**
 * The `yaml` package, required on the first YAML file (or suppression that reads a file's
 * structure, src/cli/suppressions.ts): it is 72 modules, and a run over JSON policies (most runs,
 * and presign-audit on one policy file) never needs them.
 */
let yaml: typeof Yaml | undefined;
export const loadYaml = (): typeof Yaml => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export type YamlOutcome = { readonly tree: PolicyTree | null } | { readonly error: ReadError };

export function parseYamlTree(text: string): YamlOutcome {
  const { isAlias, isMap, isNode, isPair, isScalar, isSeq, parseDocument } = loadYaml();
  const source = new SourceText(text);
  const locate = (node: { range?: [number, number, number] | null } | null | undefined): SourcePosition => {
    const [start, end] = node?.range ?? [0, 0];
    return source.position(start, Math.max(start, end));
  };
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, { customTags: CUSTOM_TAGS, uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    // The composer recurses; absurd nesting overflows the stack before any template would.
    return { error: { code: 'too-deep', message: `YAML could not be parsed: ${(error as Error).message}`, position: source.position(0, Math.min(1, text.length)), fatal: true } };
  }
  const first = document.errors[0];
  if (first) {
    const [start, end] = first.pos;
    return { error: { code: 'invalid-yaml', message: `Invalid YAML: ${first.message.split('\n')[0]}`, position: source.position(start, Math.max(start, end)), fatal: true } };
  }
  let count = 0;
  const convert = (node: unknown, depth: number): PolicyTree => {
    if (++count > MAX_YAML_NODES) throw new TreeLimit(`YAML expands to more than ${MAX_YAML_NODES.toLocaleString('en')} nodes (aliases included); a template has some thousands. It was not analysed.`, 'too-large');
    if (depth > MAX_JSON_DEPTH) throw new TreeLimit(`YAML nests deeper than ${MAX_JSON_DEPTH} levels; a template nests about 15. It was not analysed.`, 'too-deep');
    if (isAlias(node)) {
      const target = node.resolve(document);
      return target ? convert(target, depth + 1) : { type: 'null', position: locate(node) };
    }
    const position = locate(node as Node);
    const tag = (node as Node).tag;
    const longForm = tag?.startsWith('!') ? SHORT_FORMS[tag.slice(1)] : undefined;
    const plain = convertUntagged(node, position, depth);
    if (!longForm) return plain;
    // `!GetAtt Bucket.Arn` is `{"Fn::GetAtt": ["Bucket", "Arn"]}`; the resolver accepts the dotted string too.
    return { type: 'object', position, members: [{ name: longForm, namePosition: position, value: plain }] };
  };
  const convertUntagged = (node: unknown, position: SourcePosition, depth: number): PolicyTree => {
    if (isMap(node)) {
      const members: PolicyTreeMember[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        // A complex key (`? [a, b]`) is named by its YAML text.
        const name = isScalar(key) ? String(key.value) : isNode(key) ? key.toString() : '';
        members.push({ name, namePosition: locate(key as Node), value: pair.value === null ? { type: 'null', position: locate(key as Node) } : convert(pair.value, depth + 1) });
      }
      return { type: 'object', position, members };
    }
    if (isSeq(node)) return { type: 'array', position, elements: node.items.map((item) => convert(item, depth + 1)) };
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'string') return { type: 'string', position, value };
      if (typeof value === 'number') return { type: 'number', position, value };
      if (typeof value === 'bigint') return { type: 'number', position, value: Number(value) };
      if (typeof value === 'boolean') return { type: 'boolean', position, value };
      if (value === null || value === undefined) return { type: 'null', position };
      // No other scalar value comes from YAML's core schema; yaml's own text of the scalar.
      return { type: 'string', position, value: node.toString() };
    }
    return { type: 'null', position };
  };
  try {
    return { tree: document.contents === null ? null : convert(document.contents, 0) };
  } catch (error) {
    if (!(error instanceof TreeLimit)) throw error;
    return { error: { code: error.code, message: error.message, position: source.position(0, Math.min(1, text.length)), fatal: true } };
  }
}

class TreeLimit extends Error {
  constructor(
    message: string,
    readonly code: 'too-large' | 'too-deep',
  ) {
    super(message);
  }
}
