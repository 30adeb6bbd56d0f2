/**
 * Ties a presign site in code to the role that signs it and the bucket it targets, so the checks
 * of rules/code-x-policy can hold the code against the policies. What cannot be tied is not guessed:
 * - the role: the config's `codeSigners` entry whose `files` pattern matches the module, else the
 *   only signer role when the config's `signers` select exactly one;
 * - the bucket: a constant `Bucket` in the code, else the entry's `bucket` (a name, or a pattern
 *   that matches exactly one bucket the run read).
 */
import path from 'node:path';
import type { BucketInfo, Inventory, RoleInfo } from '../policy/inventory.js';
import type { SignerModel } from '../policy/signers.js';
import { wildcardMatch } from '../policy/wildcard.js';
import { singleValue } from '../presign/possible.js';
import type { PresignSite } from '../presign/site.js';

/** One `codeSigners` entry of presign-audit.config.json. */
export interface CodeSignerMapping {
  /** Modules, relative to the working directory; `*` matches any characters, `/` included. */
  readonly files: string;
  /** The signing role's name, or an ARN pattern. */
  readonly role: string;
  /** The bucket the modules' URLs target, when the code does not name it: a name or a pattern. */
  readonly bucket?: string;
}

export interface SiteTie {
  readonly role: RoleInfo | null;
  readonly bucket: { readonly name: string; readonly info: BucketInfo | null } | null;
}

export interface TieContext {
  /** The directory `mappings[].files` are relative to: the config file's. */
  readonly cwd: string;
  readonly mappings: readonly CodeSignerMapping[];
  readonly inventory: Inventory;
  readonly signers: SignerModel;
}

export function tieSite<N>(site: PresignSite<N>, file: string, context: TieContext): SiteTie {
  const relative = path.relative(context.cwd, file).split(path.sep).join('/');
  const mapping = context.mappings.find((m) => wildcardMatch(m.files, relative)) ?? null;
  const inCode = site.parameters?.entries.get('Bucket');
  const constant = inCode ? singleValue(inCode.value) : null;
  return { role: tieRole(mapping, context), bucket: tieBucket(constant && typeof constant.value === 'string' ? constant.value : null, mapping, context.inventory) };
}

/** The bucket of a request the code sends itself: the constant name the code gives, else the module's `codeSigners` entry's. */
export function tieModuleBucket(file: string, bucketInCode: string | null, context: TieContext): SiteTie['bucket'] {
  const relative = path.relative(context.cwd, file).split(path.sep).join('/');
  return tieBucket(bucketInCode, context.mappings.find((m) => wildcardMatch(m.files, relative)) ?? null, context.inventory);
}

/** The role that runs a module's code, as its presign sites are tied (for calls that are no presign site). */
export function tieModule(file: string, context: TieContext): RoleInfo | null {
  const relative = path.relative(context.cwd, file).split(path.sep).join('/');
  return tieRole(context.mappings.find((m) => wildcardMatch(m.files, relative)) ?? null, context);
}

function tieRole(mapping: CodeSignerMapping | null, context: TieContext): RoleInfo | null {
  if (mapping) {
    const pattern = mapping.role;
    const roles = context.inventory.roles.filter((role) =>
      pattern.includes(':') ? role.arn !== null && wildcardMatch(pattern, role.arn) : wildcardMatch(pattern, role.name),
    );
    return roles.length === 1 ? roles[0]! : null;
  }
  return context.signers.source === 'config' && context.signers.roles.length === 1 ? context.signers.roles[0]! : null;
}

function tieBucket(inCode: string | null, mapping: CodeSignerMapping | null, inventory: Inventory): SiteTie['bucket'] {
  let name = inCode;
  if (name === null && mapping?.bucket) {
    const pattern = mapping.bucket;
    if (!/[*?]/.test(pattern)) name = pattern;
    else {
      const matching = inventory.buckets.filter((b) => b.name !== null && wildcardMatch(pattern, b.name));
      name = matching.length === 1 ? matching[0]!.name : null;
    }
  }
  if (name === null) return null;
  return { name, info: inventory.buckets.find((b) => b.name === name) ?? null };
}
