/**
 * What a run loads is what its inputs need (src/core/on-need.ts): a plain policy, also as AWS CLI
 * output, loads the JSON reader and the policy rules' checks, no other reader and no code rule; a
 * template loads its reader; code loads the code rules and no policy reader. Run on the built bin
 * module by module (dist/src/cli/bin.js), where checks and readers load through require() (Vitest
 * imports them all up front: test/setup.ts). package.json's bin is that program bundled
 * (scripts/bundle-bin.mjs), the same modules initialised in the same order; of dist/ it loads only
 * its own files: one for what every run loads, one per part imported when an input needs it. The
 * bundle is CommonJS, so a policy run does not go through Node's ES module loader either.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, MODULE_BY_MODULE_BIN, PROJECT_ROOT, tempDir } from './run-bin.js';

const PRELOAD = path.join(PROJECT_ROOT, 'test/cli/modules-loaded.cjs');

/** The project's modules a run loaded, as paths under dist/ (`src/policy/read-json.js`), Node's own (`node:net`), and its output. */
function loadedBy(file: string, bin = MODULE_BY_MODULE_BIN): { modules: string[]; builtins: string[]; stdout: string; status: number | null } {
  const log = path.join(tempDir(), 'modules.log');
  const run = spawnSync(process.execPath, ['--require', PRELOAD, bin, file], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PRESIGN_MODULES_LOG: log } });
  const prefix = `${new URL('../../dist/', import.meta.url).href}`;
  const lines = readFileSync(log, 'utf8').split('\n');
  const modules = lines.filter((url) => url.startsWith(prefix)).map((url) => url.slice(prefix.length));
  return { modules, builtins: lines.filter((line) => line.startsWith('node:')), stdout: run.stdout, status: run.status };
}

const READERS = ['src/policy/read-yaml.js', 'src/policy/read-cloudformation.js', 'src/policy/read-serverless.js', 'src/policy/read-terraform-plan.js', 'src/policy/read-account-details.js'];

describe('what a run loads', () => {
  it('for one plain policy: the JSON reader and the checks of the policy rules that run, no other reader, no code rule', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bucket-policy.json');
    // Public read: public-principal reports it, so its check ran.
    writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*' }] }));
    const { modules, stdout, status } = loadedBy(file);
    expect(stdout).toContain('presign/public-principal');
    expect(status).toBe(1);
    expect(modules).toContain('src/policy/read-json.js');
    expect(modules).toContain('rules/policy/public-principal.js');
    expect(modules.filter((m) => READERS.includes(m))).toEqual([]);
    expect(modules.filter((m) => m.startsWith('rules/code/') || m.startsWith('rules/code-x-policy/') || m.startsWith('src/python/') || m === 'src/javascript/presign-sites.js' || m === 'src/presign/apis.js')).toEqual([]);
  });

  it('for one policy as AWS CLI output prints it: the JSON reader only', () => {
    const dir = tempDir();
    const file = path.join(dir, 'get-bucket-policy.json');
    // `aws s3api get-bucket-policy`: the policy as a string under "Policy", no top-level "Statement".
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*' }] };
    writeFileSync(file, JSON.stringify({ Policy: JSON.stringify(policy) }));
    const { modules, stdout } = loadedBy(file);
    expect(stdout).toContain('presign/public-principal');
    expect(modules.filter((m) => READERS.includes(m))).toEqual([]);
  });

  it('for a CloudFormation template: its reader too', () => {
    const file = path.join(PROJECT_ROOT, 'fixtures/templates/upload-service.yaml');
    const { modules } = loadedBy(file);
    expect(modules).toContain('src/policy/read-yaml.js');
    expect(modules).toContain('src/policy/read-cloudformation.js');
    expect(modules).not.toContain('src/policy/read-terraform-plan.js');
    expect(modules.filter((m) => m.startsWith('rules/code/'))).toEqual([]);
  });

  it('for code: the code rules', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sign.mjs');
    writeFileSync(file, "import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nexport const url = getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 30 * 86400 });\n");
    const { modules, stdout } = loadedBy(file);
    expect(stdout).toContain('presign/max-expiry');
    expect(modules).toContain('rules/code/max-expiry.js');
    // No policy is read: no document rule runs (the rules over the policies together run on none).
    expect(modules).not.toContain('rules/policy/valid-policy.js');
    expect(modules).not.toContain('rules/policy/public-principal.js');
    expect(modules.filter((m) => READERS.includes(m))).toEqual([]);
  });

  it('for the bundled bin: its own files only; the other readers and the code rules in one file, loaded when needed', () => {
    const dir = tempDir();
    const policy = path.join(dir, 'bucket-policy.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*' }] }));
    const code = path.join(dir, 'sign.mjs');
    writeFileSync(code, "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nexport const url = (client, command) => getSignedUrl(client, command, { expiresIn: 30 * 86400 });\n");
    const forPolicy = loadedBy(policy, BIN);
    expect(forPolicy.stdout).toContain('presign/public-principal');
    // No module of dist/src or dist/rules beside the bundle: it would be a second copy, with its own state.
    expect(forPolicy.modules.sort()).toEqual(['bin/main.js', 'bin/presign-audit.js', 'bin/rolldown-runtime.js']);
    // Importing child_process loads Node's net, dgram and socket modules: only a walk that asks git needs it.
    expect(forPolicy.builtins).toContain('node:fs');
    expect(forPolicy.builtins).not.toContain('node:child_process');
    // The bundle is CommonJS: Node does not run its ES module loader's modules, and what they load
    // (fs/promises, readline, streams), beyond what a plain CommonJS script loads; the module-by-module
    // bin, an ES module, does. (Node 20 still loads the loader's own file for the bundle, esm/loader.)
    const script = path.join(dir, 'plain.cjs');
    writeFileSync(script, 'module.exports = 0;\n');
    const ESM_LOADING = ['node:internal/modules/esm/translators', 'node:internal/modules/esm/module_job', 'node:internal/fs/promises', 'node:stream'];
    const plainScript = loadedBy(script, script).builtins;
    expect(ESM_LOADING.filter((m) => forPolicy.builtins.includes(m) && !plainScript.includes(m))).toEqual([]);
    expect(loadedBy(policy).builtins).toEqual(expect.arrayContaining(ESM_LOADING));
    const forTemplate = loadedBy(path.join(PROJECT_ROOT, 'fixtures/templates/upload-service.yaml'), BIN);
    expect(forTemplate.stdout).toContain('presign/');
    expect(forTemplate.modules).toContain('bin/loaded-on-need.js');
    expect(forTemplate.modules.filter((m) => !m.startsWith('bin/'))).toEqual([]);
    const forCode = loadedBy(code, BIN);
    expect(forCode.stdout).toContain('presign/max-expiry');
    expect(forCode.modules).toContain('bin/loaded-on-need.js');
    expect(forCode.modules.filter((m) => !m.startsWith('bin/'))).toEqual([]);
  });
});
