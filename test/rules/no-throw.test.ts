/**
 * No rule may throw on any code ESLint can parse: every rule of the plugin runs over odd
 * hand-written inputs and over generated programs, through ESLint's own Linter.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import presign from '../../src/index.js';

const linter = new Linter({ configType: 'flat' });
const FILES = ['**/*.ts', '**/*.tsx', '**/*.js'];
const allRules = { files: FILES, ...presign.configs.all } as Linter.Config;

function lintBoth(code: string, file = 'input.ts'): Linter.LintMessage[] {
  const ts = linter.verify(code, [{ files: FILES, languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } }, allRules], file);
  const js = linter.verify(code, [allRules], file.replace(/\.tsx?$/, '.js'));
  return [...ts, ...js];
}

/** A rule that throws makes Linter.verify throw; parse errors come back as fatal messages. */
function expectNoCrash(code: string, file?: string): void {
  const messages = lintBoth(code, file);
  for (const m of messages) if (!m.fatal) expect(m.ruleId).toMatch(/^presign\//);
}

const PRELUDE = `
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import AWS from 'aws-sdk';
import * as Minio from 'minio';
import { Storage } from '@google-cloud/storage';
import aws4 from 'aws4';
const s3 = new S3Client({ credentials: fromTemporaryCredentials({ params: { DurationSeconds: 900 } }) });
const v2 = new AWS.S3({ signatureVersion: 'v4' });
const mc = new Minio.Client({ endPoint: 'x' });
const file = new Storage().bucket('b').file('k');
const signer = new SignatureV4({ service: 's3' });
`;

const ODD_INPUTS: Record<string, string> = {
  empty: '',
  'only a comment': '// presign getSignedUrl signQuery',
  'empty calls': PRELUDE + 'getSignedUrl(); createPresignedPost(); v2.getSignedUrl(); mc.presignedUrl(); file.getSignedUrl(); signer.presign(); aws4.sign();',
  'spread arguments': PRELUDE + 'getSignedUrl(...args); v2.getSignedUrl(...a); mc.presignedGetObject(...a); file.getSignedUrl(...a); aws4.sign(...a); new AWS.S3(...cfg).getSignedUrl("getObject", {});',
  'computed members': PRELUDE + 'v2["getSignedUrl"]("getObject", { Bucket: "b", Expires: 9e9 }); v2[op]("x", {}); const k = "expiresIn"; getSignedUrl(s3, cmd, { [k]: 9e9, [unknown]: 1 });',
  'optional chaining': PRELUDE + 'v2?.getSignedUrl?.("getObject", { Bucket: "b", Expires: 9e9 }); getSignedUrl?.(s3, cmd, opts?.x); file?.getSignedUrl({ action: a?.b, expires: Date?.now() + 1 });',
  'ts-nocheck file': '// @ts-nocheck\n' + PRELUDE + 'getSignedUrl(s3, new GetObjectCommand(), { expiresIn: "x" as any as number });',
  'odd values': PRELUDE + `
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: 1n });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: /re/ });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: {} });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: [] });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: () => 1 });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: null });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: void 0 });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: 1 / 0 });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: -(-Infinity) });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: Math.min() });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: Math.max(...xs) });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn: \`\${{}}\` });
    getSignedUrl(s3, new GetObjectCommand(), { get expiresIn() { return 1; } });
    getSignedUrl(s3, new GetObjectCommand(), { expiresIn() { return 1; } });
    getSignedUrl(s3, new GetObjectCommand(), null);
    getSignedUrl(s3, new GetObjectCommand(), undefined);
    mc.presignedGetObject('b', 'k', '1e400');
    file.getSignedUrl({ action: 'read', version: 'v4', expires: new Date(new Date(Date.now() + 'x')) });
    aws4.sign({ signQuery: true, path: \`/\${k}?X-Amz-Expires=\${ttl}\`, method: m });
  `,
  'cycles and self references': PRELUDE + `
    const a = b; const b = a; getSignedUrl(s3, cmd, { expiresIn: a });
    const o = { ...o, expiresIn: o.expiresIn }; getSignedUrl(s3, cmd, o);
    let c = c + 1; getSignedUrl(c, c, { expiresIn: c });
    class K { s3 = this.s3; go() { return this.s3.getSignedUrl('getObject', { Bucket: 'b' }); } }
  `,
  'this outside classes': PRELUDE + 'function f() { return this.s3.getSignedUrl("getObject", { Bucket: "b", Expires: 9e9 }); } const obj = { m() { return this.c.presignedUrl("GET", "b", "k", 9e9); } };',
  'jsx': PRELUDE + 'export const A = () => <a href={getSignedUrl(s3, new GetObjectCommand({}), { expiresIn: 9e9 })}>{v2.getSignedUrl("getObject", {})}</a>;',
  'classes with private and static members': PRELUDE + `
    class C { #s3 = new S3Client({}); static { getSignedUrl(this.#s3, cmd); } go() { return getSignedUrl(this.#s3, new PutObjectCommand({}), { expiresIn: 9e9 }); } }
    class D extends C { constructor(private readonly client = new AWS.S3()) { super(); this.client.getSignedUrl('putObject', { Bucket: 'b' }); } }
  `,
  'typescript constructs': PRELUDE + `
    enum TTL { Short = 60, Long = 9e9 }
    namespace N { export const x = getSignedUrl(s3, cmd, { expiresIn: TTL.Long }); }
    import legacy = require('aws-sdk');
    declare function presign(x: unknown): void;
    @decorator class E { @d m(@p x = getSignedUrl(s3, cmd, { expiresIn: 1 })) {} }
    export default getSignedUrl;
  `,
  'commonjs everything': `
    const { getSignedUrl: g } = require('@aws-sdk/s3-request-presigner'), { S3Client: C } = require(\`@aws-sdk/client-s3\`);
    const AWS = require('aws-sdk'); AWS.config.credentials = AWS.config.credentials; AWS.config.update(); AWS.config.update(...x);
    module.exports = { handler }; exports.handler = async () => g(new C(), cmd, { expiresIn: 86400 });
    require(dynamic).getSignedUrl('getObject', {});
  `,
  'deep constant chain': PRELUDE + Array.from({ length: 300 }, (_, i) => `const c${i + 1} = c${i} + 1;`).join('\n').replace('c0 + 1', '1') + '\ngetSignedUrl(s3, cmd, { expiresIn: c300 });',
  'deeply nested expression': PRELUDE + `getSignedUrl(s3, cmd, { expiresIn: ${'('.repeat(2000)}1${')'.repeat(2000)} + ${Array.from({ length: 2000 }, () => '1').join(' + ')} });`,
};

describe('no rule throws', () => {
  for (const [name, code] of Object.entries(ODD_INPUTS)) {
    it(`on ${name}`, () => expectNoCrash(code, name === 'jsx' ? 'input.tsx' : 'input.ts'));
  }

  it('still reports on the odd inputs where the code is clear', () => {
    const messages = lintBoth(ODD_INPUTS['odd values']!).filter((m) => m.ruleId === 'presign/max-expiry');
    expect(messages.length).toBeGreaterThan(0);
  });

  it('on generated presign programs', () => {
    const literal = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }).map(String),
      fc.double({ noNaN: false }).map((d) => (Number.isFinite(d) ? String(d) : 'NaN')),
      fc.constantFrom('0', '-1', '604800', '604801', '1.5', '1e309', '0x10', '1_000', 'null', 'undefined', '"3600"', '"x"', '[]', '{}', 'true', '1n'),
      fc.constantFrom('ttl', 'cfg.ttl', 'cfg["ttl"]', 'cfg?.ttl', 'this.ttl', 'process.env.TTL', 'Date.now()', 'args[0]'),
    );
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        literal,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '**', '??', '||', '&&', '===', '<'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
        fc.tuple(fc.constantFrom('Math.min', 'Math.max', 'Math.floor', 'Number', 'parseInt', 'String', 'Object.freeze'), fc.array(tie('e'), { maxLength: 3 })).map(
          ([f, args]) => `${f}(${args.join(', ')})`,
        ),
        tie('e').map((a) => `\`\${${a}}s\``),
        tie('e').map((a) => `-${a}`),
      ),
    })).e;
    const call = fc.tuple(
      fc.constantFrom(
        (e: string) => `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b' }), { expiresIn: ${e} })`,
        (e: string) => `getSignedUrl(s3, cmd, { ...opts, expiresIn: ${e} })`,
        (e: string) => `createPresignedPost(s3, { Bucket: 'b', Key: 'k', Expires: ${e} })`,
        (e: string) => `v2.getSignedUrl(${e}, { Bucket: 'b', Expires: ${e} })`,
        (e: string) => `mc.presignedUrl(${e}, 'b', 'k', ${e})`,
        (e: string) => `mc.presignedGetObject('b', 'k', ${e})`,
        (e: string) => `file.getSignedUrl({ version: 'v4', action: ${e}, expires: Date.now() + ${e} })`,
        (e: string) => `signer.presign({ method: ${e} }, { expiresIn: ${e} })`,
        (e: string) => `aws4.sign({ signQuery: ${e}, path: '/k?X-Amz-Expires=' + ${e}, method: ${e} })`,
      ),
      expr,
    );
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 4 }), fc.boolean(), (calls, handler) => {
        const body = calls.map(([make, e]) => `  const r${Math.random().toString(36).slice(2, 6)} = ${make(e)};`).join('\n');
        const code = `${PRELUDE}\nconst cfg = { ttl: 700000 } as const;\nexport ${handler ? 'const handler = async' : 'async function f'}(ttl = 3600, ...args: any[]) ${handler ? '=> ' : ''}{\n${body}\n};`;
        expectNoCrash(code);
      }),
      { numRuns: 150 },
    );
  });

  it('on mutated real fixtures, each within a time bound that catches hangs', () => {
    const dir = path.resolve(fileURLToPath(import.meta.url), '../../../fixtures/code');
    const fixtures = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|js)$/.test(f))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop-line' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('number' as const), at: fc.nat(), value: fc.constantFrom('0', '-1', '1e309', '0.5', 'NaN', '604801', '1n', 'x') }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('...', '?.', '(', '}', 'await ', '!', ' as any', '[0]', '`', ', ...rest') }),
    );
    const apply = (code: string, m: { kind: string; at: number; value?: string; text?: string }): string => {
      const lines = code.split('\n');
      const i = m.at % lines.length;
      switch (m.kind) {
        case 'drop-line':
          lines.splice(i, 1);
          return lines.join('\n');
        case 'duplicate-line':
          lines.splice(i, 0, lines[i]!);
          return lines.join('\n');
        case 'number': {
          const numbers = [...code.matchAll(/\b\d[\d_]*\b/g)];
          const hit = numbers[m.at % Math.max(numbers.length, 1)];
          return hit ? code.slice(0, hit.index) + m.value + code.slice(hit.index + hit[0].length) : code;
        }
        default: {
          const at = m.at % (code.length + 1);
          return code.slice(0, at) + m.text + code.slice(at);
        }
      }
    };
    fc.assert(
      fc.property(fc.nat({ max: fixtures.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 }), (index, mutations) => {
        const code = mutations.reduce((c, m) => apply(c, m), fixtures[index]!);
        // A hang would end the test at its bound: a hang detector, not a speed target.
        expectNoCrash(code);
      }),
      { numRuns: 200 },
    );
  });
});
