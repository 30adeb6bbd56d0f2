/**
 * The one static evaluator the code rules call with `context`: what a value can be without
 * running the code. It extends what `getStaticValue` (eslint-utils) does with what presign
 * code needs: candidate sets (`a ? X : Y`, `x ?? X`, default parameters), bounds
 * (`Math.min(x, 604800)`), `const` objects (`as const` too) and, with type information,
 * values imported from other modules: the same evaluation runs in the declaring module's view
 * (typed-program.ts, module-view.ts), so an imported value can be whatever a local one can.
 * Nothing here runs user code.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { getStaticValue } from '@typescript-eslint/utils/ast-utils';
import {
  MAX_CANDIDATES,
  UNKNOWN,
  known,
  minMaxOf,
  range,
  rangeArithmetic,
  union,
  type Possible,
} from '../presign/possible.js';
import { isGlobalName, memberName, propertyKey, scopeOf, singleAssignedInit, unwrap, variableOf, type Context, type Node, type Variable } from './ast.js';
import { importedDeclaration } from './typed-program.js';

/** Deep enough for real constant chains, shallow enough to stop on hostile ones. */
const MAX_DEPTH = 40;

/**
 * One evaluation: the module its nodes belong to, and the bounds. Following an import gives a
 * state in the other module that shares `active` and starts at the current depth, so the bounds
 * hold across modules too (a cycle of imports meets a node it is still evaluating).
 */
interface State {
  readonly context: Context;
  depth: number;
  readonly active: Set<Node>;
}

function newState(context: Context): State {
  return { context, depth: 0, active: new Set() };
}

/** The state for nodes of the module `context` is, from `state`. */
function within(state: State, context: Context): State {
  return sameModule(context, state.context) ? state : { context, depth: state.depth, active: state.active };
}

/** Module views are made per use (module-view.ts): one module is one tree, not one context object. */
function sameModule(a: Context, b: Context): boolean {
  return a.sourceCode.ast === b.sourceCode.ast;
}

export function evaluate(context: Context, node: Node): Possible {
  return evaluateIn(newState(context), node);
}


function evaluateIn(state: State, raw: Node): Possible {
  if (state.depth > MAX_DEPTH || state.active.has(raw)) return UNKNOWN;
  state.depth++;
  state.active.add(raw);
  try {
    return evaluateNode(state, unwrap(raw));
  } finally {
    state.active.delete(raw);
    state.depth--;
  }
}

function evaluateNode(state: State, node: Node): Possible {
  switch (node.type) {
    case 'Literal':
      return 'regex' in node && node.regex ? UNKNOWN : known(node.value);
    case 'TemplateLiteral':
      return evaluateTemplate(state, node);
    case 'UnaryExpression':
      return evaluateUnary(state, node);
    case 'BinaryExpression':
      return node.left.type === 'PrivateIdentifier' ? UNKNOWN : combine(state, node.left, node.right, node.operator);
    case 'LogicalExpression':
      return evaluateLogical(state, node);
    case 'ConditionalExpression': {
      const test = evaluateIn(state, node.test);
      const decided = test.length === 1 && test[0]!.kind === 'value' ? Boolean(test[0]!.value) : null;
      if (decided === true) return evaluateIn(state, node.consequent);
      if (decided === false) return evaluateIn(state, node.alternate);
      return union(evaluateIn(state, node.consequent), evaluateIn(state, node.alternate));
    }
    case 'SequenceExpression':
      return evaluateIn(state, node.expressions[node.expressions.length - 1]!);
    case 'Identifier':
      return evaluateIdentifier(state, node);
    case 'MemberExpression':
      return evaluateMember(state, node);
    case 'CallExpression':
      return evaluateCall(state, node);
    default:
      return UNKNOWN;
  }
}

function evaluateTemplate(state: State, node: TSESTree.TemplateLiteral): Possible {
  let results: string[] = [node.quasis[0]!.value.cooked ?? ''];
  for (let i = 0; i < node.expressions.length; i++) {
    const part = evaluateIn(state, node.expressions[i]!);
    const next: string[] = [];
    for (const c of part) {
      if (c.kind !== 'value') return UNKNOWN;
      for (const prefix of results) next.push(prefix + String(c.value) + (node.quasis[i + 1]!.value.cooked ?? ''));
    }
    if (next.length > MAX_CANDIDATES) return UNKNOWN;
    results = next;
  }
  return union(...results.map((r) => known(r)));
}

function evaluateUnary(state: State, node: TSESTree.UnaryExpression): Possible {
  if (node.operator === 'void') return known(undefined);
  if (node.operator === 'delete') return UNKNOWN;
  const arg = evaluateIn(state, node.argument);
  return union(
    ...arg.map((c): Possible => {
      if (c.kind === 'value') {
        const v = c.value as number;
        switch (node.operator) {
          case '-':
            return attempt(() => -v);
          case '+':
            return attempt(() => +v);
          case '!':
            return known(!v);
          case '~':
            return attempt(() => ~v);
          case 'typeof':
            return known(typeof c.value);
        }
      }
      if (c.kind === 'range' && node.operator === '-') return range(-c.max, -c.min);
      if (c.kind === 'range' && node.operator === '+') return [c];
      return UNKNOWN;
    }),
  );
}

const ARITHMETIC: Readonly<Record<string, (a: never, b: never) => unknown>> = {
  '+': (a, b) => (a as number) + (b as number),
  '-': (a, b) => (a as number) - (b as number),
  '*': (a, b) => (a as number) * (b as number),
  '/': (a, b) => (a as number) / (b as number),
  '%': (a, b) => (a as number) % (b as number),
  '**': (a, b) => (a as number) ** (b as number),
  '|': (a, b) => (a as number) | (b as number),
  '&': (a, b) => (a as number) & (b as number),
  '^': (a, b) => (a as number) ^ (b as number),
  '<<': (a, b) => (a as number) << (b as number),
  '>>': (a, b) => (a as number) >> (b as number),
  '>>>': (a, b) => (a as number) >>> (b as number),
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '==': (a, b) => a == b,
  '!=': (a, b) => a != b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function combine(state: State, leftNode: Node, rightNode: Node, operator: string): Possible {
  const op = ARITHMETIC[operator];
  if (!op) return UNKNOWN;
  const left = evaluateIn(state, leftNode);
  const right = evaluateIn(state, rightNode);
  if (left.length * right.length > MAX_CANDIDATES) return UNKNOWN;
  const out: Possible[] = [];
  for (const a of left) {
    for (const b of right) {
      if (a.kind === 'value' && b.kind === 'value') {
        out.push(isPrimitive(a.value) && isPrimitive(b.value) ? attempt(() => op(a.value as never, b.value as never)) : UNKNOWN);
      } else {
        out.push(rangeArithmetic(a, b, operator));
      }
    }
  }
  return union(...out);
}

/**
 * Runs one JavaScript operation on constants the code holds. Some throw in JavaScript itself
 * (`1n + 1`, `+1n`): such a value is unknown, never a crash of the rule.
 */
function attempt(operation: () => unknown): Possible {
  try {
    return known(operation());
  } catch {
    return UNKNOWN;
  }
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function evaluateLogical(state: State, node: TSESTree.LogicalExpression): Possible {
  const left = evaluateIn(state, node.left);
  const parts: Possible[] = [];
  let needRight = false;
  for (const c of left) {
    if (c.kind !== 'value') {
      parts.push([c]);
      // A range is a number, never nullish: `??` keeps it; `||` and `&&` depend on zero. An
      // unknown value may take either side.
      if (!(c.kind === 'range' && node.operator === '??')) needRight = true;
      continue;
    }
    const takesRight =
      node.operator === '??' ? c.value === null || c.value === undefined : node.operator === '||' ? !c.value : Boolean(c.value);
    if (takesRight) needRight = true;
    else parts.push([c]);
  }
  if (needRight) parts.push(evaluateIn(state, node.right));
  return union(...parts);
}

function evaluateIdentifier(state: State, node: TSESTree.Identifier): Possible {
  const variable = variableOf(state.context, node);
  if (!variable || variable.defs.length === 0) {
    switch (node.name) {
      case 'undefined':
        return known(undefined);
      case 'NaN':
        return known(Number.NaN);
      case 'Infinity':
        return known(Infinity);
      default:
        return UNKNOWN;
    }
  }
  const init = singleAssignedInit(variable);
  if (init) return evaluateIn(state, init);
  const def = variable.defs[0]!;
  if (variable.defs.length === 1 && def.type === 'Variable' && def.node.init && def.parent.kind === 'const' && !isRequire(def.node.init)) {
    // `const { ttl = 900 } = CONFIG`
    return evaluateDestructured(state, def.name, def.node.init);
  }
  if (def.type === 'TSEnumMemberName' && variable.defs.length === 1) {
    // `Long = Short * 2` inside the enum: the sibling member.
    const declaration = def.node.parent.parent;
    return declaration?.type === 'TSEnumDeclaration' ? enumMemberValue(state, declaration, def.node) : UNKNOWN;
  }
  if (def.type === 'Parameter') {
    // A default parameter value is one of the values the parameter can have.
    const parent = def.name.parent;
    if (parent?.type === 'AssignmentPattern' && parent.left === def.name) return union(UNKNOWN, evaluateIn(state, parent.right));
    return UNKNOWN;
  }
  const imported = importedValue(state, node, variable);
  return imported ? evaluateIn(imported.state, imported.node) : UNKNOWN;
}

/**
 * `import { TTL } from './x'`, `const { TTL } = require('./x')`: only type information sees into
 * x. The node that gives the value there, with the state to read it in.
 */
function importedValue(state: State, node: TSESTree.Identifier, variable: Variable): { state: State; node: Node } | null {
  const def = variable.defs[0];
  if (!(def?.type === 'ImportBinding' || (def?.type === 'Variable' && def.node.init && isRequire(def.node.init)))) return null;
  const declaration = importedDeclaration(state.context, node);
  return declaration ? { state: within(state, declaration.context), node: declaration.node } : null;
}

function isRequire(init: Node): boolean {
  const node = unwrap(init);
  const call = node.type === 'MemberExpression' ? unwrap(node.object) : node;
  return call.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'require';
}

/** The value of `name` bound by a destructuring pattern over `init`. */
function evaluateDestructured(state: State, name: TSESTree.Identifier, init: Node): Possible {
  let target: Node = name;
  let fallback: Node | null = null;
  if (target.parent?.type === 'AssignmentPattern' && target.parent.left === target) {
    fallback = target.parent.right;
    target = target.parent;
  }
  const property = target.parent;
  if (property?.type !== 'Property' || property.parent?.type !== 'ObjectPattern' || property.value !== target) return UNKNOWN;
  if (property.parent.parent?.type !== 'VariableDeclarator') return UNKNOWN;
  const key = propertyKey(state.context, property);
  if (key === null) return UNKNOWN;
  const value = lookupProperty(state, init, key);
  if (value.kind === 'found') return evaluateIn(within(state, value.context), value.node);
  if (value.kind === 'absent') return fallback ? evaluateIn(state, fallback) : known(undefined);
  return fallback ? union(UNKNOWN, evaluateIn(state, fallback)) : UNKNOWN;
}

function evaluateMember(state: State, node: TSESTree.MemberExpression): Possible {
  const name = memberName(state.context, node);
  if (name !== null) {
    const member = enumMember(state, node.object, name);
    if (member) return member;
    const value = lookupProperty(state, node.object, name);
    if (value.kind === 'found') return evaluateIn(within(state, value.context), value.node);
    if (value.kind === 'absent') return known(undefined);
    const object = evaluateIn(state, node.object);
    if (object.length === 1 && object[0]!.kind === 'value' && typeof object[0]!.value === 'string' && name === 'length') {
      return known((object[0]!.value).length);
    }
  }
  // `Number.MAX_SAFE_INTEGER` and the other well-known globals eslint-utils knows.
  const base = getStaticValue(node, scopeOf(state.context, node));
  return base && isPrimitive(base.value) ? known(base.value) : UNKNOWN;
}

/**
 * `LinkTtl.Long` of a TypeScript `enum` declared in this module or (with type information) imported:
 * the member's initializer, or the number TypeScript gives an uninitialised member (0, or the
 * previous member plus one). Null when `object` is no enum, so the caller reads it as an object.
 */
function enumMember(state: State, objectNode: Node, name: string): Possible | null {
  const object = unwrap(objectNode);
  if (object.type !== 'Identifier') return null;
  const variable = variableOf(state.context, object);
  if (!variable || variable.defs.length === 0) return null;
  const def = variable.defs[0]!;
  let declaration: Node | null = null;
  let where = state;
  // An enum merged from several declarations is left unread: which one holds the member is a TS matter.
  if (def.type === 'TSEnumName' && variable.defs.length === 1) declaration = def.node;
  else {
    const imported = importedValue(state, object, variable);
    if (imported?.node.type === 'TSEnumDeclaration') {
      declaration = imported.node;
      where = imported.state;
    }
  }
  if (declaration?.type !== 'TSEnumDeclaration') return null;
  const member = declaration.body.members.find((m) => (m.id.type === 'Identifier' ? m.id.name : m.id.value) === name);
  return member ? enumMemberValue(where, declaration, member) : known(undefined);
}

function enumMemberValue(state: State, declaration: TSESTree.TSEnumDeclaration, member: TSESTree.TSEnumMember): Possible {
  if (member.initializer) return evaluateIn(state, member.initializer);
  const index = declaration.body.members.indexOf(member);
  if (index === 0) return known(0);
  const previous = declaration.body.members[index - 1]!;
  if (state.depth > MAX_DEPTH || state.active.has(previous)) return UNKNOWN;
  state.depth++;
  state.active.add(previous);
  try {
    return union(...enumMemberValue(state, declaration, previous).map((c): Possible => (c.kind === 'value' && typeof c.value === 'number' ? known(c.value + 1) : UNKNOWN)));
  } finally {
    state.active.delete(previous);
    state.depth--;
  }
}

const NUMBER_FUNCTIONS: Readonly<Record<string, (...args: number[]) => number>> = {
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  trunc: Math.trunc,
  abs: Math.abs,
};

function evaluateCall(state: State, node: TSESTree.CallExpression): Possible {
  const callee = unwrap(node.callee);
  if (node.arguments.some((a) => a.type === 'SpreadElement')) return UNKNOWN;
  const args = node.arguments as TSESTree.Expression[];
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && isGlobalName(state.context, callee.object, callee.object.name)) {
    const fn = memberName(state.context, callee);
    if (callee.object.name === 'Math' && fn) {
      if (fn === 'min' || fn === 'max') return minMax(state, args, fn);
      const f = NUMBER_FUNCTIONS[fn];
      if (f && args.length === 1) return mapNumbers(evaluateIn(state, args[0]!), f, fn === 'abs');
    }
    if (callee.object.name === 'Number' && (fn === 'parseInt' || fn === 'parseFloat') && args[0]) {
      return mapValues(evaluateIn(state, args[0]), fn === 'parseInt' ? (v) => Number.parseInt(String(v), 10) : (v) => Number.parseFloat(String(v)));
    }
    if (callee.object.name === 'Object' && fn === 'freeze' && args[0]) return evaluateIn(state, args[0]);
  }
  if (callee.type === 'Identifier' && isGlobalName(state.context, callee, callee.name) && args[0]) {
    switch (callee.name) {
      case 'Number':
        return mapValues(evaluateIn(state, args[0]), (v) => Number(v));
      case 'parseInt':
        return mapValues(evaluateIn(state, args[0]), (v) => Number.parseInt(String(v), 10));
      case 'parseFloat':
        return mapValues(evaluateIn(state, args[0]), (v) => Number.parseFloat(String(v)));
      case 'String':
        return mapValues(evaluateIn(state, args[0]), (v) => String(v));
    }
  }
  return UNKNOWN;
}

function mapValues(p: Possible, f: (value: unknown) => unknown): Possible {
  return union(...p.map((c): Possible => (c.kind === 'value' && isPrimitive(c.value) ? attempt(() => f(c.value)) : UNKNOWN)));
}

/** A monotonic number function keeps ranges (abs is not monotonic: its ranges are dropped). */
function mapNumbers(p: Possible, f: (n: number) => number, dropRanges: boolean): Possible {
  return union(
    ...p.map((c): Possible => {
      if (c.kind === 'value' && typeof c.value === 'number') return attempt(() => f(c.value as number));
      if (c.kind === 'range' && !dropRanges) return range(f(c.min), f(c.max));
      return UNKNOWN;
    }),
  );
}

/** `Math.min(x, 604800)` is at most 604800 whatever x is (see `minMaxOf`). */
function minMax(state: State, args: TSESTree.Expression[], fn: 'min' | 'max'): Possible {
  return minMaxOf(args.map((a) => evaluateIn(state, a)), fn);
}

export type PropertyLookup = { kind: 'found'; node: Node } | { kind: 'absent' } | { kind: 'unknown' };

/** A lookup that may end in another module: a found node comes with that module's context. */
type Lookup = { kind: 'found'; node: Node; context: Context } | { kind: 'absent' } | { kind: 'unknown' };

/**
 * The node that gives `object[name]`, looking through `const` bindings, `as const`,
 * `Object.freeze`, nested members and spreads (a later spread or property wins, as in JS).
 * The node is one of this module's: callers read and report it with `context`, so a value
 * written in another module (an imported object) is unknown here; `evaluate` reads it there.
 */
export function propertyValue(context: Context, objectNode: Node, name: string): PropertyLookup {
  const value = lookupProperty(newState(context), objectNode, name);
  if (value.kind !== 'found') return value;
  return sameModule(value.context, context) ? { kind: 'found', node: value.node } : { kind: 'unknown' };
}

/** The object literal a node stands for, through `const` bindings, members and `Object.freeze`; null when not in this module. */
export function resolveObjectLiteral(context: Context, raw: Node): TSESTree.ObjectExpression | null {
  const resolved = resolveObject(newState(context), raw);
  return resolved && sameModule(resolved.context, context) ? resolved.object : null;
}

function lookupProperty(state: State, objectNode: Node, name: string): Lookup {
  const resolved = resolveObject(state, objectNode);
  // `const o = { ...o }` and deep spread chains end as unknown, not as a stack overflow.
  if (!resolved || state.active.has(resolved.object) || state.depth > MAX_DEPTH) return { kind: 'unknown' };
  const { object, context } = resolved;
  const s = within(state, context);
  s.active.add(object);
  s.depth++;
  try {
    for (let i = object.properties.length - 1; i >= 0; i--) {
      const prop = object.properties[i]!;
      if (prop.type === 'SpreadElement') {
        const inner = lookupSpread(s, prop.argument, name);
        if (inner.kind !== 'absent') return inner;
        continue;
      }
      const key = propertyKey(context, prop);
      if (key === null) return { kind: 'unknown' };
      if (key !== name) continue;
      if (prop.kind !== 'init' || prop.method) return { kind: 'unknown' };
      return { kind: 'found', node: prop.value, context };
    }
    return { kind: 'absent' };
  } finally {
    s.active.delete(object);
    s.depth--;
  }
}

/**
 * `...spread` of an object literal: `...(cond ? { a } : {})` and `...(cond && { a })` name `name`
 * only when a branch does, and then only maybe: absent when no branch has it, unknown otherwise.
 */
function lookupSpread(state: State, raw: Node, name: string): Lookup {
  const node = unwrap(raw);
  const branches = node.type === 'ConditionalExpression' ? [node.consequent, node.alternate] : node.type === 'LogicalExpression' && node.operator === '&&' ? [node.right] : null;
  if (!branches) return lookupProperty(state, node, name);
  return branches.every((branch) => lookupSpread(state, branch, name).kind === 'absent') ? { kind: 'absent' } : { kind: 'unknown' };
}

function resolveObject(state: State, raw: Node): { object: TSESTree.ObjectExpression; context: Context } | null {
  if (state.depth > MAX_DEPTH || state.active.has(raw)) return null;
  state.depth++;
  state.active.add(raw);
  try {
    const { context } = state;
    const node = unwrap(raw);
    switch (node.type) {
      case 'ObjectExpression':
        return { object: node, context };
      case 'Identifier': {
        const variable = variableOf(context, node);
        const init = variable && singleAssignedInit(variable);
        if (init) return resolveObject(state, init);
        // `import { CONFIG } from './config'`: the object is read where it is written.
        const imported = variable && importedValue(state, node, variable);
        return imported ? resolveObject(imported.state, imported.node) : null;
      }
      case 'MemberExpression': {
        const name = memberName(context, node);
        if (name === null) return null;
        const inner = lookupProperty(state, node.object, name);
        return inner.kind === 'found' ? resolveObject(within(state, inner.context), inner.node) : null;
      }
      case 'CallExpression': {
        const callee = unwrap(node.callee);
        if (
          callee.type === 'MemberExpression' &&
          callee.object.type === 'Identifier' &&
          callee.object.name === 'Object' &&
          memberName(context, callee) === 'freeze' &&
          node.arguments[0]
        ) {
          return resolveObject(state, node.arguments[0]);
        }
        return null;
      }
      default:
        return null;
    }
  } finally {
    state.active.delete(raw);
    state.depth--;
  }
}
