/** Every rule that holds code against policies, by name (without the `presign/` prefix). */
import signerMissingPermission from './signer-missing-permission.js';
import uploadMissingSse from './upload-missing-sse.js';

export const projectRules = {
  'signer-missing-permission': signerMissingPermission,
  'upload-missing-sse': uploadMissingSse,
};
