/**
 * The rules only presign-audit runs (code held against the policies) are defined in the ESLint
 * plugin as rules that report nothing (src/eslint/audit-only-rule.ts): in ESLint itself, a directive
 * naming one is no "Definition for rule ... was not found" error, and a config that enables one is
 * accepted and reports nothing. On ESLint 10 and 9, through the Linter API with the plugin's presets.
 */
import { Linter as Linter10 } from 'eslint';
import { Linter as Linter9 } from 'eslint9';
import { describe, expect, it } from 'vitest';
import presign from '../src/index.js';
import { RULES } from '../rules/index.js';

// ESLint 9's Linter, typed as 10's: both verify a flat config the same way.
const LINTERS: Record<string, typeof Linter10> = { 'ESLint 10': Linter10, 'ESLint 9': Linter9 as unknown as typeof Linter10 };
const AUDIT_ONLY = RULES.filter((rule) => rule.subject === 'site-policies' || rule.subject === 'signer-need').map((rule) => `presign/${rule.name}`);

// An upload URL whose signer lacks s3:PutObject is what presign-audit's signer-missing-permission
// reports; the directive keeps that finding out, with its reason.
const CODE = `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const client = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
export async function uploadUrl(key) {
  // eslint-disable-next-line presign/signer-missing-permission -- signed with a role of another repository
  return getSignedUrl(client, new PutObjectCommand({ Bucket: 'uploads', Key: key }), { expiresIn: 300 });
}
`;

describe.each(Object.entries(LINTERS))('the rules only presign-audit runs, in %s', (_name, Linter) => {
  const lint = (extra: object) => new Linter({ configType: 'flat' }).verify(CODE, [presign.configs.recommended, extra] as never, { filename: 'upload.mjs' });

  it('are defined, so that a directive naming one is no missing definition', () => {
    expect(AUDIT_ONLY).toHaveLength(3);
    const messages = lint({ linterOptions: { reportUnusedDisableDirectives: 'error' } });
    expect(messages.filter((m) => m.message.includes('Definition for rule'))).toEqual([]);
    // ESLint's pass cannot find what the rule finds, so ESLint calls the directive unused, as it
    // does for any rule without a finding there (README: "Rules only presign-audit runs").
    expect(messages.map((m) => m.message)).toEqual(["Unused eslint-disable directive (no problems were reported from 'presign/signer-missing-permission')."]);
  });

  it('are accepted when a config enables them, with their options, and report nothing', () => {
    const messages = lint({ rules: Object.fromEntries(AUDIT_ONLY.map((id) => [id, 'error'])), linterOptions: { reportUnusedDisableDirectives: 'off' } });
    expect(messages).toEqual([]);
  });

  it('are in no preset', () => {
    for (const config of Object.values(presign.configs)) expect(Object.keys(config.rules ?? {}).filter((id) => AUDIT_ONLY.includes(id))).toEqual([]);
  });

  it("say in their meta that presign-audit runs them", () => {
    for (const id of AUDIT_ONLY) expect(presign.rules[id.slice('presign/'.length)]?.meta?.docs?.description).toMatch(/Run by presign-audit over code and policies together; in ESLint it reports nothing$/);
  });
});
