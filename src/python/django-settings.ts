/**
 * A Django settings module that configures django-storages' S3 backend, read as the presign site
 * of every `storage.url(name)` the application makes: S3Storage (S3Boto3Storage) signs each with
 * boto3 `generate_presigned_url('get_object', ExpiresIn=querystring_expire)` on a client whose
 * `Config(signature_version=...)` comes from the settings (django-storages storages/backends/s3.py).
 *
 * - `AWS_QUERYSTRING_AUTH` (default True): False makes plain, unsigned URLs: no site.
 * - `AWS_S3_CUSTOM_DOMAIN`: url() then builds a URL on that domain (signed by CloudFront, if at
 *   all), never an S3 presigned URL: no site, unless the value is certainly None or empty.
 * - `AWS_QUERYSTRING_EXPIRE` (default 3600): the expiry.
 * - `AWS_S3_SIGNATURE_VERSION` (default None: botocore's choice, SigV2 in the regions that accept
 *   it), `AWS_S3_REGION_NAME`, `AWS_S3_CLIENT_CONFIG` (a Config that replaces both).
 * - The `OPTIONS` of an S3 backend in `STORAGES` (Django 4.2+) win over the settings: one site
 *   for each such backend.
 *
 * A setting assigned in several branches (`if DEBUG: ... else: ...`) can hold any of its values.
 * A module with `from .base import *` may take the settings it does not set from elsewhere: what
 * it does not set is unknown rather than the default.
 */
import { PRESIGN_APIS } from '../presign/apis.js';
import { UNKNOWN, union, type Possible } from '../presign/possible.js';
import type { ClientInfo, CredentialsInfo } from '../presign/site.js';
import { signsWithSigV4, type PySite } from './boto3-sites.js';
import type { PythonEvaluator } from './evaluate.js';
import type { PythonModule } from './scope.js';
import { child, namedChildren, unwrap, type PyNode } from './syntax.js';

/** The settings S3Storage reads, by the `OPTIONS` key that overrides each (s3.py `get_default_settings`). */
const SETTINGS = {
  querystring_auth: 'AWS_QUERYSTRING_AUTH',
  querystring_expire: 'AWS_QUERYSTRING_EXPIRE',
  signature_version: 'AWS_S3_SIGNATURE_VERSION',
  region_name: 'AWS_S3_REGION_NAME',
  client_config: 'AWS_S3_CLIENT_CONFIG',
  custom_domain: 'AWS_S3_CUSTOM_DOMAIN',
  access_key: 'AWS_S3_ACCESS_KEY_ID',
  security_token: 'AWS_SESSION_TOKEN',
} as const;

type Option = keyof typeof SETTINGS;

/** Older names S3Storage still reads when the first is not set (s3.py). */
const FALLBACK_SETTINGS: Partial<Record<Option, readonly string[]>> = {
  access_key: ['AWS_ACCESS_KEY_ID'],
  security_token: ['AWS_SECURITY_TOKEN'],
};

/** The settings that only django-storages reads: a module that sets one configures it. */
const MARKERS: readonly Option[] = ['querystring_auth', 'querystring_expire', 'signature_version'];

/** django-storages' S3 backends (storages.backends.s3.S3Storage, s3boto3.S3Boto3Storage and subclasses named there). */
const S3_BACKEND = /^storages\.backends\.s3(?:boto3)?\./;

interface Setting {
  readonly node: PyNode;
  readonly value: Possible;
}

export function djangoSettingsSites(module: PythonModule, evaluator: PythonEvaluator): PySite[] {
  const backends = s3Backends(module, evaluator);
  const configures = MARKERS.some((option) => module.moduleBindings(SETTINGS[option]).length > 0) || backends.length > 0;
  if (!configures) return [];
  const incomplete = module.hasStarImport();
  // Backends without OPTIONS all take the module's settings: one site stands for them.
  const withOptions = backends.filter((backend) => backend.options !== null);
  const plain = backends.find((backend) => backend.options === null);
  const targets = withOptions.length > 0 && !plain ? withOptions : [...withOptions, { node: plain?.node ?? null, options: null }];
  const sites: PySite[] = [];
  for (const target of targets) {
    const get = (name: Option): Setting | null => target.options?.get(name) ?? moduleSetting(module, evaluator, name);
    const auth = get('querystring_auth');
    // `AWS_QUERYSTRING_AUTH = False`: the backend makes unsigned URLs.
    if (auth?.value.every((c) => c.kind === 'value' && c.value === false)) continue;
    // With a custom domain, url() builds a plain URL on that domain (or a CloudFront-signed one): nothing S3 presigns.
    const domain = get('custom_domain');
    if (domain && !domain.value.every((c) => c.kind === 'value' && (c.value === null || c.value === ''))) continue;
    const expire = get('querystring_expire');
    const signature = get('signature_version');
    const node = expire?.node ?? signature?.node ?? auth?.node ?? target.node;
    if (!node) continue;
    sites.push(site(node, expire, clientOf(node, get, incomplete)));
  }
  return sites;
}

function site(node: PyNode, expire: Setting | null, client: ClientInfo<PyNode>): PySite {
  return {
    api: PRESIGN_APIS['django-storages.settings'],
    node,
    expiry: expire ? { node: expire.node, seconds: expire.value } : null,
    // S3Storage.url signs 'get_object' (HttpMethod None: GET).
    method: { kind: 'known', method: 'GET' },
    operation: 'GetObject',
    client,
    sigv4: signsWithSigV4(client),
    parameters: null,
    signableHeaders: null,
    post: null,
    // The URLs are made wherever the application calls `.url()`, which the settings do not show.
    flows: [],
  };
}

/** The client S3Storage makes: the settings' region and signature version, unless a whole Config replaces them. */
function clientOf(node: PyNode, get: (name: Option) => Setting | null, incomplete: boolean): ClientInfo<PyNode> {
  const settings = new Map<string, Setting>();
  const config = get('client_config');
  const signature = get('signature_version');
  const region = get('region_name');
  if (!config && signature) settings.set('signatureVersion', signature);
  if (region) settings.set('region', region);
  const token = get('security_token');
  const key = get('access_key');
  let credentials: CredentialsInfo<PyNode> = { kind: 'unknown' };
  if (token) credentials = { kind: 'temporary', source: 'sessionToken', node: token.node, durationSeconds: null };
  else if (key) credentials = { kind: 'long-term', node: key.node };
  // A settings module that imports `*` from another may get the signature version from there.
  const settingsComplete = !config && (!incomplete || (signature !== null && region !== null));
  return { node, settings, settingsComplete, credentials };
}

/** A module-level setting, with every value its assignments give; unknown when assigned otherwise (`+=`, a loop). */
function moduleSetting(module: PythonModule, evaluator: PythonEvaluator, option: Option): Setting | null {
  for (const name of [SETTINGS[option], ...(FALLBACK_SETTINGS[option] ?? [])]) {
    const bindings = module.moduleBindings(name);
    if (bindings.length === 0) continue;
    const values = bindings.map((binding) => (binding.kind === 'assign' ? evaluator.evaluate(binding.value) : UNKNOWN));
    // A finding points at one assignment: the one with the largest number (the longest expiry), else the first.
    const largest = (index: number) => Math.max(-Infinity, ...values[index]!.flatMap((c) => (c.kind === 'value' && typeof c.value === 'number' ? [c.value] : [])));
    const chosen = bindings.reduce((best, _, index) => (largest(index) > largest(best) ? index : best), 0);
    const binding = bindings[chosen]!;
    return { node: binding.kind === 'assign' ? binding.value : binding.node, value: union(...values) };
  }
  return null;
}

/** The S3 backends of `STORAGES = {alias: {'BACKEND': ..., 'OPTIONS': {...}}}`, and of `DEFAULT_FILE_STORAGE`. */
function s3Backends(module: PythonModule, evaluator: PythonEvaluator): { node: PyNode; options: Map<Option, Setting> | null }[] {
  const out: { node: PyNode; options: Map<Option, Setting> | null }[] = [];
  for (const name of ['DEFAULT_FILE_STORAGE', 'STATICFILES_STORAGE']) {
    for (const binding of module.moduleBindings(name)) {
      if (binding.kind === 'assign' && S3_BACKEND.test(evaluator.constantString(binding.value) ?? '')) out.push({ node: binding.value, options: null });
    }
  }
  for (const binding of module.moduleBindings('STORAGES')) {
    const storages = binding.kind === 'assign' ? unwrap(binding.value) : null;
    if (storages?.type !== 'dictionary') continue;
    for (const entry of dictEntries(storages, evaluator).values()) {
      if (entry.type !== 'dictionary') continue;
      const fields = dictEntries(entry, evaluator);
      const backend = fields.get('BACKEND');
      if (!backend || !S3_BACKEND.test(evaluator.constantString(backend) ?? '')) continue;
      const optionsNode = fields.get('OPTIONS');
      let options: Map<Option, Setting> | null = null;
      if (optionsNode?.type === 'dictionary') {
        options = new Map();
        for (const [key, value] of dictEntries(optionsNode, evaluator)) {
          if (key in SETTINGS) options.set(key as Option, { node: value, value: evaluator.evaluate(value) });
        }
      }
      out.push({ node: backend, options });
    }
  }
  return out;
}

/** A dict literal's entries with constant keys. */
function dictEntries(dict: PyNode, evaluator: PythonEvaluator): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const item of namedChildren(dict)) {
    const key = item.type === 'pair' ? child(item, 'key') : null;
    const value = item.type === 'pair' ? child(item, 'value') : null;
    const name = key ? evaluator.constantString(key) : null;
    if (name !== null && value) out.set(name, unwrap(value));
  }
  return out;
}
