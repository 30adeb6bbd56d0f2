/**
 * Reads the policy of a presigned POST into `PostPolicyInfo` (src/presign/site.ts): the
 * `Conditions`, `Fields` and `Key` of v3 and v2 `createPresignedPost`, and the setter calls
 * on a MinIO `PostPolicy`. Each SDK turns these into the policy document S3 checks:
 * - @aws-sdk/s3-presigned-post: every `Fields` entry becomes `{ field: value }`; a `Key` ending
 *   in `${filename}` becomes `["starts-with", "$key", <the part before>]`, any other `{ key }`.
 * - aws-sdk v2 `createPresignedPost`: every `Fields` entry becomes `{ field: value }`.
 * - minio `PostPolicy`: `setKey` -> eq $key, `setKeyStartsWith` -> starts-with $key,
 *   `setContentType(StartsWith)`, `setContentLengthRange` -> content-length-range (minio 8.0.7).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { singleValue } from '../presign/possible.js';
import type { PostCondition, PostPolicyInfo } from '../presign/site.js';
import { memberName, propertyKey, unwrap, valueParent, variableOf, type Context, type Node } from './ast.js';
import { resolveOrigin } from './origin.js';
import { evaluate, propertyValue, resolveObjectLiteral } from './static-value.js';

/** The `${filename}` placeholder S3 replaces with the uploaded file's name. */
const FILENAME_PLACEHOLDER = '${filename}';

/** `createPresignedPost(client, params)` (v3, `keyParameter` true) or `s3.createPresignedPost(params)` (v2). */
export function readPostParams(context: Context, params: Node | undefined, keyParameter: boolean): PostPolicyInfo<Node> | null {
  if (!params || params.type === 'SpreadElement') return null;
  const object = resolveObjectLiteral(context, params);
  if (!object) return { node: params, conditions: [], complete: false };
  const conditions: PostCondition<Node>[] = [];
  let complete = true;
  let node: Node = object;

  const list = propertyValue(context, object, 'Conditions');
  if (list.kind === 'unknown') complete = false;
  if (list.kind === 'found') {
    node = list.node;
    const array = resolveOrigin(context, list.node);
    if (array.type !== 'ArrayExpression') complete = false;
    else {
      for (const element of array.elements) {
        const read = element && element.type !== 'SpreadElement' ? readCondition(context, element) : null;
        if (read) conditions.push(...read);
        else complete = false;
      }
    }
  }

  const fields = propertyValue(context, object, 'Fields');
  if (fields.kind === 'unknown') complete = false;
  if (fields.kind === 'found') {
    const fieldsObject = resolveObjectLiteral(context, fields.node);
    if (fieldsObject) complete = equalities(context, fieldsObject, conditions) && complete;
    else complete = false;
  }

  if (keyParameter) {
    const key = propertyValue(context, object, 'Key');
    if (key.kind === 'found') conditions.push(keyCondition(context, key.node));
    else if (key.kind === 'unknown') complete = false;
  }
  return { node, conditions, complete };
}

/** v3 `Key`: `uploads/${filename}` lets the uploader choose the rest of the key. */
function keyCondition(context: Context, node: Node): PostCondition<Node> {
  const value = constantString(context, node);
  if (value?.endsWith(FILENAME_PLACEHOLDER)) {
    return { kind: 'starts-with', field: 'key', value: value.slice(0, value.lastIndexOf(FILENAME_PLACEHOLDER)), node };
  }
  return { kind: 'eq', field: 'key', value, node };
}

/** One entry of `Conditions`: `["starts-with", "$key", "u/"]`, `["content-length-range", 0, 10]`, `{ key: "k" }`. */
function readCondition(context: Context, raw: Node): PostCondition<Node>[] | null {
  const element = resolveOrigin(context, raw);
  if (element.type === 'ObjectExpression') {
    const out: PostCondition<Node>[] = [];
    return equalities(context, element, out) ? out : null;
  }
  if (element.type !== 'ArrayExpression') return null;
  const [first, second, third] = element.elements;
  const operator = first && first.type !== 'SpreadElement' ? constantString(context, first) : null;
  if (operator?.toLowerCase() === 'content-length-range') return [{ kind: 'content-length-range', node: raw }];
  if (operator !== 'eq' && operator !== 'starts-with') return null;
  const field = second && second.type !== 'SpreadElement' ? constantString(context, second) : null;
  if (field === null) return null;
  const value = third && third.type !== 'SpreadElement' ? constantString(context, third) : null;
  return [{ kind: operator, field: fieldName(field), value, node: raw }];
}

/** `{ field: value }` entries are exact-match conditions. False when a key cannot be read. */
function equalities(context: Context, object: TSESTree.ObjectExpression, into: PostCondition<Node>[]): boolean {
  let complete = true;
  for (const prop of object.properties) {
    const key = prop.type === 'Property' ? propertyKey(context, prop) : null;
    if (prop.type !== 'Property' || key === null) {
      complete = false;
      continue;
    }
    into.push({ kind: 'eq', field: fieldName(key), value: constantString(context, prop.value), node: prop });
  }
  return complete;
}

const MINIO_SETTERS: Readonly<Record<string, (call: TSESTree.CallExpression, context: Context) => PostCondition<Node> | null>> = {
  setKey: (call, context) => setterCondition(call, context, 'eq', 'key'),
  setKeyStartsWith: (call, context) => setterCondition(call, context, 'starts-with', 'key'),
  setContentType: (call, context) => setterCondition(call, context, 'eq', 'content-type'),
  setContentTypeStartsWith: (call, context) => setterCondition(call, context, 'starts-with', 'content-type'),
  setContentLengthRange: (call) => ({ kind: 'content-length-range', node: call }),
};

/** Setters that do not add a condition we check, and so leave the reading complete. */
const MINIO_NEUTRAL_SETTERS: ReadonlySet<string> = new Set(['setBucket', 'setExpires', 'setContentDisposition', 'setUserMetaData']);

function setterCondition(call: TSESTree.CallExpression, context: Context, kind: 'eq' | 'starts-with', field: string): PostCondition<Node> {
  const arg = call.arguments[0];
  const value = arg && arg.type !== 'SpreadElement' ? constantString(context, arg) : null;
  return { kind, field, value, node: call };
}

/**
 * A MinIO `PostPolicy` made in this module (`new PostPolicy()` or `client.newPostPolicy()`,
 * recognised by `isPolicy`) and filled by setter calls on the variable that holds it.
 * Also gives the `setExpires` argument: the policy's expiry, which MinIO defaults to 7 days.
 */
export function readMinioPostPolicy(
  context: Context,
  arg: Node | undefined,
  presignCall: Node,
  isPolicy: (origin: Node) => boolean,
): { post: PostPolicyInfo<Node>; expires: Node | null } | null {
  if (!arg || arg.type === 'SpreadElement') return null;
  const origin = resolveOrigin(context, arg);
  if (!isPolicy(origin)) return { post: { node: arg, conditions: [], complete: false }, expires: null };
  const declarator = valueParent(origin);
  const variable =
    declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier' ? variableOf(context, declarator.id) : null;
  if (!variable) return { post: { node: origin, conditions: [], complete: false }, expires: null };
  const conditions: PostCondition<Node>[] = [];
  let complete = true;
  let expires: Node | null = null;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const use = valueParent(reference.identifier);
    if (use?.type === 'MemberExpression' && use.object === reference.identifier) {
      const call = valueParent(use);
      const name = memberName(context, use);
      if (call?.type === 'CallExpression' && unwrap(call.callee) === use && name !== null) {
        const setter = MINIO_SETTERS[name];
        if (setter) {
          const condition = setter(call, context);
          if (condition) conditions.push(condition);
          continue;
        }
        if (name === 'setExpires') {
          expires = call.arguments[0] && call.arguments[0].type !== 'SpreadElement' ? call.arguments[0] : call;
          continue;
        }
        if (MINIO_NEUTRAL_SETTERS.has(name)) continue;
      }
    }
    // Passed to the presign call itself: not an escape. Anything else may add conditions we cannot see.
    if (use === presignCall) continue;
    complete = false;
  }
  return { post: { node: origin, conditions, complete }, expires };
}

/** `$Content-Type` -> `content-type`: POST form fields match without case. */
function fieldName(raw: string): string {
  return (raw.startsWith('$') ? raw.slice(1) : raw).toLowerCase();
}

function constantString(context: Context, node: Node): string | null {
  const value = singleValue(evaluate(context, node));
  return value && typeof value.value === 'string' ? value.value : null;
}
