/**
 * Names in one Python module: what each name is bound to (an import, one assignment, a
 * parameter, a `def`), following Python's scoping (function scopes see the module, class bodies
 * are invisible to their methods, `global` moves a binding to the module), and the calls of each
 * local function, so a parameter can be read from the arguments its callers pass.
 */
import { argument, child, descendants, hasSplat, namedChildren, unwrap, type PyNode } from './syntax.js';

export type Binding =
  | { readonly kind: 'import'; readonly qualifiedName: string; readonly node: PyNode }
  /** `name = value`, and the value of a `with value as name`. */
  | { readonly kind: 'assign'; readonly value: PyNode; readonly node: PyNode }
  | { readonly kind: 'parameter'; readonly fn: PyNode; readonly index: number; readonly defaultValue: PyNode | null; readonly node: PyNode }
  | { readonly kind: 'def'; readonly node: PyNode }
  /** Loop targets, tuple unpacking, `+=`, `except ... as`: nothing certain about the value. */
  | { readonly kind: 'other'; readonly node: PyNode };

interface Scope {
  readonly node: PyNode;
  readonly parent: Scope | null;
  readonly isClass: boolean;
  readonly bindings: Map<string, Binding[]>;
  readonly globals: Set<string>;
}


export class PythonModule {
  private readonly scopes = new Map<PyNode, Scope>();
  private readonly moduleScope: Scope;
  /** Calls whose callee is a plain name, by that name. */
  private readonly callsByName = new Map<string, PyNode[]>();
  /** Every identifier, by name: where a binding may be read. */
  private readonly identifiers = new Map<string, PyNode[]>();
  /** `x.name = value` anywhere in the module, by attribute name; value null for `+=`, loop and tuple targets. */
  private starImport = false;
  private readonly attributeWrites = new Map<string, { readonly target: PyNode; readonly value: PyNode | null }[]>();

  constructor(readonly root: PyNode) {
    this.moduleScope = this.scopeFor(root, null);
    for (const node of descendants(root)) this.record(node);
  }

  /** The binding of a name where `at` reads it; null for builtins and unbound names, 'ambiguous' when bound several times. */
  lookup(name: string, at: PyNode): Binding | 'ambiguous' | null {
    let scope: Scope | null = this.enclosingScope(at);
    let first = true;
    while (scope) {
      // A class body is visible only to code written directly in it, not to its methods.
      if (!scope.isClass || first) {
        if (scope.globals.has(name)) return this.single(this.moduleScope.bindings.get(name));
        const found = scope.bindings.get(name);
        if (found) return this.single(found);
      }
      first = false;
      scope = scope.parent;
    }
    return null;
  }

  /** The dotted name an expression stands for through imports: `b3.client` -> `boto3.client`. */
  qualifiedName(raw: PyNode, depth = 0): string | null {
    const node = unwrap(raw);
    if (depth > 20) return null;
    if (node.type === 'identifier') {
      const binding = this.lookup(node.text, node);
      if (!binding || binding === 'ambiguous') return null;
      if (binding.kind === 'import') return binding.qualifiedName;
      // `make = boto3.client`: an alias of an imported function.
      if (binding.kind === 'assign') return this.qualifiedName(binding.value, depth + 1);
      return null;
    }
    if (node.type === 'attribute') {
      const object = child(node, 'object');
      const attribute = child(node, 'attribute');
      const base = object && this.qualifiedName(object, depth + 1);
      return base && attribute ? `${base}.${attribute.text}` : null;
    }
    return null;
  }

  /** Calls of the local function `fn` by its name, in this module. */
  callsOf(fn: PyNode): PyNode[] {
    const name = child(fn, 'name')?.text;
    if (!name) return [];
    return (this.callsByName.get(name) ?? []).filter((call) => {
      const binding = this.lookup(name, call);
      return binding !== 'ambiguous' && binding?.kind === 'def' && binding.node === fn;
    });
  }

  /**
   * What a parameter can hold, as far as this module shows: its default and the argument each
   * local call passes. `complete` is false when some caller's argument cannot be found
   * (`*args`); the function may also be called from other modules, which the reader cannot see.
   */
  parameterSources(binding: Extract<Binding, { kind: 'parameter' }>): { values: PyNode[]; complete: boolean } {
    const values: PyNode[] = binding.defaultValue ? [binding.defaultValue] : [];
    let complete = true;
    for (const call of this.callsOf(binding.fn)) {
      const value = argument(call, binding.index, binding.node.text);
      if (value) values.push(value);
      else if (hasSplat(call)) complete = false;
    }
    return { values, complete };
  }

  /** The places that read what `binding` holds (the only binding of its name there). */
  references(name: string, binding: Binding): PyNode[] {
    return (this.identifiers.get(name) ?? []).filter((node) => node !== binding.node && this.lookup(name, node) === binding);
  }

  /** The parameter of `fn` that receives the positional argument `index`, or the keyword argument `keyword`. */
  parameterOf(fn: PyNode, index: number, keyword: string | null): Extract<Binding, { kind: 'parameter' }> | null {
    for (const [name, list] of this.scopes.get(fn)?.bindings ?? []) {
      for (const binding of list) {
        if (binding.kind === 'parameter' && (keyword !== null ? name === keyword : binding.index === index)) return binding;
      }
    }
    return null;
  }

  /**
   * What `self.name`, `cls.name` or `Class.name` can hold, read inside a class of this module: the
   * class body's `name = value` and every `self.name = value` / `Class.name = value` in the
   * class's methods. Null when the expression is no such attribute or the class never sets it (a
   * base class may). `complete` is false when some write has no single value (`+=`, a loop or tuple
   * target) or when the module writes `.name` on a receiver whose class cannot be told.
   */
  attributeSources(attribute: PyNode): { values: PyNode[]; complete: boolean } | null {
    const object = child(attribute, 'object');
    const name = child(attribute, 'attribute')?.text;
    const owner = object && this.classOfReceiver(object);
    if (!owner || !name) return null;
    const values: PyNode[] = [];
    let complete = true;
    for (const binding of this.scopes.get(owner)?.bindings.get(name) ?? []) {
      if (binding.kind === 'assign') values.push(binding.value);
      else complete = false;
    }
    let found = values.length > 0 || !complete;
    for (const write of this.attributeWrites.get(name) ?? []) {
      const receiver = child(write.target, 'object');
      const writtenOn = receiver ? this.classOfReceiver(receiver) : null;
      if (writtenOn === null) complete = false;
      if (writtenOn !== owner) continue;
      found = true;
      if (write.value) values.push(write.value);
      else complete = false;
    }
    return found ? { values, complete } : null;
  }

  /** The one value a name assigned once, or an attribute its class sets once, holds; null otherwise. */
  assignedValue(node: PyNode): PyNode | null {
    if (node.type === 'identifier') {
      const binding = this.lookup(node.text, node);
      return binding && binding !== 'ambiguous' && binding.kind === 'assign' ? binding.value : null;
    }
    if (node.type !== 'attribute') return null;
    const sources = this.attributeSources(node);
    return sources?.complete && sources.values.length === 1 ? sources.values[0]! : null;
  }

  /** The class that `self`/`cls` (the first parameter of one of its methods) or the class's own name stands for. */
  private classOfReceiver(raw: PyNode): PyNode | null {
    const node = unwrap(raw);
    if (node.type !== 'identifier') return null;
    const binding = this.lookup(node.text, node);
    if (!binding || binding === 'ambiguous') return null;
    if (binding.kind === 'def') return binding.node.type === 'class_definition' ? binding.node : null;
    if (binding.kind !== 'parameter' || binding.index !== 0) return null;
    return methodClass(binding.fn);
  }

  /** Every binding of `name` at module level (in `if`/`try` blocks too), in source order. */
  moduleBindings(name: string): readonly Binding[] {
    return this.moduleScope.bindings.get(name) ?? [];
  }

  /** The module has `from x import *`: names it reads may be bound there. */
  hasStarImport(): boolean {
    return this.starImport;
  }

  /** Module-level `def`s. */
  moduleFunctions(): PyNode[] {
    return [...this.moduleScope.bindings.values()].flatMap((list) => list.flatMap((b) => (b.kind === 'def' && b.node.type === 'function_definition' ? [b.node] : [])));
  }

  private single(list: Binding[] | undefined): Binding | 'ambiguous' | null {
    if (!list || list.length === 0) return null;
    // `import boto3` and `import boto3.session` both bind `boto3` to the same module.
    const first = list[0]!;
    if (first.kind === 'import' && list.every((b) => b.kind === 'import' && b.qualifiedName === first.qualifiedName)) return first;
    return list.length === 1 ? first : 'ambiguous';
  }

  private enclosingScope(node: PyNode): Scope {
    for (let current = node.parent; current; current = current.parent) {
      const scope = this.scopes.get(current);
      // Parameter defaults and decorators are evaluated outside the function they belong to.
      if (scope && (current.type === 'module' || !isOutsideBody(node, current))) return scope;
    }
    return this.moduleScope;
  }

  private scopeFor(node: PyNode, parent: Scope | null): Scope {
    const scope: Scope = { node, parent, isClass: node.type === 'class_definition', bindings: new Map(), globals: new Set() };
    this.scopes.set(node, scope);
    return scope;
  }

  private bind(at: PyNode, name: string, binding: Binding): void {
    const scope = this.enclosingScope(at);
    const target = scope.globals.has(name) ? this.moduleScope : scope;
    const list = target.bindings.get(name) ?? [];
    list.push(binding);
    target.bindings.set(name, list);
  }

  private record(node: PyNode): void {
    switch (node.type) {
      case 'identifier': {
        // `obj.url` and `f(url=...)` name an attribute and a parameter, not the variable `url`.
        const parentType = node.parent?.type;
        if ((parentType === 'attribute' && node.field === 'attribute') || (parentType === 'keyword_argument' && node.field === 'name')) return;
        const list = this.identifiers.get(node.text) ?? [];
        list.push(node);
        this.identifiers.set(node.text, list);
        return;
      }
      case 'function_definition':
      case 'lambda':
      case 'class_definition': {
        const name = child(node, 'name');
        if (name) this.bind(node, name.text, { kind: 'def', node });
        this.scopeFor(node, this.enclosingScope(node));
        if (node.type !== 'class_definition') this.recordParameters(node);
        return;
      }
      case 'call': {
        const callee = child(node, 'function');
        if (callee?.type === 'identifier') {
          const list = this.callsByName.get(callee.text) ?? [];
          list.push(node);
          this.callsByName.set(callee.text, list);
        }
        return;
      }
      case 'global_statement':
        for (const name of namedChildren(node)) this.enclosingScope(node).globals.add(name.text);
        return;
      case 'import_statement':
        for (const item of namedChildren(node)) this.recordImport(node, item, null);
        return;
      case 'import_from_statement': {
        if (node.children.some((c) => c.type === 'wildcard_import')) this.starImport = true;
        const from = child(node, 'module_name');
        // Relative imports (`from . import x`) name this project's modules, never the SDK.
        if (from?.type !== 'dotted_name') return;
        for (const item of node.children.filter((c) => c.field === 'name')) this.recordImport(node, item, from.text);
        return;
      }
      case 'assignment': {
        const left = child(node, 'left');
        const right = child(node, 'right');
        if (!left) return;
        // `a = b = value`: tree-sitter nests the second assignment as the right side.
        const value = right?.type === 'assignment' ? innermostValue(right) : right;
        if (left.type === 'identifier') {
          this.bind(node, left.text, value ? { kind: 'assign', value, node: left } : { kind: 'other', node: left });
        } else if (left.type === 'attribute') {
          this.recordAttributeWrite(left, value);
        } else {
          this.bindTargets(left);
        }
        return;
      }
      case 'augmented_assignment':
      case 'named_expression':
      case 'for_statement':
      case 'for_in_clause': {
        const target = child(node, node.type === 'named_expression' ? 'name' : 'left');
        if (target) this.bindTargets(target);
        return;
      }
      case 'as_pattern': {
        // `with make() as name` keeps the value; `except E as name` does not.
        const alias = child(node, 'alias');
        const name = alias && namedChildren(alias)[0];
        const value = namedChildren(node)[0];
        if (name?.type !== 'identifier') return;
        const isWith = node.parent?.type === 'with_item';
        this.bind(node, name.text, isWith && value ? { kind: 'assign', value, node: name } : { kind: 'other', node: name });
        return;
      }
      default:
        return;
    }
  }

  private bindTargets(target: PyNode): void {
    if (target.type === 'identifier') {
      this.bind(target, target.text, { kind: 'other', node: target });
      return;
    }
    if (target.type === 'attribute') {
      this.recordAttributeWrite(target, null);
      return;
    }
    if (target.type === 'subscript') return;
    for (const part of namedChildren(target)) this.bindTargets(part);
  }

  private recordAttributeWrite(target: PyNode, value: PyNode | null): void {
    const name = child(target, 'attribute')?.text;
    if (!name) return;
    const list = this.attributeWrites.get(name) ?? [];
    list.push({ target, value });
    this.attributeWrites.set(name, list);
  }

  private recordImport(statement: PyNode, item: PyNode, from: string | null): void {
    const prefix = from ? `${from}.` : '';
    if (item.type === 'aliased_import') {
      const name = child(item, 'name');
      const alias = child(item, 'alias');
      if (name && alias) this.bind(statement, alias.text, { kind: 'import', qualifiedName: prefix + name.text, node: alias });
      return;
    }
    if (item.type !== 'dotted_name') return;
    // `import a.b` binds `a`; `from a import b` binds `b`.
    const local = from ? item.text : item.text.split('.')[0]!;
    this.bind(statement, local, { kind: 'import', qualifiedName: from ? prefix + item.text : local, node: item });
  }

  private recordParameters(fn: PyNode): void {
    const parameters = child(fn, 'parameters');
    if (!parameters) return;
    namedChildren(parameters).forEach((parameter, index) => {
      let name: PyNode | null = null;
      let defaultValue: PyNode | null = null;
      if (parameter.type === 'identifier') name = parameter;
      else if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') {
        name = child(parameter, 'name');
        defaultValue = child(parameter, 'value');
      } else if (parameter.type === 'typed_parameter') name = namedChildren(parameter).find((c) => c.type === 'identifier') ?? null;
      // `*args` and `**kwargs` hold many values: nothing certain.
      if (name?.type !== 'identifier') return;
      const binding: Binding = { kind: 'parameter', fn, index, defaultValue, node: name };
      const scope = this.scopes.get(fn)!;
      scope.bindings.set(name.text, [binding]);
    });
  }
}

/**
 * The class whose method `fn` is, when its first parameter is the instance or the class: a
 * `def` written directly in a class body and not a `@staticmethod`.
 */
function methodClass(fn: PyNode): PyNode | null {
  if (fn.type !== 'function_definition') return null;
  let holder = fn.parent;
  if (holder?.type === 'decorated_definition') {
    if (holder.children.some((c) => c.type === 'decorator' && /^@\s*staticmethod\b/.test(c.text))) return null;
    holder = holder.parent;
  }
  const owner = holder?.type === 'block' ? holder.parent : null;
  return owner?.type === 'class_definition' ? owner : null;
}

function innermostValue(assignment: PyNode): PyNode | null {
  let current: PyNode | null = assignment;
  while (current?.type === 'assignment') current = child(current, 'right');
  return current;
}

/** `node` lies in the parameters (their defaults), decorators or name of `scope` rather than in its body. */
function isOutsideBody(node: PyNode, scope: PyNode): boolean {
  const body = child(scope, 'body');
  for (let current: PyNode | null = node; current && current !== scope; current = current.parent) {
    if (current === body) return false;
  }
  return true;
}
