/** Every policy rule, by name (without the `presign/` prefix). */
import kmsSignerAccess from './kms-signer-access.js';
import noAllowNegation from './no-allow-negation.js';
import privateSourceIp from './private-source-ip.js';
import publicPrincipal from './public-principal.js';
import requireEncryptionCondition from './require-encryption-condition.js';
import signatureAgeLimit from './signature-age-limit.js';
import signerBroadResource from './signer-broad-resource.js';
import signerWildcardAction from './signer-wildcard-action.js';
import unknownAction from './unknown-action.js';
import unknownConditionKey from './unknown-condition-key.js';
import validPolicy from './valid-policy.js';

export const policyRules = {
  'signer-wildcard-action': signerWildcardAction,
  'require-encryption-condition': requireEncryptionCondition,
  'public-principal': publicPrincipal,
  'private-source-ip': privateSourceIp,
  'unknown-action': unknownAction,
  'unknown-condition-key': unknownConditionKey,
  'kms-signer-access': kmsSignerAccess,
  'signer-broad-resource': signerBroadResource,
  'signature-age-limit': signatureAgeLimit,
  'no-allow-negation': noAllowNegation,
  'valid-policy': validPolicy,
};
