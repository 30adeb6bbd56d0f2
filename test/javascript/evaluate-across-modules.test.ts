/**
 * With type information, a value or a client imported from another module is read by the same
 * code that reads a local one, in a view of the declaring module (src/javascript/module-view.ts). Each
 * test writes a small project, builds its TypeScript program and lints one file of it with
 * ESLint's Linter, as presign-audit and typescript-eslint's `programs` option do.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/javascript/ast.js';
import { evaluate } from '../../src/javascript/static-value.js';
import presign from '../../src/index.js';
import type { Possible } from '../../src/presign/possible.js';
import { tempDir } from '../cli/run-bin.js';

interface Message {
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  types: [],
};

/** A compiler host that parses TypeScript's own lib files once for all the tests' programs. */
const host = ts.createCompilerHost(OPTIONS);
const libFiles = new Map<string, ts.SourceFile | undefined>();
const getSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (fileName, ...rest) => {
  if (!fileName.includes('/node_modules/typescript/lib/')) return getSourceFile(fileName, ...rest);
  if (!libFiles.has(fileName)) libFiles.set(fileName, getSourceFile(fileName, ...rest));
  return libFiles.get(fileName);
};

/** Writes the files, builds their program, and lints `file` with `rules` (and the `probe` rule). */
function lintInProject(files: Record<string, string>, file: string, rules: Linter.RulesRecord, typed = true): { messages: Message[]; probed: Possible[] } {
  // No node_modules: the SDK is recognised by its import names, and its types (slow to load)
  // change nothing here.
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const program = ts.createProgram(
    Object.keys(files).map((name) => path.join(dir, name)),
    OPTIONS,
    host,
  );
  const probed: Possible[] = [];
  // `probe(x)` records what the evaluator says x can be.
  const probe = {
    create: (context: Context) => ({
      'CallExpression[callee.name="probe"]': (node: TSESTree.CallExpression) => probed.push(evaluate(context, node.arguments[0]!)),
    }),
  };
  const linter = new Linter({ configType: 'flat', cwd: dir });
  const filename = path.join(dir, file);
  const messages = linter.verify(
    files[file]!,
    [
      {
        files: ['**/*.ts'],
        plugins: { presign: presign, test: { rules: { probe } } as never },
        languageOptions: { parser: tsParser, parserOptions: typed ? { programs: [program] } : {} },
        rules: { ...rules, 'test/probe': 'error' },
      },
    ],
    { filename },
  );
  return { messages: messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message })), probed };
}

const V3 = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
`;

/** A module signing once per expiry, one per line from line 5. */
function signing(imports: string, expiries: string[]): string {
  return `${V3}${imports}
const s3 = new S3Client({});
${expiries.map((e) => `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: ${e} });`).join('\n')}
`;
}

const maxExpiry = { 'presign/max-expiry': 'error' } as const;

describe('values imported from another module, with type information', () => {
  const limits = `declare const env: Record<string, string | undefined>;
const fromEnv = Number(env['TTL']);
export const LONGEST = Math.max(700000, 1);
export const BY_STAGE = env['STAGE'] === 'prod' ? 700000 : 3600;
export const DEFAULTED = (env['TTL'] as number | undefined) ?? 700000;
export const CONFIG = { ttl: 8 * 86400, short: 900 } as const;
export const CLAMPED = Math.min(fromEnv, 3600);
export const SHORT = 900;
export const { short: DESTRUCTURED } = CONFIG;
`;

  it('reports what exceeds the maximum: Math.max, a ternary, `??`, a const object', () => {
    const main = signing(`import { LONGEST, BY_STAGE, DEFAULTED, CONFIG } from './limits';`, ['LONGEST', 'BY_STAGE', 'DEFAULTED', 'CONFIG.ttl']);
    const { messages } = lintInProject({ 'limits.ts': limits, 'main.ts': main }, 'main.ts', maxExpiry);
    expect(messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['5 presign/max-expiry', '6 presign/max-expiry', '7 presign/max-expiry', '8 presign/max-expiry']);
  });

  it('leaves alone what stays under it: Math.min, small constants, a destructured export', () => {
    const main = signing(`import { CLAMPED, SHORT, CONFIG, DESTRUCTURED } from './limits';`, ['CLAMPED', 'SHORT', 'CONFIG.short', 'DESTRUCTURED']);
    const { messages } = lintInProject({ 'limits.ts': limits, 'main.ts': main }, 'main.ts', maxExpiry);
    expect(messages).toEqual([]);
  });

  it('reads nothing from other modules without type information', () => {
    const main = signing(`import { LONGEST } from './limits';`, ['LONGEST']);
    const { messages } = lintInProject({ 'limits.ts': limits, 'main.ts': main }, 'main.ts', maxExpiry, false);
    expect(messages).toEqual([]);
  });

  it('gives an imported value exactly what the same expression gives in the module', () => {
    const helpers = `declare const env: Record<string, string | undefined>;
const PREFIX = 'exports';
const BASE = { ttl: 3600, region: 'eu-west-1' } as const;
`;
    const expressions = [
      'Math.max(700000, 1)',
      "env['STAGE'] === 'prod' ? 700000 : 3600",
      "Math.min(Number(env['TTL']), 3600)",
      "(env['TTL'] as number | undefined) ?? 900",
      '`${PREFIX}/${BASE.region}`',
      '{ ...BASE, ttl: BASE.ttl * 2 }.ttl',
      "Number(env['TTL'])",
    ];
    const exported = helpers + expressions.map((e, i) => `export const V${i} = ${e};`).join('\n');
    const main = `${helpers}import { ${expressions.map((_, i) => `V${i}`).join(', ')} } from './values';
declare function probe(value: unknown): void;
${expressions.map((e, i) => `probe(V${i});\nprobe(${e});`).join('\n')}
`;
    const { probed } = lintInProject({ 'values.ts': exported, 'main.ts': main }, 'main.ts', {});
    expect(probed).toHaveLength(expressions.length * 2);
    for (let i = 0; i < expressions.length; i++) expect(probed[2 * i], expressions[i]).toEqual(probed[2 * i + 1]);
    // Not everything unknown: the comparison means something.
    expect(probed[0]).toEqual([{ kind: 'value', value: 700000 }]);
    expect(probed[8]).toEqual([{ kind: 'value', value: 'exports/eu-west-1' }]);
  });

  it('follows re-exports: `export { X as Y } from`, `export * from`, and chains of them', () => {
    const files = {
      'limits.ts': limits,
      'named.ts': `export { LONGEST as REEXPORTED, SHORT } from './limits';`,
      'star.ts': `export * from './named';`,
      'main.ts': signing(`import { REEXPORTED, SHORT } from './star';`, ['REEXPORTED', 'SHORT']),
    };
    const { messages } = lintInProject(files, 'main.ts', maxExpiry);
    expect(messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['5 presign/max-expiry']);
  });

  it('ends on a cycle of imports, with the value unknown', () => {
    const files = {
      'a.ts': `import { B } from './b';\nexport const A = B + 1;\nexport const OBJ_A = { ...OBJ_B };\nimport { OBJ_B } from './b';`,
      'b.ts': `import { A, OBJ_A } from './a';\nexport const B = A * 2;\nexport const OBJ_B = { ...OBJ_A };`,
      'main.ts': `import { A, OBJ_A } from './a';\ndeclare function probe(value: unknown): void;\nprobe(A);\nprobe(OBJ_A.ttl);\n`,
    };
    const { messages, probed } = lintInProject(files, 'main.ts', maxExpiry);
    expect(messages).toEqual([]);
    expect(probed).toEqual([[{ kind: 'unknown' }], [{ kind: 'unknown' }]]);
  });
});

describe('clients made in another module, with type information', () => {
  const temporary = { 'presign/temporary-credentials-expiry': 'error' } as const;
  const route = (expiresIn: number) => `import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from './clients';
export const url = getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: ${expiresIn} });
`;

  it('reads fromInstanceMetadata() credentials where the client is made', () => {
    const clients = `import { S3Client } from '@aws-sdk/client-s3';
import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
export const s3 = new S3Client({ credentials: fromInstanceMetadata() });
`;
    const { messages } = lintInProject({ 'clients.ts': clients, 'route.ts': route(86400) }, 'route.ts', temporary);
    expect(messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['4 presign/temporary-credentials-expiry']);
  });

  it('reads the DurationSeconds of fromTemporaryCredentials, also through a const object there', () => {
    const clients = `import { S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
const SESSION = { RoleArn: 'arn:aws:iam::123456789012:role/r', DurationSeconds: 900 };
export const s3 = new S3Client({ credentials: fromTemporaryCredentials({ params: SESSION }) });
`;
    const over = lintInProject({ 'clients.ts': clients, 'route.ts': route(3600) }, 'route.ts', temporary);
    expect(over.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['4 presign/temporary-credentials-expiry']);
    expect(over.messages[0]!.message).toContain('900');
    const under = lintInProject({ 'clients.ts': clients, 'route.ts': route(600) }, 'route.ts', temporary);
    expect(under.messages).toEqual([]);
  });

  it('reads credentials the client module imports from a third module', () => {
    const files = {
      'credentials.ts': `import { fromInstanceMetadata } from '@aws-sdk/credential-providers';\nexport const instanceCredentials = fromInstanceMetadata();\n`,
      'clients.ts': `import { S3Client } from '@aws-sdk/client-s3';\nimport { instanceCredentials } from './credentials';\nexport const s3 = new S3Client({ credentials: instanceCredentials });\n`,
      'route.ts': route(86400),
    };
    const { messages } = lintInProject(files, 'route.ts', temporary);
    expect(messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['4 presign/temporary-credentials-expiry']);
  });

  it("reports a setting of the other module's client at the import, never at a node of that module", () => {
    const clients = `import { S3Client } from '@aws-sdk/client-s3';
const BASE = { region: 'eu-west-1', requestChecksumCalculation: 'WHEN_SUPPORTED' } as const;
export const s3 = new S3Client({ ...BASE });
`;
    const upload = `import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from './clients';
export const url = getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 600 });
`;
    const { messages } = lintInProject({ 'clients.ts': clients, 'upload.ts': upload }, 'upload.ts', { 'presign/no-default-checksum': 'error' });
    // Line 4, column 33: the `s3` argument, which is what the importing file shows of the client.
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['4:33 presign/no-default-checksum']);
  });

  it('follows a client through modules that bind it again, up to a bound', () => {
    const chain = (length: number) => {
      const files: Record<string, string> = {
        'm0.ts': `import { S3Client } from '@aws-sdk/client-s3';
import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
export const s3 = new S3Client({ credentials: fromInstanceMetadata() });
`,
        'route.ts': route(86400).replace("'./clients'", `'./m${length}'`),
      };
      for (let i = 1; i <= length; i++) files[`m${i}.ts`] = `import { s3 as previous } from './m${i - 1}';\nexport const s3 = previous;\n`;
      return lintInProject(files, 'route.ts', temporary).messages.map((m) => `${m.line} ${m.ruleId}`);
    };
    expect(chain(3)).toEqual(['4 presign/temporary-credentials-expiry']);
    expect(chain(30)).toEqual([]);
  });

  it('ends on a cycle of client imports', () => {
    const files = {
      'clients.ts': `import { other } from './other';\nexport const s3 = other;\n`,
      'other.ts': `import { s3 } from './clients';\nexport const other = s3;\n`,
      'route.ts': route(86400),
    };
    const { messages } = lintInProject(files, 'route.ts', { ...temporary, 'presign/no-default-checksum': 'error' });
    expect(messages).toEqual([]);
  });
});
