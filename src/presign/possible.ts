/**
 * What static analysis knows about a value: a short list of candidates, each a concrete
 * value, a numeric range, or unknown. `ttl ?? 3600` is [unknown, 3600]; `Math.min(x, 604800)`
 * is the range [-Infinity, 604800]. Checks judge each candidate; an unknown candidate is never
 * reported as a fault, only where a rule's option asks for it.
 */
export type Candidate =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'unknown' };

export type Possible = readonly Candidate[];

/** Above this many candidates a value is treated as unknown, to bound the work on hostile code. */
export const MAX_CANDIDATES = 16;

export const UNKNOWN: Possible = [{ kind: 'unknown' }];

export function known(value: unknown): Possible {
  return [{ kind: 'value', value }];
}

export function range(min: number, max: number): Possible {
  if (min === max) return known(min);
  if (min === -Infinity && max === Infinity) return UNKNOWN;
  return [{ kind: 'range', min, max }];
}

/** The union of several possibilities, with duplicates and extra unknowns removed. */
export function union(...parts: Possible[]): Possible {
  const out: Candidate[] = [];
  let hasUnknown = false;
  for (const part of parts) {
    for (const c of part) {
      if (c.kind === 'unknown') {
        hasUnknown = true;
        continue;
      }
      if (c.kind === 'value' && out.some((o) => o.kind === 'value' && Object.is(o.value, c.value))) continue;
      out.push(c);
    }
  }
  if (hasUnknown) out.push({ kind: 'unknown' });
  return out.length > MAX_CANDIDATES ? UNKNOWN : out;
}

/** The single concrete value, when there is exactly one and nothing else. */
export function singleValue(p: Possible): { value: unknown } | null {
  return p.length === 1 && p[0]!.kind === 'value' ? { value: p[0]!.value } : null;
}

/** The smallest and largest number a candidate can be, when it is numeric. */
export function numericBounds(c: Candidate): { min: number; max: number } | null {
  if (c.kind === 'range') return { min: c.min, max: c.max };
  if (c.kind === 'value' && typeof c.value === 'number' && !Number.isNaN(c.value)) return { min: c.value, max: c.value };
  return null;
}

/** A range combined with a constant by a monotonic operation stays a range. */
export function rangeArithmetic(a: Candidate, b: Candidate, operator: string): Possible {
  const x = numericBounds(a);
  const y = numericBounds(b);
  if (!x || !y) return UNKNOWN;
  switch (operator) {
    case '+':
      return range(x.min + y.min, x.max + y.max);
    case '-':
      return range(x.min - y.max, x.max - y.min);
    case '*':
    case '/': {
      // Only when one side is a positive constant, so the order of the bounds is kept.
      if (y.min === y.max && y.min > 0) {
        return operator === '*' ? range(x.min * y.min, x.max * y.min) : range(x.min / y.min, x.max / y.min);
      }
      if (operator === '*' && x.min === x.max && x.min > 0) return range(y.min * x.min, y.max * x.min);
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/**
 * The minimum or maximum of several values (`Math.min`, Python's `min`): `min(x, 604800)` is at most
 * 604800 whatever x is; `max(x, 700000)` is at least 700000. Each argument becomes the interval of
 * its candidates; the result is the interval of the min/max.
 */
export function minMaxOf(values: readonly Possible[], fn: 'min' | 'max'): Possible {
  if (values.length === 0) return known(fn === 'min' ? Infinity : -Infinity);
  const exact = values.every((v) => v.every((c) => c.kind === 'value' && typeof c.value === 'number'));
  if (exact) {
    let combos: number[][] = [[]];
    for (const v of values) {
      combos = combos.flatMap((prefix) => v.map((c) => [...prefix, (c as { value: number }).value]));
      if (combos.length > MAX_CANDIDATES) break;
    }
    if (combos.length <= MAX_CANDIDATES) return union(...combos.map((c) => known(Math[fn](...c))));
  }
  const bounds = values.map((v) => {
    let min = Infinity;
    let max = -Infinity;
    for (const c of v) {
      const b = numericBounds(c);
      if (!b) return { min: -Infinity, max: Infinity };
      min = Math.min(min, b.min);
      max = Math.max(max, b.max);
    }
    return { min, max };
  });
  return range(Math[fn](...bounds.map((b) => b.min)), Math[fn](...bounds.map((b) => b.max)));
}
