/**
 * Every rule of the package, once, in the registry's order: the list rules/catalogue.ts is made
 * from (`npm run update:registry`). Nothing at run time imports it, so that no run loads every
 * rule: the registry (rules/index.ts) loads a rule's check when a run first needs it.
 * test/rules/registry.test.ts holds it equal to the rule files on disk, and the catalogue to it.
 */
import enforceUploadConstraints from './code/enforce-upload-constraints.js';
import explicitExpiry from './code/explicit-expiry.js';
import explicitMethod from './code/explicit-method.js';
import maxExpiry from './code/max-expiry.js';
import minExpiry from './code/min-expiry.js';
import methodMismatch from './code/method-mismatch.js';
import noDefaultChecksum from './code/no-default-checksum.js';
import noSigV2 from './code/no-sigv2.js';
import noUrlLogging from './code/no-url-logging.js';
import publicUploadContentType from './code/public-upload-content-type.js';
import requireContentLengthRange from './code/require-content-length-range.js';
import temporaryCredentialsExpiry from './code/temporary-credentials-expiry.js';
import signerBeyondNeed from './code-x-policy/signer-beyond-need.js';
import signerMissingPermission from './code-x-policy/signer-missing-permission.js';
import uploadMissingSse from './code-x-policy/upload-missing-sse.js';
import kmsSignerAccess from './policy/kms-signer-access.js';
import noAllowNegation from './policy/no-allow-negation.js';
import privateSourceIp from './policy/private-source-ip.js';
import publicPrincipal from './policy/public-principal.js';
import publicTrust from './policy/public-trust.js';
import requireEncryptionCondition from './policy/require-encryption-condition.js';
import signatureAgeLimit from './policy/signature-age-limit.js';
import signerBroadResource from './policy/signer-broad-resource.js';
import signerWildcardAction from './policy/signer-wildcard-action.js';
import unknownAction from './policy/unknown-action.js';
import unknownConditionKey from './policy/unknown-condition-key.js';
import validPolicy from './policy/valid-policy.js';
import type { AnyRule } from '../src/rule/shape.js';

export const ALL_RULES: readonly AnyRule[] = [
  enforceUploadConstraints,
  explicitExpiry,
  explicitMethod,
  maxExpiry,
  minExpiry,
  methodMismatch,
  noDefaultChecksum,
  noSigV2,
  noUrlLogging,
  publicUploadContentType,
  requireContentLengthRange,
  temporaryCredentialsExpiry,
  kmsSignerAccess,
  noAllowNegation,
  privateSourceIp,
  publicPrincipal,
  publicTrust,
  requireEncryptionCondition,
  signatureAgeLimit,
  signerBroadResource,
  signerWildcardAction,
  unknownAction,
  unknownConditionKey,
  validPolicy,
  signerMissingPermission,
  signerBeyondNeed,
  uploadMissingSse,
] as unknown as readonly AnyRule[];
