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

export function isUnknown(p: Possible): boolean {
  return p.every((c) => c.kind === 'unknown');
}

/** The single concrete value, when there is exactly one and nothing else. */
export function singleValue(p: Possible): { value: unknown } | null {
  return p.length === 1 && p[0]!.kind === 'value' ? { value: p[0]!.value } : null;
}

/** Concrete values among the candidates. */
export function knownValues(p: Possible): unknown[] {
  return p.flatMap((c) => (c.kind === 'value' ? [c.value] : []));
}

/** The smallest and largest number a candidate can be, when it is numeric. */
export function numericBounds(c: Candidate): { min: number; max: number } | null {
  if (c.kind === 'range') return { min: c.min, max: c.max };
  if (c.kind === 'value' && typeof c.value === 'number' && !Number.isNaN(c.value)) return { min: c.value, max: c.value };
  return null;
}
