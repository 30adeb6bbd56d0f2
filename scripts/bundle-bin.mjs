/**
 * `npm run build`, after tsc: bundles presign-audit's bin (dist/src/cli/bin.js and what it imports)
 * into dist/bin/, which package.json's `bin` names. Node 20 has no compile cache, and its ES module
 * loader costs about a millisecond per module (resolving, reading, a package.json lookup, linking):
 * a plain policy loaded 59 of the package's modules, half of presign-audit's start beyond `node -e 0`.
 * A plain policy now loads three files: the bin, main.js (what every run loads, and the policy rules'
 * checks) and rolldown's helpers.
 *
 * The bundle is CommonJS (dist/bin/package.json says so; the rest of the package stays ES modules):
 * started as a CommonJS script, Node 20 does not load what its ES module loader runs modules with
 * (translators, module jobs, fs/promises, readline, streams): 39 million instructions, a sixth of
 * what a one-policy run added to `node -e 0`. Packages are still loaded with import() where the code says so.
 *
 * What it keeps of the module tree (docs/performance.md):
 * - The modules that load on need (src/core/on-need.ts: rule checks, policy readers) are in the
 *   bundle as modules initialised on their first require(), registered with `provideBundled` by
 *   their dist/ path, so the bin never loads a second copy of a module from dist/. Those a plain
 *   policy never runs are in loaded-on-need.js, required the first time one of them is needed.
 * - Each module's `import.meta.url` stays its own dist/ file's URL (its data files, the rule files'
 *   paths, createRequire() of its packages resolve as before).
 * - Packages (node_modules) and Node's modules are not bundled: they load as before.
 *
 * dist/src/cli/bin.js stays the same program module by module (test/cli/loading.test.ts reads what
 * it loads, and that the bundle loads none of dist/ besides itself, nor what the ES module loader runs modules with).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const outDir = path.join(dist, 'bin');
const BIN = path.join(dist, 'src/cli/bin.js');
const EXECUTE = path.join(dist, 'src/cli/execute.js');
const REGISTER = '\0presign-bundled-on-need';
const MAIN = '\0presign-audit-main';
const EXTRA = '\0presign-on-need-extra';

// The modules that load on need: those the bin's modules declare (src/core/on-need.ts) when they load.
const { provideAll } = await import(pathToFileURL(path.join(dist, 'src/core/on-need.js')).href);
await import(pathToFileURL(path.join(dist, 'src/cli/execute.js')).href);
const onNeedFiles = [];
await provideAll(async (file) => {
  onNeedFiles.push(file.replace(/\.ts$/, '.js'));
});
if (onNeedFiles.length === 0) throw new Error('no module of the bin declares a module loaded on need: src/core/on-need.ts changed?');

/** A dist/ file's path relative to dist/, with forward slashes. */
const fromDist = (file) => path.relative(dist, file).split(path.sep).join('/');
// The policy rules' checks are in the main file, which a policy run loads anyway; the other modules
// loaded on need (the code rules, the rules over code and policies, the template, plan and dump
// readers: 150 kB that a plain policy never runs) are in a file of their own, loaded by the first of
// them a run needs, so that a policy run's start does not compile them.
const inMain = (file) => fromDist(file).startsWith('rules/policy/');
const EXTRA_FILE = 'loaded-on-need.js';

const register = `import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { provideBundled } from ${JSON.stringify(path.join(dist, 'src/core/on-need.js'))};
const dist = new URL('../', import.meta.url);
let extra;
/** The loaders of ${EXTRA_FILE}, which imports what it shares with this file from it. */
const extraLoaders = () => (extra ??= createRequire(import.meta.url)('./${EXTRA_FILE}').loaders);
provideBundled(new Map([
${onNeedFiles
  .map((file) => {
    const own = JSON.stringify(fromDist(file));
    return `  [fileURLToPath(new URL(${own}, dist)), ${inMain(file) ? `() => require(${JSON.stringify(file)})` : `() => extraLoaders().get(${own})()`}],`;
  })
  .join('\n')}
]));
`;

const extraLoaders = `export const loaders = new Map([
${onNeedFiles
  .filter((file) => !inMain(file))
  .map((file) => `  [${JSON.stringify(fromDist(file))}, () => require(${JSON.stringify(file)})],`)
  .join('\n')}
]);
`;

/** Every module the main chunk loads (statically or by require()), found when the build has read them all. */
let mainModules = new Set();

rmSync(outDir, { recursive: true, force: true });
await build({
  input: { 'presign-audit': BIN },
  platform: 'node',
  // Packages load from node_modules as before; only the package's own modules are bundled.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0'),
  plugins: [
    {
      name: 'presign-bin',
      resolveId(source, importer) {
        if (source === MAIN || source === REGISTER || source === EXTRA) return source;
        // The bin imports the rest after turning on Node's compile cache (22.1+): that import is
        // the main chunk, which registers the bundled on-need modules before anything runs.
        if (importer === BIN && source === './execute.js') return MAIN;
        return null;
      },
      load(id) {
        if (id === MAIN) return `import ${JSON.stringify(REGISTER)};\nexport * from ${JSON.stringify(EXECUTE)};\n`;
        if (id === REGISTER) return register;
        if (id === EXTRA) return extraLoaders;
        return null;
      },
      buildStart() {
        this.emitFile({ type: 'chunk', id: EXTRA, fileName: EXTRA_FILE });
      },
      transform(code, id) {
        if (!id.startsWith(dist + path.sep)) return null;
        // Every chunk is in dist/bin/: the module's own URL is its dist/ file's, relative to there.
        const own = JSON.stringify(path.relative(outDir, id).split(path.sep).join('/'));
        return { code: code.replaceAll('import.meta.url', `new URL(${own}, import.meta.url).href`), map: null };
      },
      buildEnd() {
        const stack = [MAIN];
        while (stack.length > 0) {
          const id = stack.pop();
          if (mainModules.has(id)) continue;
          mainModules.add(id);
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      },
    },
  ],
  output: {
    dir: outDir,
    format: 'cjs',
    strict: true,
    entryFileNames: '[name].js',
    chunkFileNames: '[name].js',
    // One file for all that: the parts a run imports dynamically (code engines, formatters) import
    // from it instead of splitting what they share with it into more files every run would load.
    // Rolldown's helpers too, which it would put in a file of their own once two files use them.
    codeSplitting: { groups: [{ name: 'main', test: (id) => mainModules.has(id) || id.includes('rolldown/runtime') }] },
  },
});
// The package is `"type": "module"`; this folder's .js files are CommonJS.
writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
