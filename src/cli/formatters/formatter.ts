/** What every formatter is: `(results, meta) => string`, as ESLint's. */
import type { FileResult } from '../../core/results.js';
import type { Shard } from '../../engine/shard.js';

export interface FormatterMeta {
  /** Paths in the output are shown relative to it. */
  readonly cwd: string;
  readonly version: string;
  /** Colour for a terminal. */
  readonly color: boolean;
  /** The shard this run is (`--shard`), when it is one. */
  readonly shard?: Shard;
}

export type Formatter = (results: readonly FileResult[], meta: FormatterMeta) => string;
