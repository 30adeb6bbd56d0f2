/** Every option --help lists is documented in docs/cli.md, and the other way round. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, scratch } from './helpers.js';
import { PROJECT_ROOT } from './run-bin.js';

describe('presign-audit --help and docs/cli.md', () => {
  it('name the same options', async () => {
    const help = (await audit(['--help'], scratch({}))).stdout;
    const docs = readFileSync(path.join(PROJECT_ROOT, 'docs/cli.md'), 'utf8');
    const optionsTable = docs.slice(docs.indexOf('## Options'), docs.indexOf('Exit codes:'));
    const options = (text: string) => [...new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]+/g)].map((m) => m[0]))].sort();
    expect(options(optionsTable)).toEqual(options(help));
    expect(options(help)).toContain('--ignore-pattern');
  });
});
