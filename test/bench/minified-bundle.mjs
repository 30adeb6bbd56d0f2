/**
 * A minified bundle of the benchmark's service code, as a bundler and a minifier leave it: every
 * module of the code corpus (test/bench/code-corpus.mjs) compiled to CommonJS by TypeScript without
 * comments, wrapped in a module table, on one line. The corpus is repeated (with fresh module keys)
 * until the bundle reaches `bytes`. Deterministic: the same corpus gives the same bundle.
 *
 * Joining the compiled lines with a space is safe: TypeScript's printer ends every statement with a
 * semicolon and never breaks a line where automatic semicolon insertion would change the meaning.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ts = createRequire(import.meta.url)('typescript');

function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Writes the bundle of the corpus in `corpusDir` to `file`; returns its size in bytes and its module count. */
export function generateMinifiedBundle(corpusDir, file, bytes = 5_000_000) {
  const modules = filesBelow(corpusDir).map((source) => {
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, removeComments: true },
      fileName: source,
    });
    const body = outputText
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ');
    return { name: path.relative(corpusDir, source).replace(/\.ts$/, '.js'), body };
  });
  const entries = [];
  let size = 0;
  for (let copy = 0; size < bytes; copy++) {
    for (const { name, body } of modules) {
      const entry = `${JSON.stringify(`./${copy}/${name}`)}:function(module,exports,require){${body}}`;
      entries.push(entry);
      size += entry.length + 1;
      if (size >= bytes) break;
    }
  }
  const text = `(()=>{var __modules={${entries.join(',')}};var __cache={};function __require(id){if(__cache[id])return __cache[id].exports;var module=__cache[id]={exports:{}};__modules[id](module,module.exports,__require);return module.exports;}__require(${JSON.stringify(`./0/${modules[0].name}`)});})();\n`;
  writeFileSync(file, text);
  return { bytes: Buffer.byteLength(text), modules: entries.length };
}
