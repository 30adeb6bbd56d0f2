/**
 * What eslint-plugin-eslint-plugin checks of ESLint rule modules, held for this package's own rule
 * shape (its `create`-based detection does not see `check` rules): a type, a description in the
 * ecosystem's wording, options whose defaults pass the rule's own schema under ESLint's validator,
 * and `fixable` / `hasSuggestions` exactly when the rule offers fixes / suggestions; and what is this
 * package's own: a default severity and a security severity (docs/severities.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { resolveConfig } from '../../src/cli/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const FOLDER = { site: 'code', document: 'policy', signers: 'policy', inventory: 'policy', 'site-policies': 'code-x-policy', 'signer-need': 'code-x-policy' } as const;

describe.each(RULES.map((rule) => [rule.name, rule] as const))('presign/%s meta', (name, rule) => {
  const source = readFileSync(path.join(root, `rules/${FOLDER[rule.subject]}/${name}.ts`), 'utf8');

  it('has a type and a description that starts as ESLint core rules do', () => {
    expect(['problem', 'suggestion']).toContain(rule.meta.type);
    expect(rule.meta.docs.description).toMatch(/^(Disallow|Require|Enforce|Suggest) [^.]*[^.]$/);
  });

  it('has a default severity, advice as a warning, and a security severity GitHub accepts', () => {
    expect(['error', 'warn']).toContain(rule.meta.severity);
    // A rule that suggests is advice by its own description: it never fails a build by default.
    if (rule.meta.docs.description.startsWith('Suggest')) expect(rule.meta.severity).toBe('warn');
    expect(rule.meta.securitySeverity).toBeGreaterThanOrEqual(0);
    expect(rule.meta.securitySeverity).toBeLessThanOrEqual(10);
    expect(Number.isInteger(rule.meta.securitySeverity * 10)).toBe(true);
  });

  it('has default options that its own schema accepts, under the validator ESLint uses', () => {
    const options = rule.meta.schema.length > 0 ? [rule.meta.defaultOptions[0]] : [];
    expect(() => resolveConfig({ rules: { [`presign/${name}`]: ['error', ...options] } }, null)).not.toThrow();
  });

  it('declares fixable and hasSuggestions exactly when it offers fixes and suggestions', () => {
    expect(Boolean(rule.meta.fixable)).toBe(/\bfix: /.test(source));
    expect(Boolean(rule.meta.hasSuggestions)).toBe(/[{,]\s*suggest\s*[:,}]/.test(source));
  });

  it('uses each of its messages', () => {
    // The file without its `messages` block: where a message id is used, not where it is written.
    const body = source.replace(/\n {4}messages: \{[\s\S]*?\n {4}\},/, '');
    // explicit-method's messages are keyed by the reader's reasons, reported as `method.reason`.
    const unused = Object.keys(rule.meta.messages).filter((id) => !body.includes(`'${id}'`) && !body.includes(`messageId: ${id}`) && !body.includes('messageId: method.reason'));
    expect(unused).toEqual([]);
  });
});
