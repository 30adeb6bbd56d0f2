/**
 * What type information adds when the user lints with typescript-eslint's `project` /
 * `projectService`: constants imported from other modules, and the class of a value whose
 * construction is in another module. Without type information every function here returns
 * null and costs nothing; TypeScript itself is only loaded when the parser already has it.
 */
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { V2_CREDENTIAL_CLASSES, V3_CREDENTIAL_PROVIDERS, type CredentialSourceKind } from '../presign/credentials.js';
import { UNKNOWN, known, type Possible } from '../presign/possible.js';
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
  return { ts, checker: services.program.getTypeChecker(), toTs: (node) => map.get(node as never) };
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

/** A client constructed in another module, as far as the module that makes it shows it. */
export interface ImportedClient {
  readonly kind: 'v3-client' | 'v2-s3' | 'minio-client';
  /** Constructor settings with constant values (`region`, `requestChecksumCalculation`, ...). */
  readonly settings: ReadonlyMap<string, Possible>;
  /** False when the settings object has spreads or computed names. */
  readonly complete: boolean;
  readonly credentials:
    | { readonly kind: 'temporary'; readonly source: CredentialSourceKind; readonly durationSeconds: Possible | null }
    | { readonly kind: 'long-term' }
    | { readonly kind: 'unknown' };
}

const IMPORTED_CLIENT_CLASSES: readonly { module: RegExp; name: string; kind: ImportedClient['kind'] }[] = [
  { module: /^@aws-sdk\/client-s3$/, name: 'S3Client', kind: 'v3-client' },
  { module: /^@aws-sdk\/client-s3$/, name: 'S3', kind: 'v3-client' },
  { module: /^aws-sdk$/, name: 'S3', kind: 'v2-s3' },
  { module: /^minio$/, name: 'Client', kind: 'minio-client' },
];

/**
 * `import { s3 } from './clients'` where clients.ts says `export const s3 = new S3Client({...})`:
 * the client's class, settings and credentials, read from the other module through the checker.
 * Null without type information, or when the binding is not a `const` made by `new`.
 */
export function importedClient(context: Context, identifier: TSESTree.Identifier): ImportedClient | null {
  const t = typed(context);
  if (!t) return null;
  const { ts } = t;
  const tsNode = t.toTs(identifier);
  const declaration = tsNode && resolvedDeclaration(t, tsNode);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return null;
  const created = skipOuter(ts, declaration.initializer);
  if (!ts.isNewExpression(created)) return null;
  const cls = declarationModule(t, created.expression);
  const match = cls && IMPORTED_CLIENT_CLASSES.find((c) => c.name === cls.name && c.module.test(cls.module));
  if (!match) return null;
  const settings = new Map<string, Possible>();
  let complete = true;
  let credentialsNode: TS.Expression | null = null;
  const config = created.arguments?.[0] && skipOuter(ts, created.arguments[0]);
  if (config && ts.isObjectLiteralExpression(config)) {
    for (const property of config.properties) {
      if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        complete = false;
        continue;
      }
      if (property.name.text === 'credentials') credentialsNode = property.initializer;
      const value = evaluateTs(t, property.initializer, 0);
      settings.set(property.name.text, value === NO_VALUE ? UNKNOWN : known(value));
    }
  } else if (config) {
    complete = false;
  }
  return { kind: match.kind, settings, complete, credentials: credentialsNode ? importedCredentials(t, credentialsNode) : { kind: 'unknown' } };
}

function importedCredentials(t: Typed, raw: TS.Expression): ImportedClient['credentials'] {
  const { ts } = t;
  const node = skipOuter(ts, raw);
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const callee = declarationModule(t, node.expression);
    const source = callee && (V3_CREDENTIAL_PROVIDERS[callee.name] ?? V2_CREDENTIAL_CLASSES[callee.name]);
    if (!source) return { kind: 'unknown' };
    // STS's DurationSeconds: under `params` for fromTemporaryCredentials and ChainableTemporaryCredentials.
    const nested = callee.name === 'fromTemporaryCredentials' || callee.name === 'ChainableTemporaryCredentials';
    const options = node.arguments?.[0] && skipOuter(ts, node.arguments[0]);
    const holder = options && nested ? objectProperty(ts, options, 'params') : options;
    const duration = holder && (objectProperty(ts, holder, 'DurationSeconds') ?? objectProperty(ts, holder, 'durationSeconds'));
    const value = duration ? evaluateTs(t, duration, 0) : NO_VALUE;
    return { kind: 'temporary', source, durationSeconds: duration ? (value === NO_VALUE ? UNKNOWN : known(value)) : null };
  }
  if (ts.isObjectLiteralExpression(node)) {
    const has = (name: string) => objectProperty(ts, node, name) !== null;
    if (has('accessKeyId') && has('secretAccessKey') && !has('sessionToken')) return { kind: 'long-term' };
  }
  return { kind: 'unknown' };
}

function objectProperty(ts: typeof TS, node: TS.Node, name: string): TS.Expression | null {
  const object = skipOuter(ts, node);
  if (!ts.isObjectLiteralExpression(object)) return null;
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === name) {
      return skipOuter(ts, property.initializer) as TS.Expression;
    }
  }
  return null;
}

function skipOuter<N extends TS.Node>(ts: typeof TS, node: N): TS.Node {
  let current: TS.Node = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current)) {
    current = current.expression;
  }
  return current;
}

function resolvedDeclaration(t: Typed, node: TS.Node): TS.Declaration | undefined {
  let symbol = t.checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & t.ts.SymbolFlags.Alias) symbol = t.checker.getAliasedSymbol(symbol);
  return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
}

/** The name a value is declared under and the npm package that declares it. */
function declarationModule(t: Typed, node: TS.Node): { name: string; module: string } | null {
  let symbol = t.checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & t.ts.SymbolFlags.Alias) symbol = t.checker.getAliasedSymbol(symbol);
  return symbol ? named(symbol) : null;
}
