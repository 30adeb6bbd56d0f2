/**
 * rules/catalogue.ts, made from the rules themselves: everything of each rule but its check, so that
 * the registry (rules/index.ts) tells what every rule is without loading one. `npm run
 * update:registry` writes it (scripts/update-registry.mjs); test/rules/registry.test.ts fails when
 * the file differs from what the rules say.
 */

/** @param {readonly { name: string; subject: string; reads: readonly string[]; kinds: readonly string[]; judgesAwsPolicies: boolean; meta: object }[]} rules */
export function catalogueSource(rules) {
  const infos = rules.map(({ name, subject, reads, kinds, judgesAwsPolicies, meta }) => ({ name, subject, reads, kinds, judgesAwsPolicies, meta }));
  return `// Generated from the rules of rules/all.ts by \`npm run update:registry\`: do not edit (see rules/index.ts).
import type { RuleInfo } from '../src/rule/shape.js';

export const CATALOGUE: readonly RuleInfo[] = ${JSON.stringify(infos, null, 2)};
`;
}
