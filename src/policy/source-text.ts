/**
 * Turning offsets into lines and columns, for a file and for a JSON document embedded in one of
 * its strings (`{"Policy": "{\"Statement\": ...}"}`), so positions always point into the file.
 */
import type { SourcePosition } from './model.js';

export class SourceText {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    // Line breaks as ESLint counts them in JSON: \r\n, \n and a lone \r.
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /** 1-based line and column of a 0-based offset. */
  lineColumn(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  position(offset: number, endOffset: number): SourcePosition {
    const start = this.lineColumn(offset);
    const end = this.lineColumn(endOffset);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, offset, endOffset };
  }
}

/** Maps offsets of a text being parsed to offsets in the file it was read from. */
export type OffsetMap = (offset: number) => number;

export const identityOffsets: OffsetMap = (offset) => offset;

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes the body of a JSON string literal (without its quotes) that starts at `fileOffset`, and
 * maps every decoded UTF-16 unit back to the file offset of the raw character(s) it came from.
 * `\n` is two raw characters and `\u0041` six, so an embedded document's positions shift by escape.
 * The map has one extra entry for the end (the closing quote).
 */
export function decodeJsonStringBody(raw: string, fileOffset: number): { value: string; map: OffsetMap } {
  const units: string[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch !== '\\') {
      units.push(ch);
      offsets.push(fileOffset + i);
      i++;
      continue;
    }
    const next = raw[i + 1] ?? '';
    if (next === 'u') {
      units.push(String.fromCharCode(Number.parseInt(raw.slice(i + 2, i + 6), 16)));
      offsets.push(fileOffset + i);
      i += 6;
    } else {
      units.push(SIMPLE_ESCAPES[next] ?? next);
      offsets.push(fileOffset + i);
      i += 2;
    }
  }
  offsets.push(fileOffset + raw.length);
  const last = offsets.length - 1;
  return { value: units.join(''), map: (offset) => offsets[Math.min(Math.max(offset, 0), last)]! };
}
