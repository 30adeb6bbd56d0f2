/**
 * One entry for every policy input: routes a file to its reader by extension and content.
 * JSON: a CloudFormation or CDK template, a Terraform plan (`terraform show -json`), an
 * `aws iam get-account-authorization-details` dump, else one policy (plain or AWS CLI output).
 * YAML (`.yaml`, `.yml`, `.template`): a CloudFormation template or a Serverless Framework
 * configuration (`serverless.yml`, also as JSON). Other JSON or YAML is an
 * `unknown-format` problem, which presign-audit reports for a file named on its command line and
 * skips, with a word, in a directory walk (a directory of Kubernetes manifests is no error).
 */
import path from 'node:path';
import { onNeed } from '../core/on-need.js';
import { isAccountDetails, isCloudFormationTemplate, isServerlessConfig, isTerraformPlan } from './input-forms.js';
import type { DocumentKind } from './model.js';
import { documentsOnly, parseJsonFile, readPolicyJsonRoot, type ReadResult } from './read-json.js';
import { SourceText } from './source-text.js';

// The readers of the other forms load when a file of their form (src/policy/input-forms.ts) is
// first read: a plain policy, as written or as AWS CLI output, loads the JSON reader only.
const yamlReader = onNeed<typeof import('./read-yaml.js')>(new URL('./read-yaml.js', import.meta.url));
const cloudFormation = onNeed<typeof import('./read-cloudformation.js')>(new URL('./read-cloudformation.js', import.meta.url));
const serverless = onNeed<typeof import('./read-serverless.js')>(new URL('./read-serverless.js', import.meta.url));
const terraformPlan = onNeed<typeof import('./read-terraform-plan.js')>(new URL('./read-terraform-plan.js', import.meta.url));
const accountDetails = onNeed<typeof import('./read-account-details.js')>(new URL('./read-account-details.js', import.meta.url));
const awsPolicies = onNeed<typeof import('./aws-policies.js')>(new URL('./aws-policies.js', import.meta.url));

/** Lowercase extensions with the dot, for file discovery. */
export const POLICY_FILE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'] as const;

/**
 * `configured`: the kind the config's `documentKinds` gives the file. It applies to a file holding
 * one policy (plain or AWS CLI output); templates, plans and dumps say each document's kind themselves.
 */
export function readPolicyFile(text: string, file: string, configured?: DocumentKind): ReadResult {
  const extension = path.extname(file).toLowerCase();
  const yaml = extension === '.yaml' || extension === '.yml' || (extension === '.template' && !text.trimStart().startsWith('{'));
  if (yaml) {
    const parsed = yamlReader().parseYamlTree(text);
    if ('error' in parsed) return documentsOnly([], [parsed.error]);
    if (parsed.tree && isServerlessConfig(parsed.tree, file)) return awsPolicies().resolveAwsManagedPolicies(serverless().readServerless(parsed.tree, file), file, 'cloudformation');
    if (parsed.tree && isCloudFormationTemplate(parsed.tree)) return awsPolicies().resolveAwsManagedPolicies(cloudFormation().readCloudFormation(parsed.tree, file), file, 'cloudformation');
    // As for JSON: an error when the file was named, skipped with a word when met in a directory (src/engine/audit.ts).
    const position = parsed.tree?.position ?? new SourceText(text).position(0, Math.min(1, text.length));
    const message = 'Not a CloudFormation template or Serverless Framework configuration: expected "AWSTemplateFormatVersion", "Resources" whose entries have a "Type" such as AWS::S3::Bucket, or "service" with "provider.name: aws".';
    return documentsOnly([], [{ code: 'unknown-format', message, position, fatal: true }]);
  }
  const parsed = parseJsonFile(text);
  if ('failed' in parsed) return parsed.failed;
  const { root, source } = parsed;
  if (root.type === 'object' && !root.members.some((m) => m.name === 'Statement')) {
    if (isCloudFormationTemplate(root)) return awsPolicies().resolveAwsManagedPolicies(cloudFormation().readCloudFormation(root, file), file, 'cloudformation');
    if (isServerlessConfig(root, file)) return awsPolicies().resolveAwsManagedPolicies(serverless().readServerless(root, file), file, 'cloudformation');
    if (isTerraformPlan(root)) return awsPolicies().resolveAwsManagedPolicies(terraformPlan().readTerraformPlan(root, source, file), file, 'terraform-plan');
    if (isAccountDetails(root)) return awsPolicies().resolveAwsManagedPolicies(accountDetails().readAccountDetails(root, source, file), file, 'aws-cli:iam-get-account-authorization-details');
  }
  return readPolicyJsonRoot(root, source, file, configured);
}
