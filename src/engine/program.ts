/**
 * The TypeScript programs presign-audit reads code through: one per nearest tsconfig.json (or
 * jsconfig.json), and
 * one with `allowJs` for files no tsconfig covers. We use the TypeScript compiler API directly
 * rather than ts-morph: typescript-estree must be handed programs of the very TypeScript module
 * it runs on, and ts-morph bundles a second copy of TypeScript (13 MB) that would not be.
 */
import path from 'node:path';
import type * as TS from 'typescript';
import { generatedFileReason } from './files.js';

export interface ProgramGroup {
  readonly program: TS.Program;
  /** The files of this program that the user asked to audit. */
  readonly files: readonly string[];
  /** The tsconfig.json the program was made from; null for the allowJs fallback. */
  readonly tsconfig: string | null;
}

export interface ProgramProblem {
  readonly file: string;
  readonly message: string;
}

const FALLBACK_OPTIONS: TS.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  skipLibCheck: true,
  jsx: 4 /* ts.JsxEmit.ReactJSX */,
  strict: false,
};

export function createPrograms(ts: typeof TS, files: readonly string[]): { groups: ProgramGroup[]; problems: ProgramProblem[] } {
  const byConfig = new Map<string | null, string[]>();
  for (const file of files) {
    const directory = path.dirname(file);
    const exists = (file: string) => ts.sys.fileExists(file);
    const config = ts.findConfigFile(directory, exists) ?? ts.findConfigFile(directory, exists, 'jsconfig.json') ?? null;
    const group = byConfig.get(config) ?? [];
    group.push(path.resolve(file));
    byConfig.set(config, group);
  }
  const groups: ProgramGroup[] = [];
  const problems: ProgramProblem[] = [];
  for (const [config, groupFiles] of byConfig) {
    let options: TS.CompilerOptions = { ...FALLBACK_OPTIONS, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
    let rootNames: string[] = groupFiles;
    if (config) {
      const parsed = ts.getParsedCommandLineOfConfigFile(config, { noEmit: true, allowJs: true }, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => problems.push({ file: config, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') }),
      });
      if (parsed) {
        options = { ...parsed.options, noEmit: true, allowJs: true };
        // The config's files give the program its types; the audited files are always in it.
        // Bundles the config includes (a dist/ under allowJs) stay out: they are skipped, and parsing one costs more than the project.
        rootNames = [...new Set([...parsed.fileNames.map((f) => path.resolve(f)).filter((f) => generatedFileReason(f) === null), ...groupFiles])];
      }
    }
    groups.push({ program: ts.createProgram({ rootNames, options }), files: groupFiles, tsconfig: config });
  }
  return { groups, problems };
}
