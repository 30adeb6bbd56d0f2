/**
 * A module view: another module of the linted program, seen the way ESLint shows the linted file
 * (an ESTree, its scopes and the maps to TypeScript's nodes), so the readers that take a `Context`
 * (static-value's `evaluate`, presign-sites' client reading) run there unchanged when a value is
 * imported. Built only with type information, from the program's own `SourceFile` (nothing is
 * read from disk or parsed again): typescript-estree converts it, scope-manager analyses it.
 */
import { createRequire } from 'node:module';
import type * as ScopeManagerPackage from '@typescript-eslint/scope-manager';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type * as EstreePackage from '@typescript-eslint/typescript-estree';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import type { Context, Node, Scope } from './ast.js';

interface ModuleView {
  readonly ast: TSESTree.Program;
  readonly text: string;
  readonly visitorKeys: TSESLint.SourceCode.VisitorKeys;
  readonly scopeManager: ScopeManager;
  readonly esTreeNodeToTSNodeMap: WeakMap<Node, TS.Node>;
  readonly tsNodeToESTreeNodeMap: WeakMap<TS.Node, Node>;
}

const requireFromHere = createRequire(import.meta.url);

/**
 * One view per SourceFile (null: the file could not be converted), so a module is converted at
 * most once however many files import it. Keyed by the SourceFile, not the program: a program
 * that reuses an unchanged SourceFile reuses its view, and the view holds no program (each
 * `moduleContext` gets the asker's), so an old program is never kept alive by this cache.
 */
const viewsBySourceFile = new WeakMap<TS.SourceFile, ModuleView | null>();

/**
 * The `Context` the code readers need for `sourceFile`, a module of the program `context` was
 * linted with: `sourceCode.{ast, text, visitorKeys, scopeManager, getScope, getDeclaredVariables,
 * parserServices}`, as ESLint's SourceCode gives them. Null when the module cannot be converted.
 */
export function moduleContext(context: Context, sourceFile: TS.SourceFile): Context | null {
  const program = context.sourceCode.parserServices?.program;
  if (!program) return null;
  let view = viewsBySourceFile.get(sourceFile);
  if (view === undefined) {
    view = convert(program, sourceFile, context.sourceCode.visitorKeys);
    viewsBySourceFile.set(sourceFile, view);
  }
  if (!view) return null;
  const { scopeManager } = view;
  const sourceCode = {
    ast: view.ast,
    text: view.text,
    visitorKeys: view.visitorKeys,
    scopeManager,
    parserServices: { program, esTreeNodeToTSNodeMap: view.esTreeNodeToTSNodeMap, tsNodeToESTreeNodeMap: view.tsNodeToESTreeNodeMap },
    getScope: (node: Node) => scopeAt(scopeManager, node),
    getDeclaredVariables: (node: Node) => scopeManager.getDeclaredVariables(node),
  };
  return { sourceCode } as unknown as Context;
}

function convert(program: TS.Program, sourceFile: TS.SourceFile, visitorKeys: TSESLint.SourceCode.VisitorKeys): ModuleView | null {
  try {
    // The parser that made `program` has loaded both packages already: these are cache hits.
    const { parseAndGenerateServices } = requireFromHere('@typescript-eslint/typescript-estree') as typeof EstreePackage;
    const { analyze } = requireFromHere('@typescript-eslint/scope-manager') as typeof ScopeManagerPackage;
    // Given `programs`, typescript-estree takes the program's SourceFile as it is (and so its
    // nodes are the ones the checker's declarations point at); the root dir is given so that it
    // does not guess one.
    const { ast, services } = parseAndGenerateServices(sourceFile.text, {
      filePath: sourceFile.fileName,
      programs: [program],
      tsconfigRootDir: program.getCurrentDirectory(),
      range: true,
      loc: true,
      tokens: false,
      comment: false,
      loggerFn: false,
    });
    setParents(ast, visitorKeys);
    return {
      ast,
      text: sourceFile.text,
      visitorKeys,
      scopeManager: analyze(ast, { sourceType: 'module' }),
      esTreeNodeToTSNodeMap: services.esTreeNodeToTSNodeMap as unknown as WeakMap<Node, TS.Node>,
      tsNodeToESTreeNodeMap: services.tsNodeToESTreeNodeMap as unknown as WeakMap<TS.Node, Node>,
    };
  } catch {
    // A module TypeScript parses but typescript-estree rejects, or one nested deeper than the
    // converters' recursion allows: its values stay unknown.
    return null;
  }
}

/** ESLint sets `parent` on the tree it lints; typescript-estree leaves it to the caller. */
function setParents(root: Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof (child as Node).type === 'string') {
          (child as { parent: Node }).parent = node;
          stack.push(child as Node);
        }
      }
    }
  }
}

/** ESLint's `SourceCode#getScope`: the innermost scope that contains the node. */
function scopeAt(scopeManager: ScopeManager, node: Node): Scope {
  const inner = node.type !== 'Program';
  for (let current: Node | undefined = node; current; current = current.parent) {
    const scope = scopeManager.acquire(current, inner);
    if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope;
  }
  return scopeManager.scopes[0] as unknown as Scope;
}
