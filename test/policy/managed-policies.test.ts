/**
 * AWS's own managed policies against the rules that judge names and types (unknown-action,
 * unknown-condition-key, valid-policy), as presign-audit runs them by default: what AWS relies on
 * in production is not an error. The only findings are AWS's own mistakes, listed below with why.
 * The other recommended rules judge a signer's reach (these policies are not signers' and rightly
 * grant broadly), so they are not held here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicyTexts } from '../../src/engine/policies.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
// Test input only, not a source of facts: the default versions of AWS's managed policies, kept beside
// the repository (not in it). Without them this test is skipped, and says so on stderr.
const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/aws-managed-policies');
const JUDGED = new Set(['presign/unknown-action', 'presign/unknown-condition-key', 'presign/valid-policy']);

/**
 * AWS's mistakes, which must stay reported (docs/facts.md#what-awss-managed-policies-use-that-the-reference-data-lacks):
 * S3 API operations granted as if they were IAM actions (they are authorised as s3:ListAllMyBuckets
 * and s3:ListBucket), and a misspelt ssm:RemoveTagsFromResource.
 */
const AWS_MISTAKES = [
  'AmazonApplicationWizardFullaccess.json presign/unknown-action "ssm:RemoveTagsToResource"',
  'AmazonLaunchWizardFullaccess.json presign/unknown-action "s3:ListBuckets"',
  'AmazonLaunchWizardFullaccess.json presign/unknown-action "s3:ListObjects"',
  'AmazonLaunchWizardFullaccess.json presign/unknown-action "s3:ListObjectsV2"',
];

const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort() : [];
if (files.length === 0) process.stderr.write(`managed-policies.test.ts: ${CORPUS} is absent or empty; the AWS managed policy test is skipped.\n`);

describe.skipIf(files.length === 0)(`AWS managed policies under the recommended preset (${files.length > 0 ? CORPUS : `skipped: ${CORPUS} is absent`})`, () => {
  it('report no name or type that AWS relies on, and every mistake AWS made', () => {
    const texts = files.map((file) => ({ file, text: readFileSync(path.join(CORPUS, file), 'utf8') }));
    const { results } = auditPolicyTexts(texts, resolveConfig({ preset: 'recommended' }, null));
    const read = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('presign-audit/')).map((m) => `${r.filePath}: ${m.message}`));
    expect(read, 'every managed policy reads cleanly').toEqual([]);
    const judged = results.flatMap((r) =>
      r.messages.filter((m) => JUDGED.has(m.ruleId ?? '')).map((m) => `${r.filePath} ${m.ruleId} ${/^"[^"]+"/.exec(m.message)?.[0] ?? m.message}`),
    );
    expect(judged).toEqual(AWS_MISTAKES);
  });
});
