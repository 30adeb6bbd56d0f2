/** Small ESTree helpers shared by the code readers. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, getPropertyName } from '@typescript-eslint/utils/ast-utils';

export type Node = TSESTree.Node;
export type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
export type Scope = TSESLint.Scope.Scope;
export type Variable = TSESLint.Scope.Variable;

/** Strips what changes a value's type but not the value: `x as const`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The parent, skipping the wrappers `unwrap` strips. */
export function valueParent(node: Node): Node | undefined {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === 'TSAsExpression' ||
      current.parent.type === 'TSSatisfiesExpression' ||
      current.parent.type === 'TSNonNullExpression' ||
      current.parent.type === 'TSTypeAssertion' ||
      current.parent.type === 'ChainExpression')
  ) {
    current = current.parent;
  }
  return current.parent;
}

export function scopeOf(context: Context, node: Node): Scope {
  return context.sourceCode.getScope(node);
}

export function variableOf(context: Context, identifier: TSESTree.Identifier): Variable | null {
  return findVariable(scopeOf(context, identifier), identifier);
}

/** The static name of a member's property (`a.b`, `a['b']`), or null. */
export function memberName(context: Context, node: TSESTree.MemberExpression): string | null {
  return getPropertyName(node, scopeOf(context, node));
}

/** The static key of an object literal property, or null when computed from unknown values. */
export function propertyKey(context: Context, property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | null {
  return getPropertyName(property, scopeOf(context, property));
}

/** `const x = init` (or a `let`/`var` written only by its declaration): the init node. */
export function singleAssignedInit(variable: Variable): Node | null {
  if (variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable' || def.node.id.type !== 'Identifier' || !def.node.init) return null;
  if (def.parent.kind !== 'const') {
    const writes = variable.references.filter((r) => r.isWrite());
    if (writes.length !== 1 || writes[0]!.writeExpr !== def.node.init) return null;
  }
  return def.node.init;
}

export function isFunctionNode(node: Node): node is TSESTree.FunctionLike {
  return (
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression' ||
    node.type === 'TSDeclareFunction' ||
    node.type === 'TSEmptyBodyFunctionExpression'
  );
}

/** The class a node is in, looking through functions that keep `this` (arrows only). */
export function enclosingClassForThis(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let current: Node | undefined = node.parent;
  while (current) {
    if (current.type === 'ClassBody') {
      const cls = current.parent;
      return cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression' ? cls : null;
    }
    if ((current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') && current.parent?.type !== 'MethodDefinition') {
      return null;
    }
    current = current.parent;
  }
  return null;
}

/** Calls `visit` for every node of the tree, in source order, without recursion limits. */
export function walk(root: Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i] as Node | null;
          if (item && typeof item.type === 'string') stack.push(item);
        }
      } else if (child && typeof (child as Node).type === 'string') {
        stack.push(child as Node);
      }
    }
  }
}

/** True when `node` is the built-in global `name` (not shadowed by a local binding). */
export function isGlobalName(context: Context, raw: Node, name: string): boolean {
  const node = unwrap(raw);
  return node.type === 'Identifier' && node.name === name && !variableOf(context, node)?.defs.length;
}
