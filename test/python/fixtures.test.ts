/**
 * auditPython over fixtures/python, the Lambda upload service: exactly the findings annotated in
 * the files (`# expect: presign/max-expiry, presign/no-sigv2` at the end of the line), no more.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { auditPython } from '../../src/engine/python.js';
import { pythonRules } from './helpers.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

function expectedFindings(files: string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = /# expect: ([\w/,\s-]+)$/.exec(line);
        for (const rule of match?.[1]!.split(',') ?? []) out.push(`${path.relative(root, file)}:${index + 1} ${rule.trim()}`);
      });
  }
  return out.sort();
}

describe('fixtures/python', async () => {
  const files = await glob('fixtures/python/**/*.py', { cwd: root, absolute: true });

  it('has handlers with findings, a clean handler and a file that does not parse', () => {
    expect(expectedFindings(files).length).toBeGreaterThan(8);
    expect(expectedFindings(files).some((f) => f.endsWith('presign-audit/parse-error'))).toBe(true);
    expect(files.some((f) => f.endsWith('good_handler.py'))).toBe(true);
  });

  it('reports exactly the annotated findings, and reads the other files after the syntax error', async () => {
    const results = await auditPython(files, pythonRules());
    const actual = [...results].flatMap(([file, messages]) => messages.map((m) => `${path.relative(root, file)}:${m.line} ${m.ruleId}`));
    expect(actual.sort()).toEqual(expectedFindings(files));
    expect(results.get(files.find((f) => f.endsWith('good_handler.py'))!)).toEqual([]);
  });
});
