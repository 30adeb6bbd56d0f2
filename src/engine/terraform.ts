/**
 * Terraform configurations in presign-audit: the run's `.tf` files grouped by directory, each
 * directory read as one module (every `.tf` file in it, reported for the files named) with the local
 * modules it calls (src/policy/read-terraform.ts). A
 * directory that another directory of the run calls as a local module is read through that call,
 * with its inputs, and not again on its own. Loaded only by runs that meet a `.tf` file.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ParsedHcl } from '../policy/hcl-syntax.js';
import { readTerraformModule, type TerraformFileAccess, type TerraformRead } from '../policy/read-terraform.js';
import type { ModuleRead } from './policies.js';
import { readInputFile } from './read-input.js';
import { isTerraformFile } from './files.js';
import { fileResult, type FileResult } from '../core/results.js';
import { compareText } from '../core/collation.js';

export interface TerraformRun {
  readonly modules: ModuleRead[];
  /** Files that could not be read at all (binary, too large). */
  readonly unreadable: FileResult[];
  /** Every file the modules read (`file()` targets among them): not to be read again as policy files. */
  readonly filesRead: ReadonlySet<string>;
}

export async function readTerraform(files: readonly string[]): Promise<TerraformRun> {
  const unreadable: FileResult[] = [];
  const texts = new Map<string, string>();
  const readText = (file: string): string | null => {
    const known = texts.get(file);
    if (known !== undefined) return known;
    const input = readInputFile(file);
    if ('problem' in input) return null;
    texts.set(file, input.text);
    return input.text;
  };
  const access: TerraformFileAccess = {
    readText,
    listModuleFiles: (dir) => {
      try {
        return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && isTerraformFile(e.name)).map((e) => path.join(dir, e.name)).sort();
      } catch {
        return [];
      }
    },
  };
  const byDir = new Map<string, { file: string; text: string }[]>();
  for (const file of files) {
    const input = readInputFile(file);
    if ('problem' in input) {
      unreadable.push(fileResult(file, [input.problem]));
      continue;
    }
    texts.set(file, input.text);
    const dir = path.dirname(file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), { file, text: input.text }]);
  }
  const reads = new Map<string, TerraformRead>();
  const parsed = new Map<string, ParsedHcl>();
  const given = new Set(files);
  for (const [dir, named] of byDir) {
    // A module is all its files: a pre-commit run naming one changed file still reads its siblings
    // (for the references between them), and reports on the files it was given.
    const siblings = access.listModuleFiles(dir).filter((file) => !given.has(file));
    const inputs = [...named, ...siblings.flatMap((file) => {
      const text = readText(file);
      return text === null ? [] : [{ file, text }];
    })].sort((a, b) => compareText(a.file, b.file));
    reads.set(dir, await readTerraformModule(dir, inputs, access, parsed));
  }
  const called = new Set([...reads].flatMap(([dir, read]) => read.calledModules.filter((d) => d !== dir)));
  const modules: ModuleRead[] = [];
  const filesRead = new Set<string>();
  for (const [dir, read] of reads) {
    if (called.has(dir)) continue;
    // Files of the named directories that were not named are read, not reported; local modules
    // elsewhere and the files `file()` read are reported, as the calls made them.
    modules.push({ read, files: read.filesRead.filter((file) => given.has(file) || !(byDir.has(path.dirname(file)) && isTerraformFile(file))) });
    for (const file of read.filesRead) filesRead.add(file);
  }
  return { modules, unreadable, filesRead };
}

