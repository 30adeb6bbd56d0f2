/**
 * presign-audit's code mode on generated projects: modules whose presign wrappers call each other
 * across files, in chains, cycles and self-recursion, with odd expiry expressions. The whole-program
 * reader must never throw, never hang (a generous bound per project), and give only well-formed
 * messages. (Rules on single files are covered by test/rules/no-throw.test.ts.)
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditCode } from '../../src/engine/javascript.js';
import { PROJECT_ROOT, tempDir } from '../cli/run-bin.js';

const MODULES = 4;
const config = resolveConfig({ preset: 'all' }, null);

const expiry = fc.oneof(
  fc.constantFrom('ttl', 'ttl * 2', 'ttl + 1', '-ttl', 'Number(ttl)', '`${ttl}`', 'ttl ?? 900', 'Math.max(ttl, 700000)', 'undefined', '1e309', '604801', '0', 'NaN', 'ttl as any'),
  fc.integer({ min: -10, max: 2_000_000 }).map(String),
);

/** One module's wrapper body: sign, or pass on to another module's wrapper (possibly its own). */
const body = fc.oneof(
  expiry.map((e) => `return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: ${e} });`),
  fc.tuple(fc.nat({ max: MODULES - 1 }), expiry).map(([target, e]) => `return w${target}(key, ${e});`),
  fc.tuple(fc.nat({ max: MODULES - 1 }), expiry, expiry).map(([target, a, b]) => `return ttl > 10 ? w${target}(key, ${a}) : getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: ${b} });`),
);

const project = fc.tuple(fc.array(body, { minLength: MODULES, maxLength: MODULES }), fc.array(fc.tuple(fc.nat({ max: MODULES - 1 }), expiry), { minLength: 1, maxLength: 4 }));

function writeProject(bodies: string[], calls: [number, string][]): string[] {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'src'));
  // The SDK's types, so the program resolves the imports as in a real project.
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: false, module: 'nodenext', target: 'es2022', noEmit: true }, include: ['src'] }));
  const imports = (except: number) =>
    Array.from({ length: MODULES }, (_, i) => i)
      .filter((i) => i !== except)
      .map((i) => `import { w${i} } from './m${i}.js';`)
      .join('\n');
  const files = bodies.map((text, i) => {
    const file = path.join(dir, 'src', `m${i}.ts`);
    writeFileSync(
      file,
      `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
${imports(i)}
const s3 = new S3Client({});
export function w${i}(key: string, ttl: number): Promise<string> {
  ${text}
}
`,
    );
    return file;
  });
  const main = path.join(dir, 'src', 'main.ts');
  writeFileSync(main, `${imports(-1)}\nconst ttl = 60;\nexport const urls = [${calls.map(([target, e]) => `w${target}('k', ${e})`).join(', ')}];\n`);
  return [...files, main];
}

describe('presign-audit code mode on generated projects', () => {
  it('wrappers across modules, in chains and cycles: no throw, no hang, well-formed messages', async () => {
    await fc.assert(
      fc.asyncProperty(project, async ([bodies, calls]) => {
        const files = writeProject(bodies, calls);
        // A hang ends the test at its bound (the suite's test timeout): no timing is asserted.
        const audit = await auditCode(files, config);
        for (const [file, messages] of audit.files) {
          expect(files).toContain(file);
          for (const m of messages) {
            expect(m.ruleId).toMatch(/^presign\/[a-z-]+$/);
            expect(m.line).toBeGreaterThanOrEqual(1);
            expect(m.column).toBeGreaterThanOrEqual(1);
            for (const link of m.chain ?? []) expect(files).toContain(link.file);
          }
        }
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('follows the generated wrappers: a chain through two modules to the SDK call', async () => {
    const files = writeProject(
      [
        "return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: ttl });",
        'return w0(key, ttl);',
        'return w1(key, ttl);',
        'return w2(key, ttl);',
      ],
      [[3, '9e6']],
    );
    const audit = await auditCode(files, config);
    const main = files[files.length - 1]!;
    const [finding] = audit.files.get(main) ?? [];
    expect(finding?.ruleId).toBe('presign/max-expiry');
    expect(finding?.chain?.map((link) => path.basename(link.file))).toEqual(['main.ts', 'm3.ts', 'm2.ts', 'm1.ts', 'm0.ts']);
  }, 60_000);
});
