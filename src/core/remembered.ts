/**
 * Answers remembered by what was asked. Mostly the per-text caches of docs/performance.md: each a
 * module-level Map of a pure function's answers, by the text asked about (or a WeakMap, by the
 * object asked about), which test/module-state.test.ts finds by their name passed here, as it finds
 * a Map the module writes to itself. Also the maps a run or one question keeps for itself (a policy
 * run's unknown-kind sentences, one Deny's answers by the targets reached), which are no module state.
 */

/** What `remembered` needs of a cache: a Map's or a WeakMap's get and set. */
interface Answers<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The answer `answers` holds for `key`, made by `make` the first time it is asked. Answers are never undefined. */
export function remembered<K, V>(answers: Answers<K, V>, key: K, make: (key: K) => V): V {
  let answer = answers.get(key);
  if (answer === undefined) answers.set(key, (answer = make(key)));
  return answer;
}
