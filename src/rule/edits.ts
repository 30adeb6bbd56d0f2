/**
 * The edits a code rule can offer, described without any reader's syntax: the ESLint adapter turns
 * each into text edits (src/eslint/edits.ts) or offers nothing when the code has no place for it
 * (an object built elsewhere, an expiry written inside a string). Readers without fixes ignore them.
 */
export type Edit<N> =
  /** Bound a duration expiry at `limit` seconds: a number becomes the bound, an expression `Math.min(expr, limit)`. */
  | { readonly kind: 'bound-expiry'; readonly node: N; readonly limit: number }
  /** Set `name: value` in the options object at argument `argument` of `call` (added when absent). */
  | { readonly kind: 'set-option'; readonly call: N; readonly argument: number; readonly name: string; readonly value: string }
  /**
   * Set a client setting to `value`: where `written` (the setting's value node) is written as a
   * property or an assignment, replace it there; otherwise add it to the constructor's options.
   */
  | { readonly kind: 'set-client-setting'; readonly client: N; readonly name: string; readonly value: string; readonly written: N | null }
  /** Add header names to a v3 presigner call's `signableHeaders` (the inline `new Set([...])`, or a new option). */
  | { readonly kind: 'sign-headers'; readonly call: N; readonly argument: number; readonly headers: readonly string[]; readonly existing: N | null };
