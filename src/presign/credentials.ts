/**
 * Where a signing client's credentials come from, and how long they live.
 * "If you created a presigned URL using a temporary token, the URL expires when the token
 * expires" (S3 User Guide, "Who can create a presigned URL"). Every lifetime here is a
 * documented default that users override with the `lifetimes` option of
 * presign/temporary-credentials-expiry; sources: docs/facts.md#credential-lifetimes.
 */

export type CredentialSourceKind =
  | 'instanceMetadata'
  | 'containerMetadata'
  | 'assumeRole'
  | 'webIdentity'
  | 'sso'
  | 'cognito'
  | 'ini'
  | 'env'
  | 'lambdaRole'
  | 'sessionToken';

export interface CredentialSourceFacts {
  /** How a message names the source: "credentials from <label>". */
  readonly label: string;
  /**
   * Default lifetime in seconds, or null when the source is temporary only in some
   * set-ups (an ini profile with a role, env with AWS_SESSION_TOKEN) and so is not
   * checked unless the user gives a lifetime.
   */
  readonly defaultLifetimeSeconds: number | null;
  /** Where the code can shorten or lengthen it (the STS `DurationSeconds` parameter). */
  readonly durationParameter: boolean;
  readonly source: string;
}

export const CREDENTIAL_SOURCES: Readonly<Record<CredentialSourceKind, CredentialSourceFacts>> = {
  instanceMetadata: {
    label: 'an EC2 instance profile',
    defaultLifetimeSeconds: 6 * 3_600,
    durationParameter: false,
    source: 'S3 User Guide, "Who can create a presigned URL": instance profile, valid up to 6 hours',
  },
  containerMetadata: {
    label: 'an ECS/EKS task role',
    defaultLifetimeSeconds: 6 * 3_600,
    durationParameter: false,
    source: 'treated like instance profile credentials (6 hours) unless configured',
  },
  assumeRole: {
    label: 'an STS AssumeRole session',
    defaultLifetimeSeconds: 3_600,
    durationParameter: true,
    source: 'STS AssumeRole: DurationSeconds defaults to 3600 (max 43200; 3600 when chaining roles)',
  },
  webIdentity: {
    label: 'a web identity (AssumeRoleWithWebIdentity) session',
    defaultLifetimeSeconds: 3_600,
    durationParameter: true,
    source: 'STS AssumeRoleWithWebIdentity: DurationSeconds defaults to 3600',
  },
  sso: {
    label: 'an IAM Identity Center (SSO) role',
    defaultLifetimeSeconds: 3_600,
    durationParameter: false,
    source: 'IAM Identity Center role credentials: 1 hour by default',
  },
  cognito: {
    label: 'a Cognito identity pool',
    defaultLifetimeSeconds: 3_600,
    durationParameter: false,
    source: 'Cognito GetCredentialsForIdentity: credentials valid for 1 hour',
  },
  ini: {
    label: 'a shared config file profile',
    defaultLifetimeSeconds: null,
    durationParameter: false,
    source: 'temporary (3600 s) only when the profile assumes a role: set a lifetime to check it',
  },
  env: {
    label: 'environment variables',
    defaultLifetimeSeconds: null,
    durationParameter: false,
    source: 'temporary (3600 s) only with AWS_SESSION_TOKEN: set a lifetime to check it',
  },
  lambdaRole: {
    label: 'the Lambda execution role',
    defaultLifetimeSeconds: 3_600,
    durationParameter: false,
    source: 'Lambda execution role session credentials: observed as short as 1 hour',
  },
  sessionToken: {
    label: 'a session token passed in the code',
    // The token's lifetime is set wherever it was issued (STS, SSO, a broker), which the code
    // that passes it does not show.
    defaultLifetimeSeconds: null,
    durationParameter: false,
    source: 'temporary (a session token) of a lifetime the code does not show: set a lifetime to check it',
  },
};

/**
 * Credential providers of AWS SDK v3 (`@aws-sdk/credential-providers` and the per-provider
 * packages), by exported function name.
 */
export const V3_CREDENTIAL_PROVIDERS: Readonly<Record<string, CredentialSourceKind>> = {
  fromInstanceMetadata: 'instanceMetadata',
  fromContainerMetadata: 'containerMetadata',
  fromTemporaryCredentials: 'assumeRole',
  fromWebToken: 'webIdentity',
  fromTokenFile: 'webIdentity',
  fromSSO: 'sso',
  fromCognitoIdentity: 'cognito',
  fromCognitoIdentityPool: 'cognito',
  fromIni: 'ini',
  fromEnv: 'env',
};

/** Packages that export the v3 providers above. */
export const V3_CREDENTIAL_PACKAGES: readonly string[] = [
  '@aws-sdk/credential-providers',
  '@aws-sdk/credential-provider-imds',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-cognito-identity',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-env',
  '@smithy/credential-provider-imds',
];

/**
 * Vercel's OIDC provider: `awsCredentialsProvider({ roleArn, durationSeconds })` calls v3's
 * `fromWebToken` with the function's OIDC token (docs/facts.md#credential-lifetimes).
 */
export const VERCEL_OIDC_PACKAGES: readonly string[] = ['@vercel/functions/oidc', '@vercel/oidc-aws-credentials-provider'];
export const VERCEL_OIDC_PROVIDERS: Readonly<Record<string, CredentialSourceKind>> = { awsCredentialsProvider: 'webIdentity' };

/** Credential classes of AWS SDK v2 (`AWS.<Class>`). */
export const V2_CREDENTIAL_CLASSES: Readonly<Record<string, CredentialSourceKind>> = {
  EC2MetadataCredentials: 'instanceMetadata',
  ECSCredentials: 'containerMetadata',
  RemoteCredentials: 'containerMetadata',
  TemporaryCredentials: 'assumeRole',
  ChainableTemporaryCredentials: 'assumeRole',
  WebIdentityCredentials: 'webIdentity',
  TokenFileWebIdentityCredentials: 'webIdentity',
  CognitoIdentityCredentials: 'cognito',
  SsoCredentials: 'sso',
  SharedIniFileCredentials: 'ini',
  EnvironmentCredentials: 'env',
};
