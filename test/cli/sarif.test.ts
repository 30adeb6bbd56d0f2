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
    tool: {
      driver: {
        name: string;
        rules: {
          id: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { text: string; markdown: string };
          helpUri: string;
          defaultConfiguration: { level: string };
          properties: { tags: string[]; 'security-severity'?: string };
        }[];
      };
    };
    results: { ruleId: string; ruleIndex?: number; level: string; partialFingerprints?: { primaryLocationLineHash: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[] }[];
  }[];
}

// ajv-draft-04 is CommonJS with `exports.default`: under NodeNext the class is on `.default`.
const Ajv = (AjvModule as unknown as {
  default: new (options: object) => {
    addFormat(name: string, test: (value: string) => boolean): void;
    compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
  };
}).default;

/** True when `value` parses as a URL, alone or against a base (a reference may be relative). */
const isUri = (value: string) => URL.canParse(value);
const isUriReference = (value: string) => URL.canParse(value, 'file:///');

function validate(log: unknown): string[] {
  // The SARIF schema names three formats that ajv-draft-04 does not know: they are checked here
  // (ajv would otherwise skip them and say so on stderr for every compile, and the suite is quiet).
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', isUriReference);
  ajv.addFormat('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)));
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
    // Advice warns: these fixtures hold both.
    expect(new Set(sarifRun!.results.map((r) => r.level))).toEqual(new Set(['error', 'warning']));
    for (const result of sarifRun!.results) {
      const rule = rules[result.ruleIndex!]!;
      expect(rule.id).toBe(result.ruleId);
      expect(result.level).toBe(rule.defaultConfiguration.level);
      expect(result.partialFingerprints?.primaryLocationLineHash).toMatch(/^[0-9a-f]{1,16}:[1-9]\d*$/);
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
    expect(new Set(sarifRun!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.split('.').pop()))).toEqual(new Set(['ts', 'js', 'py', 'json', 'yaml', 'yml', 'tf']));
    // The whole fixtures/ tree, JS/TS program included: on a busy 2-core machine this ran past 60 s.
  }, 180_000);

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

  it('describes each rule with its doc page as help, its default level and its security severity', () => {
    const run = runBin(['--format', 'sarif', 'fixtures/policies/signer-role/good-signer.json']);
    const rules = (JSON.parse(run.stdout) as SarifLog).runs[0]!.tool.driver.rules;
    for (const rule of RULES) {
      const described = rules.find((r) => r.id === `presign/${rule.name}`)!;
      expect(described.defaultConfiguration.level).toBe(rule.meta.severity === 'warn' ? 'warning' : 'error');
      expect(described.properties['security-severity']).toBe(rule.meta.securitySeverity.toFixed(1));
      expect(described.properties.tags).toContain('security');
      // The doc page's explanation, its relative links made absolute so they work where GitHub shows them.
      const page = readFileSync(path.join(import.meta.dirname, `../../docs/rules/${rule.name}.md`), 'utf8');
      const why = /\n## Why\n\n([^\n]+)/.exec(page)![1]!;
      expect(described.help.markdown).toContain('## What it reports');
      expect(described.help.markdown).toContain(why.slice(0, 20));
      expect(described.help.markdown).not.toMatch(/\]\((?!https?:|#)/);
      expect(described.help.text).toContain(rule.meta.docs.url);
      expect(described.fullDescription.text.length).toBeGreaterThan(described.shortDescription.text.length + 40);
    }
    for (const id of Object.keys(INPUT_PROBLEMS)) {
      const described = rules.find((r) => r.id === id)!;
      expect(described.help.markdown).toContain('docs/cli.md#input-problems');
      expect(described.properties['security-severity']).toBeUndefined();
    }
  });

  it('fingerprints each finding by its line as GitHub does, so moving lines keeps it and a second finding on an equal line differs', () => {
    const dir = tempDir();
    const statement = '    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-public/*"}';
    const policy = (before: string) => `${before}{\n  "Version": "2012-10-17",\n  "Statement": [\n${statement},\n${statement}\n  ]\n}\n`;
    const fingerprints = () => {
      const log = JSON.parse(runBin(['--format', 'sarif', 'bucket-policy.json'], dir).stdout) as SarifLog;
      return log.runs[0]!.results.filter((r) => r.ruleId === 'presign/public-principal').map((r) => [r.locations[0]!.physicalLocation.region.startLine, r.partialFingerprints!.primaryLocationLineHash]);
    };
    writeFileSync(path.join(dir, 'bucket-policy.json'), policy(''));
    const before = fingerprints();
    writeFileSync(path.join(dir, 'bucket-policy.json'), policy('\n\n\n'));
    const after = fingerprints();
    expect(before).toHaveLength(2);
    expect(after.map(([line]) => line)).toEqual(before.map(([line]) => Number(line) + 3));
    expect(after.map(([, hash]) => hash)).toEqual(before.map(([, hash]) => hash));
    expect(new Set(before.map(([, hash]) => hash)).size).toBe(2);
  });

  it('checks the formats the schema names: a relative uri where an absolute one belongs is refused', () => {
    const log = JSON.parse(runBin(['--format', 'sarif', 'fixtures/policies/signer-role/good-signer.json']).stdout) as { runs: { tool: { driver: { informationUri: string } } }[] };
    expect(validate(log)).toEqual([]);
    log.runs[0]!.tool.driver.informationUri = 'not a uri';
    expect(validate(log).join()).toMatch(/informationUri.*format/);
  });

  it('describes every rule of the registry and every input problem, once each', () => {
    const run = runBin(['--format', 'sarif', 'fixtures/policies/signer-role/good-signer.json']);
    const ids = (JSON.parse(run.stdout) as SarifLog).runs[0]!.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...RULES.map((r) => `presign/${r.name}`), ...Object.keys(INPUT_PROBLEMS)]));
    expect(ids).toHaveLength(RULES.length + Object.keys(INPUT_PROBLEMS).length);
  });
});
