/**
 * The formatters by name, one per file, each loaded when a run asks for it: the SARIF formatter
 * alone reads the rule catalogue and the fingerprinting code, which a terminal run never needs.
 * Stylish, the default, is small and imported with this file (one file fewer to load at start).
 */
import type { Formatter } from './formatter.js';
import { formatStylish } from './stylish.js';

export const FORMATTERS: Record<string, () => Promise<Formatter>> = {
  stylish: () => Promise.resolve(formatStylish),
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  github: async () => (await import('./github.js')).formatGithub,
};
