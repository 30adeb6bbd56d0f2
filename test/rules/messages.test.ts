/**
 * Every message of every rule says what is wrong and what to do in a first sentence that fits a
 * 100-column terminal; the explanation follows, and at length in the rule's doc page and SARIF `help`.
 *
 * How it is measured: the first sentence is the text up to the first ". " (or the whole message),
 * counted in Unicode code points (every character of these messages is one column wide), without
 * the `12:5  error  ` prefix a formatter puts before it. The data is realistic and long of its
 * kind: the longest SDK label, 30-character action and key names, the credential source labels,
 * a configured cap. The same limit holds on every message of a presign-audit run over fixtures/.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { formatMessage } from '../../src/core/messages.js';
import { runBin } from '../cli/run-bin.js';

const COLUMNS = 100;

export function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return end === -1 ? message : message.slice(0, end + 1);
}

const columns = (text: string) => [...text].length;

const API = 'S3RequestPresigner#presign (@aws-sdk/s3-request-presigner)';
const SPARED = ' The condition on aws:PrincipalIsAWSService spares the AWS delivery services the bucket policy lets in: they sign no URL.';
const DENY = '{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-customer-documents/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}';

/** Per rule and message id: the data a check passes, long and realistic. */
const DATA: Record<string, Record<string, Record<string, string | number>>> = {
  'enforce-upload-constraints': {
    unsignedParameter: { api: API, parameter: 'ServerSideEncryption', header: 'x-amz-server-side-encryption' },
    anyKey: { api: 'createPresignedPost (@aws-sdk/s3-presigned-post)' },
    noContentType: { api: 'Client#presignedPostPolicy (minio)' },
    signHeaders: { headers: 'content-type, content-length, x-amz-server-side-encryption' },
  },
  'public-upload-content-type': {
    publicPutAnyType: { api: API },
    publicPostAnyType: { api: 'createPresignedPost (@aws-sdk/s3-presigned-post)' },
  },
  'require-content-length-range': {
    noContentLengthRange: { api: 'createPresignedPost (@aws-sdk/s3-presigned-post)' },
  },
  'signer-beyond-need': {
    beyondActions: { role: '"DocumentLinkSignerRole"', remove: 's3:DeleteObject, s3:PutObjectAcl', calls: 'src/links.ts:12 GetObject, src/uploads.ts:30 PutObject' },
    replacePattern: { role: '"DocumentLinkSignerRole"', pattern: '"s3:*Object*"', count: 41, calls: 'src/links.ts:12 GetObject', kept: 's3:GetObject' },
    beyondResources: { role: '"DocumentLinkSignerRole"', actions: 's3:GetObject', resource: '"arn:aws:s3:::*"', needed: 'arn:aws:s3:::acme-documents/shared/*' },
  },
  'explicit-expiry': {
    longDefault: { api: 'aws4.sign with signQuery', parameter: 'X-Amz-Expires (query string of path)', value: '604800 s (7 days)' },
    implicitDefault: { api: API, parameter: 'expiresIn', value: '900 s (15 minutes)' },
    zeroMeansDefault: { api: 'Client#presignedGetObject (minio)', parameter: 'expires', value: '604800 s (7 days)' },
  },
  'explicit-method': {
    ...Object.fromEntries(
      ['operation-not-constant', 'command-unresolved', 'request-without-method', 'request-unresolved', 'method-not-constant', 'action-not-constant', 'method-missing'].map((id) => [id, { api: API }]),
    ),
    'method-implicit': { api: 'generate_presigned_url (boto3)', parameter: 'HttpMethod', operation: 'put_object', method: 'PUT' },
  },
  'max-expiry': {
    clampToLimit: { limit: 604800 },
    aboveMaximum: { api: API, value: '31536000 s (365 days)', limit: 'the SigV4 maximum of 604800 s (7 days)', consequence: 'the SDK throws when it signs' },
    atLeastAboveMaximum: { api: API, value: '2592000 s (30 days)', limit: 'the configured maximum of 43200 s (12 hours)', consequence: 'the URL lives longer than the configured maximum allows' },
    invalidExpiry: { api: API, value: "'3600 seconds'", why: 'it is a string, not a number of seconds' },
    defaultAboveMaximum: { api: 'Client#presignedGetObject (minio)', value: '604800 s (7 days)', limit: 'the configured maximum of 43200 s (12 hours)' },
  },
  'min-expiry': {
    secondsOnMillisecondClock: { api: 'File#getSignedUrl (@google-cloud/storage)', value: '604.8 s', meant: '604800 s (7 days)' },
    pastPointInTime: { api: 'Blob.generate_signed_url (google-cloud-storage)', value: '999999999', date: '2001-09-09T01:46:39Z', version: 'signature V2' },
    tooShort: { api: API, value: '4.999 s', limit: '86400 s (1 day)' },
  },
  'method-mismatch': {
    defaultMethod: { api: API, signed: 'DELETE', used: 'GET', client: 'requests.Session#request' },
    wrongMethod: { api: API, signed: 'DELETE', used: 'POST', client: 'requests.Session#post' },
  },
  'no-default-checksum': {
    defaultChecksum: { api: API, operation: 'UploadPart' },
    checksumWhenSupported: { api: API, operation: 'UploadPart', value: "'WHEN_SUPPORTED'" },
    setWhenRequired: {},
  },
  'no-sigv2': {
    v2DefaultRegion: { api: 'S3#getSignedUrlPromise (aws-sdk v2)', region: 'ap-southeast-2' },
    v2UnknownRegion: { api: 'S3#getSignedUrlPromise (aws-sdk v2)' },
    v2Explicit: { api: 'S3#getSignedUrlPromise (aws-sdk v2)', value: "'v2'" },
    boto3DefaultRegion: { api: 'generate_presigned_post (boto3)', region: 'ap-southeast-2' },
    boto3UnknownRegion: { api: 'generate_presigned_post (boto3)' },
    boto3Explicit: { api: 'generate_presigned_post (boto3)', value: "'s3'" },
    settingsDefaultRegion: { api: 'storage.url() (django-storages)', region: 'ap-southeast-2' },
    settingsUnknownRegion: { api: 'storage.url() (django-storages)' },
    settingsExplicit: { api: 'storage.url() (django-storages)', value: "'s3'" },
    gcsV2: { api: 'File#getSignedUrl (@google-cloud/storage)' },
    useSigV4: { setting: "signatureVersion: 'v4'" },
  },
  'no-url-logging': {
    logged: { api: API, sink: 'logging.Logger#exception' },
    inError: { api: API, sink: 'InternalServerError' },
  },
  'temporary-credentials-expiry': {
    shortenToLifetime: { lifetime: 43200 },
    outlivesCredentials: { api: API, expiry: '604800 s (7 days)', lifetime: '43200 s (12 hours)', source: 'a web identity (AssumeRoleWithWebIdentity) session' },
    defaultOutlivesCredentials: { api: 'Client#presignedGetObject (minio)', expiry: '604800 s (7 days)', lifetime: '43200 s (12 hours)', source: 'an IAM Identity Center (SSO) role' },
  },
  'kms-signer-access': {
    signerCannotUseKey: {
      signer: '"infra/iam/photo-upload-signer-policy.json"',
      operation: 'download',
      bucket: '"acme-customer-documents-prod"',
      key: '"aws_kms_key.customer_documents"',
      reason: "the key policy does not allow it and does not delegate to the account's IAM policies",
      action: 'kms:GenerateDataKey',
    },
  },
  'no-allow-negation': { allowWithNegation: { element: 'NotPrincipal', positive: 'Principal', what: 'principal' } },
  'private-source-ip': {
    privateInIpAddress: { block: 'RFC 1918 private (192.168.0.0/16)', value: '192.168.100.0/24' },
    privateInNotIpAddress: { block: 'RFC 1918 private (192.168.0.0/16)', value: '192.168.100.0/24' },
  },
  'public-principal': {
    publicPrincipal: { principal: '{"AWS": "*"}', reasons: 'kms:ViaService is not a key that makes a statement non-public', keys: 'aws:PrincipalOrgID, aws:SourceVpce, aws:SourceVpc, aws:SourceAccount, aws:SourceArn, aws:SourceIp (/8 or narrower)' },
  },
  'public-trust': {
    publicTrust: { principal: '{"Federated": "*"}', reasons: 'sts:ExternalId is a value the caller passes, not who the caller is' },
  },
  'require-encryption-condition': {
    missingDeny: { gap: 'uploads without server-side encryption or uploads encrypted with AES256', deny: DENY, spared: SPARED },
    allowIsNotEnforcement: { deny: DENY, spared: SPARED },
  },
  'signature-age-limit': {
    noSignatureAgeLimit: { bucket: '"acme-customer-documents-prod"', use: 'read and written', signers: '"UploadSignerRole", "DownloadSignerRole"', policy: 'its policy', statement: DENY, sigv4: DENY, spared: SPARED },
    noSignatureAgeLimitIfSigning: { bucket: '"acme-customer-documents-prod"', use: 'read and written', signers: '"UploadSignerRole", "DownloadSignerRole"', policy: 'its policy', statement: DENY, sigv4: DENY, spared: SPARED },
    sigV2Bypass: { bucket: '"acme-customer-documents-prod"', sigv4: DENY, spared: SPARED },
  },
  'signer-broad-resource': {
    broadResource: { resource: '"arn:aws:s3:::*/*"', signer: '"photo-upload-signer"', actions: 's3:GetObject, s3:GetObjectAcl, s3:GetObjectAnnotation and 16 more', whose: ' through AWS managed policy AmazonS3FullAccess' },
    negatedResource: { signer: '"photo-upload-signer"', actions: 's3:GetObject, s3:PutObject', whose: '' },
  },
  'signer-wildcard-action': {
    wildcardGrantsExtraActions: { pattern: '"s3:*ObjectVersion*"', whose: ' It comes from AWS managed policy AmazonS3FullAccess: detach it, and attach a policy of your own that lists what the URLs need.', count: 94, examples: 's3:DeleteObject, s3:DeleteObjectVersion, s3:PutBucketPolicy, s3:DeleteBucketPolicy, s3:PutObjectAcl and 89 more' },
  },
  'unknown-action': {
    // Long real names: AWS actions newer than the reference data (found on aws-samples/serverless-patterns).
    unknownAction: { action: 'bedrock:GetFoundationModelAgreementAvailability', service: 'bedrock', suggestion: ' Did you mean bedrock:GetFoundationModelAvailability?' },
    unknownService: { action: 'bedrock-runtime:InvokeModelWithResponseStream', service: 'bedrock-runtime', suggestion: ' Did you mean bedrock:InvokeModelWithResponseStream?' },
    patternMatchesNothing: { action: 'lambda:CheckpointDurableExecution*', service: 'lambda' },
    malformedAction: { action: 's3-GetObjectVersionAttributes' },
  },
  'unknown-condition-key': {
    unknownKey: { key: 's3:x-amz-server-side-encryption-aws-kms-key-ids', where: ' of s3', outcome: 'never matches', suggestion: ' Did you mean s3:x-amz-server-side-encryption-aws-kms-key-id?' },
    unknownContentTypeKey: { key: 's3:x-amz-content-type' },
    keyNotSupportedByActions: {
      key: 's3:x-amz-server-side-encryption',
      actions: 's3:GetObject, s3:GetObjectVersion, s3:ListBucket and 2 more actions',
      them: 'them',
      outcome: 'never matches',
      supported: 's3:AccessGrantsInstanceArn, s3:ExistingObjectTag/<key>, s3:ResourceAccount, s3:TlsVersion and s3:authType',
    },
  },
  'valid-policy': {
    unknownVersion: { version: '2012-10-17T00:00:00Z' },
    variablesNeedVersion: { where: 'This policy has no "Version" and', variable: '${aws:PrincipalTag/department}' },
    missingResource: { index: 12, kind: 'service control policy (SCP)', service: 'AWS Organizations', example: '"arn:aws:s3:::amzn-s3-demo-bucket/*"' },
    missingPrincipal: { index: 12, kind: 'resource control policy (RCP)', service: 'AWS Organizations' },
    principalNotAllowed: { element: 'NotPrincipal', kind: 'service control policy (SCP)', appliesTo: 'the IAM users and roles of the accounts it is attached to' },
    resourceNotAllowed: { element: 'NotResource' },
    duplicateSid: { sid: 'AllowUploadsFromTheWebApplication', requirement: 'Sids should be unique in a policy: IAM requires it of its own policies, and other services may reject repeats.' },
    unknownOperator: { operator: 'StringEqualsIgnoreCaseIfExist' },
    operatorTypeMismatch: { operator: 'NumericLessThanEquals', family: 'numeric', key: 's3:x-amz-server-side-encryption', type: 'String', suggestion: 'String' },
    nullIfExists: { operator: 'NullIfExists' },
  },
  'signer-missing-permission': {
    missingPermission: {
      api: API,
      operation: 'AbortMultipartUpload',
      bucket: 'acme-customer-documents-prod',
      role: '"UploadSignerRole"',
      action: 's3:AbortMultipartUpload',
      decision: 'an explicit Deny applies',
      resource: 'arn:aws:s3:::acme-customer-documents-prod/uploads/*',
    },
  },
  'upload-missing-sse': {
    missingSse: { api: API, bucket: 'acme-customer-documents-prod', statement: 'infra/template.yaml:17 "DenyUnencryptedUploads"' },
    wrongSse: { api: API, bucket: 'acme-customer-documents-prod', statement: 'infra/template.yaml:17 "DenyUnencryptedUploads"', sent: '"aws:kms:dsse"' },
  },
};

describe('rule messages', () => {
  it('have realistic data here for every message of every rule', () => {
    for (const rule of RULES) expect(Object.keys(DATA[rule.name] ?? {}).sort(), rule.name).toEqual(Object.keys(rule.meta.messages).sort());
  });

  describe.each(RULES.map((rule) => [rule.name, rule] as const))('presign/%s', (name, rule) => {
    it.each(Object.entries(rule.meta.messages))(`%s: fills every placeholder, and its first sentence fits ${COLUMNS} columns`, (id, template) => {
      const message = formatMessage(template, DATA[name]?.[id]);
      expect(message, 'a placeholder the data does not fill').not.toMatch(/\{\{/);
      const first = firstSentence(message);
      expect(columns(first), first).toBeLessThanOrEqual(COLUMNS);
      // What to do follows what is wrong, in the same sentence: a suggestion is all "what to do".
      if (!rule.meta.hasSuggestions || Object.keys(rule.meta.messages).length < 2 || /[;:]/.test(first) || first.split(' ').length > 9) {
        expect(first, 'says what is wrong, then what to do').toMatch(/[;:]|\bor\b|^(Bound|Sign|Set)\b/);
      }
    });
  });

  it(`fit ${COLUMNS} columns in their first sentence on a presign-audit run over fixtures/`, () => {
    const run = runBin(['--format', 'json', 'fixtures']);
    const results = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
    const findings = results.flatMap((r) => r.messages).filter((m) => m.ruleId.startsWith('presign/'));
    expect(findings.length).toBeGreaterThan(50);
    const tooLong = findings.map((m) => firstSentence(m.message)).filter((first) => columns(first) > COLUMNS);
    expect(tooLong).toEqual([]);
  }, 240_000);
});
