/**
 * Python source as a plain tree: the tree-sitter tree copied into JavaScript objects once per
 * file. Copying gives nodes a stable identity (tree-sitter hands out a new wrapper object on
 * every access, and the checks compare nodes with `===`) and frees the WebAssembly memory of
 * the tree right after parsing.
 */
import { createRequire } from 'node:module';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import { copyTree, firstSyntaxError } from '../core/tree-sitter.js';

export interface PyNode {
  /** The tree-sitter-python node type: `call`, `identifier`, `keyword_argument`, `=`. */
  readonly type: string;
  /** False for punctuation and keywords. */
  readonly named: boolean;
  /** The field the node fills in its parent (`function`, `arguments`, `left`), if any. */
  readonly field: string | null;
  readonly text: string;
  /** Zero-based line and column, in UTF-16 code units like JavaScript strings. */
  readonly start: Position;
  readonly end: Position;
  readonly parent: PyNode | null;
  readonly children: readonly PyNode[];
}

export interface Position {
  readonly row: number;
  readonly column: number;
}

export interface SyntaxProblem {
  readonly message: string;
  readonly start: Position;
  readonly end: Position;
}

export type ParseResult = { readonly ok: true; readonly root: PyNode } | { readonly ok: false; readonly problem: SyntaxProblem };

type Parser = TreeSitter.Parser;

let parserPromise: Promise<Parser> | null = null;

/**
 * The Python parser, loaded on first use: the WebAssembly runtime and grammar ship inside
 * @vscode/tree-sitter-wasm, so nothing is built at install time or downloaded at run time.
 */
function pythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    // The package is a UMD bundle: Node sees its exports only on the CommonJS module object.
    const { Parser, Language } = (await import('@vscode/tree-sitter-wasm')).default;
    await Parser.init();
    const grammar = createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm');
    const parser = new Parser();
    parser.setLanguage(await Language.load(grammar));
    return parser;
  })();
  return parserPromise;
}

export async function parsePython(source: string): Promise<ParseResult> {
  const tree = await parse(source);
  try {
    if (tree.rootNode.hasError) return { ok: false, problem: firstSyntaxProblem(tree.rootNode) };
    return { ok: true, root: copyPythonTree(tree, source) };
  } finally {
    tree.delete();
  }
}

/** Only whether the source parses: for files with nothing to analyse, without the cost of copying the tree. */
export async function pythonSyntaxProblem(source: string): Promise<SyntaxProblem | null> {
  const tree = await parse(source);
  try {
    return tree.rootNode.hasError ? firstSyntaxProblem(tree.rootNode) : null;
  } finally {
    tree.delete();
  }
}

async function parse(source: string): Promise<TreeSitter.Tree> {
  const tree = (await pythonParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** The first ERROR or MISSING node in source order, as a located message. */
function firstSyntaxProblem(root: TreeSitter.Node): SyntaxProblem {
  const { node, missing, snippet } = firstSyntaxError(root);
  const message = missing ? `Python syntax error: \`${node.type}\` expected here.` : `Python syntax error: unexpected ${snippet ? `\`${snippet}\`` : 'end of input'}.`;
  return { message, start: node.startPosition, end: node.endPosition };
}

/** Copies the tree without comments, which carry no value for the checks. */
function copyPythonTree(tree: TreeSitter.Tree, source: string): PyNode {
  const cursor = tree.walk();
  const position = positionsIn(source);
  type Copied = PyNode & { children: Copied[] };
  const make = (parent: Copied | null): Copied => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    return {
      type: cursor.nodeType,
      named: cursor.nodeIsNamed,
      field: cursor.currentFieldName,
      text: source.slice(start, end),
      start: position(start),
      end: position(end),
      parent,
      children: [],
    };
  };
  return copyTree<Copied>(cursor, make);
}

/**
 * Line and column of a string index, by binary search over line starts: reading them from the
 * tree cursor would cross into WebAssembly twice more per node, most of the cost of copying.
 */
function positionsIn(source: string): (index: number) => Position {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return { row: low, column: index - lineStarts[low]! };
  };
}

/** The child filling `field`: `child(call, 'function')`. */
export function child(node: PyNode, field: string): PyNode | null {
  return node.children.find((c) => c.field === field) ?? null;
}

export function namedChildren(node: PyNode): PyNode[] {
  return node.children.filter((c) => c.named);
}

/** Every node of the tree below `root`, in source order, without recursion. */
export function* descendants(root: PyNode): Generator<PyNode> {
  const stack: PyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** Parentheses carry the value unchanged. */
export function unwrap(node: PyNode): PyNode {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = namedChildren(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** A call's argument given by position or by keyword: `argument(call, 2, 'ExpiresIn')`. */
export function argument(call: PyNode, index: number | null, keyword: string): PyNode | null {
  const list = child(call, 'arguments');
  if (list?.type !== 'argument_list') return null;
  const args = namedChildren(list);
  for (const arg of args) {
    if (arg.type === 'keyword_argument' && child(arg, 'name')?.text === keyword) return child(arg, 'value');
  }
  if (index === null) return null;
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat');
  // After a `*args` the positions cannot be counted.
  const splat = positional.findIndex((a) => a.type === 'list_splat');
  if (splat !== -1 && splat <= index) return null;
  return positional[index] ?? null;
}

/** The call passes `*args` or `**kwargs`: any argument may be set where the code does not show it. */
export function hasSplat(call: PyNode): boolean {
  const list = child(call, 'arguments');
  return !!list && namedChildren(list).some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat');
}

/** `f(a, k=v)` keyword names, in order. */
export function keywordArguments(call: PyNode): { name: string; value: PyNode; node: PyNode }[] {
  const list = child(call, 'arguments');
  if (!list) return [];
  return namedChildren(list).flatMap((arg) => {
    const name = arg.type === 'keyword_argument' ? child(arg, 'name') : null;
    const value = arg.type === 'keyword_argument' ? child(arg, 'value') : null;
    return name && value ? [{ name: name.text, value, node: arg }] : [];
  });
}

/** The values a function's own `return` statements give (not those of functions nested in it). */
export function returnValues(fn: PyNode): PyNode[] {
  const body = child(fn, 'body');
  if (!body) return [];
  const out: PyNode[] = [];
  const stack = [...body.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') continue;
    if (node.type === 'return_statement') {
      const value = namedChildren(node)[0];
      out.push(value ?? node);
      continue;
    }
    stack.push(...node.children);
  }
  return out;
}
