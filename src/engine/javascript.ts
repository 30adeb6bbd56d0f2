/**
 * JS/TS in presign-audit: reads the files as one program and runs the plugin's rules on them, then
 * follows presign wrappers across modules.
 *
 * 1. Every file is linted by ESLint's Linter with this plugin's rules and typescript-eslint's
 *    parser, handed the shared TypeScript program: each rule sees constants and SDK clients of
 *    other modules through type information. These are the very rule objects ESLint runs.
 * 2. A presign call whose expiry or command is a parameter of its function (`presign(key, ttl)`,
 *    `presign(command)`) is checked again at every call of that function in the program, with the
 *    value given there, however deep the wrappers go: every enabled site rule that reads a field
 *    the call supplies (src/rule/shape.ts `reads`). Those findings carry the chain call site ->
 *    wrapper -> SDK call.
 *
 * TypeScript, the parser and ESLint are loaded only when code is audited.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import type { Linter as LinterType, SourceCode } from 'eslint';
import { inputProblem } from '../core/problems.js';
import type { ChainLink, LintMessage, SuppressedMessage } from '../core/results.js';
import { walk, type Context, type Node } from '../javascript/ast.js';
import { localWrapperCalls, parameterOf as localParameterOf } from '../javascript/local-wrappers.js';
import { PRESIGN_HINT, commandOf, presignSites, type Site } from '../javascript/presign-sites.js';
import { generatedCodeReason } from '../javascript/generated.js';
import { evaluate } from '../javascript/static-value.js';
import type { SiteField } from '../presign/site.js';
import { INTERNAL_ERROR_MESSAGE_ID } from '../eslint/site-rule.js';
import { failureMessage, runRule } from '../rule/run.js';
import type { Rule } from '../rule/shape.js';
import { enabledOf, type AuditConfig, type EnabledRule, type ProgressListener } from './config.js';
import { CODE_EXTENSIONS, generatedFileReason, isCodeFile } from './files.js';
import { createPrograms } from './program.js';
import { suppressedMessagesOf, withSuppressions } from './eslint-directives.js';

export interface CodeAuditResult {
  readonly files: ReadonlyMap<string, LintMessage[]>;
  /** The findings of ESLint's pass that the file's own ESLint directives disabled, with ESLint's `suppressions`. */
  readonly suppressed: ReadonlyMap<string, SuppressedMessage[]>;
  /**
   * Every presign site read, for the rules that hold code against policies (rules/code-x-policy); a site
   * as a wrapper's call makes it carries the chain from that call to the SDK call.
   */
  readonly sites: readonly { readonly file: string; readonly site: Site; readonly chain?: readonly ChainLink[] }[];
}

const requireHere = createRequire(import.meta.url);

/** How deep wrappers of wrappers are followed. */
const MAX_WRAPPER_DEPTH = 8;


/** The site fields a wrapper's call site supplies, by what its argument carries. */
const SUPPLIED = {
  expiry: ['expiry'],
  command: ['method', 'operation', 'parameters'],
} as const satisfies Record<string, readonly SiteField[]>;

/** A presign site whose expiry or command is the `index`-th parameter of `fn`: checked again at each call of fn. */
interface WrapperUse {
  /** What the parameter carries: the expiry, or the v3 command (`presign(cmd)`). */
  readonly carries: keyof typeof SUPPLIED;
  readonly site: Site;
  readonly siteFile: string;
  readonly fn: TS.Node;
  readonly fnName: string;
  readonly index: number;
  /** Call sites already passed through, outermost first. */
  readonly chain: readonly ChainLink[];
}

export async function auditCode(files: readonly string[], config: AuditConfig, progress?: ProgressListener): Promise<CodeAuditResult> {
  const out = new Map<string, LintMessage[]>();
  const suppressed = new Map<string, SuppressedMessage[]>();
  const sites: { file: string; site: Site; chain?: readonly ChainLink[] }[] = [];
  // Minified and generated bundles are skipped with a note: their sources are what to audit.
  const codeFiles: string[] = [];
  for (const file of files.filter(isCodeFile)) {
    const generated = generatedFileReason(file);
    if (generated === null) codeFiles.push(file);
    else push(out, file, inputProblem('presign-audit/generated-code', `Skipped as ${generated}; audit its sources instead.`, undefined, false));
  }
  // Nothing left to read (a run over a bundle): TypeScript and ESLint are not loaded.
  if (codeFiles.length === 0) return { files: out, suppressed, sites };
  progress?.('loading the TypeScript reader', 0, 0);
  // CommonJS packages, required: an `import` of one makes Node scan its whole source for named
  // exports first (for typescript.js alone, about half a second of a 2,000-file audit).
  const ts = requireHere('typescript') as typeof TS;
  const parser = requireHere('@typescript-eslint/parser') as typeof import('@typescript-eslint/parser');
  const { Linter } = requireHere('eslint') as typeof import('eslint');
  const estree = requireHere('@typescript-eslint/typescript-estree') as typeof import('@typescript-eslint/typescript-estree');
  const { presign: plugin } = await import('../eslint/plugin.js');
  const siteRules = enabledOf(config, 'site');
  // Rooted at the filesystem root, so that every audited path is inside the linter's base path.
  const linter = new Linter({ configType: 'flat', cwd: path.parse(process.cwd()).root });
  progress?.('building the TypeScript program', 0, 0);
  const { groups, problems } = createPrograms(ts, codeFiles);
  let linted = 0;
  for (const problem of problems) push(out, problem.file, inputProblem('presign-audit/invalid-tsconfig', problem.message));

  for (const { program, files: groupFiles } of groups) {
    let pending: WrapperUse[] = [];
    const sourceText = (file: string) => program.getSourceFile(file)?.text ?? readFileSync(file, 'utf8');
    // Each file linted is parsed once for the whole group: the wrapper passes below lint callers again
    // (once per depth) with the ESTree, scopes and type maps of the first lint, and the sites read then.
    // Only files that name a presign API or call a wrapper are kept; dropped with the group.
    const parsed = new Map<string, SourceCode>();
    const lintFile = (file: string, text: string, extraRules: Record<string, TSESLint.RuleModule<string, unknown[]>>, ruleConfig: LinterType.RulesRecord) => {
      const config: LinterType.Config[] = [
        {
          files: CODE_EXTENSIONS.map((extension) => `**/*${extension}`),
          plugins: { presign: plugin, 'presign-audit': { rules: extraRules } as never },
          languageOptions: {
            parser: parser,
            parserOptions: { programs: [program], ecmaFeatures: { jsx: true } },
          },
          rules: ruleConfig,
        },
      ];
      const messages = linter.verify(parsed.get(file) ?? text, config, { filename: file });
      const sourceCode = linter.getSourceCode();
      if (sourceCode && !parsed.has(file)) parsed.set(file, sourceCode);
      return messages;
    };

    // 1. The rules, file by file, and the presign sites that depend on a parameter.
    const userRules: LinterType.RulesRecord = {};
    for (const { rule, severity, given } of siteRules) userRules[`presign/${rule.name}`] = [severity, ...given];
    for (const file of groupFiles) {
      progress?.('linting JS/TS', linted++, files.length);
      let text: string;
      try {
        text = sourceText(file);
      } catch (error) {
        // Listed, then gone or unreadable (and so not in the program): reported; the others go on.
        push(out, file, inputProblem('presign-audit/unreadable', `Cannot read the file: ${(error as Error).message}`));
        continue;
      }
      // A file that names no presign API holds no presign site (presign-sites.ts PRESIGN_HINT): every
      // rule would report nothing there and it wraps nothing. Only its parse is checked, for the
      // parse error ESLint would report; no scopes, tokens or rules (most of a project's files).
      if (!PRESIGN_HINT.test(text)) {
        const error = parseError(estree, program, file, text);
        if (error) push(out, file, fromLintMessage(error));
        continue;
      }
      const collect = siteCollector((context) => {
        for (const site of presignSites(context)) sites.push({ file, site });
        for (const use of wrapperUses(context, file)) pending.push(use);
      });
      const messages = lintFile(file, text, { collect }, { ...userRules, 'presign-audit/collect': 'error' });
      // The user's own ESLint directives (`// eslint-disable-line import/...`) name rules this run
      // does not load: only our findings and parse errors are presign-audit's to report.
      for (const m of messages) if (m.fatal || m.ruleId?.startsWith('presign/')) push(out, file, fromLintMessage(m));
      for (const m of suppressedMessagesOf(linter)) {
        if (m.ruleId?.startsWith('presign/')) push(suppressed, file, withSuppressions(fromLintMessage(m), m));
      }
    }
    // A wrapper may live in a file not audited in this run (a pre-commit run names the changed
    // files only): the program's other files that mention presigning are read for wrappers too,
    // and report nothing themselves.
    const audited = new Set(groupFiles);
    for (const sourceFile of program.getSourceFiles()) {
      const file = path.resolve(sourceFile.fileName);
      if (audited.has(file) || sourceFile.isDeclarationFile || /[\\/]node_modules[\\/]/.test(file) || !PRESIGN_HINT.test(sourceFile.text)) continue;
      if (generatedCodeReason(file, sourceFile.text) !== null) continue;
      const collect = siteCollector((context) => {
        for (const use of wrapperUses(context, file)) pending.push(use);
      });
      lintFile(file, sourceFile.text, { collect }, { 'presign-audit/collect': 'error' });
    }

    // 2. Wrappers: re-check each dependent site at every call of its function, outward.
    for (let depth = 0; depth < MAX_WRAPPER_DEPTH && pending.length > 0; depth++) {
      const callers = findCalls(ts, program, pending);
      const next: WrapperUse[] = [];
      for (const [file, calls] of callers) {
        const evaluateCalls = siteCollector((context) => {
          // Calls of a wrapper in its own module, which the plugin's rules checked already (src/eslint/site-rule.ts).
          const checkedByEslint = new Set<Node>(localWrapperCalls(context, presignSites(context)).map((c) => c.call));
          for (const { use, call } of calls) {
            const node = findCallAt(context, call.getStart(), call.getEnd());
            const arg = node?.arguments[use.index];
            if (!node || !arg || arg.type === 'SpreadElement') continue;
            const eslintChecked = use.carries === 'expiry' && use.chain.length === 0 && checkedByEslint.has(node);
            const link = chainLink(file, node, `calls ${use.fnName}()`);
            const chain = [link, ...use.chain];
            const fullChain = [...chain, siteLink(use)];
            const derived = derivedSite(context, use, node, arg);
            // Every rule whose verdict depends on what this call supplies, and only what the call
            // site's own code causes: the wrapper's module was checked as it is.
            const supplied: readonly SiteField[] = SUPPLIED[use.carries];
            for (const enabled of siteRules) {
              if (eslintChecked || !enabled.rule.reads.some((field) => supplied.includes(field))) continue;
              for (const message of checkSite(enabled, derived, context)) push(out, file, { ...message, chain: fullChain });
            }
            // The command given here tells the operation and its Bucket: the site as this call
            // makes it, located at this call, for the rules that hold code against policies.
            if (use.carries === 'command' && derived.operation) sites.push({ file, site: derived, chain: fullChain });
            // The value passed on from the caller's own parameter: check the callers of the caller.
            const outer = parameterOf(context, arg);
            const outerFn = outer && tsNodeOf(context, outer.fnNode);
            if (outer && outerFn) next.push({ carries: use.carries, site: use.site, siteFile: use.siteFile, fn: outerFn, fnName: outer.fnName, index: outer.index, chain });
          }
        });
        lintFile(file, sourceText(file), { collect: evaluateCalls }, { 'presign-audit/collect': 'error' });
      }
      pending = next;
    }
  }
  return { files: out, suppressed, sites };
}

/**
 * The parse error ESLint would report for `file` with typescript-eslint's parser, or null: the same
 * conversion to ESTree (TypeScript's own parse errors and typescript-estree's syntax checks), made and
 * dropped, with the message as ESLint words it (eslint/lib/languages/js/index.js, services/parser-service.js).
 */
function parseError(estree: typeof import('@typescript-eslint/typescript-estree'), program: TS.Program, file: string, text: string): LinterType.LintMessage | null {
  try {
    estree.parseAndGenerateServices(text, { programs: [program], filePath: file, jsx: true, loc: true, range: true, tokens: false, comment: false, preserveNodeMaps: false });
    return null;
  } catch (error) {
    const { message, lineNumber, column } = error as { message: string; lineNumber: number; column: number };
    return { ruleId: null, fatal: true, severity: 2, message: `Parsing error: ${message.replace(/^line \d+:/iu, '').trim()}`, line: lineNumber, column };
  }
}

function push<T extends LintMessage>(out: Map<string, T[]>, file: string, message: T): void {
  const list = out.get(file) ?? [];
  list.push(message);
  out.set(file, list);
}

function fromLintMessage(m: LinterType.LintMessage): LintMessage {
  // A rule that failed inside ESLint (src/eslint/site-rule.ts) is our bug, not a finding.
  if (m.messageId === INTERNAL_ERROR_MESSAGE_ID) return inputProblem('presign-audit/internal-error', m.message, { line: m.line, column: m.column }, false);
  return {
    ruleId: m.ruleId ?? 'presign-audit/parse-error',
    ...(m.messageId ? { messageId: m.messageId } : {}),
    severity: m.severity === 1 ? 1 : 2,
    message: m.message,
    line: m.line,
    // typescript-eslint's parse errors count columns from 0 (ESLint passes them on as they are);
    // reports and SARIF count from 1.
    column: m.fatal && m.ruleId === null ? m.column + 1 : m.column,
    ...(m.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
    ...(m.fatal ? { fatal: true } : {}),
  };
}

/** A rule that only hands its context to `onProgram`: how this module reads a file's AST and scopes. */
function siteCollector(onProgram: (context: Context) => void): TSESLint.RuleModule<string, unknown[]> {
  return {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context: Context) {
      return {
        'Program:exit': () => {
          try {
            onProgram(context);
          } catch {
            // The reader failed on this module: the plugin's rules, run on the same file, report it
            // as an internal error; what is lost here is only the wrappers this module would add.
          }
        },
      };
    },
  } as unknown as TSESLint.RuleModule<string, unknown[]>;
}

/** Sites of the file whose expiry, or whose v3 command, is a parameter of the enclosing function. */
function wrapperUses(context: Context, file: string): WrapperUse[] {
  const uses: WrapperUse[] = [];
  for (const site of presignSites(context)) {
    const carried: [WrapperUse['carries'], Node][] = [];
    // A point in time (GCS `expires`, MinIO `setExpires`) given by the caller is no number of seconds.
    if (site.expiry && site.api.expiry?.unit === 'seconds') carried.push(['expiry', site.expiry.node]);
    if (site.method.kind === 'unknown' && site.method.reason === 'command-unresolved') carried.push(['command', site.method.node]);
    for (const [carries, node] of carried) {
      const param = parameterOf(context, node);
      const fn = param && tsNodeOf(context, param.fnNode);
      if (param && fn) uses.push({ carries, site, siteFile: file, fn, fnName: param.fnName, index: param.index, chain: [] });
    }
  }
  return uses;
}

/** `ttl` that is the n-th parameter of its function, with the name the function is called by. */
function parameterOf(context: Context, raw: Node): { fnNode: TSESTree.FunctionLike; fnName: string; index: number } | null {
  const param = localParameterOf(context, raw);
  return param ? { ...param, fnName: functionName(param.fnNode) } : null;
}

function functionName(fn: TSESTree.FunctionLike): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property') && parent.key.type === 'Identifier') return parent.key.name;
  return '(anonymous)';
}

function tsNodeOf(context: Context, node: Node): TS.Node {
  return context.sourceCode.parserServices?.esTreeNodeToTSNodeMap?.get(node as never) as unknown as TS.Node;
}

/** Calls, anywhere in the program, of the functions the uses depend on, grouped by file. */
function findCalls(ts: typeof TS, program: TS.Program, uses: readonly WrapperUse[]): Map<string, { use: WrapperUse; call: TS.CallExpression }[]> {
  const checker = program.getTypeChecker();
  const names = new Set(uses.map((u) => u.fnName));
  const out = new Map<string, { use: WrapperUse; call: TS.CallExpression }[]>();
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || /[\\/]node_modules[\\/]/.test(sourceFile.fileName)) continue;
    // A cheap text filter before any walking: most files call none of the wrappers.
    if (![...names].some((n) => sourceFile.text.includes(n))) continue;
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
        if (ts.isIdentifier(callee) && names.has(callee.text)) {
          const declaration = declarationOf(ts, checker, callee);
          for (const use of uses) {
            if (declaration && isDeclarationOf(ts, declaration, use.fn)) {
              const list = out.get(path.resolve(sourceFile.fileName)) ?? [];
              list.push({ use, call: node });
              out.set(path.resolve(sourceFile.fileName), list);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return out;
}

function declarationOf(ts: typeof TS, checker: TS.TypeChecker, callee: TS.Identifier): TS.Declaration | undefined {
  let symbol = checker.getSymbolAtLocation(callee);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
}

/** `function f() {}`, `const f = () => {}`, `{ f() {} }`, `class { f() {} }` all declare f's function node. */
function isDeclarationOf(ts: typeof TS, declaration: TS.Declaration, fn: TS.Node): boolean {
  if (declaration === fn) return true;
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) {
    let init: TS.Node = declaration.initializer;
    while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init)) init = init.expression;
    return init === fn;
  }
  return false;
}

function findCallAt(context: Context, start: number, end: number): TSESTree.CallExpression | null {
  let found: TSESTree.CallExpression | null = null;
  walk(context.sourceCode.ast, context.sourceCode.visitorKeys, (node) => {
    if (!found && node.type === 'CallExpression' && node.range[0] === start && node.range[1] === end) found = node;
  });
  return found;
}

function chainLink(file: string, node: Node, label: string): ChainLink {
  return { file, line: node.loc.start.line, column: node.loc.start.column + 1, label };
}

function siteLink(use: WrapperUse): ChainLink {
  return chainLink(use.siteFile, use.site.node, use.site.api.label);
}

/** The site as a wrapper's call makes it: the value given at the call in place of the parameter. */
function derivedSite(context: Context, use: WrapperUse, call: TSESTree.CallExpression, arg: Node): Site {
  if (use.carries === 'expiry') return { ...use.site, expiry: { node: arg, seconds: evaluate(context, arg) } };
  const command = commandOf(context, arg);
  return { ...use.site, node: call, method: command.method, operation: command.operation, parameters: command.parameters };
}

/** One rule on a wrapper call's site: its reports that point into the calling module, and a failure as an internal error. */
function checkSite(enabled: EnabledRule, site: Site, context: Context): LintMessage[] {
  const program = context.sourceCode.ast;
  const run = runRule<'site', Node>(enabled.rule as Rule<'site', unknown, string>, { site, moduleSites: [site] }, enabled.options);
  const messages = run.reports
    .filter((report) => programOf(report.node) === program)
    .map((report): LintMessage => ({ ruleId: enabled.ruleId, messageId: report.messageId, severity: enabled.severity, message: report.message, ...span(report.node) }));
  if (run.failure !== null) messages.push(inputProblem('presign-audit/internal-error', failureMessage(enabled.rule, run.failure, 'code'), span(site.node), false));
  return messages;
}

function programOf(node: Node): Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

function span(node: Node) {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line, endColumn: node.loc.end.column + 1 };
}
