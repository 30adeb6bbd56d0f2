/** Rewrites rules/catalogue.ts from the built rules (rules/all.ts): `npm run update:registry`. */
import { writeFileSync } from 'node:fs';
import { ALL_RULES } from '../dist/rules/all.js';
import { catalogueSource } from './catalogue.mjs';

writeFileSync(new URL('../rules/catalogue.ts', import.meta.url), catalogueSource(ALL_RULES));
