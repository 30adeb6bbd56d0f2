/**
 * `createRule` for every rule of the plugin, code and policy alike: typescript-eslint's
 * RuleCreator with this plugin's docs URL and the preset levels on `meta.docs`.
 */
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-presign/eslint-plugin-presign';

/**
 * `recommended`: in every preset. `strict`: in `strict` and `all`. `false`: only in `all`.
 * Presets are built from these flags (src/configs.ts), never by hand.
 */
export type PresetLevel = 'recommended' | 'strict' | false;

export interface PresignRuleDocs {
  description: string;
  preset: PresetLevel;
}

export const createRule = RuleCreator<PresignRuleDocs>((name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);
