/** Sites from code (through the ESLint reader) and inventories from policy JSON, for the code-against-policy rules' tests. */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { presignSites, type Site } from '../../../src/javascript/presign-sites.js';
import type { Context } from '../../../src/javascript/ast.js';
import type { BucketInfo, Inventory, RoleInfo } from '../../../src/policy/inventory.js';
import { readPolicyJson } from '../../../src/policy/read-json.js';
import type { PolicyDocument } from '../../../src/policy/model.js';
import type { Node } from '../../../src/javascript/ast.js';
import { optionsOf, runRule, type Filled } from '../../../src/rule/run.js';
import type { NodeReport, Rule, SubjectInputs } from '../../../src/rule/shape.js';

export function sitesOf(code: string): Site[] {
  let sites: Site[] = [];
  const collect = {
    meta: { type: 'problem' as const, schema: [] },
    create: (context: unknown) => ({ Program: () => void (sites = [...presignSites(context as Context)]) }),
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { t: { rules: { collect } } }, rules: { 't/collect': 'error' } }],
    'service.ts',
  );
  if (messages.some((m) => m.fatal)) throw new Error(messages[0]!.message);
  return sites;
}

export function policy(json: object, file = 'policy.json'): PolicyDocument {
  const read = readPolicyJson(JSON.stringify(json, null, 2), file);
  if (read.errors.length > 0 || !read.documents[0]) throw new Error(read.errors.map((e) => e.message).join('; '));
  return read.documents[0];
}

const at = { file: 'infra.json', position: { line: 1, column: 1, endLine: 1, endColumn: 2 } };

export function role(name: string, identityPolicies: PolicyDocument[], extra: Partial<RoleInfo> = {}): RoleInfo {
  return {
    name,
    logicalId: null,
    arn: `arn:aws:iam::111122223333:role/${name}`,
    source: at,
    identityPolicies,
    managedPolicyArns: [],
    unreadPolicies: [],
    maxSessionDurationSeconds: null,
    runsCode: [],
    ...extra,
  };
}

export function bucket(name: string, bucketPolicy: PolicyDocument | null): BucketInfo {
  return { name, logicalId: null, arn: `arn:aws:s3:::${name}`, unresolvedName: null, source: at, policy: bucketPolicy, encryption: null };
}

export function inventory(roles: RoleInfo[], buckets: BucketInfo[]): Inventory {
  return { roles, buckets, keys: [], documents: [...roles.flatMap((r) => r.identityPolicies), ...buckets.flatMap((b) => (b.policy ? [b.policy] : []))] };
}

/** One code-against-policy rule on one site, as presign-audit runs it; a failure throws, so a test sees it. */
export function checkSite<M extends string>(rule: Rule<'site-policies', Record<string, never>, M>, input: SubjectInputs<Node>['site-policies']): readonly Filled<NodeReport<Node, string>>[] {
  const run = runRule<'site-policies', Node>(rule, input, optionsOf(rule));
  if (run.failure !== null) throw new Error(run.failure);
  return run.reports;
}
