/** The floor for one policy file from process start: read it and JSON.parse it, nothing else. */
import { readFileSync } from 'node:fs';

JSON.parse(readFileSync(process.argv[2], 'utf8'));
