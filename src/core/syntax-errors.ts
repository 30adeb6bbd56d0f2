/**
 * The first syntax error of a tree-sitter parse, for the readers that parse with tree-sitter
 * (Python, HCL): each words its own message from the node and the text it starts with.
 */
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

export interface FirstSyntaxError {
  readonly node: TreeSitter.Node;
  /** The node tree-sitter inserted for a token the grammar expected (its type names the token). */
  readonly missing: boolean;
  /** The first line of the offending text, at most 40 characters; empty at the end of input. */
  readonly snippet: string;
}

/** The first ERROR or MISSING node in source order. */
export function firstSyntaxError(root: TreeSitter.Node): FirstSyntaxError {
  let node = root;
  for (;;) {
    const child = node.children.find((c) => c !== null && (c.hasError || c.isMissing || c.type === 'ERROR'));
    if (!child || child.type === 'ERROR' || child.isMissing) {
      node = child ?? node;
      break;
    }
    node = child;
  }
  return { node, missing: node.isMissing, snippet: node.text.split('\n')[0]!.slice(0, 40) };
}
