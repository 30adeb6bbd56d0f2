/** Message text: ESLint's `{{name}}` placeholders, filled the way ESLint fills them. */

/** Policy text quoted in a message is cut past this: a 1 MB ARN helps no reader. */
const MAX_QUOTED_LENGTH = 200;

/** Text for a message, cut past `limit` characters. */
export function clipped(text: string, limit = MAX_QUOTED_LENGTH): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} characters)` : text;
}

/** Fills `{{name}}` placeholders, as ESLint does; unknown names stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  // A value may join several quotes (a list of reasons), so the net for unclipped quotes is wider.
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? clipped(String(data[name]), 10 * MAX_QUOTED_LENGTH) : whole));
}
