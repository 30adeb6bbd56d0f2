/**
 * `${...}` in policy text. IAM reads some as its policy variables: a request context key
 * (`${aws:username}`, `${s3:prefix}`, `${cognito-identity.amazonaws.com:sub}`), optionally with a
 * default (`${aws:userid, 'anonymous'}`), and the escapes `${*}`, `${?}`, `${$}`. Everything else
 * is a variable of the tool that wrote the policy, replaced before IAM ever sees it: Serverless
 * Framework (`${self:custom.bucket}`, `${aws:accountId}`), Terraform (`${var.bucket_arn}`),
 * CloudFormation (`${AWS::AccountId}`, `${UploadBucket.Arn}`), envsubst (`${BUCKET}`). Those are
 * deploy-time values: unknown, but never policy variables and never literal text
 * (docs/facts.md#policy-variables, docs/facts.md#deploy-time-values).
 */
import { conditionKeyMatches, iamService } from './iam-data.js';
import type { UnknownPart } from './model.js';

export type VariableKind = 'policy-variable' | 'escape' | 'deploy-time';

export interface Variable {
  /** Index of the `$`. */
  readonly start: number;
  /** Index just after the closing `}`. */
  readonly end: number;
  /** Between the braces, as written. */
  readonly body: string;
  readonly kind: VariableKind;
}

/**
 * Every `${...}` of the text, left to right. Braces nest (`${file(./config.${sls:stage}.json):CREDS}`
 * is one Serverless variable); an unclosed `${` is plain text.
 */
export function variablesIn(text: string): Variable[] {
  const found: Variable[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) return found;
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    if (end >= text.length) return found;
    const body = text.slice(start + 2, end);
    found.push({ start, end: end + 1, body, kind: kindOf(body) });
    from = end + 1;
  }
}

/**
 * The text split into literal text and deploy-time values, or null when it holds no deploy-time
 * value (IAM policy variables stay inside the text: IAM substitutes them at evaluation).
 */
export function deployTimeParts(text: string): UnknownPart[] | null {
  // Every string of a policy passes here; most hold no variable at all.
  if (!text.includes('${')) return null;
  const variables = variablesIn(text).filter((v) => v.kind === 'deploy-time');
  if (variables.length === 0) return null;
  const parts: UnknownPart[] = [];
  let last = 0;
  for (const v of variables) {
    if (v.start > last) parts.push({ text: text.slice(last, v.start) });
    parts.push({ deployTime: text.slice(v.start, v.end) });
    last = v.end;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The IAM escapes: each stands for its character, never a wildcard. */
const ESCAPES = new Set(['*', '?', '$']);

/** Serverless Framework's own `aws:` variables; IAM has no such keys (docs/facts.md#policy-variables). */
const SERVERLESS_AWS_VARIABLES = new Set(['accountid', 'region']);

/**
 * Service prefixes that are also Serverless variable sources (`${s3:bucket/key}`, `${ssm:/path}`):
 * a policy variable only when the key is one the service documents.
 */
const SHARED_WITH_SERVERLESS = new Set(['s3', 'ssm']);

/** `prefix:name` of a condition key: no spaces, quotes, parentheses, braces or commas; the name does not start with `:` (`AWS::Region`). */
const CONDITION_KEY = /^([^\s:${}()'",]+):([^\s:${}()'",][^\s${}()'",]*)$/;

function kindOf(body: string): VariableKind {
  const trimmed = body.trim();
  if (ESCAPES.has(trimmed)) return 'escape';
  // IAM's default value: the key, a comma and space, the default in single quotes.
  const key = /^(.+?)\s*,\s*'[^']*'$/.exec(trimmed)?.[1] ?? trimmed;
  return isRequestContextKey(key) ? 'policy-variable' : 'deploy-time';
}

function isRequestContextKey(key: string): boolean {
  const match = CONDITION_KEY.exec(key);
  if (!match) return false;
  const prefix = match[1]!.toLowerCase();
  const name = match[2]!.toLowerCase();
  if (prefix === 'aws') return !SERVERLESS_AWS_VARIABLES.has(name);
  if (prefix === 'saml') return true;
  // Identity providers' keys are named after their host (`accounts.google.com:sub`, an OIDC
  // provider's URL); Serverless v2 wrote another Region's stack outputs as `${cf.us-west-2:stack.output}`.
  if (prefix.includes('.')) return !prefix.startsWith('cf.');
  const service = iamService(prefix);
  if (!service) return false;
  return !SHARED_WITH_SERVERLESS.has(prefix) || service.conditionKeys.some((documented) => conditionKeyMatches(documented, key));
}
