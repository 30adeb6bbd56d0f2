import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { codeRules } from '../../rules/index.js';
import { auditCode, type RuleSetting } from '../../src/project/audit-code.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const allRules = new Map<string, RuleSetting>(Object.keys(codeRules).map((name) => [name, { severity: 2, options: [] }]));

describe('auditCode on the TypeScript sample service', async () => {
  const dir = path.join(root, 'fixtures/projects/ts-service');
  const files = await glob('src/**/*.ts', { cwd: dir, absolute: true });
  const result = await auditCode(files, allRules);
  const findings = [...result.files].flatMap(([file, messages]) =>
    messages.map((m) => ({ at: `${path.relative(dir, file)}:${m.line}`, ruleId: m.ruleId, chain: m.chain?.map((l) => `${path.relative(dir, l.file)}:${l.line} ${l.label}`) })),
  );

  it('checks the wrapper at each call site with the value given there, and shows the chain', () => {
    expect(findings).toContainEqual({
      at: 'src/routes/documents.ts:18',
      ruleId: 'presign/max-expiry',
      chain: ['src/routes/documents.ts:18 calls presignDownload()', 'src/lib/presign.ts:9 getSignedUrl (@aws-sdk/s3-request-presigner)'],
    });
  });

  it('follows wrappers of wrappers', () => {
    expect(findings).toContainEqual({
      at: 'src/routes/documents.ts:14',
      ruleId: 'presign/max-expiry',
      chain: [
        'src/routes/documents.ts:14 calls shareLink()',
        'src/lib/presign.ts:14 calls presignDownload()',
        'src/lib/presign.ts:9 getSignedUrl (@aws-sdk/s3-request-presigner)',
      ],
    });
  });

  it('leaves call sites with values inside the limit alone', () => {
    expect(findings.map((f) => f.at).sort()).toEqual(['src/routes/documents.ts:14', 'src/routes/documents.ts:18']);
  });
});
