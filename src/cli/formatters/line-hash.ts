/**
 * GitHub code scanning's `primaryLocationLineHash`, computed as github/codeql-action computes it
 * when it uploads SARIF (src/fingerprints.ts there, whose unit tests' vectors test/cli/line-hash.test.ts
 * replays): for each line, a polynomial rolling hash (base 37, 64-bit wrap-around) over the next 100
 * characters of the file from the line's start, spaces and tabs left out and every line ending read as
 * `\n`, then `:<n>` where n counts earlier lines of the same hash. It depends on the line's text and the
 * text after it, not on the line's number, so an alert keeps its identity when lines above it move.
 * Giving it ourselves keeps uploads that do not go through codeql-action matched across runs too.
 */

const WINDOW = 100;
const BASE = 37n;
/** What codeql-action feeds after the last character, before padding the window with zeros. */
const END_OF_FILE = 0xffff;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;

const wrap = (value: bigint): bigint => BigInt.asIntN(64, value);
const BASE_POW_WINDOW = Array.from({ length: WINDOW }).reduce<bigint>((power) => wrap(power * BASE), 1n);

/** The hash of every line of `text`, by 1-based line number (line numbers counted as codeql-action counts them). */
export function lineHashes(text: string): Map<number, string> {
  const hashes = new Map<number, string>();
  const window = new Array<number>(WINDOW).fill(0);
  // The line number that starts at each window slot, or -1.
  const lineAt = new Array<number>(WINDOW).fill(-1);
  const seen = new Map<string, number>();
  let hash = 0n;
  let slot = 0;
  let line = 0;
  let atLineStart = true;
  let afterCr = false;

  const emit = () => {
    const hex = BigInt.asUintN(64, hash).toString(16);
    const count = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, count);
    hashes.set(lineAt[slot]!, `${hex}:${count}`);
    lineAt[slot] = -1;
  };
  const push = (code: number) => {
    const leaving = window[slot]!;
    window[slot] = code;
    hash = wrap(wrap(BASE * hash + BigInt(code)) - wrap(BASE_POW_WINDOW * BigInt(leaving)));
    slot = (slot + 1) % WINDOW;
  };
  const read = (code: number) => {
    // Spaces and tabs do not count, nor the \n of a \r\n.
    if (code === SPACE || code === TAB || (afterCr && code === LF)) {
      afterCr = false;
      return;
    }
    afterCr = code === CR;
    if (code === CR) code = LF;
    // The slot about to be overwritten started a line WINDOW characters ago: that line's hash is complete.
    if (lineAt[slot] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      line++;
      lineAt[slot] = line;
    }
    if (code === LF) atLineStart = true;
    push(code);
  };

  for (let i = 0; i < text.length; i++) read(text.charCodeAt(i));
  read(END_OF_FILE);
  for (let i = 0; i < WINDOW; i++) {
    if (lineAt[slot] !== -1) emit();
    push(0);
  }
  return hashes;
}
