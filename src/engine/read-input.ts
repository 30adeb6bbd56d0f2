/**
 * Bytes on disk to the text a reader parses, refusing what is not a text file with a located
 * message: FIFOs and devices (reading them would block or never end), files above the size limit
 * (checked before more than the first 64 KiB are read, and the read itself is bounded), binary
 * files, and bytes that are not UTF-8. Byte-order marks are dropped, as ESLint drops them, so line
 * 1's columns match its reports; UTF-16 with a byte-order mark (what Windows PowerShell 5's `>`
 * writes, e.g. for `aws iam get-role-policy > policy.json`) is decoded.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { inputProblem, type InputProblemId } from '../core/problems.js';
import type { LintMessage } from '../core/results.js';
import { MAX_POLICY_FILE_BYTES } from '../policy/read-json.js';

/** Why a file's text is not given: a located message. */
interface Refusal {
  readonly problem: LintMessage;
}
export type InputText = { readonly text: string } | Refusal;

const problem = (id: InputProblemId & ('presign-audit/unreadable' | 'presign-audit/too-large' | 'presign-audit/not-text'), message: string, line = 1, column = 1): Refusal => ({
  problem: inputProblem(id, message, { line, column }),
});

export function readInputFile(file: string): InputText {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO returns at once instead of waiting for a writer (0 on Windows).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return problem('presign-audit/unreadable', `Cannot read the file: ${(error as Error).message}`);
  }
  try {
    const bytes = readWhole(fd);
    return 'problem' in bytes ? bytes : decodeText(bytes);
  } catch (error) {
    return problem('presign-audit/unreadable', `Cannot read the file: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Where a file is read first: most policy files fit, and are then read without asking the
 * descriptor's `fstat`, which with the `Stats` object Node makes of it was about a sixth of the
 * reader's time (95 to 101 ms without it over 5,000 files, 107 to 123 with it: docs/performance.md,
 * "Reading without fstat, and what depends on a document's kinds worked out once"). One buffer for
 * the module: each read's bytes are decoded to a string (a copy) before `readInputFile` returns,
 * so nothing keeps them.
 */
const firstRead = Buffer.allocUnsafe(64 * 1024);

/**
 * The file's bytes, or why it is not read. Reads at offsets (`pread`), which a FIFO, socket or
 * terminal refuses (ESPIPE) before giving any byte; `fstat` then names what it is. A read that
 * fills the first buffer, or gives nothing, asks `fstat` too: a device such as /dev/zero never
 * ends and /dev/null gives nothing, and a large file's size is checked against the limit before
 * more of it is read. (A device that gives a few bytes at offsets and then ends is read as text.)
 */
function readWhole(fd: number): Uint8Array | Refusal {
  let length = 0;
  try {
    for (let read = -1; read !== 0 && length < firstRead.length; length += read) read = readSync(fd, firstRead, length, firstRead.length - length, length);
  } catch (error) {
    const refusal = refusalOf(fstatSync(fd));
    if (refusal !== null) return refusal;
    throw error;
  }
  if (length > 0 && length < firstRead.length) return firstRead.subarray(0, length);
  const stat = fstatSync(fd);
  const refusal = refusalOf(stat);
  if (refusal !== null) return refusal;
  if (length === 0 || stat.size <= length) return firstRead.subarray(0, Math.min(length, stat.size));
  // At most the size fstat saw (under the limit): a file that grows meanwhile is read as it was.
  const buffer = Buffer.allocUnsafe(stat.size);
  firstRead.copy(buffer, 0, 0, length);
  for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, length);
  return buffer.subarray(0, length);
}

function refusalOf(stat: Stats): Refusal | null {
  if (!stat.isFile()) return problem('presign-audit/unreadable', 'Not a regular file (a FIFO, socket or device); it was not read.');
  if (stat.size > MAX_POLICY_FILE_BYTES) {
    return problem('presign-audit/too-large', `File is ${stat.size} bytes, above the limit of ${MAX_POLICY_FILE_BYTES} bytes (10 MiB); a policy is at most 20 KB. It was not analysed.`);
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false });

/** UTF-8 (with or without a BOM) or UTF-16 with a BOM, to text without the BOM. */
export function decodeText(bytes: Uint8Array): InputText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'BE');
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = lineColumnOfByte(bytes, nul);
    return problem('presign-audit/not-text', `A NUL byte at ${line}:${column}: this is a binary file, or UTF-16 text without a byte-order mark. presign-audit reads UTF-8 text (or UTF-16 with a byte-order mark).`, line, column);
  }
  try {
    // The fatal decoder drops a UTF-8 BOM itself (ignoreBOM: false).
    return { text: utf8.decode(bytes) };
  } catch {
    const { line, column } = lineColumnOfByte(bytes, firstInvalidUtf8(bytes));
    return problem('presign-audit/not-text', `The file is not valid UTF-8 (the first bad byte is at ${line}:${column}); save it as UTF-8. A binary file (an image, an archive) given a .json name looks like this too.`, line, column);
  }
}

function decodeUtf16(bytes: Uint8Array, order: 'LE' | 'BE'): InputText {
  if (bytes.length % 2 !== 0) return problem('presign-audit/not-text', `The file starts with a UTF-16 ${order} byte-order mark but has an odd number of bytes; it is not UTF-16 text.`);
  // Big-endian is swapped to little-endian: Node's small-ICU builds decode only UTF-16 LE.
  const le = order === 'LE' ? bytes : Buffer.from(bytes).swap16();
  try {
    return { text: utf16le.decode(le) };
  } catch {
    return problem('presign-audit/not-text', `The file starts with a UTF-16 ${order} byte-order mark but holds unpaired surrogates; it is not UTF-16 text.`);
  }
}

/** The offset of the first byte that breaks UTF-8 (overlongs, surrogates and values past U+10FFFF included). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return i;
}

/** 1-based line and column (in UTF-16 units, as positions are counted) of a byte in valid UTF-8 up to it. */
function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString('utf8').replace(/^\uFEFF/, '');
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
