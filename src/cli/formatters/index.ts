/** One formatter per file, each `(results, meta) => string`, as ESLint's. */
import type { FileResult } from '../results.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatterMeta {
  /** Paths in the output are shown relative to it. */
  readonly cwd: string;
  readonly version: string;
  /** Colour for a terminal. */
  readonly color: boolean;
  /** The code rules, when the run loaded them, for SARIF's rule catalogue. */
  readonly codeRules?: CodeRuleCatalogue;
}

import type { CodeRuleCatalogue } from '../config.js';

export type Formatter = (results: readonly FileResult[], meta: FormatterMeta) => string;

export const FORMATTERS: Record<string, Formatter> = { stylish: formatStylish, json: formatJson, sarif: formatSarif };
