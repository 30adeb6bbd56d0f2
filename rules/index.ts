/**
 * The registry: every rule of the package, once. The ESLint plugin and its presets, presign-audit's
 * config validation and engine, the SARIF rule catalogue, the README table and the doc tests all
 * derive from this list.
 *
 * Importing it loads no rule: what a rule is (name, subject, kinds, meta) comes from
 * src/rule/catalogue.ts, made from the rule files of rules/ by `npm run update:registry`, and a
 * rule's check loads when it first runs (src/core/on-need.ts). So a run that reads one policy loads
 * the checks of the policy rules that apply to it, and no code rule.
 */
import { onNeed } from '../src/core/on-need.js';
import type { AnyRule, Rule, RuleInfo, RuleSubject } from '../src/rule/shape.js';
import { CATALOGUE } from '../src/rule/catalogue.js';

/** The folder of rules/ that holds the rules of each subject (CONTRIBUTING.md). */
const FOLDERS: Record<RuleSubject, string> = { site: 'code', document: 'policy', signers: 'policy', inventory: 'policy', 'site-policies': 'code-x-policy', 'signer-need': 'code-x-policy' };

/** The file of a rule, as the registry loads it: rules/<folder>/<name>.js. */
export function ruleFile(rule: Pick<RuleInfo, 'name' | 'subject'>): URL {
  return new URL(`./${FOLDERS[rule.subject]}/${rule.name}.js`, import.meta.url);
}

function onNeedRule(info: RuleInfo): AnyRule {
  const load = onNeed<{ default: AnyRule }>(ruleFile(info));
  return {
    ...info,
    check(input, context) {
      load().default.check(input, context);
    },
  } as AnyRule;
}

export const RULES: readonly AnyRule[] = CATALOGUE.map(onNeedRule);

/** The rules that judge `subject`. */
export function rulesOf<S extends RuleSubject>(...subjects: S[]): Rule<S, unknown, string>[] {
  return RULES.filter((rule): rule is AnyRule & Rule<S, unknown, string> => (subjects as RuleSubject[]).includes(rule.subject));
}

export function ruleNamed(name: string): AnyRule | undefined {
  return RULES.find((rule) => rule.name === name);
}
