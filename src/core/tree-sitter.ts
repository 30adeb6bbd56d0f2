/**
 * What the readers that parse with tree-sitter (Python, HCL) share: copying the tree into
 * JavaScript in one cursor walk, and finding its first syntax error (each reader words its own
 * message from the node and the text it starts with).
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

/**
 * Copies the tree under the cursor's node with one walk, without comments: `make` builds a node
 * from the cursor's position (its parent given, null for the root). An explicit stack of the
 * cursor's ancestors, so that deeply nested input cannot overflow the JavaScript stack. Deletes
 * the cursor.
 */
export function copyTree<N extends { readonly children: N[] }>(cursor: TreeSitter.TreeCursor, make: (parent: N | null) => N): N {
  const root = make(null);
  const stack: N[] = [root];
  if (cursor.gotoFirstChild()) {
    walk: for (;;) {
      if (cursor.nodeType !== 'comment') {
        const parent = stack[stack.length - 1]!;
        const node = make(parent);
        parent.children.push(node);
        if (cursor.gotoFirstChild()) {
          stack.push(node);
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        stack.pop();
        if (stack.length === 0) break walk;
      }
    }
  }
  cursor.delete();
  return root;
}
