/**
 * The values of a Terraform module's expressions, as far as the configuration fixes them: literals,
 * templates, `var.` defaults and module inputs, `local.`, attributes of the module's resources
 * that their arguments give (`aws_s3_bucket.x.bucket`, and `.arn` / `.id` when the bucket name
 * is known), `data.aws_iam_policy_document.x.json`, outputs of local modules, and a few pure
 * functions (`jsonencode`, `jsondecode`, `file`, `templatefile` of a literal path, `concat` ...).
 * Everything else (an unknown function, a `for` expression, `count.index`, an attribute known only
 * after apply) is an unknown value described as written, with the resource addresses it names as
 * `refs`: never a guess (docs/facts.md#terraform-configuration).
 *
 * Values are `PolicyTree`s whose positions point into the `.tf` file they were written in. A string
 * also remembers where each of its characters came from, so JSON inside a heredoc or a quoted string
 * is read with positions in the file; an object remembers its file, since a document built in one
 * file (a data source) may be used in another.
 */
import path from 'node:path';
import { remembered } from '../core/remembered.js';
import type { HclAttribute, HclBlock, HclBody, HclExpression, Span, Step, TemplatePart } from './hcl-syntax.js';
import type { SourcePosition, UnknownPart } from './model.js';
import type { PolicyTree, PolicyTreeMember } from './normalise.js';
import type { SourceText } from './source-text.js';

export type Value = PolicyTree;
type Unknown = Value & { type: 'unknown' };

/** What the reader hands the evaluator to read files (`file()`, local modules); null when unreadable. */
export interface FileAccess {
  readText(file: string): string | null;
}

/** One `.tf` file of a module, parsed. */
export interface ModuleFile {
  readonly file: string;
  readonly source: SourceText;
  readonly body: HclBody;
}

/** A declaration of a module and the file it is in. */
export interface Declared<T> {
  readonly file: ModuleFile;
  readonly node: T;
}

/** One module instance: the root, or a `module` block's call of a local module. */
export interface ModuleScope {
  readonly dir: string;
  /** `''` for the root, `module.storage.` for a child: the prefix of its resources' addresses. */
  readonly prefix: string;
  readonly files: readonly ModuleFile[];
  readonly variables: Map<string, Declared<HclBlock>>;
  readonly locals: Map<string, Declared<HclExpression>>;
  /** `aws_s3_bucket.uploads`, `data.aws_iam_policy_document.bucket`. */
  readonly resources: Map<string, Declared<HclBlock>>;
  readonly outputs: Map<string, Declared<HclExpression>>;
  readonly moduleCalls: Map<string, Declared<HclBlock>>;
  /** Module inputs: the call's arguments, evaluated in the caller's scope. */
  readonly inputs: Map<string, () => Value>;
  readonly parent: ModuleScope | null;
  readonly children: Map<string, ModuleScope>;
}

/** Where a string's characters are in a file: offsets[i] is the file offset of character i (one extra for the end). */
export interface CharacterMap {
  readonly file: ModuleFile | string;
  readonly offsets: readonly number[];
}

/** Resource types whose `arn` and `id` follow from the bucket name (docs/facts.md#terraform-configuration). */
const BUCKET_TYPE = 'aws_s3_bucket';
const POLICY_DOCUMENT = 'data.aws_iam_policy_document';

/** Calls deeper than this, or references chained further, are unknown: bounds hostile input. */
const MAX_DEPTH = 64;

/** A value being worked out, in a map of `once`'s: met again, it refers to itself. */
const IN_PROGRESS = Symbol('in progress');

/** What `once` keeps: each value by what names it, or `IN_PROGRESS`. */
type Answers<K> = Map<K, Value | typeof IN_PROGRESS>;

export class ModuleEvaluator {
  /** The file each object value was written in. */
  readonly objectFiles = new WeakMap<object, ModuleFile | string>();
  readonly characters = new WeakMap<object, CharacterMap>();
  /** Documents some of whose statements could not be read (`dynamic "statement"`, an unknown source document). */
  readonly partial = new WeakSet<object>();
  /** Files read by `file()` / `templatefile()`, and their text. */
  readonly readFiles = new Map<string, string>();
  /** Locals, variables, outputs and policy documents, by address (`module.storage.local.x`): see `once`. */
  private readonly memo: Answers<string> = new Map();
  /**
   * Each block argument's value, per module instance (see `once`): an argument that refers to its
   * own resource (which Terraform refuses; an unclosed heredoc can swallow a file into one) is
   * unknown rather than evaluated again for each reference, exponentially.
   */
  private readonly argumentValues = new WeakMap<ModuleScope, Answers<HclAttribute>>();

  constructor(
    private readonly access: FileAccess,
    /** Builds `data.aws_iam_policy_document` documents; given by the reader, which knows their grammar. */
    private readonly policyDocument: (scope: ModuleScope, declared: Declared<HclBlock>, evaluator: ModuleEvaluator) => Value,
  ) {}

  position(file: ModuleFile, span: Span): SourcePosition {
    return file.source.position(span.start, span.end);
  }

  unknown(file: ModuleFile, span: Span, description: string, refs: readonly string[] = [], parts?: readonly UnknownPart[]): Unknown {
    return { type: 'unknown', position: this.position(file, span), description, refs, ...(parts ? { parts } : {}) };
  }

  /** The source text of an expression, for descriptions. */
  textOf(file: ModuleFile, span: Span): string {
    return file.source.text.slice(span.start, span.end);
  }

  evaluate(expression: HclExpression, scope: ModuleScope, file: ModuleFile, depth = 0): Value {
    const span = expression.span;
    const position = this.position(file, span);
    if (depth > MAX_DEPTH) return this.unknown(file, span, this.textOf(file, span));
    switch (expression.kind) {
      case 'literal':
        if (expression.value === null) return { type: 'null', position };
        if (typeof expression.value === 'string') return { type: 'string', position, value: expression.value };
        return typeof expression.value === 'number' ? { type: 'number', position, value: expression.value } : { type: 'boolean', position, value: expression.value };
      case 'template':
        return this.template(expression.parts, expression.quoted, span, scope, file, depth);
      case 'tuple':
        return { type: 'array', position, elements: expression.elements.map((e) => this.evaluate(e, scope, file, depth + 1)) };
      case 'object': {
        const members: PolicyTreeMember[] = [];
        for (const item of expression.items) {
          // A bare name as a key is the name itself (`Version = ...`), not a reference.
          const key = item.key.kind === 'variable' && item.key.steps.length === 0 ? item.key.name : this.evaluate(item.key, scope, file, depth + 1);
          if (typeof key !== 'string' && key.type !== 'string') {
            // A computed key: which member it is cannot be told, so the whole object is unknown.
            return this.unknown(file, span, this.textOf(file, span), this.refsIn(expression, scope));
          }
          members.push({ name: typeof key === 'string' ? key : key.value, namePosition: this.position(file, item.key.span), value: this.evaluate(item.value, scope, file, depth + 1) });
        }
        const object: Value = { type: 'object', position, members };
        this.objectFiles.set(object, file);
        return object;
      }
      case 'variable':
        return this.reference(expression.name, expression.steps, span, scope, file, depth);
      case 'postfix':
        return this.applySteps(this.evaluate(expression.base, scope, file, depth + 1), expression.steps, span, scope, file, depth);
      case 'call':
        return this.call(expression, scope, file, depth);
      case 'conditional': {
        const condition = this.evaluate(expression.condition, scope, file, depth + 1);
        if (condition.type === 'boolean') return this.evaluate(condition.value ? expression.then : expression.otherwise, scope, file, depth + 1);
        return this.unknown(file, span, this.textOf(file, span), this.refsIn(expression, scope));
      }
      case 'operation':
        return this.operation(expression, scope, file, depth) ?? this.unknown(file, span, this.textOf(file, span), this.refsIn(expression, scope));
      default:
        return this.unknown(file, span, this.textOf(file, span), this.refsIn(expression, scope));
    }
  }

  /** The logical and comparison operators on known values (what `count = var.create ? 1 : 0` needs); null otherwise. */
  private operation(expression: HclExpression & { kind: 'operation' }, scope: ModuleScope, file: ModuleFile, depth: number): Value | null {
    const position = this.position(file, expression.span);
    const values = expression.operands.map((o) => this.evaluate(o, scope, file, depth + 1));
    const scalar = (v: Value | undefined) => (v && (v.type === 'string' || v.type === 'number' || v.type === 'boolean') ? v.value : v?.type === 'null' ? null : undefined);
    const [a, b] = values.map(scalar);
    if (a === undefined || (values.length === 2 && b === undefined)) return null;
    const bool = (value: boolean): Value => ({ type: 'boolean', position, value });
    switch (expression.operator) {
      case '!':
        return typeof a === 'boolean' ? bool(!a) : null;
      case '-':
        return values.length === 1 && typeof a === 'number' ? { type: 'number', position, value: -a } : null;
      case '&&':
        return typeof a === 'boolean' && typeof b === 'boolean' ? bool(a && b) : null;
      case '||':
        return typeof a === 'boolean' && typeof b === 'boolean' ? bool(a || b) : null;
      case '==':
        return bool(a === b);
      case '!=':
        return bool(a !== b);
      default:
        return null;
    }
  }

  /**
   * A template's value. One interpolation alone (`"${var.x}"`) is that value, as Terraform has it;
   * otherwise a string when every part is known, else an unknown string whose description is the
   * text with each unknown part kept as written (`${aws_s3_bucket.x.arn}/*`), and whose `parts` say
   * which is which. Either way its characters are mapped to the file.
   */
  private template(parts: readonly TemplatePart[], quoted: boolean, span: Span, scope: ModuleScope, file: ModuleFile, depth: number): Value {
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only?.kind === 'interpolation') return this.evaluate(only.expression, scope, file, depth + 1);
    let text = '';
    const offsets: number[] = [];
    const pieces: UnknownPart[] = [];
    const refs = new Set<string>();
    let unknown = false;
    const addText = (value: string, at: (i: number) => number) => {
      for (let i = 0; i < value.length; i++) offsets.push(at(i));
      text += value;
      const last = pieces.at(-1);
      if (last && 'text' in last) pieces[pieces.length - 1] = { text: last.text + value };
      else if (value !== '') pieces.push({ text: value });
    };
    for (const part of parts) {
      if (part.kind === 'text') {
        const decoded = decodeTemplateText(part.raw, part.span.start, quoted);
        addText(decoded.value, (i) => decoded.offsets[i]!);
        continue;
      }
      const value = part.kind === 'interpolation' ? this.evaluate(part.expression, scope, file, depth + 1) : null;
      const scalar = value && (value.type === 'string' || value.type === 'number' || value.type === 'boolean') ? String(value.value) : null;
      if (scalar !== null) {
        const inner = value && this.characters.get(value);
        addText(scalar, (i) => (inner?.file === file ? inner.offsets[i]! : part.span.start));
        continue;
      }
      // Kept as written, so IAM's checks and the joins see a deploy-time value, never a wildcard.
      unknown = true;
      const written = this.textOf(file, part.span);
      for (let i = 0; i < written.length; i++) offsets.push(part.span.start + i);
      text += written;
      pieces.push({ deployTime: written });
      if (value?.type === 'unknown') for (const r of value.refs) refs.add(r);
    }
    offsets.push(span.end - (quoted ? 1 : 0));
    const value: Value = unknown ? this.unknown(file, span, text, [...refs], pieces) : { type: 'string', position: this.position(file, span), value: text };
    this.characters.set(value, { file, offsets });
    return value;
  }

  private reference(name: string, steps: readonly Step[], span: Span, scope: ModuleScope, file: ModuleFile, depth: number): Value {
    const written = this.textOf(file, span);
    const attribute = (i: number) => (steps[i]?.kind === 'attribute' ? (steps[i] as { name: string }).name : null);
    const unknown = (refs: readonly string[] = []) => this.unknown(file, span, written, refs, [{ deployTime: written }]);
    switch (name) {
      case 'var': {
        const variable = attribute(0);
        if (variable === null) return unknown();
        const input = scope.inputs.get(variable);
        const declared = scope.variables.get(variable);
        const defaultValue = declared?.node.body.attributes.find((a) => a.name === 'default');
        let value: Value;
        if (input) value = this.memoised(`${scope.prefix}var.${variable}`, input);
        else if (defaultValue && declared) value = this.memoised(`${scope.prefix}var.${variable}`, () => this.evaluate(defaultValue.value, scope, declared.file, depth + 1));
        // A root module's variable without default is set when Terraform runs: unknown.
        else return unknown();
        return this.applySteps(value, steps.slice(1), span, scope, file, depth);
      }
      case 'local': {
        const local = attribute(0);
        const declared = local === null ? undefined : scope.locals.get(local);
        if (!declared) return unknown();
        const value = this.memoised(`${scope.prefix}local.${local}`, () => this.evaluate(declared.node, scope, declared.file, depth + 1));
        return this.applySteps(value, steps.slice(1), span, scope, file, depth);
      }
      case 'path': {
        const which = attribute(0);
        if (which === 'module') return { type: 'string', position: this.position(file, span), value: scope.dir };
        if (which === 'root') return { type: 'string', position: this.position(file, span), value: rootOf(scope).dir };
        return unknown();
      }
      case 'module': {
        const call = attribute(0);
        const output = attribute(1);
        const child = call === null ? undefined : scope.children.get(call);
        const declared = output === null ? undefined : child?.outputs.get(output);
        if (!child || !declared) return unknown(call === null ? [] : [`${scope.prefix}module.${call}`]);
        const value = this.memoised(`${child.prefix}output.${output}`, () => this.evaluate(declared.node, child, declared.file, depth + 1));
        return this.applySteps(value, steps.slice(2), span, scope, file, depth);
      }
      case 'data': {
        const type = attribute(0);
        const label = attribute(1);
        if (type === null || label === null) return unknown();
        const address = `data.${type}.${label}`;
        const declared = scope.resources.get(address);
        const refs = [`${scope.prefix}${address}`];
        const rest = declared ? this.instanceSteps(declared, steps.slice(2), scope, file, depth) : null;
        if (!declared || !rest) return unknown(refs);
        const wanted = rest[0]?.kind === 'attribute' ? rest[0].name : null;
        if (`data.${type}` === POLICY_DOCUMENT && (wanted === 'json' || wanted === 'minified_json')) {
          return this.memoised(`${scope.prefix}${address}`, () => this.policyDocument(scope, declared, this));
        }
        return this.resourceArgument(declared, wanted, rest.slice(1), refs, span, scope, file, depth) ?? unknown(refs);
      }
      default: {
        // A resource of this module: `aws_s3_bucket.uploads.arn`.
        const label = attribute(0);
        if (label === null) return unknown();
        const address = `${name}.${label}`;
        const declared = scope.resources.get(address);
        if (!declared) return unknown();
        const refs = [`${scope.prefix}${address}`];
        const rest = this.instanceSteps(declared, steps.slice(1), scope, file, depth);
        if (!rest) return unknown(refs);
        const wanted = rest[0]?.kind === 'attribute' ? rest[0].name : null;
        if (name === BUCKET_TYPE && (wanted === 'arn' || wanted === 'id' || wanted === 'bucket') && rest.length === 1) {
          const bucketName = this.argument(declared, 'bucket', scope, depth);
          if (bucketName?.type !== 'string') return unknown(refs);
          const value = wanted === 'arn' ? `arn:aws:s3:::${bucketName.value}` : bucketName.value;
          return { type: 'string', position: this.position(file, span), value };
        }
        return this.resourceArgument(declared, wanted, rest.slice(1), refs, span, scope, file, depth) ?? unknown(refs);
      }
    }
  }

  /**
   * The steps after a resource's address with the instance chosen: a resource without `count` or
   * `for_each` is itself; `x[0]` of a resource whose `count` is known and larger is that instance
   * (its arguments that use `count.index` stay unknown). Null when which instance, or whether it
   * exists, cannot be told (`for_each`, an unknown `count`, a splat).
   */
  private instanceSteps(declared: Declared<HclBlock>, steps: readonly Step[], scope: ModuleScope, file: ModuleFile, depth: number): readonly Step[] | null {
    const attributes = declared.node.body.attributes;
    if (attributes.some((a) => a.name === 'for_each')) return null;
    const count = attributes.find((a) => a.name === 'count');
    if (!count) return steps;
    const first = steps[0];
    if (first?.kind !== 'index') return null;
    const index = this.evaluate(first.index, scope, file, depth + 1);
    const instances = this.evaluate(count.value, scope, declared.file, depth + 1);
    return index.type === 'number' && instances.type === 'number' && index.value < instances.value ? steps.slice(1) : null;
  }

  /**
   * An attribute of a resource that its own argument of that name gives (`aws_iam_role.x.name`),
   * or null: computed attributes (`arn`, `id` of most resources) are known only after apply.
   */
  private resourceArgument(declared: Declared<HclBlock>, wanted: string | null, rest: readonly Step[], refs: readonly string[], span: Span, scope: ModuleScope, file: ModuleFile, depth: number): Value | null {
    if (wanted === null || wanted === 'arn' || wanted === 'id') return null;
    const value = this.argument(declared, wanted, scope, depth);
    if (!value) return null;
    const result = this.applySteps(value, rest, span, scope, file, depth);
    return result.type === 'unknown' ? { ...result, refs: [...new Set([...result.refs, ...refs])] } : result;
  }

  /** A block's argument, evaluated in its module, once (`argumentValues`). */
  argument(declared: Declared<HclBlock>, name: string, scope: ModuleScope, depth = 0): Value | undefined {
    const attribute = declared.node.body.attributes.find((a) => a.name === name);
    if (!attribute) return undefined;
    return this.once(
      remembered(this.argumentValues, scope, (): Answers<HclAttribute> => new Map()),
      attribute,
      () => this.evaluate(attribute.value, scope, declared.file, depth + 1),
      () => this.unknown(declared.file, attribute.value.span, this.textOf(declared.file, attribute.value.span)),
    );
  }

  private applySteps(value: Value, steps: readonly Step[], span: Span, scope: ModuleScope, file: ModuleFile, depth: number): Value {
    let current = value;
    for (const step of steps) {
      if (current.type === 'unknown') break;
      if (step.kind === 'attribute') {
        const found = current.type === 'object' ? current.members.findLast((m) => m.name === step.name)?.value : undefined;
        if (!found) return this.unknown(file, span, this.textOf(file, span));
        current = found;
      } else if (step.kind === 'index') {
        const index = this.evaluate(step.index, scope, file, depth + 1);
        let found: Value | undefined;
        if (current.type === 'array' && index.type === 'number') found = current.elements[index.value];
        else if (current.type === 'object' && index.type === 'string') found = current.members.findLast((m) => m.name === index.value)?.value;
        if (!found) return this.unknown(file, span, this.textOf(file, span));
        current = found;
      } else {
        return this.unknown(file, span, this.textOf(file, span));
      }
    }
    if (current.type === 'unknown' && steps.length > 0) {
      // `var.config.bucket` of an unknown `var.config`: described as written, keeping what it names.
      return this.unknown(file, span, this.textOf(file, span), current.refs, [{ deployTime: this.textOf(file, span) }]);
    }
    return current;
  }

  private call(expression: HclExpression & { kind: 'call' }, scope: ModuleScope, file: ModuleFile, depth: number): Value {
    const span = expression.span;
    const position = this.position(file, span);
    const unknown = () => this.unknown(file, span, this.textOf(file, span), this.refsIn(expression, scope));
    if (expression.expandsLast) return unknown();
    const args = () => expression.args.map((a) => this.evaluate(a, scope, file, depth + 1));
    switch (expression.name) {
      // jsonencode's output is the value's JSON text; the reader reads the value itself, with its positions.
      case 'jsonencode':
        return expression.args.length === 1 ? this.evaluate(expression.args[0]!, scope, file, depth + 1) : unknown();
      case 'tolist':
      case 'toset':
      case 'tomap':
      case 'tostring':
        return expression.args.length === 1 ? this.evaluate(expression.args[0]!, scope, file, depth + 1) : unknown();
      case 'jsondecode': {
        // The reader parses JSON text where it needs a document: the text is the value.
        return expression.args.length === 1 ? this.evaluate(expression.args[0]!, scope, file, depth + 1) : unknown();
      }
      case 'file':
      case 'templatefile': {
        const target = expression.args[0] ? this.evaluate(expression.args[0], scope, file, depth + 1) : undefined;
        if (target?.type !== 'string') return unknown();
        // Terraform resolves a relative path against the working directory, the root module's (hence `${path.module}/...`).
        const resolved = path.resolve(rootOf(scope).dir, target.value);
        const text = this.readFiles.get(resolved) ?? this.access.readText(resolved);
        if (text === null) return unknown();
        this.readFiles.set(resolved, text);
        // A template's own `${...}` and `%{...}` depend on its variables: only a template without them is known.
        if (expression.name === 'templatefile' && /[$%]\{/.test(text.replace(/[$%][$%]\{/g, ''))) return unknown();
        const value: Value = { type: 'string', position, value: expression.name === 'templatefile' ? text.replace(/([$%])[$%]\{/g, '$1{') : text };
        if (expression.name === 'file') this.characters.set(value, { file: resolved, offsets: [...Array(text.length + 1).keys()] });
        return value;
      }
      case 'concat': {
        const lists = args();
        if (!lists.every((l) => l.type === 'array')) return unknown();
        return { type: 'array', position, elements: lists.flatMap((l) => (l.type === 'array' ? l.elements : [])) };
      }
      case 'flatten': {
        const list = args()[0];
        if (list?.type !== 'array') return unknown();
        const flat = (v: Value): Value[] => (v.type === 'array' ? v.elements.flatMap(flat) : [v]);
        return { type: 'array', position, elements: list.elements.flatMap(flat) };
      }
      case 'merge': {
        const objects = args();
        if (!objects.every((o) => o.type === 'object')) return unknown();
        const members = new Map<string, PolicyTreeMember>();
        for (const o of objects) for (const m of o.type === 'object' ? o.members : []) members.set(m.name, m);
        const merged: Value = { type: 'object', position, members: [...members.values()] };
        this.objectFiles.set(merged, file);
        return merged;
      }
      case 'lower':
      case 'upper': {
        const value = args()[0];
        if (value?.type !== 'string') return unknown();
        return { type: 'string', position, value: expression.name === 'lower' ? value.value.toLowerCase() : value.value.toUpperCase() };
      }
      case 'join': {
        const [separator, list] = args();
        if (separator?.type !== 'string' || list?.type !== 'array' || !list.elements.every((e) => e.type === 'string')) return unknown();
        return { type: 'string', position, value: list.elements.map((e) => (e.type === 'string' ? e.value : '')).join(separator.value) };
      }
      case 'format': {
        const values = args();
        const pattern = values[0];
        const operands = values.slice(1).map((v) => (v.type === 'string' || v.type === 'number' ? String(v.value) : null));
        if (pattern?.type !== 'string' || operands.includes(null)) return unknown();
        let i = 0;
        // Only %s and %d, the verbs policies use; any other verb makes the result unknown.
        if (/%[^sd%]/.test(pattern.value)) return unknown();
        const out = pattern.value.replace(/%([sd%])/g, (_, verb: string) => (verb === '%' ? '%' : (operands[i++] ?? '')));
        return i === operands.length ? { type: 'string', position, value: out } : unknown();
      }
      case 'compact': {
        const list = args()[0];
        if (list?.type !== 'array' || list.elements.some((e) => e.type === 'unknown')) return unknown();
        return { type: 'array', position, elements: list.elements.filter((e) => !(e.type === 'null' || (e.type === 'string' && e.value === ''))) };
      }
      case 'coalesce': {
        for (const value of args()) {
          if (value.type === 'unknown') return unknown();
          if (value.type !== 'null' && !(value.type === 'string' && value.value === '')) return value;
        }
        return unknown();
      }
      default:
        return unknown();
    }
  }

  private memoised(key: string, compute: () => Value): Value {
    // A reference loop's unknown names the address: it has no one place in the files.
    return this.once(this.memo, key, compute, () => ({ type: 'unknown', position: { line: 1, column: 1, endLine: 1, endColumn: 1 }, description: key, refs: [] }));
  }

  /**
   * `compute`'s value, worked out the first time `key` is asked and kept in `values`. Asked again
   * while it is worked out, the value refers to itself (a loop Terraform refuses, docs/facts.md):
   * `loop`'s unknown rather than endless. A value cut short at the depth bound is kept as it is, for
   * callers nearer the top too: no configuration Terraform accepts comes near that bound.
   */
  private once<K>(values: Answers<K>, key: K, compute: () => Value, loop: () => Value): Value {
    const known = values.get(key);
    if (known === IN_PROGRESS) return loop();
    if (known) return known;
    values.set(key, IN_PROGRESS);
    try {
      const value = compute();
      values.set(key, value);
      return value;
    } catch (error) {
      values.delete(key);
      throw error;
    }
  }

  /** The resource addresses an expression names, with the module's prefix, for unknown values' `refs`. */
  refsIn(expression: HclExpression, scope: ModuleScope): string[] {
    const found = new Set<string>();
    const visit = (e: HclExpression, depth: number): void => {
      if (depth > MAX_DEPTH) return;
      switch (e.kind) {
        case 'variable': {
          const first = e.steps[0]?.kind === 'attribute' ? e.steps[0].name : null;
          const second = e.steps[1]?.kind === 'attribute' ? e.steps[1].name : null;
          if (first === null || ['var', 'local', 'path', 'count', 'each', 'self', 'terraform'].includes(e.name)) break;
          if (e.name === 'data' && second !== null) found.add(`${scope.prefix}data.${first}.${second}`);
          else if (e.name === 'module') found.add(`${scope.prefix}module.${first}`);
          else if (e.name !== 'data') found.add(`${scope.prefix}${e.name}.${first}`);
          for (const s of e.steps) if (s.kind === 'index') visit(s.index, depth + 1);
          break;
        }
        case 'template':
          for (const p of e.parts) if (p.kind === 'interpolation') visit(p.expression, depth + 1);
          break;
        case 'tuple':
          e.elements.forEach((x) => visit(x, depth + 1));
          break;
        case 'object':
          e.items.forEach((i) => {
            visit(i.key, depth + 1);
            visit(i.value, depth + 1);
          });
          break;
        case 'postfix':
          visit(e.base, depth + 1);
          break;
        case 'call':
          e.args.forEach((a) => visit(a, depth + 1));
          break;
        case 'operation':
          e.operands.forEach((o) => visit(o, depth + 1));
          break;
        case 'conditional':
          visit(e.condition, depth + 1);
          visit(e.then, depth + 1);
          visit(e.otherwise, depth + 1);
          break;
        default:
          break;
      }
    };
    visit(expression, 0);
    return [...found];
  }
}

function rootOf(scope: ModuleScope): ModuleScope {
  let current = scope;
  while (current.parent) current = current.parent;
  return current;
}

/** `count` and `for_each` make a resource several instances: which one an expression means is not known here. */
export function hasRepetition(block: HclBlock): boolean {
  return block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
}

/**
 * A template's literal text decoded, with the file offset of every character. Quoted strings have
 * HCL's escapes (`\n`, `\"`, `\uNNNN`, `\UNNNNNNNN`); both kinds have `$${` and `%%{` for a literal
 * `${` and `%{`.
 */
export function decodeTemplateText(raw: string, fileOffset: number, quoted: boolean): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if ((ch === '$' || ch === '%') && raw[i + 1] === ch && raw[i + 2] === '{') {
      value += `${ch}{`;
      offsets.push(fileOffset + i, fileOffset + i + 2);
      i += 3;
    } else if (quoted && ch === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1]!;
      const hexLength = next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hexLength > 0) {
        const code = Number.parseInt(raw.slice(i + 2, i + 2 + hexLength), 16);
        const decoded = Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
        offsets.push(...new Array<number>(decoded.length).fill(fileOffset + i));
        value += decoded;
        i += 2 + hexLength;
      } else {
        value += simple[next] ?? next;
        offsets.push(fileOffset + i);
        i += 2;
      }
    } else {
      value += ch;
      offsets.push(fileOffset + i);
      i++;
    }
  }
  return { value, offsets };
}
