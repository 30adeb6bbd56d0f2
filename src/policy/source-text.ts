/**
 * Turning offsets into lines and columns, for a file and for a JSON document embedded in one of
 * its strings (`{"Policy": "{\"Statement\": ...}"}`), so positions always point into the file.
 */
import type { SourcePosition } from './model.js';

export class SourceText {
  /** Where each line starts; counted on the first question (a strict JSON file is located by its scan, and asks none). */
  private starts: number[] | null = null;

  constructor(readonly text: string) {}

  private get lineStarts(): number[] {
    if (this.starts !== null) return this.starts;
    const { text } = this;
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
    return (this.starts = starts);
  }

  /** 1-based line and column of a 0-based offset. */
  lineColumn(offset: number): { line: number; column: number } {
    const lineStarts = this.lineStarts;
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
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

/**
 * Maps each decoded UTF-16 unit of the body of a JSON string literal (without its quotes), which
 * starts at `fileOffset`, back to the file offset of the raw character(s) it came from: `\n` is
 * two raw characters and `\u0041` six, so an embedded document's positions shift by escape. The
 * decoded text itself is the string node's value (the JSON reader decoded it already). The map
 * has one extra entry for the end (the closing quote).
 */
export function stringBodyOffsets(raw: string, fileOffset: number): OffsetMap {
  // One decoded unit per plain character, per two-character escape and per \uXXXX.
  const offsets = new Int32Array(raw.length + 1);
  let units = 0;
  for (let i = 0; i < raw.length; units++) {
    offsets[units] = fileOffset + i;
    i += raw.charCodeAt(i) !== 92 /* \ */ ? 1 : raw.charCodeAt(i + 1) === 117 /* u */ ? 6 : 2;
  }
  offsets[units] = fileOffset + raw.length;
  return (offset) => offsets[Math.min(Math.max(offset, 0), units)]!;
}
