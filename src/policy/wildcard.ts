/**
 * IAM wildcard matching (`*` any run, `?` one character) without backtracking: the pattern is
 * split at `*`; the first piece must match at the start, the last at the end, and each middle
 * piece at its leftmost place after the previous one. Leftmost is always safe, so every piece
 * is searched once: O(text × pattern) at worst, never exponential
 * (`s3:*a*a*a*a*a*a*a*a*a*a*b` against a long name returns at once).
 */

export interface WildcardOptions {
  /** Action names and condition keys compare case-insensitively; ARNs and values do not. */
  readonly caseInsensitive?: boolean;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

export function wildcardMatch(pattern: string, text: string, options: WildcardOptions = {}): boolean {
  if (options.caseInsensitive) {
    pattern = pattern.toLowerCase();
    text = text.toLowerCase();
  }
  // The common shapes, a name and a name with one trailing `*`, are matched without splitting.
  const star = pattern.indexOf('*');
  if (star < 0) return text.length === pattern.length && pieceMatchesAt(pattern, text, 0);
  if (star === pattern.length - 1) return text.length >= star && pieceMatchesAt(pattern, text, 0, star);
  const pieces = pattern.split('*');
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (first.length + last.length > text.length) return false;
  if (!pieceMatchesAt(first, text, 0)) return false;
  if (!pieceMatchesAt(last, text, text.length - last.length)) return false;
  let cursor = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece === '') continue;
    const found = findPiece(piece, text, cursor, end);
    if (found < 0) return false;
    cursor = found + piece.length;
  }
  return true;
}

/**
 * `wildcardMatch` with the pattern fixed, for matching one pattern against many texts (a service's
 * actions): the common shapes (no wildcard, one trailing `*`) become a comparison, and the rest
 * is split once instead of once per text.
 */
export function compileWildcard(pattern: string): (text: string) => boolean {
  if (!hasWildcard(pattern)) return (text) => text === pattern;
  const star = pattern.indexOf('*');
  if (star === pattern.length - 1 && !pattern.includes('?')) {
    const prefix = pattern.slice(0, -1);
    return (text) => text.startsWith(prefix);
  }
  return (text) => wildcardMatch(pattern, text);
}

/** Whether the piece's first `length` characters (all by default) match the text at `at`. */
function pieceMatchesAt(piece: string, text: string, at: number, length = piece.length): boolean {
  for (let i = 0; i < length; i++) {
    const p = piece.charCodeAt(i);
    if (p !== 63 /* ? */ && p !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** Leftmost index in [from, end - piece.length] where the piece matches, or -1. */
function findPiece(piece: string, text: string, from: number, end: number): number {
  if (!piece.includes('?')) {
    const found = text.indexOf(piece, from);
    return found >= 0 && found + piece.length <= end ? found : -1;
  }
  for (let at = from; at + piece.length <= end; at++) {
    if (pieceMatchesAt(piece, text, at)) return at;
  }
  return -1;
}
