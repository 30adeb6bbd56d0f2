/**
 * A site rule listens only in a module that names a presign API (PRESIGN_HINT): ESLint then
 * dispatches nothing to the plugin's rules in the rest of a project, most of its files. Whether a
 * module with a presign call is still reported is the rules' own tests' business.
 */
import type { Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import presign from '../../src/index.js';
import { RULES } from '../../rules/index.js';

const siteRules = RULES.filter((rule) => rule.subject === 'site').map((rule) => rule.name);

/** What `create` reads of its context: the file's text, through the SourceCode ESLint makes per file. */
function listenersFor(name: string, text: string): string[] {
  const context = { sourceCode: { text }, filename: 'src/file.ts', options: [] } as unknown as Rule.RuleContext;
  return Object.keys(presign.rules[name]!.create(context));
}

describe('site rules in ESLint', () => {
  it('are all checked here', () => {
    expect(siteRules.length).toBeGreaterThanOrEqual(12);
  });

  it.each(siteRules)('%s listens to no node of a module that names no presign API', (name) => {
    expect(listenersFor(name, "import express from 'express';\nexport const router = express.Router();\n")).toEqual([]);
  });

  it.each(siteRules)('%s listens to the program of a module that names one', (name) => {
    expect(listenersFor(name, "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';\n")).toEqual(['Program']);
    // The hint is case-insensitive, as presign-audit's own test of a file is.
    expect(listenersFor(name, 'export const url = await minio.PresignedGetObject(bucket, key);\n')).toEqual(['Program']);
  });
});
