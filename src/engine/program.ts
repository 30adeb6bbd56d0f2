/**
 * The TypeScript programs presign-audit reads code through: one per tsconfig.json or jsconfig.json
 * (the nearest that includes the file), and one with `allowJs` for files no config includes. We use the TypeScript compiler API directly
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

/** The config each file is read through, and each config's parse, once per run. */
export interface ConfigFinder {
  /** The config whose program the file belongs to; null: no config includes it (the allowJs program). */
  readonly ownerOf: (file: string) => string | null;
  /** null: the config could not be read (a problem says why). */
  readonly read: (config: string) => TS.ParsedCommandLine | null;
  readonly problems: ProgramProblem[];
}

/**
 * A file belongs to the program of the config the editor's TypeScript server would choose: the
 * nearest tsconfig.json or jsconfig.json, folder by folder upwards, whose files include it (a
 * config that cannot be read claims the files under it, so that its problem is reported). A
 * jsconfig.json beside the file wins over a tsconfig.json further up, and a repository's root
 * tsconfig.json that includes only src/ does not pull its whole program in for a script outside
 * it. `--shard` splits JS/TS by the same owner (src/engine/shard.ts).
 */
export function configFinder(ts: typeof TS): ConfigFinder {
  const problems: ProgramProblem[] = [];
  const configs = new Map<string, TS.ParsedCommandLine | null>();
  const read = (config: string) => {
    if (!configs.has(config)) {
      const parsed = ts.getParsedCommandLineOfConfigFile(config, { noEmit: true, allowJs: true }, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => problems.push({ file: config, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') }),
      });
      configs.set(config, parsed ? { ...parsed, fileNames: parsed.fileNames.map((f) => path.resolve(f)) } : null);
    }
    return configs.get(config)!;
  };
  const ownerOf = (file: string) => {
    const resolved = path.resolve(file);
    for (let directory = path.dirname(resolved); ; directory = path.dirname(directory)) {
      for (const name of ['tsconfig.json', 'jsconfig.json']) {
        const config = path.join(directory, name);
        if (!ts.sys.fileExists(config)) continue;
        const parsed = read(config);
        if (!parsed || parsed.fileNames.includes(resolved)) return config;
      }
      if (path.dirname(directory) === directory) return null;
    }
  };
  return { ownerOf, read, problems };
}

export function createPrograms(ts: typeof TS, files: readonly string[]): { groups: ProgramGroup[]; problems: ProgramProblem[] } {
  const finder = configFinder(ts);
  const byConfig = new Map<string | null, string[]>();
  for (const file of files) {
    const config = finder.ownerOf(file);
    const group = byConfig.get(config) ?? [];
    group.push(path.resolve(file));
    byConfig.set(config, group);
  }
  const groups: ProgramGroup[] = [];
  const declarations = new Map<string, TS.SourceFile>();
  for (const [config, groupFiles] of byConfig) {
    let options: TS.CompilerOptions = { ...FALLBACK_OPTIONS, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
    let rootNames: string[] = groupFiles;
    const parsed = config ? finder.read(config) : null;
    if (parsed) {
      options = { ...parsed.options, noEmit: true, allowJs: true };
      // The config's files give the program its types; the audited files are always in it.
      // Bundles the config includes (a dist/ under allowJs) stay out: they are skipped, and parsing one costs more than the project.
      rootNames = [...new Set([...parsed.fileNames.filter((f) => generatedFileReason(f) === null), ...groupFiles])];
    }
    groups.push({ program: ts.createProgram({ rootNames, options, host: sharingDeclarations(ts, options, declarations) }), files: groupFiles, tsconfig: config });
  }
  return { groups, problems: finder.problems };
}

/**
 * A compiler host whose declaration files (TypeScript's lib, the SDKs' and Node's types) are parsed
 * and bound once per run and shared by every program that reads them. They are most of what a
 * program holds (666 of the 669 files of fixtures/projects/upload-stack), and a repository has
 * several programs, often with different settings. A declaration file's parse and bind depend only
 * on its language version and module format (TypeScript's getSetExternalModuleIndicator and
 * bindInStrictMode leave declaration files out of the settings they read), so those are the key.
 */
function sharingDeclarations(ts: typeof TS, options: TS.CompilerOptions, shared: Map<string, TS.SourceFile>): TS.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (shouldCreateNewSourceFile || !/\.d\.[cm]?ts$/i.test(fileName)) return parse(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    const settings = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = `${settings.languageVersion}:${settings.impliedNodeFormat ?? ''}:${settings.jsDocParsingMode ?? ''}:${fileName}`;
    let file = shared.get(key);
    if (!file) {
      file = parse(fileName, languageVersionOrOptions, onError);
      if (file) shared.set(key, file);
    }
    return file;
  };
  return host;
}
