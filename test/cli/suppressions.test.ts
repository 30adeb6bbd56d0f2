/** Suppressions where findings live: comments (YAML, Python), template Metadata, config entries by file and Sid; in SARIF too. */
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/results.js';
import { audit, BAD_POLICY, scratch } from './helpers.js';

const DATA = path.join(import.meta.dirname, 'data', 'suppressions');
const results = (stdout: string) => JSON.parse(stdout) as FileResult[];
const brief = (result: FileResult) => ({
  reported: result.messages.map((m) => `${m.line} ${m.ruleId}`),
  suppressed: result.suppressedMessages.map((m) => `${m.line} ${m.ruleId} ${m.suppressions.map((s) => `${s.kind}: ${s.justification}`).join('; ')}`),
});

function copyData(...names: string[]): string {
  const dir = scratch({});
  for (const name of names) copyFileSync(path.join(DATA, name), path.join(dir, name));
  return dir;
}

describe('suppressions', () => {
  it('a CloudFormation resource\'s Metadata and a YAML comment on the line or the line before; another rule\'s comment does nothing', async () => {
    const dir = copyData('template.yaml');
    const run = await audit(['--format', 'json', 'template.yaml'], dir);
    expect(brief(results(run.stdout)[0]!)).toEqual({
      reported: ['52 presign/signer-wildcard-action'],
      suppressed: ['21 presign/signer-wildcard-action directive: legacy uploader, retired in Q3', '37 presign/signer-wildcard-action directive: reports bucket holds public data'],
    });
    expect(run.exit).toBe(1);
  });

  it('Metadata in a JSON template, the exit code without the suppressed finding, and the summary counting it', async () => {
    const template = {
      Resources: {
        SignerRole: {
          Type: 'AWS::IAM::Role',
          Metadata: { 'presign-audit': { ignore: [{ rule: 'presign/signer-wildcard-action', reason: 'migrating' }] } },
          Properties: {
            AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] } }],
          },
        },
      },
    };
    const dir = scratch({ 'stack.template.json': JSON.stringify(template, null, 2) });
    const run = await audit(['stack.template.json'], dir);
    expect(run).toMatchObject({ exit: 0, stdout: '' });
    expect(run.stderr).toBe('presign-audit: 1 file read (1 policy or template): no problems, 1 suppressed.\n');
  });

  it('a Python comment suppresses the named rule at its call only', async () => {
    const dir = copyData('handler.py');
    const run = await audit(['--format', 'json', 'handler.py'], dir);
    const { reported, suppressed } = brief(results(run.stdout)[0]!);
    expect(suppressed).toEqual(['8 presign/max-expiry directive: links for the weekly digest, reviewed by security']);
    expect(reported).toContain('12 presign/max-expiry');
  });

  it('config entries by file pattern and Sid, for JSON policies that hold no comment', async () => {
    const other = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Current', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
    const config = { suppressions: [{ files: 'policies/legacy/*.json', sid: 'Legacy', rules: ['presign/signer-wildcard-action'], reason: 'retired in Q3, JIRA-123' }] };
    const dir = scratch({ 'presign-audit.config.json': JSON.stringify(config), 'policies/legacy/a.json': BAD_POLICY, 'policies/legacy/b.json': other, 'policies/c.json': BAD_POLICY });
    const run = await audit(['--format', 'json', 'policies'], dir);
    const [c, a, b] = results(run.stdout);
    expect(brief(a!).suppressed).toEqual(['7 presign/signer-wildcard-action external: retired in Q3, JIRA-123']);
    expect(brief(b!).reported).toEqual(['7 presign/signer-wildcard-action']);
    expect(brief(c!).reported).toEqual(['7 presign/signer-wildcard-action']);
    const bad = await audit(['.'], scratch({ 'presign-audit.config.json': JSON.stringify({ suppressions: [{ files: '*.json', rules: ['presign/max-expiry'] }] }) }));
    expect(bad.exit).toBe(2);
    expect(bad.stderr).toMatch(/suppressions\[0\] must have "files", "rules" \(presign\/\.\.\. ids\) and a non-empty "reason"/);
  });

  it('ESLint directives in JS/TS: the findings of ESLint\'s pass, those at a wrapper\'s call, in the report and in SARIF', async () => {
    const dir = scratch({
      's3.ts': "import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ region: 'eu-west-1' });\n",
      'presign.ts': [
        "import { GetObjectCommand } from '@aws-sdk/client-s3';",
        "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
        "import { s3 } from './s3';",
        'export const presignDownload = (key: string, ttl: number) =>',
        "  getSignedUrl(s3, new GetObjectCommand({ Bucket: 'reports', Key: key }), { expiresIn: ttl });",
        '',
      ].join('\n'),
      'routes.ts': [
        "import { GetObjectCommand } from '@aws-sdk/client-s3';",
        "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
        "import { s3 } from './s3';",
        "import { presignDownload } from './presign';",
        '// eslint-disable-next-line presign/max-expiry -- archive links, SEC-12',
        "export const archive = () => presignDownload('archive.zip', 10 * 24 * 3600);",
        "export const weekly = () => presignDownload('weekly.zip', 10 * 24 * 3600); // eslint-disable-line presign/explicit-method",
        '/* eslint-disable presign/max-expiry */',
        "export const legacy = () => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'reports', Key: 'l' }), { expiresIn: 900000 });",
        '/* eslint-enable presign/max-expiry */',
        "export const current = () => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'reports', Key: 'c' }), { expiresIn: 900000 });",
        '',
      ].join('\n'),
    });
    const run = await audit(['--format', 'json', 'routes.ts', 'presign.ts', 's3.ts'], dir);
    const routes = results(run.stdout).find((r) => r.filePath.endsWith('routes.ts'))!;
    expect(brief(routes)).toEqual({
      reported: ['7 presign/max-expiry', '11 presign/max-expiry'],
      suppressed: ['6 presign/max-expiry directive: archive links, SEC-12', '9 presign/max-expiry directive: '],
    });
    expect(run.exit).toBe(1);
    const sarif = await audit(['--format', 'sarif', 'routes.ts', 'presign.ts', 's3.ts'], dir);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[]; suppressions?: unknown[] }[] }[] };
    const inSource = log.runs[0]!.results.filter((r) => r.suppressions).map((r) => [r.locations[0]!.physicalLocation.region.startLine, r.suppressions]);
    expect(inSource).toEqual([
      [6, [{ kind: 'inSource', status: 'accepted', justification: 'archive links, SEC-12' }]],
      [9, [{ kind: 'inSource', status: 'accepted' }]],
    ]);
  });

  it('ESLint directives in JS/TS: the findings that hold a presign call against the policies', async () => {
    const dir = scratch({});
    cpSync(path.join(import.meta.dirname, '../../fixtures/projects/upload-stack'), dir, { recursive: true });
    const links = path.join(dir, 'src/links.ts');
    const lines = readFileSync(links, 'utf8').split('\n');
    // Above line 26 (the DELETE the signer may not sign): disabled with a reason; line 14's finding stays,
    // and the directive, naming a rule that runs outside ESLint's pass, is no "rule not found" in it.
    lines.splice(25, 0, '  // eslint-disable-next-line presign/signer-missing-permission -- the signer gains DeleteObject in the next release');
    writeFileSync(links, lines.join('\n'));
    const run = await audit(['--format', 'json', '--config', 'presign-audit.config.json', 'src', 'infra'], dir);
    const result = results(run.stdout).find((r) => r.filePath.endsWith(path.join('src', 'links.ts')))!;
    expect(brief(result)).toEqual({
      reported: ['14 presign/upload-missing-sse'],
      suppressed: ['27 presign/signer-missing-permission directive: the signer gains DeleteObject in the next release'],
    });
  });

  it('SARIF carries suppressed findings with their kind and justification, and stays valid', async () => {
    const dir = copyData('template.yaml', 'handler.py');
    const run = await audit(['--format', 'sarif', '.'], dir);
    const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string; status: string; justification?: string }[] }[] }[] };
    const suppressed = log.runs[0]!.results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.suppressions)).toEqual([
      [{ kind: 'inSource', status: 'accepted', justification: 'links for the weekly digest, reviewed by security' }],
      [{ kind: 'inSource', status: 'accepted', justification: 'legacy uploader, retired in Q3' }],
      [{ kind: 'inSource', status: 'accepted', justification: 'reports bucket holds public data' }],
    ]);
    const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, 'data/sarif-schema-2.1.0.json'), 'utf8')) as object;
    const Ajv = (AjvModule as unknown as { default: new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null } } }).default;
    const check = new Ajv({ allErrors: true, strict: false, logger: false }).compile(schema);
    expect(check(log) ? [] : check.errors).toEqual([]);
  });
});
