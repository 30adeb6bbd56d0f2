/**
 * What type information adds when the user lints with typescript-eslint's `project` /
 * `projectService`: constants imported from other modules, and the class of a value whose
 * construction is in another module. Without type information every function here returns
 * null and costs nothing; TypeScript itself is only loaded when the parser already has it.
 */
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { known, type Possible } from '../presign/possible.js';
import type { Context, Node } from './ast.js';

interface Typed {
  readonly ts: typeof TS;
  readonly checker: TS.TypeChecker;
  readonly toTs: (node: Node) => TS.Node | undefined;
}

const requireFromHere = createRequire(import.meta.url);

function typed(context: Context): Typed | null {
  const services = context.sourceCode.parserServices;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return null;
  let ts: typeof TS;
  try {
    // The parser that produced `program` has loaded TypeScript already: this is a cache hit.
    ts = requireFromHere('typescript') as typeof TS;
  } catch {
    return null;
  }
  const map = services.esTreeNodeToTSNodeMap;
  return { ts, checker: services.program.getTypeChecker(), toTs: (node) => map.get(node as never) as TS.Node | undefined };
}

/** The value of an imported `const` (number or string), following re-exports and arithmetic. */
export function importedConstant(context: Context, identifier: TSESTree.Identifier): Possible | null {
  const t = typed(context);
  if (!t) return null;
  const tsNode = t.toTs(identifier);
  if (!tsNode) return null;
  const value = evaluateTs(t, tsNode, 0);
  return value === NO_VALUE ? null : known(value);
}

const NO_VALUE = Symbol('no value');
const MAX_DEPTH = 20;

function evaluateTs(t: Typed, node: TS.Node, depth: number): unknown {
  if (depth > MAX_DEPTH) return NO_VALUE;
  const { ts, checker } = t;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    return evaluateTs(t, node.expression, depth + 1);
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const v = evaluateTs(t, node.operand, depth + 1);
    return typeof v === 'number' ? -v : NO_VALUE;
  }
  if (ts.isBinaryExpression(node)) {
    const a = evaluateTs(t, node.left, depth + 1);
    const b = evaluateTs(t, node.right, depth + 1);
    if (a === NO_VALUE || b === NO_VALUE) return NO_VALUE;
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken:
        return (a as number) + (b as number);
      case ts.SyntaxKind.MinusToken:
        return (a as number) - (b as number);
      case ts.SyntaxKind.AsteriskToken:
        return (a as number) * (b as number);
      case ts.SyntaxKind.SlashToken:
        return (a as number) / (b as number);
      default:
        return NO_VALUE;
    }
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    const type = checker.getTypeAtLocation(node);
    if (type.isNumberLiteral() || type.isStringLiteral()) return type.value;
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (!declaration) return NO_VALUE;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const isConst = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
      return isConst ? evaluateTs(t, declaration.initializer, depth + 1) : NO_VALUE;
    }
    if (ts.isPropertyAssignment(declaration)) return evaluateTs(t, declaration.initializer, depth + 1);
    return NO_VALUE;
  }
  return NO_VALUE;
}

/**
 * The class (or interface) name of a value's type and the package that declares it, e.g.
 * `{ name: 'S3Client', module: '@aws-sdk/client-s3' }`. The module is read from the path of the
 * declaration file (`node_modules/<pkg>/...`). Unions and unknown types give null.
 */
export function declaredTypeOf(context: Context, node: Node): { name: string; module: string } | null {
  const t = typed(context);
  if (!t) return null;
  const tsNode = t.toTs(node);
  if (!tsNode) return null;
  const type = t.checker.getTypeAtLocation(tsNode);
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration) return null;
  const file = declaration.getSourceFile().fileName.replace(/\\/g, '/');
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (!match) return null;
  // Smithy and AWS SDK types are often declared in a sibling package (@aws-sdk/client-s3
  // re-exports S3Client from dist-types): the package name is what tells the SDK.
  return { name: symbol.getName(), module: match[1]! };
}
