/**
 * src/rule/catalogue.ts, made from the rules themselves: everything of each rule but its check, so
 * that the registry (rules/index.ts) tells what every rule is without loading one. The rules are
 * the files of rules/<folder>/; their order is the catalogue's own (the README table, the presets
 * and SARIF follow it), a new rule file joining at the end. `npm run update:registry` writes it
 * (scripts/update-registry.mjs); test/rules/registry.test.ts fails when the file differs from what
 * the rules say.
 */

/** The rule files of rules/ (`code/max-expiry`, no extension), in the catalogue's order, new ones last by name. */
export function ordered(files, catalogued) {
  const position = new Map(catalogued.map((name, index) => [name, index]));
  const nameOf = (file) => file.slice(file.lastIndexOf('/') + 1);
  const rank = (file) => position.get(nameOf(file)) ?? catalogued.length;
  return [...files].sort((a, b) => rank(a) - rank(b) || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}

/** @param {readonly { name: string; subject: string; reads: readonly string[]; kinds: readonly string[]; judgesAwsPolicies: boolean; meta: object }[]} rules */
export function catalogueSource(rules) {
  const infos = rules.map(({ name, subject, reads, kinds, judgesAwsPolicies, meta }) => ({ name, subject, reads, kinds, judgesAwsPolicies, meta }));
  return `// Generated from the rule files of rules/ by \`npm run update:registry\`: do not edit (see rules/index.ts).
import type { RuleInfo } from './shape.js';

export const CATALOGUE: readonly RuleInfo[] = ${JSON.stringify(infos, null, 2)};
`;
}
