import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import presign from '../../src/index.js';
import { auditCode } from '../../src/engine/javascript.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const allRules = resolveConfig({ preset: 'all' }, null);

/** Every finding of a sample project, as `file:line`, rule and chain, relative to the project. */
async function auditSample(sample: string, pattern: string) {
  const dir = path.join(root, 'fixtures/projects', sample);
  const result = await auditCode(await glob(pattern, { cwd: dir, absolute: true }), allRules);
  return [...result.files].flatMap(([file, messages]) =>
    messages.map((m) => ({ at: `${path.relative(dir, file)}:${m.line}`, ruleId: m.ruleId, chain: m.chain?.map((l) => `${path.relative(dir, l.file)}:${l.line} ${l.label}`) })),
  );
}

describe('auditCode on the TypeScript sample service', async () => {
  const findings = await auditSample('ts-service', 'src/**/*.ts');

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

  it('reads the credentials of a client made in another module', () => {
    expect(findings).toContainEqual({ at: 'src/routes/reports.ts:7', ruleId: 'presign/temporary-credentials-expiry', chain: undefined });
  });

  it('leaves call sites with values inside the limit alone', () => {
    expect(findings.map((f) => f.at).sort()).toEqual(['src/routes/documents.ts:14', 'src/routes/documents.ts:18', 'src/routes/exports.ts:12', 'src/routes/reports.ts:7']);
  });
});

describe('auditCode on the CommonJS sample service', async () => {
  const findings = await auditSample('js-service', '**/*.js');

  it('reads constants through require() of another module and follows the wrapper', () => {
    expect(findings).toContainEqual({
      at: 'routes/reports.js:10',
      ruleId: 'presign/max-expiry',
      chain: ['routes/reports.js:10 calls signedGet()', 'lib/storage.js:7 S3#getSignedUrlPromise (aws-sdk v2)'],
    });
    expect(findings.filter((f) => f.ruleId === 'presign/max-expiry')).toHaveLength(1);
  });
});

describe('presign-audit and ESLint with type information', () => {
  it('give the same per-call findings where both can see them', async () => {
    const dir = path.join(root, 'fixtures/projects/ts-service');
    const files = await glob('src/**/*.ts', { cwd: dir, absolute: true });
    const audit = await auditCode(files, allRules);
    const fromAudit = [...audit.files]
      .flatMap(([file, messages]) => messages.filter((m) => !m.chain).map((m) => `${path.relative(dir, file)}:${m.line}:${m.column} ${m.ruleId}`))
      .sort();

    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
        { files: ['**/*.ts'], ...presign.configs.all },
      ] as never,
    });
    const fromEslint = (await eslint.lintFiles(['src/**/*.ts']))
      .flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
      .sort();

    expect(fromAudit).toContain('src/routes/exports.ts:12:108 presign/max-expiry');
    expect(fromAudit).toEqual(fromEslint);
  });
});

/** A project written to a temporary directory, audited as one program with every rule. */
async function auditProject(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'presign-wrappers-'));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true }, include: ['*.ts'] }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  // The SDK's types come from this repository's node_modules.
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const result = await auditCode(Object.keys(files).map((name) => path.join(dir, name)), allRules);
  return [...result.files].flatMap(([file, messages]) =>
    messages.map((m) => `${path.relative(dir, file)}:${m.line} ${m.ruleId} ${m.messageId ?? ''} ${m.chain?.map((l) => `${path.relative(dir, l.file)}:${l.line}`).join(' > ') ?? ''}`.trim()),
  );
}

describe('wrappers across modules: every rule whose inputs the call site supplies', () => {
  it('holds each call of a wrapper against the credentials of a client made in a third module, with the chain', async () => {
    const findings = await auditProject({
      's3.ts': `import { S3Client } from '@aws-sdk/client-s3';
import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
export const s3 = new S3Client({ region: 'eu-west-1', credentials: fromInstanceMetadata() });
`,
      'presign.ts': `import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from './s3.js';
export function presignDownload(key: string, ttl: number) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'docs', Key: key }), { expiresIn: ttl });
}
`,
      'routes.ts': `import { presignDownload } from './presign.js';
export const tenDays = () => presignDownload('a', 10 * 24 * 3600);
export const twelveHours = () => presignDownload('b', 12 * 3600);
export const fiveMinutes = () => presignDownload('c', 300);
`,
    });
    const chain = (line: number) => `routes.ts:${line} > presign.ts:5`;
    expect(findings).toContain(`routes.ts:2 presign/max-expiry aboveMaximum ${chain(2)}`);
    // Instance-profile credentials last 6 hours: both longer URLs stop working when they expire.
    expect(findings).toContain(`routes.ts:2 presign/temporary-credentials-expiry outlivesCredentials ${chain(2)}`);
    expect(findings).toContain(`routes.ts:3 presign/temporary-credentials-expiry outlivesCredentials ${chain(3)}`);
    expect(findings.filter((f) => f.startsWith('routes.ts:4'))).toEqual([]);
  });

  it('re-checks explicit-expiry at a call that passes 0 through a MinIO wrapper, as at the direct call', async () => {
    const findings = await auditProject({
      'minio-client.ts': `import * as Minio from 'minio';
export const minio = new Minio.Client({ endPoint: 'files.example.com', accessKey: 'a', secretKey: 'b' });
`,
      'share.ts': `import { minio } from './minio-client.js';
export function share(key: string, seconds: number) {
  return minio.presignedGetObject('docs', key, seconds);
}
export const direct = () => minio.presignedGetObject('docs', 'k', 0);
`,
      'routes.ts': `import { share } from './share.js';
export const link = () => share('k', 0);
export const hour = () => share('k', 3600);
`,
    });
    expect(findings).toContain('share.ts:5 presign/explicit-expiry zeroMeansDefault');
    expect(findings).toContain('routes.ts:2 presign/explicit-expiry zeroMeansDefault routes.ts:2 > share.ts:3');
    expect(findings.filter((f) => f.startsWith('routes.ts:3'))).toEqual([]);
  });

  it('re-checks the command rules at a call that gives the wrapper its command', async () => {
    const findings = await auditProject({
      'presign.ts': `import { S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({ region: 'eu-west-1' });
// Any command: the wrapper alone cannot tell which operation it signs.
export const presign = (command: Parameters<typeof getSignedUrl>[1]) => getSignedUrl(s3, command, { expiresIn: 600 });
`,
      'upload.ts': `import { PutObjectCommand } from '@aws-sdk/client-s3';
import { presign } from './presign.js';
export const upload = () => presign(new PutObjectCommand({ Bucket: 'docs', Key: 'k' }));
`,
    });
    // The client sets no requestChecksumCalculation: the upload's URL carries an empty body's checksum.
    // The wrapper's own call cannot show its method; the call site's command resolves it, so only the
    // checksum, which depends on the operation, is found there.
    expect(findings.sort()).toEqual(['presign.ts:5 presign/explicit-method command-unresolved', 'upload.ts:3 presign/no-default-checksum defaultChecksum upload.ts:3 > presign.ts:5']);
  });
});

describe('files that name no presign API', () => {
  // Such a file is only converted, not linted (src/engine/javascript.ts): its parse errors must be the
  // ones the full lint reports. Each snippet is audited as it is and with a comment naming
  // getSignedUrl after it, which sends it through the full lint; the two must report alike.
  const snippets = {
    // TypeScript's own parse error.
    'parse.ts': 'export const x = {;\n',
    // Errors only typescript-estree's conversion raises: TypeScript parses these without a diagnostic.
    'throw.ts': 'let x = 1;\nthrow\nx;\n',
    'generator.ts': 'function f(): void;\nexport function* g();\n',
    'for-of.js': 'for (let x = 1 of []) {}\n',
    'fine.ts': 'export const answer = 42;\n',
  };

  /** Every message of the snippets audited as one program: file, position, rule and wording. */
  async function messagesOf(files: Record<string, string>) {
    const dir = mkdtempSync(path.join(tmpdir(), 'presign-parse-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const result = await auditCode(Object.keys(files).map((name) => path.join(dir, name)), allRules);
    return [...result.files].flatMap(([file, messages]) => messages.map((m) => `${path.basename(file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)).sort();
  }

  it('report the same parse errors as files the rules read', async () => {
    const plain = await messagesOf(snippets);
    const named = await messagesOf(Object.fromEntries(Object.entries(snippets).map(([name, text]) => [name, `${text}// getSignedUrl\n`])));
    expect(plain).toEqual([
      'for-of.js:1:10 presign-audit/parse-error Parsing error: The variable declaration of a \'for...of\' statement cannot have an initializer.',
      'generator.ts:2:1 presign-audit/parse-error Parsing error: A function signature cannot be declared as a generator.',
      'parse.ts:1:19 presign-audit/parse-error Parsing error: Property assignment expected.',
      'throw.ts:2:1 presign-audit/parse-error Parsing error: A throw statement must throw an expression.',
    ]);
    expect(named).toEqual(plain);
  });
});
