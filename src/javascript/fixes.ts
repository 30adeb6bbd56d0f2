/**
 * The rules' edits (src/rule/edits.ts) as ESTree text edits: adding a property to an object
 * literal, or an argument to a call, bounding an expiry. Each returns null when the code has no
 * place to put it (the object is built elsewhere, the expiry is inside a string), so a rule offers
 * nothing rather than a wrong edit.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Edit } from '../rule/edits.js';
import { isGlobalName, memberName, type Context, type Node } from './ast.js';
import { resolveOrigin } from './origin.js';
import { propertyValue, resolveObjectLiteral } from './static-value.js';

export type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;

export function fixOf(context: Context, edit: Edit<Node>): Fix | null {
  switch (edit.kind) {
    case 'bound-expiry':
      return boundExpiryFix(context, edit.node, edit.limit);
    case 'set-option':
      return isCall(edit.call) ? setOptionFix(context, edit.call, edit.argument, edit.name, edit.value) : null;
    case 'set-client-setting': {
      if (edit.client.type !== 'NewExpression') return null;
      if (!edit.written) return setOptionFix(context, edit.client, 0, edit.name, edit.value);
      const written = edit.written;
      const parent = written.parent;
      return parent?.type === 'Property' || parent?.type === 'AssignmentExpression' ? (fixer) => fixer.replaceText(written, edit.value) : null;
    }
    case 'sign-headers':
      return isCall(edit.call) ? signHeadersFix(context, edit.call, edit.argument, edit.headers, edit.existing) : null;
  }
}

function isCall(node: Node): node is TSESTree.CallExpression | TSESTree.NewExpression {
  return node.type === 'CallExpression' || node.type === 'NewExpression';
}

/**
 * Sets `name: valueText` on the object literal `target` stands for: replaces the value when the
 * property is written there, adds the property otherwise.
 */
function setPropertyFix(context: Context, target: Node, name: string, valueText: string): Fix | null {
  const object = resolveObjectLiteral(context, target);
  if (!object) return null;
  const existing = propertyValue(context, object, name);
  if (existing.kind === 'found') {
    // Only a property written in this very literal: a value reached through a spread or a
    // `const` may be shared with other code.
    const own = object.properties.some((p) => p.type === 'Property' && p.value === existing.node);
    return own ? (fixer) => fixer.replaceText(existing.node, valueText) : null;
  }
  if (existing.kind === 'unknown') return null;
  return addPropertyFix(context, object, `${name}: ${valueText}`);
}

function addPropertyFix(context: Context, object: TSESTree.ObjectExpression, propertyText: string): Fix {
  const last = object.properties[object.properties.length - 1];
  if (!last) return (fixer) => fixer.replaceText(object, `{ ${propertyText} }`);
  const after = context.sourceCode.getTokenAfter(last);
  // Keep a trailing comma where the author wrote one.
  if (after?.value === ',') return (fixer) => fixer.insertTextAfter(after, ` ${propertyText},`);
  return (fixer) => fixer.insertTextAfter(last, `, ${propertyText}`);
}

/**
 * Sets `name: valueText` in the options object at `index` of `call`: in the object when it is
 * there, as a new `{ name: valueText }` argument when the call stops just before it.
 */
function setOptionFix(
  context: Context,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  name: string,
  valueText: string,
): Fix | null {
  const arg = call.arguments[index];
  if (arg) return arg.type === 'SpreadElement' ? null : setPropertyFix(context, arg, name, valueText);
  if (call.arguments.length !== index || call.arguments.some((a) => a.type === 'SpreadElement')) return null;
  return appendArgumentFix(context, call, `{ ${name}: ${valueText} }`);
}

/** Appends an argument to a call whose arguments are written in place. */
function appendArgumentFix(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression, text: string): Fix | null {
  const last = call.arguments[call.arguments.length - 1];
  if (last) {
    const after = context.sourceCode.getTokenAfter(last);
    if (after?.value === ',') return (fixer) => fixer.insertTextAfter(after, ` ${text},`);
    return (fixer) => fixer.insertTextAfter(last, `, ${text}`);
  }
  const closing = context.sourceCode.getLastToken(call);
  // `new S3Client` without parentheses has no place for arguments.
  if (closing?.value !== ')') return null;
  return (fixer) => fixer.insertTextBefore(closing, text);
}

/**
 * Bounds an expiry at `seconds`: a number literal becomes the bound, any other expression is
 * wrapped in `Math.min(..., seconds)` so the intent of the code stays visible. Only for duration
 * expiries (not GCS's points in time), and only as a suggestion: the right lifetime is a choice.
 */
function boundExpiryFix(context: Context, expiry: Node, seconds: number): Fix | null {
  // An expiry written inside a string (aws4's `path`) cannot be bounded in place.
  if (expiry.type === 'TemplateLiteral' || (expiry.type === 'Literal' && typeof expiry.value === 'string')) return null;
  if (expiry.type === 'Literal' && typeof expiry.value === 'number') return (fixer) => fixer.replaceText(expiry, String(seconds));
  // `String(ttl)`, `ttl.toString()` (aws4fetch's `searchParams.set('X-Amz-Expires', ...)`): bound the number inside.
  const inner =
    expiry.type !== 'CallExpression' ? null
    : expiry.arguments.length === 1 && isGlobalName(context, expiry.callee, 'String') ? expiry.arguments[0]!
    : expiry.arguments.length === 0 && expiry.callee.type === 'MemberExpression' && memberName(context, expiry.callee) === 'toString' ? expiry.callee.object
    : null;
  if (inner && inner.type !== 'SpreadElement') return boundExpiryFix(context, inner, seconds);
  const text = context.sourceCode.getText(expiry);
  return (fixer) => fixer.replaceText(expiry, `Math.min(${text}, ${seconds})`);
}

/** Adds the headers to an inline `new Set([...])`, or adds the `signableHeaders` option itself. */
function signHeadersFix(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression, argument: number, headers: readonly string[], existing: Node | null): Fix | null {
  const quoted = headers.map((h) => `'${h}'`);
  if (!existing) return setOptionFix(context, call, argument, 'signableHeaders', `new Set([${quoted.join(', ')}])`);
  const set = resolveOrigin(context, existing);
  if (set.type !== 'NewExpression' || !isGlobalName(context, set.callee, 'Set')) return null;
  const array = set.arguments[0] ? resolveOrigin(context, set.arguments[0]) : null;
  if (array?.type !== 'ArrayExpression') return null;
  const last = array.elements[array.elements.length - 1];
  if (!last) return (fixer) => fixer.replaceText(array, `[${quoted.join(', ')}]`);
  return (fixer) => fixer.insertTextAfter(last, `, ${quoted.join(', ')}`);
}
