/**
 * `createRule` for the ESLint code rules: typescript-eslint's RuleCreator with this plugin's docs
 * URL and the preset level on `meta.docs`.
 */
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import { docsUrl, type PresetLevel } from './rule-docs.js';

export { REPOSITORY_URL, type PresetLevel } from './rule-docs.js';

export interface PresignRuleDocs {
  description: string;
  preset: PresetLevel;
}

export const createRule = RuleCreator<PresignRuleDocs>(docsUrl);
