/** Where the documentation lives: each rule's page, and presign-audit's for its input problems. */
export const REPOSITORY_URL = 'https://github.com/eslint-plugin-presign/eslint-plugin-presign';

export function docsUrl(name: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
}

export const CLI_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/cli.md`;
