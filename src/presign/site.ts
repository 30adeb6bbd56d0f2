/**
 * The presign site: what one pre-sign call does, as every code reader (ESLint, the
 * whole-program reader) reports it and every code check consumes it. `N` is the reader's
 * node type, so a check can point at the exact place without knowing which reader ran.
 */
import type { PresignApi } from './apis.js';
import type { HttpMethod } from './commands.js';
import type { CredentialSourceKind } from './credentials.js';
import type { Possible } from './possible.js';

export interface PresignSite<N> {
  readonly api: PresignApi;
  /** The pre-sign call. */
  readonly node: N;
  /**
   * The expiry the call passes, in seconds (for absolute-time APIs, `expires - now` when the code
   * shows it); null when the call passes none and the SDK default applies.
   */
  readonly expiry: { readonly node: N; readonly seconds: Possible } | null;
  readonly method: MethodInfo<N>;
  /** The S3 operation (PascalCase, `PutObject`) when the code names it. */
  readonly operation: string | null;
  /** The client or signer that signs, when the code shows where it was made. */
  readonly client: ClientInfo<N> | null;
  /** True or false when the code shows which signature is used; null when it cannot be told. */
  readonly sigv4: boolean | null;
  /**
   * The S3 operation's parameters as the code passes them (the v3 command's input, the v2
   * `params`); null when the API takes none or the code does not show them.
   */
  readonly parameters: NamedValues<N> | null;
  /** The `signableHeaders` option of a v3 presigner call; null when the call does not pass one. */
  readonly signableHeaders: SignableHeadersInfo<N> | null;
  /** The policy of a presigned POST (v3, v2, MinIO `PostPolicy`); null for other APIs. */
  readonly post: PostPolicyInfo<N> | null;
}

/**
 * The parts of a site a reader can fill and a rule can read. A reader declares the fields it fills
 * (its sites leave the others at null or empty); a rule declares the fields its verdict depends on.
 * `api` and `node` are always there and are not listed.
 */
export const SITE_FIELDS = ['expiry', 'method', 'operation', 'client', 'credentials', 'sigv4', 'parameters', 'signableHeaders', 'post', 'flows'] as const;

export type SiteField = (typeof SITE_FIELDS)[number];

/** An object the code passes, read property by property. */
export interface NamedValues<N> {
  readonly node: N;
  /** Properties by name; absent names were not set. */
  readonly entries: ReadonlyMap<string, { readonly node: N; readonly value: Possible }>;
  /** False when the object could not be read whole (a spread of unknown values, a computed key). */
  readonly complete: boolean;
}

export interface SignableHeadersInfo<N> {
  readonly node: N;
  /** Lower-case header names, or null when the set cannot be read. */
  readonly names: ReadonlySet<string> | null;
}

/** The conditions of a presigned POST policy, as S3 will check them. */
export interface PostPolicyInfo<N> {
  /** Where the policy is written: the `Conditions` array, the params object, or the `PostPolicy`. */
  readonly node: N;
  readonly conditions: readonly PostCondition<N>[];
  /** False when some conditions could not be read (a spread, a value made elsewhere). */
  readonly complete: boolean;
}

export type PostCondition<N> =
  | { readonly kind: 'content-length-range'; readonly node: N }
  | {
      readonly kind: 'eq' | 'starts-with';
      /** The form field, lower case without `$`: `key`, `content-type`. */
      readonly field: string;
      /** The value or prefix when it is a constant string. */
      readonly value: string | null;
      readonly node: N;
    };

export type MethodUnknownReason =
  | 'operation-not-constant'
  | 'command-unresolved'
  | 'request-without-method'
  | 'request-unresolved'
  | 'method-not-constant'
  | 'action-not-constant'
  | 'method-missing'
  /** A constant operation the SDK knows but our catalogue has no method for: explicit, not reported. */
  | 'not-in-catalogue';

export type MethodInfo<N> =
  | { readonly kind: 'known'; readonly method: HttpMethod }
  | { readonly kind: 'unknown'; readonly reason: MethodUnknownReason; readonly node: N };

export interface ClientInfo<N> {
  /** Where the client (or signer) is constructed. */
  readonly node: N;
  /** Settings given to the constructor, by name; absent names were not set. */
  readonly settings: ReadonlyMap<string, { readonly node: N; readonly value: Possible }>;
  /** False when the settings object could not be read whole (a spread of unknown values). */
  readonly settingsComplete: boolean;
  readonly credentials: CredentialsInfo<N>;
}

export type CredentialsInfo<N> =
  | {
      readonly kind: 'temporary';
      readonly source: CredentialSourceKind;
      readonly node: N;
      /** `DurationSeconds` when the code passes one; null for the source's default. */
      readonly durationSeconds: Possible | null;
    }
  | { readonly kind: 'long-term'; readonly node: N }
  | { readonly kind: 'unknown' };

/** A problem a check found, pointing at a node of the reader that made the site. */
export interface Finding<N, M extends string = string> {
  readonly node: N;
  readonly messageId: M;
  readonly data: Readonly<Record<string, string | number>>;
}
