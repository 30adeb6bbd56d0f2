/**
 * Where a value was made, within the module: `s3` -> `new S3Client(...)` through `const`
 * bindings, class fields (`this.client`), assignments in the constructor and properties of
 * `const` objects. What cannot be followed (a parameter, an import, a call) is its own origin.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { enclosingClassForThis, memberName, propertyKey, singleAssignedInit, unwrap, variableOf, walk, type Context, type Node } from './ast.js';
import { propertyValue } from './static-value.js';

const MAX_STEPS = 30;

export function resolveOrigin(context: Context, start: Node): Node {
  let node = unwrap(start);
  const seen = new Set<Node>();
  for (let step = 0; step < MAX_STEPS && !seen.has(node); step++) {
    seen.add(node);
    const next = followOnce(context, node);
    if (!next) return node;
    node = unwrap(next);
  }
  return node;
}

function followOnce(context: Context, node: Node): Node | null {
  if (node.type === 'Identifier') {
    const variable = variableOf(context, node);
    return variable ? singleAssignedInit(variable) : null;
  }
  if (node.type === 'MemberExpression') {
    const name = memberName(context, node);
    if (name === null) return null;
    if (node.object.type === 'ThisExpression') return classMemberValue(context, node, name);
    const value = propertyValue(context, node.object, name);
    return value.kind === 'found' ? value.node : null;
  }
  return null;
}

/**
 * The value of `this.<name>` in a class: a field initialiser, or the one assignment
 * `this.<name> = value` in the class. Two different assignments make it unknown.
 */
function classMemberValue(context: Context, node: TSESTree.MemberExpression, name: string): Node | null {
  const cls = enclosingClassForThis(node);
  if (!cls) return null;
  const values: Node[] = [];
  for (const member of cls.body.body) {
    if (member.type === 'PropertyDefinition' && !member.static && member.value && propertyKey(context, member) === name) {
      values.push(member.value);
    }
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      // TypeScript parameter properties: constructor(private readonly s3: S3Client) — not followable.
      walk(member.value, context.sourceCode.visitorKeys, (inner) => {
        if (
          inner.type === 'AssignmentExpression' &&
          inner.operator === '=' &&
          inner.left.type === 'MemberExpression' &&
          inner.left.object.type === 'ThisExpression' &&
          memberName(context, inner.left) === name
        ) {
          values.push(inner.right);
        }
      });
    }
  }
  return values.length === 1 ? values[0]! : null;
}
