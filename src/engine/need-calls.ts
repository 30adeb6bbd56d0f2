/**
 * The S3 calls of the code a run read, for the signer's need (src/join/need.ts): every presign site
 * (JS/TS as the whole-program reader finds them, wrappers resolved at their calls; Python's boto3),
 * and the requests the code sends itself, found by name (v3 `new XCommand(`, v2 and boto3 client
 * methods). A direct call is taken with its operation only: its bucket and key stay unknown, so it
 * widens the need instead of narrowing it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChainLink } from '../core/results.js';
import type { Node } from '../javascript/ast.js';
import type { Site } from '../javascript/presign-sites.js';
import type { Inventory, RoleInfo } from '../policy/inventory.js';
import { signerModel } from '../policy/signers.js';
import { configBase, type AuditConfig } from './config.js';
import { callOfSite, kmsNeedUnknown, needsOf, needUnknown, type CodeCall, type NeededGrant } from '../join/need.js';
import { tieModule, tieSite, type TieContext } from '../join/ties.js';
import { KNOWN_OPERATIONS } from '../presign/commands.js';
import { boto3Sites } from '../python/boto3-sites.js';
import { PythonEvaluator } from '../python/evaluate.js';
import { PythonModule } from '../python/scope.js';
import { child, namedChildren, parsePython, type PyNode } from '../python/syntax.js';

/** What the code of a run needs of one role, and how far that is known. */
export interface RoleNeed {
  readonly role: RoleInfo;
  readonly calls: readonly CodeCall[];
  readonly grants: readonly NeededGrant[];
  /** Why the need is not known whole (src/join/need.ts needUnknown), or null. */
  readonly unknown: string | null;
  /** Why its KMS part is not known (src/join/need.ts kmsNeedUnknown), or null. */
  readonly kmsUnknown: string | null;
  /** True when the config ties the code to the role; false when it is the run's only signer role. */
  readonly byConfig: boolean;
}

/**
 * Every S3 call of the code a run read, tied to its role as the code-x-policy rules tie code
 * (`codeSigners`, or the config's one signer), grouped by role. `onlySigner`: calls the config ties
 * to no role go to the run's only signer role, when there is one (`--least-privilege`, the signer
 * report); the rule does not, as it cannot know which code runs as a role otherwise.
 * `sites`: the JS/TS presign sites when the caller has read them; else they are read here.
 */
export async function runNeeds(
  code: { readonly javascript: readonly string[]; readonly python: readonly string[]; readonly sites?: readonly { file: string; site: Site; chain?: readonly ChainLink[] }[] },
  inventory: Inventory,
  config: AuditConfig,
  cwd: string,
  onlySigner: boolean,
): Promise<{ readonly needs: readonly RoleNeed[]; readonly untied: readonly string[] }> {
  const signers = signerModel(inventory, config.settings);
  const context = { cwd: configBase(config), mappings: config.codeSigners, inventory, signers };
  let sites = code.sites;
  if (!sites && code.javascript.length > 0) {
    const { auditCode } = await import('./javascript.js');
    sites = (await auditCode(code.javascript, config)).sites;
  }
  const files = [...code.javascript, ...code.python];
  const found = [...javascriptCalls(sites ?? [], context, cwd), ...(await pythonCalls(code.python, context, cwd)), ...(await directCalls(files, context, cwd))];
  const only = onlySigner && signers.roles.length === 1 ? signers.roles[0]! : null;
  const byConfig = new Set(found.flatMap((call) => (call.tie.role ? [call.tie.role] : [])));
  const calls = found.map((call) => (call.tie.role || !only ? call : { ...call, tie: { ...call.tie, role: only } }));
  const others = (await otherServiceUses(files, context, cwd)).map((use) => ({ ...use, role: use.role ?? only }));
  const needs = needsOf(calls, inventory).map((need): RoleNeed => {
    const roleCalls = calls.filter((call) => call.tie.role === need.role);
    const otherServices = others.filter((use) => use.role === need.role).map((use) => use.at);
    return { role: need.role, calls: roleCalls, grants: need.grants, unknown: needUnknown(need.role, roleCalls, need.grants), kmsUnknown: kmsNeedUnknown(roleCalls, need.grants, otherServices), byConfig: byConfig.has(need.role) };
  });
  return { needs, untied: calls.filter((call) => !call.tie.role).map((call) => call.at) };
}

export function javascriptCalls(sites: readonly { file: string; site: Site; chain?: readonly ChainLink[] }[], context: TieContext, cwd: string): CodeCall[] {
  // A wrapper's own site (`getSignedUrl(s3, command)` inside `presign(command)`) is read again at each
  // call of the wrapper with the command given there: those derived sites stand for it.
  const wrapped = new Set(sites.flatMap(({ chain }) => (chain && chain.length > 0 ? [place(chain[chain.length - 1]!.file, chain[chain.length - 1]!.line, cwd)] : [])));
  const calls: CodeCall[] = [];
  for (const { file, site, chain } of sites) {
    const at = chain && chain.length > 0 ? place(chain[0]!.file, chain[0]!.line, cwd) : place(file, site.node.loc.start.line, cwd);
    if (!chain && wrapped.has(at)) continue;
    const key = site.parameters?.entries.get('Key');
    calls.push(callOfSite(site, at, tieSite(site, file, context), key ? javascriptPrefix(key.node) : null));
  }
  return calls;
}

/** The constant start of a key expression: `` `incoming/${id}` ``, `'incoming/' + id`. */
function javascriptPrefix(node: Node): string | null {
  switch (node.type) {
    case 'TemplateLiteral': {
      // An empty head (`${id}/x`) shows no prefix.
      const head = node.quasis[0]!.value.cooked;
      return head === '' ? null : head;
    }
    case 'BinaryExpression':
      return node.operator === '+' ? javascriptPrefix(node.left) : null;
    case 'Literal':
      return typeof node.value === 'string' ? node.value : null;
    default:
      return null;
  }
}

export async function pythonCalls(files: readonly string[], context: TieContext, cwd: string): Promise<CodeCall[]> {
  const calls: CodeCall[] = [];
  for (const file of files) {
    const source = await readFile(file, 'utf8').catch(() => null);
    if (source === null || !/generate_presigned_(?:url|post)/.test(source)) continue;
    const parsed = await parsePython(source);
    if (!parsed.ok) continue;
    const module = new PythonModule(parsed.root);
    for (const site of boto3Sites(module, new PythonEvaluator(module))) {
      const key = site.parameters?.entries.get('Key');
      calls.push(callOfSite(site, place(file, site.node.start.row + 1, cwd), tieSite(site, file, context), key ? pythonPrefix(key.node) : null));
    }
  }
  return calls;
}

/** The constant start of a Python key expression: `f"incoming/{name}"`, `"incoming/" + name`. */
function pythonPrefix(node: PyNode): string | null {
  if (node.type === 'string') {
    const first = namedChildren(node).find((c) => c.type === 'string_content' || c.type === 'interpolation');
    return first?.type === 'string_content' ? first.text : null;
  }
  if (node.type === 'binary_operator' && child(node, 'operator')?.text === '+') {
    const left = child(node, 'left');
    return left ? pythonPrefix(left) : null;
  }
  if (node.type === 'concatenated_string') return namedChildren(node)[0] ? pythonPrefix(namedChildren(node)[0]!) : null;
  return null;
}

const OPERATIONS = new Set(KNOWN_OPERATIONS);
/** boto3's managed transfers: uploads may go multipart (and abort on failure); downloads read. */
const BOTO3_TRANSFERS: Readonly<Record<string, readonly string[]>> = {
  upload_file: ['PutObject', 'AbortMultipartUpload'],
  upload_fileobj: ['PutObject', 'AbortMultipartUpload'],
  download_file: ['GetObject'],
  download_fileobj: ['GetObject'],
};

/**
 * Requests the code sends itself, by name: `new PutObjectCommand(` (v3), `.putObject(` (v2, the v3
 * aggregated client), `.put_object(` and the managed transfers (boto3), `new Upload(` (lib-storage).
 * Each is tied to a role as the file's presign sites are (`codeSigners`, or the one signer).
 */
export async function directCalls(files: readonly string[], context: TieContext, cwd: string): Promise<CodeCall[]> {
  const calls: CodeCall[] = [];
  for (const file of files) {
    const source = await readFile(file, 'utf8').catch(() => null);
    if (source === null) continue;
    const python = file.endsWith('.py');
    const sendsS3 = source.includes('@aws-sdk/client-s3');
    const found: { index: number; operation: string | null }[] = [];
    if (python) {
      for (const m of source.matchAll(/\.([a-z0-9_]+)\(/g)) {
        const name = m[1]!;
        const pascal = name.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
        const operations = BOTO3_TRANSFERS[name] ?? (name.includes('_') && OPERATIONS.has(pascal) ? [pascal] : []);
        for (const operation of operations) found.push({ index: m.index, operation });
      }
      // boto3's resource API (`s3.Object(...).put()`, `bucket.objects.all()`) names no operation.
      for (const m of source.matchAll(/\bboto3\.resource\(\s*['"]s3['"]/g)) found.push({ index: m.index, operation: null });
    } else {
      // v3: `client.send(new XCommand(...))`; a command sent by name (`send(command)`) may be any operation.
      for (const m of source.matchAll(/\.send\(\s*(?:new\s+([A-Z]\w*)Command\s*\()?/g)) {
        if (m[1] === undefined ? sendsS3 : OPERATIONS.has(m[1])) found.push({ index: m.index, operation: m[1] ?? null });
      }
      // v2 and the v3 aggregated client: `s3.getObject(`; a presign names the operation as a string.
      for (const m of source.matchAll(/\.([a-z]\w*)\(/g)) {
        const pascal = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
        if (OPERATIONS.has(pascal) && /[A-Z]/.test(m[1]!)) found.push({ index: m.index, operation: pascal });
      }
      for (const m of source.matchAll(/\bnew\s+Upload\s*\(/g)) for (const operation of ['PutObject', 'CreateMultipartUpload', 'AbortMultipartUpload']) found.push({ index: m.index, operation });
    }
    if (found.length === 0) continue;
    const role = tieModule(file, context);
    for (const { index, operation } of found) {
      const line = source.slice(0, index).split('\n').length;
      calls.push({ at: place(file, line, cwd), signed: false, operation, parameters: new Set(), copySource: null, kmsKeyId: null, key: { kind: 'unknown' }, tie: { role, bucket: null } });
    }
  }
  return calls;
}

/** Services whose requests use no KMS key of the caller's: S3 itself is the need, STS hands out sessions. */
const NO_KMS_SERVICES = new Set(['s3', 'sts']);

/**
 * Where the code makes a client of another AWS service (`@aws-sdk/client-sqs`, `new AWS.DynamoDB(`,
 * `boto3.client('secretsmanager')`): such a service's resources may be encrypted with a KMS key the
 * role needs, so the run does not know the role's KMS need whole (src/join/need.ts kmsNeedUnknown).
 */
export async function otherServiceUses(files: readonly string[], context: TieContext, cwd: string): Promise<{ readonly at: string; readonly role: RoleInfo | null }[]> {
  const uses: { at: string; role: RoleInfo | null }[] = [];
  for (const file of files) {
    const source = await readFile(file, 'utf8').catch(() => null);
    if (source === null) continue;
    const patterns = file.endsWith('.py')
      ? [/\.(?:client|resource)\(\s*(?:service_name\s*=\s*)?['"]([a-z0-9-]+)['"]/g]
      : [/['"](?:@aws-sdk\/client-|aws-sdk\/clients\/)([a-z0-9-]+)['"]/g, /\bnew\s+AWS\.([A-Z][A-Za-z0-9]*)\s*\(/g];
    for (const pattern of patterns) {
      for (const m of source.matchAll(pattern)) {
        const service = m[1]!.toLowerCase();
        // The v2 SDK's helpers (`new AWS.Credentials(`, `new AWS.Endpoint(`) are no services.
        if (NO_KMS_SERVICES.has(service) || /credentials$|^endpoint$|^config$/.test(service)) continue;
        uses.push({ at: place(file, source.slice(0, m.index).split('\n').length, cwd), role: tieModule(file, context) });
      }
    }
  }
  return uses;
}

function place(file: string, line: number, cwd: string): string {
  return `${path.relative(cwd, file).split(path.sep).join('/')}:${line}`;
}
