/** Every policy rule, by name (without the `presign/` prefix). */
import privateSourceIp from './private-source-ip.js';
import publicPrincipal from './public-principal.js';
import requireEncryptionCondition from './require-encryption-condition.js';
import signerWildcardAction from './signer-wildcard-action.js';
import unknownAction from './unknown-action.js';
import unknownConditionKey from './unknown-condition-key.js';

export const policyRules = {
  'signer-wildcard-action': signerWildcardAction,
  'require-encryption-condition': requireEncryptionCondition,
  'public-principal': publicPrincipal,
  'private-source-ip': privateSourceIp,
  'unknown-action': unknownAction,
  'unknown-condition-key': unknownConditionKey,
};
