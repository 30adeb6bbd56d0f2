/**
 * Which form a JSON or YAML policy input has, asked of its parsed root before the reader of that
 * form loads (src/policy/read-policy-file.ts): a file loads only the reader of its own form.
 */
import path from 'node:path';
import { member, type PolicyTree } from './normalise.js';

type ObjectTree = PolicyTree & { type: 'object' };

/** A template: `AWSTemplateFormatVersion`, or `Resources` whose entries have a `Type` such as `AWS::S3::Bucket`. */
export function isCloudFormationTemplate(root: PolicyTree): root is ObjectTree {
  if (root.type !== 'object') return false;
  if (member(root, 'AWSTemplateFormatVersion')) return true;
  const resources = member(root, 'Resources');
  return resources?.type === 'object' && resources.members.some((r) => {
    const type = member(r.value, 'Type');
    return type?.type === 'string' && /^[A-Za-z0-9]+::[A-Za-z0-9]+::/.test(type.value);
  });
}

/** `serverless.yml` / `.yaml` / `.json` by name, or any file with a top-level `service` and `provider.name: aws`. */
export function isServerlessConfig(root: PolicyTree, file: string): root is ObjectTree {
  if (root.type !== 'object') return false;
  if (/^serverless\.(ya?ml|json)$/i.test(path.basename(file))) return true;
  const provider = member(root, 'provider');
  const name = member(provider, 'name');
  return member(root, 'service') !== undefined && name?.type === 'string' && name.value === 'aws';
}

/** `terraform show -json` output of a plan. */
export function isTerraformPlan(root: PolicyTree): boolean {
  return member(root, 'format_version') !== undefined && (member(root, 'planned_values') !== undefined || member(root, 'resource_changes') !== undefined);
}

/** `aws iam get-account-authorization-details` output. */
export function isAccountDetails(root: PolicyTree): boolean {
  return member(root, 'RoleDetailList')?.type === 'array' || (member(root, 'Policies')?.type === 'array' && member(root, 'UserDetailList') !== undefined);
}
