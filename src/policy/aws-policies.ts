/**
 * AWS's own policies that a template attaches by name: AWS managed policies (`ManagedPolicyArns`,
 * a SAM function's `Policies: [AmazonS3FullAccess]`, an account dump's or a plan's attachments) and
 * SAM policy templates (`S3WritePolicy: {BucketName: !Ref UploadBucket}`). Both are read from
 * tables generated from AWS's published text (scripts/generate-aws-policy-tables.mjs; sources and
 * dates in the tables' headers and docs/facts.md#aws-managed-policies-and-sam-policy-templates).
 * The tables keep only the statements that bear on S3 or KMS, the only actions the checks ask
 * about, and name the policies that grant none, so a role with AWSLambdaBasicExecutionRole is
 * still fully known. A policy in neither stays unread, and so does its role.
 *
 * The statements are placed at the reference, so a finding about them points at the line that
 * attaches them, and their document says whose text they are (`awsPolicy`).
 */
import { readFileSync } from 'node:fs';
import type { RoleInfo, SourceRef } from './inventory.js';
import type { InputFormat, PolicyDocument, SourcePosition } from './model.js';
import type { PolicyTree } from './normalise.js';
import { documentFromTree, policyFromText, type ReadError, type ReadResult } from './read-json.js';

interface Table<T> {
  readonly grantS3OrKms: Readonly<Record<string, T>>;
  readonly grantNeither: ReadonlySet<string>;
}

/**
 * A table, read on first use: 240 KB of JSON that a run over plain policies, or templates that
 * attach no AWS policy, never needs.
 */
function tableReader<T>(file: string): () => Table<T> {
  let table: Table<T> | undefined;
  return () => {
    if (!table) {
      const raw = JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as { grantS3OrKms: Record<string, T>; grantNeither: string[] };
      table = { grantS3OrKms: raw.grantS3OrKms, grantNeither: new Set(raw.grantNeither) };
    }
    return table;
  };
}
/** An AWS managed policy's statements that bear on S3 or KMS, as its default version writes them. */
const managedPolicies = tableReader<unknown[]>('aws-managed-policies.json');
/** A SAM policy template: its parameters, and its statements with `{"Ref": "<Parameter>"}` where the values go. */
const samTemplates = tableReader<{ parameters: string[]; statements: unknown[] }>('sam-policy-templates.json');

/**
 * `arn:aws:iam::aws:policy/AmazonS3FullAccess`, with a path (`service-role/`) or a partition left
 * to deploy time (`arn:${AWS::Partition}:...` unresolved, a Serverless `${aws:partition}`).
 * AWS managed policy names are unique whatever their path, so the name alone picks the policy.
 */
const AWS_MANAGED_ARN = /^arn:(?:[\w-]+|\$\{[^}]*\}):iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

/**
 * The name of the AWS managed policy a reference names, when the table knows it: an ARN of the
 * `aws` account's policies, or a bare name (how SAM's `Policies` names them). Null otherwise.
 */
export function awsManagedPolicyName(reference: string): string | null {
  const name = AWS_MANAGED_ARN.exec(reference)?.[1] ?? reference;
  // Most references are the template's own policies or customers' ARNs: not worth reading the table for.
  if (!/^[\w+=,.@-]+$/.test(name)) return null;
  const table = managedPolicies();
  return Object.hasOwn(table.grantS3OrKms, name) || table.grantNeither.has(name) ? name : null;
}

/**
 * Every role's AWS managed policies that the table knows, resolved: those that grant S3 or KMS
 * become identity documents at their reference, those that grant neither are known to; either way
 * they are no longer unread. Run on every reader's result (src/policy/read-policy-file.ts).
 */
export function resolveAwsManagedPolicies(result: ReadResult, file: string, format: InputFormat): ReadResult {
  if (!result.roles.some((role) => role.unreadPolicies.some((reference) => awsManagedPolicyName(reference) !== null))) return result;
  const documents = [...result.documents];
  const errors = [...result.errors];
  const roles = result.roles.map((role): RoleInfo => {
    const identityPolicies = [...role.identityPolicies];
    const unreadPolicies: string[] = [];
    for (const reference of role.unreadPolicies) {
      const name = awsManagedPolicyName(reference);
      if (name === null) {
        unreadPolicies.push(reference);
        continue;
      }
      const granting = managedPolicies().grantS3OrKms;
      // Known to grant neither S3 nor KMS: nothing the checks ask about is left unread.
      if (!Object.hasOwn(granting, name)) continue;
      const statements = granting[name];
      const at = role.policyReferences?.get(reference) ?? role.source.position;
      const document = awsDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { file, position: at }, format, `AWS managed policy ${name}`, `AWS managed policy ${name} attached to ${role.name}`, errors);
      if (document) {
        identityPolicies.push(document);
        documents.push(document);
      }
    }
    return { ...role, identityPolicies, unreadPolicies };
  });
  return { ...result, documents, errors, roles };
}

/** What the SAM template table says of a policy template name. */
export type SamTemplate =
  | { readonly grants: 's3-kms'; readonly parameters: readonly string[]; readonly statements: readonly unknown[] }
  | { readonly grants: 'neither' }
  | null;

export function samPolicyTemplate(name: string): SamTemplate {
  const table = samTemplates();
  const definition = Object.hasOwn(table.grantS3OrKms, name) ? table.grantS3OrKms[name] : undefined;
  if (definition !== undefined) return { grants: 's3-kms', parameters: definition.parameters, statements: definition.statements };
  return table.grantNeither.has(name) ? { grants: 'neither' } : null;
}

/**
 * A SAM policy template's statements as a template tree at the entry, each `{"Ref": "<Parameter>"}`
 * replaced by the value the entry gives (`BucketName: !Ref UploadBucket`), for the template's
 * resolver; null when the entry leaves a parameter out (SAM rejects it).
 */
export function samTemplateTree(template: Extract<SamTemplate, { grants: 's3-kms' }>, values: PolicyTree | undefined, at: SourcePosition): PolicyTree | null {
  const given = new Map<string, PolicyTree>();
  for (const m of values?.type === 'object' ? values.members : []) given.set(m.name, m.value);
  if (template.parameters.some((p) => !given.has(p))) return null;
  const parsed = policyFromText(JSON.stringify({ Statement: template.statements }), at, 'SAM policy template');
  if ('errors' in parsed) return null;
  const substitute = (node: PolicyTree): PolicyTree => {
    if (node.type === 'array') return { ...node, elements: node.elements.map(substitute) };
    if (node.type !== 'object') return node;
    const ref = node.members.length === 1 && node.members[0]!.name === 'Ref' && node.members[0]!.value.type === 'string' ? node.members[0]!.value.value : null;
    if (ref !== null && given.has(ref)) return given.get(ref)!;
    return { ...node, members: node.members.map((m) => ({ ...m, value: substitute(m.value) })) };
  };
  return substitute(parsed.tree);
}

/** An identity document of AWS's text, every position at the reference. */
function awsDocument(text: string, at: SourceRef, format: InputFormat, awsPolicy: string, origin: string, errors: ReadError[]): PolicyDocument | null {
  const parsed = policyFromText(text, at.position, origin);
  if ('errors' in parsed || parsed.tree.type !== 'object') return null;
  return documentFromTree(parsed.tree, { file: at.file, format, kind: 'identity', origin, awsPolicy }, errors);
}
