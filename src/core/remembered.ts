/**
 * The per-text caches of docs/performance.md in one place: each is a module-level Map of a pure
 * function's answers, by the text asked about. test/module-state.test.ts finds them by their name
 * passed here, as it finds a Map the module writes to itself.
 */

/** The answer `answers` holds for `key`, made by `make` the first time it is asked. Answers are never undefined. */
export function remembered<K, V>(answers: Map<K, V>, key: K, make: (key: K) => V): V {
  let answer = answers.get(key);
  if (answer === undefined) answers.set(key, (answer = make(key)));
  return answer;
}
