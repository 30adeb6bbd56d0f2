/**
 * presign/no-sigv2: URLs signed with Signature Version 2. AWS SDK v2 presigns S3 URLs with SigV2
 * unless the client sets `signatureVersion: 'v4'` in the regions of `V2_SIGV2_DEFAULT_REGIONS`;
 * @google-cloud/storage signs V2 URLs unless `version: 'v4'` is passed; boto3 presigns URLs and POSTs
 * with SigV2 unless the client's `Config` sets `signature_version`, in the regions of
 * `BOTO3_SIGV2_DEFAULT_REGIONS`.
 */
import { BOTO3_SIGV2_DEFAULT_REGIONS, V2_SIGV2_DEFAULT_REGIONS } from '../../src/presign/sigv2-regions.js';
import { SIGV4_MAX_EXPIRY_SECONDS } from '../../src/presign/limits.js';
import { numericBounds, singleValue } from '../../src/presign/possible.js';
import type { PresignSite } from '../../src/presign/site.js';
import type { Edit } from '../../src/rule/edits.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId =
  | 'v2DefaultRegion'
  | 'v2UnknownRegion'
  | 'v2Explicit'
  | 'gcsV2'
  | 'boto3DefaultRegion'
  | 'boto3UnknownRegion'
  | 'boto3Explicit'
  | 'settingsDefaultRegion'
  | 'settingsUnknownRegion'
  | 'settingsExplicit'
  | 'useSigV4';

/** The v2 SDK and botocore accept both spellings of SigV4 for S3. */
const V4_VERSIONS: ReadonlySet<unknown> = new Set(['v4', 's3v4']);

/** The messages and default regions of the SDKs whose clients choose the signature. */
const CLIENT_SDKS = {
  'aws-sdk-v2': { defaultRegion: 'v2DefaultRegion', unknownRegion: 'v2UnknownRegion', explicit: 'v2Explicit', regions: V2_SIGV2_DEFAULT_REGIONS },
  boto3: { defaultRegion: 'boto3DefaultRegion', unknownRegion: 'boto3UnknownRegion', explicit: 'boto3Explicit', regions: BOTO3_SIGV2_DEFAULT_REGIONS },
  // django-storages' S3Storage makes a boto3 client from the settings: boto3's regions, the settings' words.
  'django-storages': { defaultRegion: 'settingsDefaultRegion', unknownRegion: 'settingsUnknownRegion', explicit: 'settingsExplicit', regions: BOTO3_SIGV2_DEFAULT_REGIONS },
} as const;

type SigV2MessageId = Exclude<MessageId, 'useSigV4'>;

/**
 * What the site signs with, when it is SigV2: the message, where, and whether switching to SigV4
 * cannot break the call (the region is known, since SigV4 signs for a region and SigV2 does not,
 * and every URL the same signer makes stays within SigV4's 7 days).
 */
function sigV2Of<N>(site: PresignSite<N>, moduleSites: readonly PresignSite<N>[]): { node: N; messageId: SigV2MessageId; data: Record<string, string>; safeToSwitch: boolean } | null {
  if (site.api.sigv4 !== 'when-configured') return null;
  const data = { api: site.api.label };
  if (site.api.sdk === 'gcs') {
    if (site.sigv4 !== false) return null;
    return { node: site.node, messageId: 'gcsV2', data, safeToSwitch: withinSigV4Limit(site) };
  }
  const client = site.client;
  const sdk = site.api.sdk === 'boto3' || site.api.sdk === 'django-storages' ? CLIENT_SDKS[site.api.sdk] : CLIENT_SDKS['aws-sdk-v2'];
  if (!client) return null;
  const version = client.settings.get('signatureVersion');
  const sharing = moduleSites.filter((s) => s.client?.node === client.node);
  const expiriesFit = sharing.every(withinSigV4Limit);
  const region = client.settings.get('region');
  const regionName = region ? singleValue(region.value) : null;
  const regionKnown = typeof regionName?.value === 'string';
  if (version) {
    const v = singleValue(version.value);
    if (!v || V4_VERSIONS.has(v.value)) return null;
    return { node: version.node, messageId: sdk.explicit, data: { ...data, value: JSON.stringify(v.value) }, safeToSwitch: regionKnown && expiriesFit };
  }
  if (!client.settingsComplete) return null;
  if (regionKnown) {
    const name = regionName.value as string;
    if (!sdk.regions.has(name)) return null;
    return { node: site.node, messageId: sdk.defaultRegion, data: { ...data, region: name }, safeToSwitch: expiriesFit };
  }
  return { node: site.node, messageId: sdk.unknownRegion, data, safeToSwitch: false };
}

/** The edit that makes the site sign with SigV4: GCS's `version` option, or the client's `signatureVersion`. */
function useSigV4<N>(site: PresignSite<N>, gcs: boolean): Edit<N> | null {
  if (gcs) return { kind: 'set-option', call: site.node, argument: 0, name: 'version', value: "'v4'" };
  const client = site.client;
  if (!client) return null;
  // A version written as a property or assigned (`AWS.config.signatureVersion = 'v2'`) is replaced
  // where it is written, which may be the global config.
  return { kind: 'set-client-setting', client: client.node, name: 'signatureVersion', value: "'v4'", written: client.settings.get('signatureVersion')?.node ?? null };
}

/** The call's expiry (or the SDK default) is certainly a valid SigV4 expiry. */
function withinSigV4Limit<N>(site: PresignSite<N>): boolean {
  if (!site.expiry) return (site.api.expiry?.defaultSeconds ?? Infinity) <= SIGV4_MAX_EXPIRY_SECONDS;
  return site.expiry.seconds.every((c) => {
    const bounds = numericBounds(c);
    return bounds !== null && bounds.min > 0 && bounds.max <= SIGV4_MAX_EXPIRY_SECONDS;
  });
}


export default defineRule<'site', Record<string, never>, MessageId>({
  name: 'no-sigv2',
  subject: 'site',
  reads: ['client', 'sigv4', 'expiry'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 5.0,
    docs: {
      description: 'Disallow pre-signed URLs signed with the deprecated Signature Version 2',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      v2DefaultRegion: 'Signs with SigV2 in {{region}}: set `signatureVersion: \'v4\'` on the client. With no `signatureVersion`, {{api}} presigns with SigV2 there by default (aws/aws-sdk-js#1099).',
      v2UnknownRegion: 'May sign with SigV2: set `signatureVersion: \'v4\'` (and the region) on the client. With no `signatureVersion`, {{api}} presigns with SigV2 by default in us-east-1 and eight other regions (aws/aws-sdk-js#1099).',
      v2Explicit: 'The client sets `signatureVersion: {{value}}`, which is SigV2; use `signatureVersion: \'v4\'`. {{api}} then signs with SigV4.',
      boto3DefaultRegion: 'Signs with SigV2 in {{region}}: pass `config=Config(signature_version=\'s3v4\')` to the client. With no `signature_version`, botocore presigns with SigV2 there by default ({{api}} docstring).',
      boto3UnknownRegion: 'May sign with SigV2: pass `config=Config(signature_version=\'s3v4\')` and `region_name` to the client. With no `signature_version`, botocore presigns with SigV2 by default in us-east-1 and the other regions that accept it ({{api}} docstring).',
      boto3Explicit: 'The client\'s `Config` sets `signature_version={{value}}`, SigV2; use `signature_version=\'s3v4\'`. {{api}} then signs with SigV4.',
      settingsDefaultRegion: 'Every `storage.url()` signs with SigV2 in {{region}}: set `AWS_S3_SIGNATURE_VERSION = \'s3v4\'`. With no signature version, botocore presigns with SigV2 there by default.',
      settingsUnknownRegion: 'Every `storage.url()` may sign with SigV2: set `AWS_S3_SIGNATURE_VERSION = \'s3v4\'` and the region. With no signature version, botocore presigns with SigV2 by default in us-east-1 and the other regions that accept it.',
      settingsExplicit: '`AWS_S3_SIGNATURE_VERSION = {{value}}` is SigV2 for every `storage.url()`; use \'s3v4\'. django-storages passes it to botocore as is.',
      gcsV2: 'This signs a V2 URL, which has no maximum lifetime; pass `version: \'v4\'` (Python: `version=\'v4\'`). {{api}} signs V2 unless told otherwise; V4 URLs live at most 7 days.',
      useSigV4: 'Sign with SigV4 ({{setting}}).',
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ site, moduleSites }, context) {
    const found = sigV2Of(site, moduleSites);
    if (!found) return;
    const gcs = found.messageId === 'gcsV2';
    const edit = useSigV4(site, gcs);
    const setting = gcs ? "version: 'v4'" : "signatureVersion: 'v4'";
    const remedy = !edit ? {} : found.safeToSwitch ? { fix: edit } : { suggest: [{ messageId: 'useSigV4' as const, data: { setting }, edit }] };
    context.report({ node: found.node, messageId: found.messageId, data: found.data, ...remedy });
  },
});
