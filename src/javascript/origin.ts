/**
 * Where a value was made, within the module: `s3` -> `new S3Client(...)` through `const`
 * bindings, class fields (`this.client`), assignments in the constructor, properties of `const`
 * objects, a `let` written once (also outside its declaration: the lazy singleton
 * `if (!s3) s3 = new S3Client()`), and the one value a local factory returns
 * (`function makeClient() { return new S3Client({...}) }`). What cannot be followed (a
 * parameter, an import, another call) is its own origin.
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

/**
 * Every value `start` may have been made by, when the module shows each of them: a variable written
 * more than once (`let s3` set in both branches of an `if`), `a ? X : Y`, `a ?? X`, and what a
 * local factory may return. A single origin when there is only one; at most `MAX_CANDIDATES`.
 */
export function resolveOrigins(context: Context, start: Node): Node[] {
  const out: Node[] = [];
  const seen = new Set<Node>();
  const pending: Node[] = [start];
  while (pending.length > 0 && out.length <= MAX_CANDIDATES && seen.size < MAX_STEPS) {
    const node = resolveOrigin(context, pending.pop()!);
    if (seen.has(node)) continue;
    seen.add(node);
    const several = alternativesOf(context, node);
    if (several) pending.push(...several.reverse());
    else out.push(node);
  }
  return out.length > MAX_CANDIDATES ? [] : out;
}

/** A client made one of two ways is the usual most; more is no longer a visible choice. */
const MAX_CANDIDATES = 4;

function alternativesOf(context: Context, node: Node): Node[] | null {
  if (node.type === 'ConditionalExpression') return [node.consequent, node.alternate];
  if (node.type === 'LogicalExpression' && node.operator !== '&&') return [node.left, node.right];
  if (node.type === 'Identifier') {
    const writes = writtenValues(context, node);
    return writes && writes.length > 1 ? writes : null;
  }
  if (node.type === 'CallExpression') {
    const fn = localFunctionOf(context, node.callee);
    const values = fn ? returnedValues(fn) : null;
    return values && values.length > 1 ? values : null;
  }
  return null;
}

function followOnce(context: Context, node: Node): Node | null {
  if (node.type === 'Identifier') {
    const variable = variableOf(context, node);
    if (!variable) return null;
    const init = singleAssignedInit(variable);
    if (init) return init;
    const writes = writtenValues(context, node);
    return writes?.length === 1 ? writes[0]! : null;
  }
  if (node.type === 'CallExpression') {
    // `makeClient()`: the one value the local factory returns.
    const fn = localFunctionOf(context, node.callee);
    const values = fn ? returnedValues(fn) : null;
    return values?.length === 1 ? values[0]! : null;
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

/**
 * The values a `let`/`var` is given: its initializer and every plain assignment (`s3 = new
 * S3Client()`); null when it is written any other way (`+=`, destructuring, `for...of`).
 */
function writtenValues(context: Context, identifier: TSESTree.Identifier): Node[] | null {
  const variable = variableOf(context, identifier);
  if (variable?.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable' || def.node.id.type !== 'Identifier' || def.parent.kind === 'const') return null;
  const values: Node[] = [];
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const parent = reference.identifier.parent;
    if (parent === def.node && def.node.init) values.push(def.node.init);
    else if (parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.left === reference.identifier) values.push(parent.right);
    else return null;
  }
  return values.length > 0 ? values : null;
}

/** A function declared in the module that `callee` names: `function f() {}`, `const f = () => ...`. */
function localFunctionOf(context: Context, raw: Node): TSESTree.FunctionLike | null {
  const callee = unwrap(raw);
  if (callee.type !== 'Identifier') return null;
  const variable = variableOf(context, callee);
  const def = variable?.defs.length === 1 ? variable.defs[0]! : null;
  if (def?.type === 'FunctionName') return def.node;
  const init = variable ? singleAssignedInit(variable) : null;
  const fn = init ? unwrap(init) : null;
  return fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') ? fn : null;
}

/**
 * What a function returns: an arrow's expression body, or the argument of each `return` in its body
 * (not in the functions nested there). A bare `return;` makes the result unknown (null).
 */
function returnedValues(fn: TSESTree.FunctionLike): Node[] | null {
  if (fn.type === 'ArrowFunctionExpression' && fn.expression) return [fn.body];
  if (fn.body?.type !== 'BlockStatement' || fn.async || ('generator' in fn && fn.generator)) return null;
  const values: Node[] = [];
  let bare = false;
  const visit = (node: Node): void => {
    if (node.type === 'ReturnStatement') {
      if (node.argument) values.push(node.argument);
      else bare = true;
      return;
    }
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ClassBody') return;
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child as unknown[]) if (item && typeof (item as Node).type === 'string') visit(item as Node);
      } else if (child && typeof (child as Node).type === 'string') visit(child as Node);
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return bare || values.length === 0 ? null : values;
}
