/**
 * A site rule (src/rule/shape.ts) as an ESLint rule: the module's presign sites, read once per file
 * by the ESTree reader and shared by every rule, each handed to the rule's check; its reports become
 * ESLint reports, its edits fixes and suggestions. A check that throws is reported at the call it
 * failed on, and the other sites and rules still run. Rules that read the expiry also check each
 * call of an in-file wrapper (src/javascript/local-wrappers.ts), reporting only what the call's own
 * argument causes; fixes there are offered as suggestions only.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { Node } from '../javascript/ast.js';
import { fixOf } from '../javascript/fixes.js';
import { generatedCodeReason } from '../javascript/generated.js';
import { localWrapperCalls } from '../javascript/local-wrappers.js';
import { namesPresignApi, presignSites } from '../javascript/presign-sites.js';
import { runRule } from '../rule/run.js';
import type { Rule, RuleInfo } from '../rule/shape.js';

/** The message a contained failure is reported with; presign-audit turns it into `presign-audit/internal-error`. */
export const INTERNAL_ERROR_MESSAGE_ID = 'presignInternalError';

const INTERNAL_ERROR_MESSAGE = 'Internal error in presign/{{rule}}; please report it with the code. Reason: {{reason}}. The other rules still ran.';

/** Whether a file is a generated bundle, asked once per file for all the site rules. */
const generatedBySource = new WeakMap<object, boolean>();

export function eslintSiteRule(rule: Rule<'site', unknown, string>): TSESLint.RuleModule<string, [unknown?]> {
  return {
    meta: eslintMeta(rule),
    defaultOptions: [],
    create(context) {
      // Most modules of a project name no presign API, and hold no site: no listener there, so ESLint
      // dispatches nothing to the rule (docs/performance.md measures it).
      if (!namesPresignApi(context.sourceCode)) return {};
      return {
        Program() {
          // A minified or generated bundle (src/javascript/generated.ts) is left alone: its sources are linted.
          let generated = generatedBySource.get(context.sourceCode);
          if (generated === undefined) generatedBySource.set(context.sourceCode, (generated = generatedCodeReason(context.filename, context.sourceCode.text) !== null));
          if (generated) return;
          // ESLint has merged the user's options over meta.defaultOptions already.
          const options = (context.options as unknown[])[0] ?? rule.meta.defaultOptions[0];
          let sites: ReturnType<typeof presignSites>;
          try {
            sites = presignSites(context);
          } catch (error) {
            // The reader failed on this module: said once, where the module starts.
            context.report({ node: context.sourceCode.ast, messageId: INTERNAL_ERROR_MESSAGE_ID, data: { rule: rule.name, reason: reasonOf(error) } });
            return;
          }
          for (const site of sites) {
            const run = runRule<'site', Node>(rule, { site, moduleSites: sites }, options);
            for (const report of run.reports) {
              const fix = report.fix && fixOf(context, report.fix);
              const suggest = (report.suggest ?? []).flatMap((s) => {
                const suggestion = fixOf(context, s.edit);
                return suggestion ? [{ messageId: s.messageId, data: s.data ?? {}, fix: suggestion }] : [];
              });
              context.report({
                node: report.node,
                messageId: report.messageId,
                data: report.data ?? {},
                ...(fix ? { fix } : {}),
                ...(suggest.length > 0 ? { suggest } : {}),
              });
            }
            if (run.failure !== null) context.report({ node: site.node as never, messageId: INTERNAL_ERROR_MESSAGE_ID, data: { rule: rule.name, reason: run.failure } });
          }
          // A wrapper of this module called here with its expiry: what that call's argument causes.
          if (!rule.reads.includes('expiry')) return;
          for (const { site, argument } of localWrapperCalls(context, sites)) {
            const run = runRule<'site', Node>(rule, { site, moduleSites: [site] }, options);
            for (const report of run.reports) {
              if (!within(report.node, argument)) continue;
              const suggest = (report.suggest ?? []).flatMap((s) => {
                const suggestion = fixOf(context, s.edit);
                return suggestion ? [{ messageId: s.messageId, data: s.data ?? {}, fix: suggestion }] : [];
              });
              context.report({ node: report.node, messageId: report.messageId, data: report.data ?? {}, ...(suggest.length > 0 ? { suggest } : {}) });
            }
            if (run.failure !== null) context.report({ node: argument as never, messageId: INTERNAL_ERROR_MESSAGE_ID, data: { rule: rule.name, reason: run.failure } });
          }
        },
      };
    },
  };
}

/** `node` is `outer` or inside it. */
function within(node: Node, outer: Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The rule's meta as ESLint reads it; `defaultOptions` is ESLint's own (9.15+), so ESLint merges the user's options. */
export function eslintMeta(rule: RuleInfo): TSESLint.RuleMetaData<string, { description: string; recommended?: string; url: string }, [unknown?]> {
  const { type, docs, messages, schema, defaultOptions, fixable, hasSuggestions } = rule.meta;
  return {
    type,
    docs,
    messages: { ...messages, [INTERNAL_ERROR_MESSAGE_ID]: INTERNAL_ERROR_MESSAGE },
    schema: schema as never,
    // A rule without options has none to default: ESLint validates `[{}]` against an empty schema and refuses it.
    ...(schema.length > 0 ? { defaultOptions: defaultOptions as never } : {}),
    ...(fixable ? { fixable } : {}),
    ...(hasSuggestions ? { hasSuggestions } : {}),
  };
}
