/**
 * What type information adds when the user lints with typescript-eslint's `project` /
 * `projectService`: where an imported value is declared in another module (read there by the
 * same readers, in a module view), and the declared class of a value. Without type information
 * every function here returns null and costs nothing; TypeScript itself is only loaded when the
 * parser already has it.
 */
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import type { Context, Node } from './ast.js';
import { moduleContext } from './module-view.js';

interface Typed {
  readonly ts: typeof TS;
  readonly program: TS.Program;
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
  return { ts, program: services.program, checker: services.program.getTypeChecker(), toTs: (node) => map.get(node as never) };
}

/**
 * Where the value of an imported binding is written (`import { TTL } from './limits'`,
 * `const { s3 } = require('./clients')`), following re-exports (`export { TTL } from`,
 * `export * from`) through the checker: the node that gives the value, in the `Context` of the
 * module that declares it (a module view, see module-view.ts), for the same readers to run
 * there. Null without type information, for bindings of packages (their declaration files hold
 * types, not values) and for declarations that are not values (functions, classes, namespaces).
 */
export function importedDeclaration(context: Context, identifier: TSESTree.Identifier): { context: Context; node: Node } | null {
  const t = typed(context);
  const tsNode = t?.toTs(identifier);
  if (!t || !tsNode) return null;
  const { ts, program, checker } = t;
  let symbol = checker.getSymbolAtLocation(tsNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  const target = declaration && valueNode(ts, declaration);
  if (!target) return null;
  const file = target.getSourceFile();
  // The asker's own declarations are its readers' to follow (or not: a parameter, a `let`).
  if (file === t.toTs(context.sourceCode.ast)) return null;
  if (program.isSourceFileFromExternalLibrary(file) || program.isSourceFileDefaultLibrary(file)) return null;
  const where = moduleContext(context, file);
  const node = where?.sourceCode.parserServices?.tsNodeToESTreeNodeMap?.get(target);
  return where && node ? { context: where, node } : null;
}

/**
 * The node whose value a declaration gives: the declared name of a variable or a destructured
 * binding (the readers follow it as they follow a local one), the value of an object property
 * (`module.exports = { TTL: 900 }`, `{ TTL }`) or of `export default`, and an `enum` itself.
 */
function valueNode(ts: typeof TS, declaration: TS.Declaration): TS.Node | null {
  if ((ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration)) && ts.isIdentifier(declaration.name)) return declaration.name;
  if (ts.isShorthandPropertyAssignment(declaration)) return declaration.name;
  if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
  if (ts.isExportAssignment(declaration)) return declaration.expression;
  // An enum: its members are read in the declaring module (static-value.ts `enumMember`).
  if (ts.isEnumDeclaration(declaration)) return declaration;
  return null;
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
  return symbol ? named(symbol) : null;
}

/**
 * A symbol's name and the npm package that declares it, read from the path of its declaration
 * file (`node_modules/<pkg>/...`): AWS SDK types are often declared in a sibling package
 * (@aws-sdk/client-s3 re-exports S3Client from dist-types), and the package name tells the SDK.
 */
function named(symbol: TS.Symbol): { name: string; module: string } | null {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return null;
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(declaration.getSourceFile().fileName.replace(/\\/g, '/'));
  return match ? { name: symbol.getName(), module: match[1]! } : null;
}
