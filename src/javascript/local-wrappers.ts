/**
 * Presign wrappers the module itself calls: `async function presignDownload(key, ttl = 3600) {
 * return getSignedUrl(s3, cmd, { expiresIn: ttl }) }` called a few lines below with
 * `presignDownload(key, 90 * 24 * 3600)`. ESLint sees one file, so it can follow such a call only
 * inside the file: the site as each call makes it (its expiry is the call's argument), for the rules
 * whose verdict depends on the expiry. presign-audit follows wrappers across the whole program
 * (src/engine/javascript.ts) and leaves these in-file calls to the ESLint rules.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, unwrap, valueParent, variableOf, type Context, type Node } from './ast.js';
import type { Site } from './presign-sites.js';
import { evaluate } from './static-value.js';

/** One call of an in-file wrapper: the site as the call makes it, and the argument that gives the expiry. */
export interface LocalWrapperCall {
  readonly site: Site;
  readonly call: TSESTree.CallExpression;
  readonly argument: Node;
}

/** `ttl` that is the n-th parameter of its function (plain, or with a default value). */
export function parameterOf(context: Context, raw: Node): { fnNode: TSESTree.FunctionLike; index: number } | null {
  const node = unwrap(raw);
  if (node.type !== 'Identifier') return null;
  const def = variableOf(context, node)?.defs[0];
  if (def?.type !== 'Parameter') return null;
  const fn = def.node as Node;
  if (!isFunctionNode(fn)) return null;
  const index = fn.params.findIndex((p) => p === def.name || (p.type === 'AssignmentPattern' && p.left === def.name));
  return index === -1 ? null : { fnNode: fn, index };
}

/**
 * Every call, in this module, of a function declared here (`function f`, `const f = () => ...`)
 * whose parameter is the expiry of one of `sites`, with an argument at that parameter.
 */
export function localWrapperCalls(context: Context, sites: readonly Site[]): LocalWrapperCall[] {
  const out: LocalWrapperCall[] = [];
  for (const site of sites) {
    // A point in time (GCS `expires`, MinIO `setExpires`) given by the caller is no number of seconds.
    const param = site.expiry && site.api.expiry?.unit === 'seconds' ? parameterOf(context, site.expiry.node) : null;
    const name = param ? functionBinding(param.fnNode) : null;
    const variable = name ? variableOf(context, name) : null;
    if (!param || !variable) continue;
    for (const reference of variable.references) {
      const call = valueParent(reference.identifier);
      if (call?.type !== 'CallExpression' || unwrap(call.callee) !== reference.identifier) continue;
      const argument = call.arguments[param.index];
      // No argument: the default applies, which the site itself is read with.
      if (!argument || argument.type === 'SpreadElement') continue;
      out.push({ site: { ...site, expiry: { node: argument, seconds: evaluate(context, argument) } }, call, argument });
    }
  }
  return out;
}

/** The name a function is called by in its module: its declaration's, or the `const` it is assigned to. */
function functionBinding(fn: TSESTree.FunctionLike): TSESTree.Identifier | null {
  if (fn.type === 'FunctionDeclaration') return fn.id;
  const parent = fn.parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id : null;
}
