/**
 * eslint-plugin-presign: the ESLint flat-config plugin.
 *
 *   import presign from 'eslint-plugin-presign';
 *   export default [presign.configs.recommended];          // code
 *   export default [presign.configs.policies];             // IAM / bucket / KMS policy JSON files
 */
import { presign } from './eslint/plugin.js';

export type { PresignPlugin } from './eslint/plugin.js';
export default presign;
