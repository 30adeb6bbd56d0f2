/**
 * Terraform's native syntax (HCL) as a small plain tree: bodies of attributes and blocks, and
 * expressions, each with its offsets in the file. Parsed by tree-sitter's HCL grammar (the
 * `tree-sitter-terraform` build of @tree-sitter-grammars/tree-sitter-hcl) on the WebAssembly
 * runtime the Python reader already uses; why this parser: README.md#dependencies. The tree is
 * copied once into JavaScript objects, so the WebAssembly memory is freed right after parsing and
 * no reader touches tree-sitter. This module is loaded only by runs that meet a `.tf` file.
 */
import { createRequire } from 'node:module';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import { copyTree, firstSyntaxError } from '../core/tree-sitter.js';

/** A range of the file: 0-based offsets, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface HclBody {
  readonly attributes: readonly HclAttribute[];
  readonly blocks: readonly HclBlock[];
}

export interface HclAttribute {
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: HclExpression;
}

export interface HclBlock {
  /** `resource`, `data`, `statement`, `dynamic` ... */
  readonly type: string;
  readonly labels: readonly string[];
  /** The block's header, from its type to its labels: where findings about the block point. */
  readonly span: Span;
  readonly body: HclBody;
}

/** A piece of a template: literal text as written (escapes not yet decoded), or an interpolation. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly raw: string; readonly span: Span }
  | { readonly kind: 'interpolation'; readonly expression: HclExpression; readonly span: Span }
  /** `%{ if }`, `%{ for }`: what it yields depends on values, so the template is unknown. */
  | { readonly kind: 'directive'; readonly span: Span };

export type Step =
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'index'; readonly index: HclExpression }
  | { readonly kind: 'splat' };

export type HclExpression = { readonly span: Span } & (
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  /** A quoted string or a heredoc; `quoted` decides which escapes its text has. */
  | { readonly kind: 'template'; readonly parts: readonly TemplatePart[]; readonly quoted: boolean }
  | { readonly kind: 'tuple'; readonly elements: readonly HclExpression[] }
  | { readonly kind: 'object'; readonly items: readonly { readonly key: HclExpression; readonly value: HclExpression }[] }
  /** `var.x`, `aws_s3_bucket.uploads.arn`, `local.list[0]`: a name and what follows it. */
  | { readonly kind: 'variable'; readonly name: string; readonly steps: readonly Step[] }
  /** Steps after something else than a name: `(expr).x`, `f(x)[0]`. */
  | { readonly kind: 'postfix'; readonly base: HclExpression; readonly steps: readonly Step[] }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly HclExpression[]; readonly expandsLast: boolean }
  | { readonly kind: 'conditional'; readonly condition: HclExpression; readonly then: HclExpression; readonly otherwise: HclExpression }
  /** `!x`, `-x`, `a && b`, `a == b` ...: the operator as written. */
  | { readonly kind: 'operation'; readonly operator: string; readonly operands: readonly HclExpression[] }
  /** For expressions, operators: evaluated to an unknown value, described by their text. */
  | { readonly kind: 'other' }
);

export interface HclSyntaxError {
  readonly message: string;
  readonly span: Span;
}

export interface ParsedHcl {
  readonly body: HclBody;
  /** The first syntax error, if any; the rest of the file is still read as tree-sitter recovered it. */
  readonly error: HclSyntaxError | null;
}

/**
 * The deepest nesting copied. Deeper expressions become `other` (an unknown value): nothing a
 * policy needs nests that deep, and the copy must not overflow the JavaScript stack.
 */
const MAX_DEPTH = 200;

let parserPromise: Promise<TreeSitter.Parser> | null = null;

function hclParser(): Promise<TreeSitter.Parser> {
  parserPromise ??= (async () => {
    // The package is a UMD bundle: Node sees its exports only on the CommonJS module object.
    const { Parser, Language } = (await import('@vscode/tree-sitter-wasm')).default;
    await Parser.init();
    const grammar = createRequire(import.meta.url).resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
    const parser = new Parser();
    parser.setLanguage(await Language.load(grammar));
    return parser;
  })();
  return parserPromise;
}

export async function parseHcl(text: string): Promise<ParsedHcl> {
  const tree = (await hclParser()).parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const error = tree.rootNode.hasError ? firstError(tree.rootNode) : null;
    const root = copyHclTree(tree, text);
    const bodyNode = named(root).find((c) => c.type === 'body');
    return { body: bodyNode ? body(bodyNode, 0) : { attributes: [], blocks: [] }, error };
  } finally {
    tree.delete();
  }
}

/** A tree-sitter node copied into JavaScript: reading it never crosses into WebAssembly again. */
class Node {
  readonly children: Node[] = [];

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
}

/** Copies the tree into plain nodes, without comments. */
function copyHclTree(tree: TreeSitter.Tree, source: string): Node {
  const cursor = tree.walk();
  return copyTree<Node>(cursor, () => new Node(cursor.nodeType, cursor.nodeIsNamed, cursor.startIndex, cursor.endIndex, source));
}

const spanOf = (node: Node): Span => ({ start: node.startIndex, end: node.endIndex });
const named = (node: Node): Node[] => node.children.filter((c) => c.isNamed);

function body(node: Node, depth: number): HclBody {
  const attributes: HclAttribute[] = [];
  const blocks: HclBlock[] = [];
  for (const child of named(node)) {
    if (child.type === 'attribute') {
      const [name, value] = named(child);
      if (name?.type === 'identifier' && value) attributes.push({ name: name.text, nameSpan: spanOf(name), value: expression(value, depth + 1) });
    } else if (child.type === 'block' && depth < MAX_DEPTH) {
      const parts = named(child);
      const type = parts[0];
      if (type?.type !== 'identifier') continue;
      const labels = parts.filter((p) => p.type === 'string_lit' || (p.type === 'identifier' && p !== type));
      const inner = parts.find((p) => p.type === 'body');
      const last = labels.at(-1) ?? type;
      blocks.push({
        type: type.text,
        labels: labels.map((l) => (l.type === 'identifier' ? l.text : named(l).filter((p) => p.type === 'template_literal').map((p) => p.text).join(''))),
        span: { start: type.startIndex, end: last.endIndex },
        body: inner ? body(inner, depth + 1) : { attributes: [], blocks: [] },
      });
    }
  }
  return { attributes, blocks };
}

function expression(node: Node, depth: number): HclExpression {
  const span = spanOf(node);
  if (depth > MAX_DEPTH) return { kind: 'other', span };
  if (node.type === 'expression') {
    const [base, ...rest] = named(node);
    if (!base) return { kind: 'other', span };
    const steps = rest.map((r) => step(r, depth)).filter((s): s is Step => s !== null);
    if (steps.length < rest.length) return { kind: 'other', span };
    if (base.type === 'variable_expr') return { kind: 'variable', name: base.text, steps, span };
    const inner = expression(base, depth + 1);
    return steps.length === 0 ? inner : { kind: 'postfix', base: inner, steps, span };
  }
  switch (node.type) {
    case 'literal_value':
      return literal(node, span, depth);
    case 'template_expr':
      return template(named(node)[0] ?? node, span, depth);
    case 'collection_value':
      return expression(named(node)[0] ?? node, depth + 1);
    case 'tuple':
      return { kind: 'tuple', elements: named(node).filter((c) => c.type === 'expression').map((c) => expression(c, depth + 1)), span };
    case 'object':
      return {
        kind: 'object',
        items: named(node).filter((c) => c.type === 'object_elem').flatMap((elem) => {
          // `key = value` or `key: value`: the two expressions around the separator.
          const [key, value] = named(elem);
          return key && value ? [{ key: expression(key, depth + 1), value: expression(value, depth + 1) }] : [];
        }),
        span,
      };
    case 'variable_expr':
      return { kind: 'variable', name: node.text, steps: [], span };
    case 'function_call': {
      const [name, args] = named(node);
      const argNodes = args?.type === 'function_arguments' ? named(args).filter((c) => c.type === 'expression') : [];
      const expandsLast = args?.type === 'function_arguments' && args.children.some((c) => c.type === 'expand_final');
      return { kind: 'call', name: name?.text ?? '', args: argNodes.map((a) => expression(a, depth + 1)), expandsLast, span };
    }
    case 'conditional': {
      const [condition, then, otherwise] = named(node);
      if (!condition || !then || !otherwise) return { kind: 'other', span };
      return { kind: 'conditional', condition: expression(condition, depth + 1), then: expression(then, depth + 1), otherwise: expression(otherwise, depth + 1), span };
    }
    case 'quoted_template':
    case 'heredoc_template':
      return template(node, span, depth);
    case 'operation':
      return expression(named(node)[0] ?? node, depth + 1);
    case 'unary_operation':
    case 'binary_operation': {
      const operator = node.children.find((c) => !c.isNamed);
      const operands = named(node);
      if (!operator || operands.length !== (node.type === 'unary_operation' ? 1 : 2)) return { kind: 'other', span };
      return { kind: 'operation', operator: operator.type, operands: operands.map((o) => expression(o, depth + 1)), span };
    }
    default:
      // Parentheses keep their inner expression; operators, for expressions and errors are unknown.
      if (node.type === 'parenthesized_expression' || node.type === 'parenthesized') {
        const inner = named(node)[0];
        return inner ? expression(inner, depth + 1) : { kind: 'other', span };
      }
      return { kind: 'other', span };
  }
}

function literal(node: Node, span: Span, depth: number): HclExpression {
  const inner = named(node)[0];
  if (!inner) return { kind: 'other', span };
  switch (inner.type) {
    case 'numeric_lit': {
      const value = Number(inner.text);
      return Number.isFinite(value) ? { kind: 'literal', value, span } : { kind: 'other', span };
    }
    case 'bool_lit':
      return { kind: 'literal', value: inner.text === 'true', span };
    case 'null_lit':
      return { kind: 'literal', value: null, span };
    case 'string_lit':
      return template(inner, span, depth);
    default:
      return { kind: 'other', span };
  }
}

/**
 * A quoted template, string literal or heredoc. Literal text is kept raw, between the delimiters
 * (for a heredoc, from the line after `<<EOF` to the closing marker's line), so the reader can map
 * every character of the value back to the file.
 */
function template(node: Node, span: Span, depth: number): HclExpression {
  const quoted = node.type !== 'heredoc_template';
  const children = node.children;
  let start: number;
  let end: number;
  if (quoted) {
    start = children.find((c) => c.type === 'quoted_template_start')?.endIndex ?? node.startIndex;
    end = children.findLast((c) => c.type === 'quoted_template_end')?.startIndex ?? node.endIndex;
  } else {
    const markers = children.filter((c) => c.type === 'heredoc_identifier');
    const opening = markers[0];
    const closing = markers.length > 1 ? markers.at(-1)! : undefined;
    if (!opening || !closing) return { kind: 'other', span };
    // The body starts after the opening line's newline and ends before the closing marker's line.
    start = opening.endIndex;
    end = closing.startIndex;
  }
  const parts: TemplatePart[] = [];
  let cursor = start;
  const text = node.text;
  const pushText = (to: number) => {
    if (to > cursor) parts.push({ kind: 'text', raw: text.slice(cursor - node.startIndex, to - node.startIndex), span: { start: cursor, end: to } });
  };
  for (const child of children) {
    if (child.type === 'template_interpolation') {
      pushText(child.startIndex);
      const inner = named(child).find((c) => c.type === 'expression');
      parts.push(inner ? { kind: 'interpolation', expression: expression(inner, depth + 1), span: spanOf(child) } : { kind: 'directive', span: spanOf(child) });
      cursor = child.endIndex;
    } else if (child.type === 'template_directive' || child.type === 'template_for' || child.type === 'template_if') {
      pushText(child.startIndex);
      parts.push({ kind: 'directive', span: spanOf(child) });
      cursor = child.endIndex;
    }
  }
  pushText(end);
  if (!quoted && parts[0]?.kind === 'text') {
    // The newline that ends the `<<EOF` line belongs to no value.
    const first = parts[0];
    const skip = /^\r?\n/.exec(first.raw)?.[0].length ?? 0;
    parts[0] = { kind: 'text', raw: first.raw.slice(skip), span: { start: first.span.start + skip, end: first.span.end } };
  }
  return { kind: 'template', parts, quoted, span };
}

function step(node: Node, depth: number): Step | null {
  switch (node.type) {
    case 'get_attr': {
      const name = named(node).find((c) => c.type === 'identifier');
      return name ? { kind: 'attribute', name: name.text } : null;
    }
    case 'index': {
      const inner = named(node)[0];
      if (inner?.type === 'legacy_index') return { kind: 'index', index: { kind: 'literal', value: Number(inner.text.replace(/^\./, '')), span: spanOf(inner) } };
      const index = inner ? named(inner).find((c) => c.type === 'expression') : undefined;
      return index ? { kind: 'index', index: expression(index, depth + 1) } : null;
    }
    case 'splat':
      return { kind: 'splat' };
    default:
      return null;
  }
}

/** The first ERROR or MISSING node in source order, as a located message. */
function firstError(root: TreeSitter.Node): HclSyntaxError {
  const { node, missing, snippet } = firstSyntaxError(root);
  const message = missing ? `HCL syntax error: \`${node.type}\` expected here.` : `HCL syntax error: unexpected ${snippet ? `\`${snippet}\`` : 'end of input'}.`;
  return { message, span: { start: node.startIndex, end: node.endIndex } };
}
