// `npm run build`, after tsc: copies the IAM reference data and its index to dist/ byte for byte.
// src/policy/iam-data.ts reads the data at the byte offsets its index gives; tsc's own copy of a
// JSON file is a reprint of it (other spacing), which the index does not describe, so tsconfig.json
// leaves these two files out of what tsc copies.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'src/policy/data');
const to = path.join(root, 'dist/src/policy/data');
mkdirSync(to, { recursive: true });
for (const name of ['iam-reference.json', 'iam-reference-index.json']) copyFileSync(path.join(from, name), path.join(to, name));
