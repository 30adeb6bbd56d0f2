/** Message text: ESLint's `{{name}}` placeholders, filled the way ESLint fills them. */

/** Policy text quoted in a message is cut past this: a 1 MB ARN helps no reader. */
const MAX_QUOTED_LENGTH = 200;

/** Text for a message, cut past `limit` characters. */
export function clipped(text: string, limit = MAX_QUOTED_LENGTH): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} characters)` : text;
}

/**
 * Fills `{{name}}` placeholders, as ESLint does; unknown names stay as written. The pieces are
 * joined once, into one flat string: a run keeps thousands of messages until it reports them, and a
 * message built with `+=` is a chain of string pieces that every garbage collection copies
 * (82 million fewer instructions over the bench's 5,000 policies: docs/performance.md, "Reading
 * without fstat, and what depends on a document's kinds worked out once").
 */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  const parts = partsOf(template);
  const pieces = [parts[0]!];
  for (let i = 1; i < parts.length; i += 3) {
    const name = parts[i + 1]!;
    // A value may join several quotes (a list of reasons), so the net for unclipped quotes is wider.
    pieces.push(Object.hasOwn(data, name) ? clipped(String(data[name]), 10 * MAX_QUOTED_LENGTH) : parts[i]!, parts[i + 2]!);
  }
  return pieces.join('');
}

/**
 * A template split once at its placeholders: text, then for each placeholder its whole text, its
 * name and the text after it. A run fills the same few dozen templates thousands of times.
 */
function partsOf(template: string): readonly string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    const split: string[] = [];
    let last = 0;
    for (const match of template.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) {
      split.push(template.slice(last, match.index), match[0], match[1]!);
      last = match.index + match[0].length;
    }
    split.push(template.slice(last));
    templateParts.set(template, (parts = split));
  }
  return parts;
}

/** `partsOf`' answers: the rules' message templates (src/rule/run.ts fills only those), a fixed few dozen. */
const templateParts = new Map<string, readonly string[]>();
