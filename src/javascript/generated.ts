/**
 * Minified and generated bundles: a build's output (webpack, esbuild, terser), not code anyone
 * writes or reviews. Their findings belong to the sources they are built from, and reading them costs
 * far more than the rest of a project (a 5 MB bundle held TypeScript's parser and ESLint's for
 * 38 s and 3.6 GB), so both hosts leave them alone: presign-audit with a note, ESLint silently.
 *
 * What counts as one, cheaply (one pass over the text, no parse):
 * - a `.min.js` / `.min.mjs` / `.min.cjs` name;
 * - a long file of long lines: at least GENERATED_MIN_LENGTH characters averaging more than
 *   MINIFIED_LINE_LENGTH per line (hand-written code averages 30 to 40; a minifier's output is a few
 *   lines of thousands);
 * - a bundle that keeps some lines but points to its sources (`//# sourceMappingURL=`): averaging
 *   more than MAPPED_LINE_LENGTH characters per line.
 */

export const GENERATED_MIN_LENGTH = 20_000;
const MINIFIED_LINE_LENGTH = 300;
const MAPPED_LINE_LENGTH = 120;

/** Why `text` of `file` is a generated bundle, for a note; null for code people write. */
export function generatedCodeReason(file: string, text: string): string | null {
  if (/\.min\.[cm]?js$/i.test(file)) return 'a minified file (.min.js)';
  if (text.length < GENERATED_MIN_LENGTH) return null;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const average = Math.round(text.length / lines);
  if (average > MINIFIED_LINE_LENGTH) return `minified code (${lines} line${lines === 1 ? '' : 's'} averaging ${average} characters)`;
  if (average > MAPPED_LINE_LENGTH && /\n\/\/[#@] sourceMappingURL=\S+\s*$/.test(text.slice(-2000))) return `a bundle with a source map (lines averaging ${average} characters)`;
  return null;
}
