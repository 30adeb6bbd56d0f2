/**
 * A one-pass reader of strict JSON (RFC 8259) straight into the policy tree the normaliser reads,
 * duplicate keys kept in order, every node located through `locate(start, end)` (offsets in the
 * text, end exclusive), or, without `locate`, at its line and column in the text itself, counted
 * as the scan goes (strict JSON breaks lines only between tokens). It is the fast path of src/policy/read-json.ts: it accepts a subset of what
 * momoa accepts, and returns null for anything else (a syntax error, a comment, a byte-order mark,
 * nesting deeper than `maxDepth`, a control character in a string), and the caller then parses the
 * text with momoa, which gives the same tree or the located error it always gave.
 */
import type { SourcePosition } from './model.js';
import type { PolicyTree, PolicyTreeMember } from './normalise.js';

export type Locate = (start: number, end: number) => SourcePosition;

/** A string literal without escapes or control characters, matched where `lastIndex` is. */
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings: finding them is the point.
const PLAIN_STRING = /"[^"\\\x00-\x1f]*"/y;

/** Thrown inside the scan only, for "not strict JSON", and turned into null: one instance, made once (no stack trace per rejection). */
const REJECT = new Error('not strict JSON');

export function scanJson(text: string, locate: Locate | null, maxDepth: number): PolicyTree | null {
  let at = 0;
  // The line `at` is on (1-based) and the offset that line starts at: line breaks as ESLint counts
  // them in JSON, \r\n, \n and a lone \r (as src/policy/source-text.ts).
  let line = 1;
  let lineStart = 0;

  const skipSpace = () => {
    for (;;) {
      const ch = text.charCodeAt(at);
      // Space, tab, line feed, carriage return: the only whitespace JSON allows.
      if (ch === 32 || ch === 9) at++;
      else if (ch === 10 || ch === 13) {
        at += ch === 13 && text.charCodeAt(at + 1) === 10 ? 2 : 1;
        line++;
        lineStart = at;
      } else return;
    }
  };

  /** Where a node that started at `start` (on `startLine`, column `startColumn`) and ends at `at` is. */
  const position = (start: number, startLine: number, startColumn: number): SourcePosition =>
    locate !== null ? locate(start, at) : { line: startLine, column: startColumn, endLine: line, endColumn: at - lineStart + 1, offset: start, endOffset: at };

  /** A string literal starting at `at` (its opening quote): its value; `at` moves past the closing quote. */
  const readString = (): string => {
    const start = at;
    // Most strings hold neither an escape nor a control character: one native match, no loop.
    PLAIN_STRING.lastIndex = start;
    if (PLAIN_STRING.test(text)) {
      at = PLAIN_STRING.lastIndex;
      return text.slice(start + 1, at - 1);
    }
    // An escape, a control character or no end: the literal ends at the first quote not escaped by
    // an odd run of backslashes, and JSON.parse decodes it, refusing exactly what JSON refuses in a
    // string (a control character, a bad escape). Both native: a policy given as an escaped string
    // (AWS CLI output) is a literal of a thousand characters, which a loop here read one by one.
    let end = at + 1;
    for (;;) {
      end = text.indexOf('"', end);
      if (end < 0) throw REJECT;
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 92 /* \ */) backslashes++;
      if (backslashes % 2 === 0) break;
      end++;
    }
    at = end + 1;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      throw REJECT;
    }
  };

  const digits = () => {
    const from = at;
    while (text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++;
    if (at === from) throw REJECT;
  };

  const readNumber = (): number => {
    const start = at;
    if (text.charCodeAt(at) === 45 /* - */) at++;
    // No leading zeros: 0, or a digit 1-9 and more.
    if (text.charCodeAt(at) === 48) at++;
    else digits();
    if (text.charCodeAt(at) === 46 /* . */) {
      at++;
      digits();
    }
    const e = text.charCodeAt(at);
    if (e === 101 || e === 69 /* e E */) {
      at++;
      const sign = text.charCodeAt(at);
      if (sign === 43 || sign === 45) at++;
      digits();
    }
    return Number(text.slice(start, at));
  };

  const word = (literal: string) => {
    if (!text.startsWith(literal, at)) throw REJECT;
    at += literal.length;
  };

  const readValue = (depth: number): PolicyTree => {
    const start = at;
    const startLine = line;
    const startColumn = at - lineStart + 1;
    const ch = text.charCodeAt(at);
    if (ch === 123 /* { */) {
      if (depth >= maxDepth) throw REJECT;
      at++;
      const members: PolicyTreeMember[] = [];
      skipSpace();
      if (text.charCodeAt(at) === 125 /* } */) {
        at++;
        return { type: 'object', position: position(start, startLine, startColumn), members };
      }
      for (;;) {
        skipSpace();
        if (text.charCodeAt(at) !== 34) throw REJECT;
        const nameStart = at;
        const nameColumn = at - lineStart + 1;
        const name = readString();
        const namePosition = position(nameStart, line, nameColumn);
        skipSpace();
        if (text.charCodeAt(at) !== 58 /* : */) throw REJECT;
        at++;
        skipSpace();
        members.push({ name, namePosition, value: readValue(depth + 1) });
        skipSpace();
        const next = text.charCodeAt(at++);
        if (next === 125) return { type: 'object', position: position(start, startLine, startColumn), members };
        if (next !== 44 /* , */) throw REJECT;
      }
    }
    if (ch === 91 /* [ */) {
      if (depth >= maxDepth) throw REJECT;
      at++;
      const elements: PolicyTree[] = [];
      skipSpace();
      if (text.charCodeAt(at) === 93 /* ] */) {
        at++;
        return { type: 'array', position: position(start, startLine, startColumn), elements };
      }
      for (;;) {
        skipSpace();
        elements.push(readValue(depth + 1));
        skipSpace();
        const next = text.charCodeAt(at++);
        if (next === 93) return { type: 'array', position: position(start, startLine, startColumn), elements };
        if (next !== 44) throw REJECT;
      }
    }
    if (ch === 34) {
      const value = readString();
      return { type: 'string', position: position(start, startLine, startColumn), value };
    }
    if (ch === 45 || (ch >= 48 && ch <= 57)) {
      const value = readNumber();
      return { type: 'number', position: position(start, startLine, startColumn), value };
    }
    if (ch === 116 /* t */ || ch === 102 /* f */) {
      word(ch === 116 ? 'true' : 'false');
      return { type: 'boolean', position: position(start, startLine, startColumn), value: ch === 116 };
    }
    word('null');
    return { type: 'null', position: position(start, startLine, startColumn) };
  };

  try {
    skipSpace();
    const root = readValue(0);
    skipSpace();
    return at === text.length ? root : null;
  } catch (error) {
    if (error === REJECT) return null;
    throw error;
  }
}
