/**
 * The S3 calls of the code a run read, for the signer's need (src/join/need.ts): every presign site
 * (JS/TS as the whole-program reader finds them, wrappers resolved at their calls; Python's boto3),
 * and the requests the code sends itself, found by name (v3 `new XCommand(`, v2 and boto3 client
 * methods). A direct call's bucket and key are read from its arguments where they are constant
 * (src/engine/direct-call-arguments.ts); what is not stays unknown and widens that call's need.
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
import { tieModule, tieModuleBucket, tieSite, type TieContext } from '../join/ties.js';
import { javascriptTargets, pythonPrefix, pythonTargets, withoutComments } from './direct-call-arguments.js';
import { KNOWN_OPERATIONS } from '../presign/commands.js';
import { boto3Sites } from '../python/boto3-sites.js';
import { PythonEvaluator } from '../python/evaluate.js';
import { PythonModule } from '../python/scope.js';
import { parsePython } from '../python/syntax.js';

/** What the code of a run needs of one role, and how far that is known. */
export interface RoleNeed {
  readonly role: RoleInfo;
  readonly calls: readonly CodeCall[];
  readonly grants: readonly NeededGrant[];
  /** Why the need is not known whole (src/join/need.ts needUnknown), or null. */
  readonly unknown: string | null;
  /** Why its KMS part is not known (src/join/need.ts kmsNeedUnknown), or null. */
  readonly kmsUnknown: string | null;
  /** How the code was tied to the role: by the config, by the template's code folder of its one function, or as the run's only signer. */
  readonly tiedBy: 'config' | 'code folder' | 'only signer';
}

/**
 * Every S3 call of the code a run read, tied to its role as the code-x-policy rules tie code
 * (`codeSigners`, or the config's one signer), else to the role of the function whose code folder
 * (SAM `CodeUri`, a Serverless service's folder) holds the file, grouped by role. `onlySigner`:
 * calls still untied go to the run's only signer role, when there is one (`--least-privilege`, the
 * signer report); the rule does not, as it cannot know which code runs as a role otherwise.
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
  const folderRole = codeFolderRoles(inventory, cwd);
  const inFolder = (at: string) => folderRole(path.resolve(cwd, at.slice(0, at.lastIndexOf(':'))));
  const roleOf = (at: string, role: RoleInfo | null) => role ?? inFolder(at) ?? only;
  const calls = found.map((call) => ({ ...call, tie: { ...call.tie, role: roleOf(call.at, call.tie.role) } }));
  const byFolder = new Set(found.flatMap((call) => (call.tie.role ? [] : [inFolder(call.at)]).filter((role) => role !== null)));
  const others = (await otherServiceUses(files, context, cwd)).map((use) => ({ ...use, role: roleOf(use.at, use.role) }));
  const needs = needsOf(calls, inventory).map((need): RoleNeed => {
    const roleCalls = calls.filter((call) => call.tie.role === need.role);
    const roleUses = others.filter((use) => use.role === need.role);
    const otherServices = roleUses.map((use) => use.at);
    const onBehalf = roleUses.filter((use) => S3_WITH_CALLER_PERMISSIONS.has(use.service)).map((use) => `${use.service} (${use.at})`);
    const tiedBy = byConfig.has(need.role) ? 'config' : byFolder.has(need.role) ? 'code folder' : 'only signer';
    return { role: need.role, calls: roleCalls, grants: need.grants, unknown: needUnknown(need.role, roleCalls, need.grants, onBehalf), kmsUnknown: kmsNeedUnknown(roleCalls, need.grants, otherServices), tiedBy };
  });
  return { needs, untied: calls.filter((call) => !call.tie.role).map((call) => call.at) };
}

/**
 * The role whose functions' code folders (`role.code`, read from SAM `CodeUri` and Serverless
 * service folders, relative to the template) hold a file, when exactly one role's do: the template
 * says that code runs as it. Inline code has no file to match.
 */
function codeFolderRoles(inventory: Inventory, cwd: string): (file: string) => RoleInfo | null {
  const folders = inventory.roles.flatMap((role) =>
    (role.code?.locations ?? []).flatMap((location) => ('directory' in location ? [{ role, folder: path.resolve(path.dirname(path.resolve(cwd, role.source.file)), location.directory) }] : [])),
  );
  return (file) => {
    const roles = new Set(folders.filter(({ folder }) => file.startsWith(folder + path.sep)).map(({ role }) => role));
    return roles.size === 1 ? [...roles][0]! : null;
  };
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
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    const python = file.endsWith('.py');
    // Searched without comments; the arguments are read from the parsed text, where comments are none.
    const source = withoutComments(text, python);
    const sendsS3 = source.includes('@aws-sdk/client-s3');
    const found: { index: number; operation: string | null; method?: string; sendsByName?: boolean }[] = [];
    if (python) {
      for (const m of source.matchAll(/\.([a-z0-9_]+)\(/g)) {
        const name = m[1]!;
        const pascal = name.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
        const operations = BOTO3_TRANSFERS[name] ?? (name.includes('_') && OPERATIONS.has(pascal) ? [pascal] : []);
        for (const operation of operations) found.push({ index: m.index, operation, method: name });
      }
      // boto3's resource API (`s3.Object(...).put()`, `bucket.objects.all()`) names no operation.
      for (const m of source.matchAll(/\bboto3\.resource\(\s*['"]s3['"]/g)) found.push({ index: m.index, operation: null });
    } else {
      // v3: `client.send(new XCommand(...))`; a command sent by name (`send(command)`) is read from its
      // `const` when the module has one, else it may be any operation.
      for (const m of source.matchAll(/\.send\(\s*(?:new\s+([A-Z]\w*)Command\s*\()?/g)) {
        if (m[1] !== undefined ? OPERATIONS.has(m[1]) : sendsS3) found.push({ index: m.index, operation: m[1] ?? null, sendsByName: m[1] === undefined });
      }
      // v2 and the v3 aggregated client: `s3.getObject(`; a presign names the operation as a string.
      for (const m of source.matchAll(/\.([a-z]\w*)\(/g)) {
        const pascal = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
        if (OPERATIONS.has(pascal) && /[A-Z]/.test(m[1]!)) found.push({ index: m.index, operation: pascal });
      }
      for (const m of source.matchAll(/\bnew\s+Upload\s*\(/g)) for (const operation of ['PutObject', 'CreateMultipartUpload', 'AbortMultipartUpload']) found.push({ index: m.index, operation });
      // v2's managed upload, `s3.upload(params).promise()`: a PutObject, or a multipart upload it aborts on failure.
      if (source.includes('aws-sdk')) for (const m of source.matchAll(/\.upload\(/g)) for (const operation of ['PutObject', 'AbortMultipartUpload']) found.push({ index: m.index, operation });
    }
    if (found.length === 0) continue;
    const role = tieModule(file, context);
    const targets = python ? await pythonTargets(source) : await javascriptTargets(source, file);
    for (const { index, operation: named, method, sendsByName } of found) {
      const line = source.slice(0, index).split('\n').length;
      const target = targets(index, method ?? '');
      const operation = sendsByName && typeof target.sent === 'string' ? (OPERATIONS.has(target.sent) ? target.sent : undefined) : sendsByName && target.sent === false ? undefined : named;
      // A command of another service, or a client of another service: no S3 request.
      if (operation === undefined) continue;
      const tie = { role, bucket: tieModuleBucket(file, target.bucket, context) };
      calls.push({ at: place(file, line, cwd), signed: false, operation, parameters: new Set(target.parameters), copySource: null, kmsKeyId: null, key: target.key, tie });
    }
  }
  return calls;
}

/**
 * Services that read or write S3 objects with the caller's permissions when the code hands them an
 * S3 location (Rekognition and Textract images, Transcribe media, Polly synthesis tasks, Athena
 * results, Bedrock documents, DynamoDB exports and imports, CloudFormation templates): the role
 * needs S3 actions no S3 call of its code shows (docs/facts.md, "S3 access on the caller's behalf").
 * Names as the SDKs write them (v3 package, v2 class in lower case, boto3 client name).
 */
const S3_WITH_CALLER_PERMISSIONS = new Set(['rekognition', 'textract', 'transcribe', 'transcribeservice', 'polly', 'athena', 'bedrock', 'bedrock-runtime', 'bedrockruntime', 'bedrock-agent-runtime', 'dynamodb', 'cloudformation', 'glue']);

/** Services whose requests use no KMS key of the caller's: S3 itself is the need, STS hands out sessions. */
const NO_KMS_SERVICES = new Set(['s3', 'sts']);

/**
 * Where the code makes a client of another AWS service (`@aws-sdk/client-sqs`, `new AWS.DynamoDB(`,
 * `boto3.client('secretsmanager')`): such a service's resources may be encrypted with a KMS key the
 * role needs, so the run does not know the role's KMS need whole (src/join/need.ts kmsNeedUnknown).
 */
export async function otherServiceUses(files: readonly string[], context: TieContext, cwd: string): Promise<{ readonly at: string; readonly service: string; readonly role: RoleInfo | null }[]> {
  const uses: { at: string; service: string; role: RoleInfo | null }[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    const source = withoutComments(text, file.endsWith('.py'));
    const patterns = file.endsWith('.py')
      ? [/\.(?:client|resource)\(\s*(?:service_name\s*=\s*)?['"]([a-z0-9-]+)['"]/g]
      : [/['"](?:@aws-sdk\/client-|aws-sdk\/clients\/)([a-z0-9-]+)['"]/g, /\bnew\s+AWS\.([A-Z][A-Za-z0-9]*)\b/g];
    for (const pattern of patterns) {
      for (const m of source.matchAll(pattern)) {
        const service = m[1]!.toLowerCase();
        // The v2 SDK's helpers (`new AWS.Credentials(`, `new AWS.Endpoint(`) are no services.
        if (NO_KMS_SERVICES.has(service) || /credentials$|^endpoint$|^config$/.test(service)) continue;
        uses.push({ at: place(file, source.slice(0, m.index).split('\n').length, cwd), service, role: tieModule(file, context) });
      }
    }
  }
  return uses;
}

function place(file: string, line: number, cwd: string): string {
  return `${path.relative(cwd, file).split(path.sep).join('/')}:${line}`;
}
