/**
 * What a Python expression can be without running it, as the `Possible` candidates every code
 * check reads (src/presign/possible.ts): literals, arithmetic, names assigned once (module
 * constants included), attributes a class of the module sets once (`self.ttl`, `Links.TTL`),
 * parameters (their default and what local callers pass),
 * `a if c else b`, `x or 3600`, `int()`, `float()`, `min()`/`max()` as bounds,
 * `timedelta(...).total_seconds()`, and `os.environ.get('TTL', 3600)` (unknown or the default).
 */
import { UNKNOWN, known, minMaxOf, range, rangeArithmetic, union, MAX_CANDIDATES, type Possible } from '../presign/possible.js';
import type { PythonModule } from './scope.js';
import { argument, child, namedChildren, unwrap, type PyNode } from './syntax.js';

/** Deep enough for real constant chains, shallow enough to stop on hostile ones. */
const MAX_DEPTH = 40;

/** Seconds in each `datetime.timedelta` argument, in its positional order (Python docs). */
const TIMEDELTA_UNITS: readonly (readonly [string, number])[] = [
  ['days', 86_400],
  ['seconds', 1],
  ['microseconds', 1e-6],
  ['milliseconds', 1e-3],
  ['minutes', 60],
  ['hours', 3_600],
  ['weeks', 604_800],
];

const ENVIRONMENT_GETTERS: ReadonlySet<string> = new Set(['os.environ.get', 'os.getenv']);

export class PythonEvaluator {
  private depth = 0;
  private readonly active = new Set<PyNode>();

  constructor(private readonly module: PythonModule) {}

  evaluate(node: PyNode): Possible {
    if (this.depth > MAX_DEPTH || this.active.has(node)) return UNKNOWN;
    this.depth++;
    this.active.add(node);
    try {
      return this.evaluateNode(unwrap(node));
    } finally {
      this.depth--;
      this.active.delete(node);
    }
  }

  /** A string the code certainly passes, or null. */
  constantString(node: PyNode): string | null {
    const values = this.evaluate(node);
    return values.length === 1 && values[0]!.kind === 'value' && typeof values[0]!.value === 'string' ? values[0]!.value : null;
  }

  private evaluateNode(node: PyNode): Possible {
    switch (node.type) {
      case 'integer':
      case 'float': {
        // Complex literals (`2j`) are not durations.
        if (/[jJ]$/.test(node.text)) return UNKNOWN;
        const value = Number(node.text.replace(/_/g, ''));
        return Number.isNaN(value) ? UNKNOWN : known(value);
      }
      case 'true':
        return known(true);
      case 'false':
        return known(false);
      case 'none':
        return known(null);
      case 'string':
        return stringValue(node);
      case 'concatenated_string': {
        const parts = namedChildren(node).map((part) => stringValue(part));
        if (parts.some((p) => p.length !== 1 || p[0]!.kind !== 'value')) return UNKNOWN;
        return known(parts.map((p) => (p[0] as { value: string }).value).join(''));
      }
      case 'unary_operator':
        return this.unary(node);
      case 'binary_operator':
        return this.binary(node);
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = namedChildren(node);
        return whenTrue && whenFalse ? union(this.evaluate(whenTrue), this.evaluate(whenFalse)) : UNKNOWN;
      }
      case 'boolean_operator':
        return this.booleanOperator(node);
      case 'identifier':
        return this.identifier(node);
      case 'attribute': {
        // `self.TTL`, `Links.TTL`: an attribute its class sets once, like a name assigned once.
        const sources = this.module.attributeSources(node);
        return sources?.complete && sources.values.length === 1 ? this.evaluate(sources.values[0]!) : UNKNOWN;
      }
      case 'call':
        return this.call(node);
      default:
        return UNKNOWN;
    }
  }

  private unary(node: PyNode): Possible {
    const operator = child(node, 'operator')?.type;
    const operand = child(node, 'argument');
    if (!operand) return UNKNOWN;
    const value = this.evaluate(operand);
    if (operator === '+') return value;
    if (operator !== '-') return UNKNOWN;
    return union(
      ...value.map((c): Possible => {
        if (c.kind === 'range') return range(-c.max, -c.min);
        if (c.kind === 'value' && typeof c.value === 'number') return known(-c.value);
        return UNKNOWN;
      }),
    );
  }

  private binary(node: PyNode): Possible {
    const operator = child(node, 'operator')?.type;
    const leftNode = child(node, 'left');
    const rightNode = child(node, 'right');
    if (!operator || !leftNode || !rightNode) return UNKNOWN;
    const left = this.evaluate(leftNode);
    const right = this.evaluate(rightNode);
    if (left.length * right.length > MAX_CANDIDATES) return UNKNOWN;
    const out: Possible[] = [];
    for (const a of left) {
      for (const b of right) {
        if (a.kind === 'value' && b.kind === 'value') out.push(operate(a.value, b.value, operator));
        else out.push(rangeArithmetic(a, b, operator));
      }
    }
    return union(...out);
  }

  /** `ttl or 3600`: Python's `or` and `and` give one of their operands, chosen by truthiness. */
  private booleanOperator(node: PyNode): Possible {
    const operator = child(node, 'operator')?.type;
    const leftNode = child(node, 'left');
    const rightNode = child(node, 'right');
    if (!leftNode || !rightNode) return UNKNOWN;
    const parts: Possible[] = [];
    let needRight = false;
    for (const c of this.evaluate(leftNode)) {
      if (c.kind !== 'value') {
        // A range may include 0, which is falsy: both operands are possible.
        parts.push([c]);
        needRight = true;
      } else if (isTruthy(c.value) === (operator === 'and')) needRight = true;
      else parts.push([c]);
    }
    if (needRight) parts.push(this.evaluate(rightNode));
    return union(...parts);
  }

  private identifier(node: PyNode): Possible {
    const binding = this.module.lookup(node.text, node);
    if (!binding || binding === 'ambiguous') return UNKNOWN;
    if (binding.kind === 'assign') return this.evaluate(binding.value);
    if (binding.kind === 'parameter') {
      // The function may also be called from other modules: the value is never only what this module shows.
      const { values } = this.module.parameterSources(binding);
      return union(UNKNOWN, ...values.map((value) => this.evaluate(value)));
    }
    return UNKNOWN;
  }

  private call(node: PyNode): Possible {
    const callee = child(node, 'function');
    if (!callee) return UNKNOWN;
    const name = this.calleeName(callee);
    const first = argument(node, 0, '');
    switch (name) {
      case 'int':
        return first ? mapNumbers(this.evaluate(first), Math.trunc, (s) => (/^\s*[-+]?\d[\d_]*\s*$/.test(s) ? Number(s.replace(/_/g, '')) : null)) : known(0);
      case 'float':
        return first ? mapNumbers(this.evaluate(first), (n) => n, (s) => (s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : null)) : known(0);
      case 'min':
      case 'max': {
        const args = namedChildren(child(node, 'arguments')!);
        // `min(values)` over one iterable and `key=`/`default=` are not read.
        if (args.length < 2 || args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) return UNKNOWN;
        return minMaxOf(args.map((a) => this.evaluate(a)), name);
      }
      case null:
        break;
      default:
        if (ENVIRONMENT_GETTERS.has(name)) {
          const fallback = argument(node, 1, 'default');
          return fallback ? union(UNKNOWN, this.evaluate(fallback)) : UNKNOWN;
        }
    }
    // `timedelta(hours=1).total_seconds()`
    if (callee.type === 'attribute' && child(callee, 'attribute')?.text === 'total_seconds') {
      const object = child(callee, 'object');
      return object ? this.timedeltaSeconds(object) : UNKNOWN;
    }
    return UNKNOWN;
  }

  /** A builtin by its name (when the module does not rebind it), or a qualified name through imports. */
  private calleeName(callee: PyNode): string | null {
    if (callee.type === 'identifier' && this.module.lookup(callee.text, callee) === null) return callee.text;
    return this.module.qualifiedName(callee);
  }

  /** The length of a `datetime.timedelta(...)` in seconds (through names assigned once); unknown for anything else. */
  timedeltaSeconds(raw: PyNode): Possible {
    const node = unwrap(raw);
    if (node.type === 'identifier') {
      const binding = this.module.lookup(node.text, node);
      return binding && binding !== 'ambiguous' && binding.kind === 'assign' ? this.timedeltaSeconds(binding.value) : UNKNOWN;
    }
    const callee = node.type === 'call' ? child(node, 'function') : null;
    if (!callee || this.module.qualifiedName(callee) !== 'datetime.timedelta') return UNKNOWN;
    let total: Possible = known(0);
    const args = namedChildren(child(node, 'arguments')!);
    if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return UNKNOWN;
    TIMEDELTA_UNITS.forEach(([unit, seconds], index) => {
      const value = argument(node, index, unit);
      if (!value) return;
      const part = this.evaluate(value).flatMap((c) => rangeArithmetic(c, { kind: 'value', value: seconds }, '*'));
      total = total.flatMap((a) => part.flatMap((b) => rangeArithmetic(a, b, '+')));
      if (total.length > MAX_CANDIDATES) total = UNKNOWN;
    });
    return union(total);
  }
}

/** One Python operator on two constants; what Python would raise on (`1 / 0`, `'a' - 1`) is unknown. */
function operate(a: unknown, b: unknown, operator: string): Possible {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (operator) {
      case '+':
        return known(a + b);
      case '-':
        return known(a - b);
      case '*':
        return known(a * b);
      case '/':
        return b === 0 ? UNKNOWN : known(a / b);
      case '//':
        return b === 0 ? UNKNOWN : known(Math.floor(a / b));
      case '%':
        // Python's remainder takes the sign of the divisor.
        return b === 0 ? UNKNOWN : known(((a % b) + b) % b);
      case '**':
        return known(a ** b);
      default:
        return UNKNOWN;
    }
  }
  if (typeof a === 'string' && typeof b === 'string' && operator === '+') return known(a + b);
  return UNKNOWN;
}

export function isTruthy(value: unknown): boolean {
  return !(value === null || value === false || value === 0 || value === '');
}

/** `int(x)`, `float(x)`: numbers through `f`, numeric strings through `parse`, ranges bound by bound. */
function mapNumbers(p: Possible, f: (n: number) => number, parse: (s: string) => number | null): Possible {
  return union(
    ...p.map((c): Possible => {
      if (c.kind === 'range') return range(f(c.min), f(c.max));
      if (c.kind !== 'value') return UNKNOWN;
      if (typeof c.value === 'number') return known(f(c.value));
      if (typeof c.value === 'boolean') return known(c.value ? 1 : 0);
      const parsed = typeof c.value === 'string' ? parse(c.value) : null;
      return parsed === null ? UNKNOWN : known(f(parsed));
    }),
  );
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** A plain or raw string literal; f-strings with replacement fields and bytes are unknown. */
function stringValue(node: PyNode): Possible {
  if (node.type !== 'string' || node.children.some((c) => c.type === 'interpolation')) return UNKNOWN;
  const start = node.children.find((c) => c.type === 'string_start');
  const end = node.children.find((c) => c.type === 'string_end');
  if (!start || !end) return UNKNOWN;
  const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('b')) return UNKNOWN;
  const body = node.text.slice(start.text.length, node.text.length - end.text.length);
  if (prefix.includes('r')) return known(body);
  return known(
    body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\n|.)/g, (whole, escape: string) => {
      if (escape === '\n') return ''; // a backslash before a newline continues the line
      if (/^[xuU]/.test(escape)) return String.fromCodePoint(Number.parseInt(escape.slice(1), 16));
      return SIMPLE_ESCAPES[escape] ?? whole;
    }),
  );
}
