/** "Did you mean": the candidates closest to a misspelt name, by edit distance, case-insensitive. */
import { compareText } from '../core/collation.js';

export function closestNames(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const target = word.toLowerCase();
  // A suggestion further than a third of the word away is noise, not a correction.
  const budget = Math.max(2, Math.ceil(target.length / 3));
  const scored: { name: string; distance: number }[] = [];
  for (const name of candidates) {
    const distance = editDistance(target, name.toLowerCase(), budget);
    if (distance <= budget) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || compareText(a.name, b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** Levenshtein distance, giving up (returning budget + 1) once every path exceeds the budget. */
function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > budget) return budget + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** `a, b and c` for messages. */
export function listForMessage(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
