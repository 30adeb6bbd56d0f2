/**
 * eslint-plugin-presign: the ESLint flat-config plugin.
 *
 *   import presign from 'eslint-plugin-presign';
 *   export default [presign.configs.recommended];
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { codeRules } from '../rules/index.js';
import { buildConfigs } from './configs.js';
import { VERSION } from './version.js';

const plugin = {
  meta: { name: 'eslint-plugin-presign', version: VERSION },
  rules: codeRules,
} satisfies TSESLint.FlatConfig.Plugin;

const configs = buildConfigs(plugin, codeRules);

export type PresignPlugin = typeof plugin & { configs: typeof configs };

const presign: PresignPlugin = Object.assign(plugin, { configs });

export default presign;
export { codeRules as rules, configs };
