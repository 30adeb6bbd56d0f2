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
  readonly expiry: { readonly node: N; readonly seconds: Possible; readonly written?: PointInTime } | null;
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
  /**
   * Where the call's result goes: every call argument the reader sees it reach (see `UrlFlow`).
   * Computed on first read and kept (`withLazyFlows`), so rules that do not read it cost nothing.
   * A site derived by spreading (`{ ...site, expiry }`, presign-audit's view of a wrapper call)
   * gets the original's flows: spreading reads them once, and the derived site shares that array.
   * They are the flows of the SDK call, followed from `site.node` of the original.
   */
  readonly flows: readonly UrlFlow<N>[];
}

/**
 * How the code wrote an expiry that the API takes as a point in time, when the reader can tell:
 * what presign/min-expiry needs to see a unit mixed up.
 * - `now-plus-milliseconds`: an offset added to a millisecond clock (`Date.now() + n`, `new
 *   Date(Date.now() + n)`); `seconds` is n / 1000.
 * - `constant-time`: a fixed point in time, in seconds since the epoch (google-cloud-storage V2
 *   `expiration=3600` is 1 January 1970, 01:00 UTC); `seconds` is then unknown.
 */
export type PointInTime = { readonly kind: 'now-plus-milliseconds' } | { readonly kind: 'constant-time'; readonly epochSeconds: number };

/**
 * One place the presign call's result (the URL, a presigned POST's `{ url, fields }`, or a
 * value made from or holding them) is passed as the argument of a call or `new`, as the reader
 * follows it through the module. The reader states the facts of the language (is this call a
 * log, an HTTP request, and with which method); the rules decide what matters.
 */
export interface UrlFlow<N> {
  /** The argument that carries the value (for a Python keyword argument, its value). */
  readonly argument: N;
  /** The call (or `new`) it is passed to. */
  readonly call: N;
  /**
   * The callee's dotted name as written, without `this.`/`self.`: `logger.info`, `print`,
   * `UploadError`; null when the callee is not made of names (`handlers[0](url)`). In JS, a
   * child logger's `.child(...)` is skipped: `logger.child({ id }).info` is `logger.info`.
   */
  readonly callee: string | null;
  /**
   * The value is, or holds, a part of the result that grants access (the URL, a POST's signed
   * fields): `holdsSecret` in src/presign/results.ts. False for a Promise of it, and for the
   * parts that grant nothing (a POST's `url`, the bucket's address).
   */
  readonly secret: boolean;
  /**
   * The value is the URL to send the request to (or a string or `URL` object made from it),
   * itself or at `url` of an object (`axios({ url })`): a request made with this argument goes
   * to the presigned URL. False for a Promise of it and for a string that serialises a container
   * holding it.
   */
  readonly requestUrl: boolean;
  /** How the language's own logging and errors take the argument; null when the call is neither. */
  readonly sink: UrlSink | null;
  /**
   * The HTTP request the call makes to a URL at this argument, at the place the value sits in it
   * (`fetch(x)`, `axios({ url: x })`, `requests.request('PUT', x)`); null when the call is no
   * HTTP client the reader knows, or takes its URL elsewhere.
   */
  readonly request: HttpRequestInfo | null;
}

export interface UrlSink {
  /** `log`: a logger, `console`, `print`, stdout; `error`: an error or exception made with it. */
  readonly kind: 'log' | 'error';
  /** How a message names the sink: `console.log`, `logging.info`, `UploadError`. */
  readonly name: string;
}

export interface HttpRequestInfo {
  /** How a message names the call: `fetch`, `axios.post`, `XMLHttpRequest#open`, `requests.put`. */
  readonly client: string;
  /** The method, upper case; null when the code does not show it. */
  readonly method: string | null;
  /** True when the code gives no method and the library's default applies (GET, or POST with a body for urllib). */
  readonly defaulted: boolean;
}

/**
 * Gives `site` its `flows`, computed by `follow` on first read and then kept on the site. The
 * property is an enumerable getter so that `{ ...site }` copies it (as the array it computes).
 */
export function withLazyFlows<N>(site: Omit<PresignSite<N>, 'flows'>, follow: (site: PresignSite<N>) => readonly UrlFlow<N>[]): PresignSite<N> {
  const full = site as PresignSite<N>;
  Object.defineProperty(full, 'flows', {
    enumerable: true,
    configurable: true,
    get(): readonly UrlFlow<N>[] {
      const flows = follow(full);
      Object.defineProperty(full, 'flows', { value: flows, enumerable: true, writable: false, configurable: false });
      return flows;
    },
  });
  return full;
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
  | 'not-in-catalogue'
  /** One of several constant commands the code shows (`isHead ? HeadObjectCommand : GetObjectCommand`), of different methods: explicit, not reported. */
  | 'one-of-several';

export type MethodInfo<N> =
  | {
      readonly kind: 'known';
      readonly method: HttpMethod;
      /**
       * Set when the API takes the method as an argument (boto3 `HttpMethod`) and the call does not
       * pass it, so the SDK signs the operation's own method: known, but not written in the call.
       */
      readonly implicit?: { readonly node: N; readonly parameter: string; readonly operation: string };
    }
  | { readonly kind: 'unknown'; readonly reason: MethodUnknownReason; readonly node: N };

export interface ClientInfo<N> {
  /** Where the client (or signer) is constructed. */
  readonly node: N;
  /** Settings given to the constructor, by name; absent names were not set. */
  readonly settings: ReadonlyMap<string, { readonly node: N; readonly value: Possible }>;
  /** False when the settings object could not be read whole (a spread of unknown values). */
  readonly settingsComplete: boolean;
  readonly credentials: CredentialsInfo<N>;
  /**
   * AWS SDK v3: false when the project installs only @aws-sdk/client-s3 releases that add no
   * default request checksum (before 3.729.0, read from its lockfile); absent when unknown.
   */
  readonly defaultChecksums?: boolean;
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

