/** Rewrites the README's rules table from the built registry: `npm run update:readme`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../dist/rules/index.js';
import { replaceTable, rulesTable } from './rules-table.mjs';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, replaceTable(readFileSync(readme, 'utf8'), rulesTable(RULES)));
