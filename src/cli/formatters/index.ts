/** The formatters by name, one per file. */
import type { Formatter } from './formatter.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMATTERS: Record<string, Formatter> = { stylish: formatStylish, json: formatJson, sarif: formatSarif, github: formatGithub };
