/**
 * The shape of a rule that holds code against policies (rules/project): the same meta as the code
 * and policy rules, and a check of one presign site with the role and bucket it is tied to. Only
 * presign-audit runs these, since only it reads code and policies together.
 */
import type { Inventory } from '../policy/inventory.js';
import type { Finding, PresignSite } from '../presign/site.js';
import { docsUrl, type PresetLevel } from '../rule-docs.js';
import type { SiteTie } from './ties.js';

export interface ProjectRuleInput<N> {
  readonly site: PresignSite<N>;
  readonly tie: SiteTie;
  readonly inventory: Inventory;
}

export interface ProjectRule<M extends string = string> {
  readonly name: string;
  readonly meta: {
    readonly type: 'problem' | 'suggestion';
    readonly docs: { readonly description: string; readonly preset: PresetLevel; readonly url: string };
    readonly messages: Readonly<Record<M, string>>;
    readonly schema: readonly [];
  };
  check<N>(input: ProjectRuleInput<N>): Finding<N, M>[];
}

export function defineProjectRule<M extends string>(rule: Omit<ProjectRule<M>, 'meta'> & { meta: Omit<ProjectRule<M>['meta'], 'docs'> & { docs: { description: string; preset: PresetLevel } } }): ProjectRule<M> {
  return { ...rule, meta: { ...rule.meta, docs: { ...rule.meta.docs, url: docsUrl(rule.name) } } };
}
