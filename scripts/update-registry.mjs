/** Rewrites src/rule/catalogue.ts from the built rule files of rules/ (dist/rules/<folder>/<name>.js): `npm run update:registry`. */
import { readdirSync, writeFileSync } from 'node:fs';
import { CATALOGUE } from '../dist/src/rule/catalogue.js';
import { catalogueSource, ordered } from './catalogue.mjs';

const built = new URL('../dist/rules/', import.meta.url);
const files = readdirSync(built, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) => readdirSync(new URL(`${folder.name}/`, built)).filter((name) => name.endsWith('.js')).map((name) => `${folder.name}/${name.slice(0, -3)}`));
const rules = await Promise.all(ordered(files, CATALOGUE.map((rule) => rule.name)).map(async (file) => (await import(new URL(`${file}.js`, built).href)).default));
writeFileSync(new URL('../src/rule/catalogue.ts', import.meta.url), catalogueSource(rules));
