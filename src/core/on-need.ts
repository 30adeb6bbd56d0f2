/**
 * Modules of the package loaded when a run first needs them rather than when the module that may
 * need them loads: a plain policy file loads no template reader, a policy run no code rule, and
 * importing the rule registry loads no check (rules/index.ts). They load synchronously, through
 * require() of an ES module (Node 20.19+, 22.12+ or 23+: package.json's engines), because their callers are
 * synchronous: ESLint runs rules synchronously, and the policy reader is called file by file.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const requireHere = createRequire(import.meta.url);
/** Every module declared to load on need, by absolute path: what `provideAll` imports. */
const declared = new Set<string>();
const provided = new Map<string, unknown>();
/** Loaders of the declared modules where the bin bundles them (scripts/bundle-bin.mjs), by absolute path. */
const bundled = new Map<string, () => unknown>();

/** A loader of the module at `url` (an ES module of the package): it loads on the first call. */
export function onNeed<T>(url: URL): () => T {
  const file = fileURLToPath(url);
  declared.add(file);
  let loaded: T | undefined;
  return () => (loaded ??= (provided.get(file) ?? bundled.get(file)?.() ?? requireHere(file)) as T);
}

/**
 * The declared modules as presign-audit's bundled bin holds them (scripts/bundle-bin.mjs): each a
 * loader that initialises the bundled module on its first call. Without it, the bin would load a
 * second copy of each from dist/, beside the bundled copies of the modules it imports.
 */
export function provideBundled(loaders: ReadonlyMap<string, () => unknown>): void {
  for (const [file, load] of loaders) bundled.set(file, load);
}

/**
 * Imports every module declared so far through `importer`, for a host whose require() cannot load
 * them: Vitest runs the TypeScript sources (a declared `x.js` is `x.ts` there), which only its own
 * import transforms. test/setup.ts calls it; presign-audit and ESLint never do.
 */
export async function provideAll(importer: (file: string) => Promise<unknown>): Promise<void> {
  for (const file of declared) {
    if (!provided.has(file)) provided.set(file, await importer(file.replace(/\.js$/, '.ts')));
  }
}
