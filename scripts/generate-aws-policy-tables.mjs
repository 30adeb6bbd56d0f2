// Writes the two tables of AWS's own policies that presign-audit resolves where a template names them
// (src/policy/aws-policies.ts), keeping only what bears on S3 and KMS so the tables stay small:
//
//   src/policy/data/aws-managed-policies.json from a folder of AWS managed policy documents (one
//                                            <PolicyName>.json each, the default version's document)
//   src/policy/data/sam-policy-templates.json from AWS SAM's samtranslator/policy_templates_data/policy_templates.json
//
// Usage:
//   node scripts/generate-aws-policy-tables.mjs <managed-policies-dir> "<its source, date>" \
//        <policy_templates.json> "<its source: repository, path, commit, date>"
// e.g. node scripts/generate-aws-policy-tables.mjs ../shared/corpus/aws-managed-policies \
//        "z0ph/MAMIP commit de4971a4, snapshot of 2025-02" /tmp/policy_templates.json \
//        "aws/serverless-application-model samtranslator/policy_templates_data/policy_templates.json commit ab81051 (2025-09-24)"
//
// A statement bears on S3 or KMS when it may match an `s3:` or `kms:` action: an Action value whose
// service part matches `s3` or `kms` (`*`, `s3:*`, `s3:Get*`, `kms:Decrypt`; only those values are
// kept), or any NotAction (it grants everything it does not list). Allow and Deny alike, with their
// Resource and Condition whole. A policy with no such statement is listed by name only: known to
// grant nothing of S3 or KMS.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [managedDir, managedSource, templatesFile, templatesSource] = process.argv.slice(2);
if (!managedDir || !managedSource || !templatesFile || !templatesSource) {
  console.error('usage: node scripts/generate-aws-policy-tables.mjs <managed-policies-dir> "<source>" <policy_templates.json> "<source>"');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');

/** IAM's wildcards on the service part of an action: `*` any run, `?` one character; case-insensitive. */
function servicePatternMatches(pattern, service) {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(service);
}
const bearsOnS3OrKms = (action) => {
  if (typeof action !== 'string') return false;
  const value = action.trim();
  if (value === '*') return true;
  const colon = value.indexOf(':');
  return colon > 0 && ['s3', 'kms'].some((service) => servicePatternMatches(value.slice(0, colon), service));
};
const asList = (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The statements of a document that bear on S3 or KMS, Sids dropped, Action lists cut to those values. */
function relevantStatements(document) {
  const kept = [];
  for (const statement of asList(document.Statement)) {
    const rest = { ...statement };
    delete rest.Sid;
    if ('NotAction' in rest) {
      kept.push(rest);
      continue;
    }
    const actions = asList(rest.Action).filter(bearsOnS3OrKms);
    if (actions.length > 0) kept.push({ ...rest, Action: actions });
  }
  return kept;
}

/**
 * A table as JSON, one entry a line so a regenerated table diffs by policy: what it holds, its
 * source and date, the statements of those that grant S3 or KMS, the names of those that grant neither.
 */
const table = (what, source, granting, neither) =>
  '{\n' +
  `  "what": ${JSON.stringify(what)},\n` +
  `  "source": ${JSON.stringify(source)},\n` +
  `  "generated": ${JSON.stringify(`${new Date().toISOString().slice(0, 10)} by scripts/generate-aws-policy-tables.mjs`)},\n` +
  '  "grantS3OrKms": {\n' +
  granting.map(([name, value]) => `    ${JSON.stringify(name)}: ${JSON.stringify(value)}`).join(',\n') +
  '\n  },\n' +
  '  "grantNeither": [\n' +
  neither.map((name) => `    ${JSON.stringify(name)}`).join(',\n') +
  '\n  ]\n}\n';

// AWS managed policies. A few corpus files carry a doubled extension (`X.json.json`): the name is the file name up to the first `.json`.
const granting = [];
const others = [];
for (const file of readdirSync(managedDir).filter((f) => f.endsWith('.json')).sort()) {
  const name = file.slice(0, file.indexOf('.json'));
  if (granting.some(([n]) => n === name) || others.includes(name)) continue;
  const statements = relevantStatements(JSON.parse(readFileSync(path.join(managedDir, file), 'utf8')));
  if (statements.length > 0) granting.push([name, statements]);
  else others.push(name);
}
writeFileSync(
  path.join(root, 'src/policy/data/aws-managed-policies.json'),
  table(`AWS managed policies: the statements of each that bear on S3 or KMS (${granting.length} policies), and the names of the ${others.length} that grant no S3 or KMS action.`, managedSource, granting, others),
);

// SAM policy templates: the definitions of those that grant S3 or KMS, with their parameters; the names of the others.
const templates = JSON.parse(readFileSync(templatesFile, 'utf8')).Templates;
const definitions = [];
const plain = [];
for (const [name, template] of Object.entries(templates).sort(([a], [b]) => a.localeCompare(b))) {
  const statements = relevantStatements(template.Definition);
  if (statements.length === 0) {
    plain.push(name);
    continue;
  }
  // The whole definition: what SAM puts in the role, with `Ref <Parameter>` where the entry's values go.
  definitions.push([name, { parameters: Object.keys(template.Parameters ?? {}), statements: asList(template.Definition.Statement) }]);
}
writeFileSync(
  path.join(root, 'src/policy/data/sam-policy-templates.json'),
  table(
    `AWS SAM policy templates: the parameters and statements of the ${definitions.length} that grant S3 or KMS actions ({"Ref": "<Parameter>"} where SAM puts the values given), and the names of the ${plain.length} that grant none.`,
    templatesSource,
    definitions,
    plain,
  ),
);
console.log(`${granting.length} managed policies grant S3 or KMS, ${others.length} do not; ${definitions.length} SAM templates do, ${plain.length} do not.`);
