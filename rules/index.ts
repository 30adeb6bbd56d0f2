/** Every rule of the plugin, by name (without the `presign/` prefix). */
import enforceUploadConstraints from './code/enforce-upload-constraints.js';
import explicitExpiry from './code/explicit-expiry.js';
import explicitMethod from './code/explicit-method.js';
import maxExpiry from './code/max-expiry.js';
import methodMismatch from './code/method-mismatch.js';
import noDefaultChecksum from './code/no-default-checksum.js';
import noSigV2 from './code/no-sigv2.js';
import noUrlLogging from './code/no-url-logging.js';
import temporaryCredentialsExpiry from './code/temporary-credentials-expiry.js';

export const codeRules = {
  'enforce-upload-constraints': enforceUploadConstraints,
  'explicit-expiry': explicitExpiry,
  'explicit-method': explicitMethod,
  'max-expiry': maxExpiry,
  'method-mismatch': methodMismatch,
  'no-default-checksum': noDefaultChecksum,
  'no-sigv2': noSigV2,
  'no-url-logging': noUrlLogging,
  'temporary-credentials-expiry': temporaryCredentialsExpiry,
};
