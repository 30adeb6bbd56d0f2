import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { INPUT_PROBLEMS } from '../../src/core/problems.js';
import { runBin, tempDir } from './run-bin.js';

const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, 'data/sarif-schema-2.1.0.json'), 'utf8')) as object;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; help: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
    results: { ruleId: string; ruleIndex?: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[] }[];
  }[];
}

// ajv-draft-04 is CommonJS with `exports.default`: under NodeNext the class is on `.default`.
const Ajv = (AjvModule as unknown as { default: new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } } }).default;

function validate(log: unknown): string[] {
  // The SARIF schema names formats (date-time, uri) that ajv-draft-04 does not check; without a logger it
  // would say so on stderr for every compile, and the suite is to be quiet.
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  const check = ajv.compile(schema);
  return check(log) ? [] : (check.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`);
}

describe('presign-audit --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema and carries what code scanning needs', () => {
    const run = runBin(['--format', 'sarif', 'fixtures/policies']);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validate(log)).toEqual([]);
    const [sarifRun] = log.runs;
    const rules = sarifRun!.tool.driver.rules;
    for (const rule of RULES) {
      expect(rules).toContainEqual(expect.objectContaining({ id: `presign/${rule.name}`, shortDescription: { text: rule.meta.docs.description }, helpUri: rule.meta.docs.url }));
    }
    expect(sarifRun!.results.length).toBe(19);
    for (const result of sarifRun!.results) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uri).toMatch(/^fixtures\/policies\/[a-z-]+\/[a-z-]+\.json$/);
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(region.startLine).toBeGreaterThan(0);
      expect(region.startColumn).toBeGreaterThan(0);
    }
  });

  it('stays valid for code, Python, templates and wrapper chains in one run, with every rule it reports described', () => {
    const run = runBin(['--format', 'sarif', 'fixtures']);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validate(log)).toEqual([]);
    const [sarifRun] = log.runs;
    const described = new Set(sarifRun!.tool.driver.rules.map((r) => r.id));
    for (const result of sarifRun!.results) expect(described).toContain(result.ruleId);
    expect(sarifRun!.results.some((r) => r.ruleId === 'presign/max-expiry' && 'relatedLocations' in r)).toBe(true);
    expect(new Set(sarifRun!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.split('.').pop()))).toEqual(new Set(['ts', 'js', 'py', 'json', 'yaml', 'tf']));
  });

  it('stays valid with read errors and warnings', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.json'), '{"Statement": [');
    writeFileSync(path.join(dir, 'presign-audit.config.json'), JSON.stringify({ rules: { 'presign/unknown-action': 'warn' } }));
    writeFileSync(path.join(dir, 'typo.json'), JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }] }));
    const run = runBin(['--format', 'sarif', '.'], dir);
    expect(run.status).toBe(2);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validate(log)).toEqual([]);
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['presign-audit/invalid-json', 'error'],
      ['presign/unknown-action', 'warning'],
    ]);
  });

  it('describes every input problem a run can emit: a result for each kind of bad input has its rule in the catalogue', () => {
    const dir = tempDir();
    const files: Record<string, string | Buffer> = {
      'empty.json': '',
      'binary.json': Buffer.from([0x7b, 0x00, 0xff, 0x01]),
      'latin1.json': Buffer.from('{"Sid": "caf\xe9"}', 'latin1'),
      'broken.json': '{"Statement": [',
      'broken.yaml': 'Resources:\n  Bucket: [unclosed\n',
      'deep.json': '['.repeat(300) + ']'.repeat(300),
      'not-a-policy.json': JSON.stringify({ name: 'an event sample' }),
      'bad-shape.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 42, Resource: '*' }] }),
      // A Secrets Manager policy or an endpoint policy for it: a note, not an error.
      'which-kind.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/api' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }),
      'notes.txt': 'not a policy',
      'broken.py': 'def broken(:\n    pass\n',
      'broken.ts': 'export const = ;\n',
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    writeFileSync(path.join(dir, 'too-large.json'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    const run = runBin(['--format', 'sarif', ...Object.keys(files), 'too-large.json', 'missing.json'], dir);
    expect(run.status).toBe(2);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validate(log)).toEqual([]);
    const [sarifRun] = log.runs;
    const described = new Set(sarifRun!.tool.driver.rules.map((r) => r.id));
    const emitted = new Set(sarifRun!.results.map((r) => r.ruleId));
    for (const id of emitted) expect(described, `${id} is emitted but not described`).toContain(id);
    for (const result of sarifRun!.results) expect(sarifRun!.tool.driver.rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    // Each kind of bad input above, as its own id.
    for (const id of ['empty', 'not-text', 'invalid-json', 'invalid-yaml', 'too-deep', 'too-large', 'unknown-format', 'invalid-policy', 'no-reader', 'parse-error', 'unknown-kind']) {
      expect(emitted, id).toContain(`presign-audit/${id}`);
    }
    const unknownKind = sarifRun!.results.find((r) => r.ruleId === 'presign-audit/unknown-kind')!;
    expect(unknownKind.level).toBe('warning');
    expect(sarifRun!.tool.driver.rules[unknownKind.ruleIndex!]!.defaultConfiguration.level).toBe('warning');
  });

  it('describes every rule of the registry and every input problem, once each', () => {
    const run = runBin(['--format', 'sarif', 'fixtures/policies/signer-role/good-signer.json']);
    const ids = (JSON.parse(run.stdout) as SarifLog).runs[0]!.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...RULES.map((r) => `presign/${r.name}`), ...Object.keys(INPUT_PROBLEMS)]));
    expect(ids).toHaveLength(RULES.length + Object.keys(INPUT_PROBLEMS).length);
  });
});
