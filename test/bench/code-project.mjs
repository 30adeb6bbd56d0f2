/**
 * Generates the benchmark's TypeScript project for presign-audit's whole-program mode: a
 * tsconfig.json, shared constants and a client module, a presign wrapper, and 2,000 modules of
 * which a few percent call the wrapper or sign directly. Deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCodeCorpus } from './code-corpus.mjs';

export function generateTsProject(dir, files = 2000) {
  mkdirSync(path.join(dir, 'src/lib'), { recursive: true });
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: false, noEmit: true, skipLibCheck: true, allowJs: true }, include: ['src'] }),
  );
  writeFileSync(path.join(dir, 'src/lib/constants.ts'), 'export const SHORT_TTL = 15 * 60;\nexport const LONG_TTL = 10 * 24 * 3600;\n');
  writeFileSync(path.join(dir, 'src/lib/s3.ts'), "import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });\n");
  writeFileSync(
    path.join(dir, 'src/lib/presign.ts'),
    "import { GetObjectCommand } from '@aws-sdk/client-s3';\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nimport { s3 } from './s3';\nexport function presign(key: string, ttl: number) {\n  return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: ttl });\n}\n",
  );
  // The service's own modules (routes, services, utilities), and callers of the wrapper.
  const corpus = generateCodeCorpus(path.join(dir, 'src/modules'), files - 40, 7);
  mkdirSync(path.join(dir, 'src/routes'), { recursive: true });
  for (let i = 0; i < 37; i++) {
    writeFileSync(
      path.join(dir, `src/routes/link-${i}.ts`),
      `import { presign } from '../lib/presign';\nimport { LONG_TTL, SHORT_TTL } from '../lib/constants';\nexport const link${i} = (key: string) => presign(key, ${i % 5 === 0 ? 'LONG_TTL' : 'SHORT_TTL'});\n`,
    );
  }
  return { files: corpus.files + 40, presigning: corpus.presigning + 38 };
}
