/**
 * What every rule's metadata shares, code, policy and project rules alike: where its doc page
 * lives and which presets include it. No imports: the CLI reads it without loading ESLint helpers.
 */
export const REPOSITORY_URL = 'https://github.com/eslint-plugin-presign/eslint-plugin-presign';

/**
 * `recommended`: in every preset. `strict`: in `strict` and `all`. `false`: only in `all`.
 * Presets are built from these flags (src/configs.ts), never by hand.
 */
export type PresetLevel = 'recommended' | 'strict' | false;

export function docsUrl(name: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
}
