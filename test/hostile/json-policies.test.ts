/**
 * Hostile JSON policies: keys that name Object.prototype's members, duplicate keys, byte-order
 * marks, CRLF, UTF-16, invalid UTF-8, oversized files and values, FIFOs and devices. Each reads to a clear, located
 * result within a generous time bound (a hang guard, not a speed target: those live in the bench).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { decodeText, readInputFile } from '../../src/engine/read-input.js';
import { auditPolicies, auditPolicyTexts } from '../../src/engine/policies.js';
import type { FileResult } from '../../src/core/results.js';
import { MAX_POLICY_FILE_BYTES } from '../../src/policy/read-json.js';
import presign from '../../src/index.js';
import { tempDir } from '../cli/run-bin.js';

const config = resolveConfig({ preset: 'all' }, null);
const audit = (text: string): FileResult => auditPolicyTexts([{ text: text, file: 'policy.json' }], config).results[0]!;
const brief = (result: FileResult) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

/** A public bucket policy with a condition: findings from several rules. */
const PUBLIC = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Public',
      Effect: 'Allow',
      Principal: { AWS: ['*'] },
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: 'arn:aws:s3:::bucket/*',
      Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '0.0.0.0/0'] } },
    },
  ],
};

function writeFile(name: string, content: string | Uint8Array): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

describe('JSON keys named after Object.prototype members', () => {
  const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

  /**
   * JSON text with the hostile names as the first members of every object except a Condition
   * block and its operators' maps, where names are operators and keys and so change the policy.
   */
  function injected(value: unknown, insideCondition = false): string {
    if (Array.isArray(value)) return `[${value.map((v) => injected(v)).join(',')}]`;
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${injected(v, k === 'Condition' || insideCondition)}`);
    const hostile = insideCondition ? [] : HOSTILE_NAMES.map((n) => `"${n}": {"polluted": true, "length": 1e9, "__proto__": {"polluted": true}}`);
    return `{${[...hostile, ...members].join(',')}}`;
  }

  it('pollute nothing and change no finding, wherever they sit', () => {
    for (const wrap of [(d: object) => d, (d: object) => ({ Policy: JSON.stringify(d) }), (d: object) => ({ Policy: injected(d) })]) {
      const plain = audit(JSON.stringify(wrap(PUBLIC)));
      const hostile = audit(injected(wrap(PUBLIC)));
      const findings = (r: FileResult) => r.messages.filter((m) => m.ruleId.startsWith('presign/')).map((m) => `${m.ruleId}: ${m.message}`);
      expect(findings(plain).length).toBeGreaterThan(2);
      expect(findings(hostile)).toEqual(findings(plain));
      // What may be added: "unknown element" and "must be a string" for the injected names.
      for (const m of hostile.messages.filter((m) => !m.ruleId.startsWith('presign/'))) {
        expect(m.ruleId).toBe('presign-audit/invalid-policy');
        expect(HOSTILE_NAMES.some((n) => m.message.includes(`"${n}"`) || m.message.includes(`Principal.${n}`)), m.message).toBe(true);
      }
    }
    const probe: Record<string, unknown> = {};
    expect(probe['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(typeof Object.prototype.toString).toBe('function');
  });

  it('as condition operators, keys and values, principal types and CLI wrappers: no crash, no pollution', () => {
    const text = `{"__proto__": {"Statement": []}, "constructor": "x", "Version": "2012-10-17", "Statement": [{
      "Effect": "Allow", "Principal": {"__proto__": "*", "constructor": ["arn:aws:iam::111122223333:root"]},
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
      "Condition": {"__proto__": {"aws:SourceIp": "1.2.3.4/32"}, "constructor": {"prototype": "x"}, "StringEquals": {"__proto__": "a", "toString": ["b"]}}
    }]}`;
    const result = audit(text);
    expect(result.messages.every((m) => m.ruleId !== 'presign-audit/internal-error')).toBe(true);
    expect(({} as Record<string, unknown>)['Statement']).toBeUndefined();
  });

  it('a config naming a severity "constructor" or "__proto__" is a usage error, not a function severity', () => {
    for (const level of ['constructor', '__proto__', 'toString']) {
      expect(() => resolveConfig({ rules: { 'presign/public-principal': level } }, null)).toThrow(/use "off", "warn" or "error"/);
    }
  });
});

describe('duplicate keys', () => {
  it('the last one counts, as JSON tools read it, and each earlier one is a located error saying so', () => {
    // A Deny turned into an Allow by a second "Effect": reading the first would miss the public grant.
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}';
    const result = audit(text);
    const duplicate = result.messages.find((m) => m.message.includes('appears more than once'))!;
    expect(duplicate).toMatchObject({ ruleId: 'presign-audit/invalid-policy', severity: 2, line: 1, column: text.indexOf('"Effect"') + 1 });
    expect(duplicate.message).toMatch(/AWS does not document which one IAM uses; JSON tools keep the last/);
    expect(result.messages.map((m) => m.ruleId)).toContain('presign/public-principal');
  });

  it('in conditions: the earlier value of a key is ignored, so a widened range is seen', () => {
    const text = JSON.stringify(PUBLIC).replace('"aws:SourceIp":', '"aws:SourceIp": "203.0.113.7/32", "aws:SourceIp":');
    const result = audit(text);
    expect(result.messages.filter((m) => m.message.includes('"aws:SourceIp" appears more than once in condition operator "IpAddress"'))).toHaveLength(1);
    // The last value is 0.0.0.0/0: public; the first alone would have confined the statement.
    expect(result.messages.find((m) => m.ruleId === 'presign/public-principal')?.message).toContain('"0.0.0.0/0" is broader than /8');
  });

  it('in the AWS CLI wrapper: the last "Policy" is read', () => {
    const good = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] };
    const text = `{"Policy": ${JSON.stringify(JSON.stringify(good))}, "Policy": ${JSON.stringify(JSON.stringify(PUBLIC))}}`;
    expect(audit(text).messages.map((m) => m.ruleId)).toContain('presign/public-principal');
  });
});

describe('encodings and line breaks', () => {
  const text = JSON.stringify(PUBLIC, null, 2);
  const lf = brief(audit(text));

  it('CRLF line breaks give the same lines and columns as LF', () => {
    expect(lf.length).toBeGreaterThan(2);
    expect(brief(audit(text.replace(/\n/g, '\r\n')))).toEqual(lf);
  });

  it('a UTF-8 byte-order mark is not part of the text: columns on line 1 are as without it, and as ESLint reports them', async () => {
    const oneLine = JSON.stringify(PUBLIC);
    const withBom = writeFile('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(oneLine)]));
    const without = writeFile('plain.json', oneLine);
    const expected = brief(auditPolicies([without], config).results[0]!);
    expect(expected.every((m) => m.startsWith('1:'))).toBe(true);
    const recommended = resolveConfig({}, null);
    const cli = auditPolicies([withBom], recommended).results[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    expect(brief(auditPolicies([withBom], config).results[0]!)).toEqual(expected);
    const eslint = new ESLint({ cwd: path.dirname(withBom), overrideConfigFile: true, overrideConfig: [presign.configs.policies] });
    const [fromEslint] = await eslint.lintFiles([withBom]);
    expect(cli.length).toBeGreaterThan(1);
    expect(fromEslint!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(cli);
  });

  it('UTF-16 LE and BE with a byte-order mark are decoded (PowerShell 5 writes UTF-16 LE)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    expect(brief(auditPolicies([writeFile('le.json', le)], config).results[0]!)).toEqual(lf);
    expect(brief(auditPolicies([writeFile('be.json', be)], config).results[0]!)).toEqual(lf);
  });

  it('UTF-16 without a byte-order mark, and UTF-16 with an odd byte count, are refused with a clear message', () => {
    const noBom = auditPolicies([writeFile('nobom.json', Buffer.from(text, 'utf16le'))], config).results[0]!;
    expect(noBom.messages).toMatchObject([{ ruleId: 'presign-audit/not-text', fatal: true, line: 1, column: 2 }]);
    expect(noBom.messages[0]!.message).toMatch(/NUL byte at 1:2.*UTF-16 text without a byte-order mark/);
    const odd = decodeText(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d]));
    expect(odd).toMatchObject({ problem: { ruleId: 'presign-audit/not-text' } });
    expect('problem' in odd ? odd.problem.message : odd.text).toMatch(/odd number of bytes/);
  });

  it('invalid UTF-8 is refused with the place of the first bad byte, not read as replacement characters', () => {
    const lines = text.split('\n');
    const bytes = Buffer.concat([Buffer.from(`${lines.slice(0, 3).join('\n')}\n    "Sid": "caf`), Buffer.from([0xe9]), Buffer.from(`",\n${lines.slice(4).join('\n')}`)]);
    const result = auditPolicies([writeFile('latin1.json', bytes)], config).results[0]!;
    expect(result.messages).toMatchObject([{ ruleId: 'presign-audit/not-text', fatal: true, line: 4, column: 16 }]);
    expect(result.messages[0]!.message).toMatch(/not valid UTF-8 \(the first bad byte is at 4:16\)/);
    // Overlong encodings and UTF-16 surrogates written as UTF-8 are not UTF-8 either.
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      expect(decodeText(Buffer.from([0x7b, ...bad, 0x7d]))).toMatchObject({ problem: { ruleId: 'presign-audit/not-text', line: 1, column: 2 } });
    }
  });
});

describe('size', () => {
  it('a 50 MB file is refused by its size before it is read', () => {
    const file = path.join(tempDir(), 'dump.json');
    // Sparse: 50 MB on paper, nothing on disk, and reading it would load 50 MB of NULs.
    writeFileSync(file, '');
    truncateSync(file, 50 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const result = auditPolicies([file], config).results[0]!;
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(MAX_POLICY_FILE_BYTES);
    expect(result.messages).toEqual([
      expect.objectContaining({ ruleId: 'presign-audit/too-large', fatal: true, line: 1, column: 1, message: `File is 52428800 bytes, above the limit of ${MAX_POLICY_FILE_BYTES} bytes (10 MiB); a policy is at most 20 KB. It was not analysed.` }),
    ]);
  });

  it('100,000 statements are analysed to the end', () => {
    // About 8 MB, under the 10 MiB limit. One bucket's prefixes: a policy over many buckets is no
    // bucket policy (src/policy/kinds.ts), and public-principal is for bucket policies.
    const statements = Array.from({ length: 100_000 }, (_, i) => ({ Effect: 'Allow', Principal: '*', Action: i % 2 ? 's3:GetObject' : `s3:Get${i % 7}*`, Resource: `arn:aws:s3:::b/${i}/*` }));
    const result = audit(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
    const publicFindings = result.messages.filter((m) => m.ruleId === 'presign/public-principal');
    expect(publicFindings).toHaveLength(100_000);
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  }, 60_000);

  it('strings of 1 MB are read, and quoted in messages only in part', () => {
    const huge = 'a'.repeat(1 << 20);
    const result = audit(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: huge, Effect: 'Allow', Action: `s3:${huge}`, Resource: `arn:aws:s3:::${huge}/*` }] }));
    const unknown = result.messages.find((m) => m.ruleId === 'presign/unknown-action')!;
    expect(unknown.message).toContain(`(${3 + (1 << 20)} characters)`);
    expect(unknown.message.length).toBeLessThan(2_500);
  });

  it('numbers beyond a double (1e309) are a located error, not Infinity in a comparison', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"NumericGreaterThan": {"s3:signatureAge": 1e309}}}]}';
    const result = audit(text);
    expect(result.messages).toEqual([
      expect.objectContaining({ ruleId: 'presign-audit/invalid-policy', line: 1, column: text.indexOf('1e309') + 1, message: 'Condition value of "s3:signatureAge" is beyond the range of a number (it reads as Infinity).' }),
    ]);
  });
});

describe('what is read whole, and what is not a regular file', () => {
  const NOT_REGULAR = 'Not a regular file (a FIFO, socket or device); it was not read.';
  // A policy of the given length in bytes: whitespace pads it, so its text must come back whole.
  const policyOfLength = (bytes: number) => {
    const head = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]';
    return `${head}${' '.repeat(bytes - head.length - 1)}}`;
  };

  it('files below, at and past the first read (64 KiB) come back whole, as do empty files', () => {
    for (const bytes of [200, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 300_000]) {
      const text = policyOfLength(bytes);
      expect(readInputFile(writeFile(`p${bytes}.json`, text))).toEqual({ text });
    }
    expect(readInputFile(writeFile('empty.json', ''))).toEqual({ text: '' });
    // Files read one after another share no bytes: a short file after a long one is itself alone.
    readInputFile(writeFile('long.json', policyOfLength(50_000)));
    expect(readInputFile(writeFile('short.json', '{}'))).toEqual({ text: '{}' });
  });

  it('a FIFO with a writer waiting is refused at once, unread', async () => {
    const fifo = path.join(tempDir(), 'policy.json');
    if (spawnSync('mkfifo', [fifo]).status !== 0) {
      process.stderr.write('json-policies.test.ts: mkfifo is not available here; the FIFO case was not run.\n');
      return;
    }
    // A writer with a policy to give, blocked until a reader opens the FIFO: reading would take the bytes of a stream.
    const writer = spawn('sh', ['-c', `printf '{"Version": "2012-10-17"}' > "${fifo}"`], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(readInputFile(fifo)).toMatchObject({ problem: { ruleId: 'presign-audit/unreadable', message: NOT_REGULAR } });
    } finally {
      writer.kill();
    }
  });

  it('devices and directories are refused, unread', () => {
    const dir = path.join(tempDir(), 'folder.json');
    mkdirSync(dir);
    expect(readInputFile(dir)).toMatchObject({ problem: { ruleId: 'presign-audit/unreadable', message: NOT_REGULAR } });
    // /dev/zero never ends, /dev/null gives nothing: neither is read as a file.
    for (const device of ['/dev/zero', '/dev/null']) {
      if (!existsSync(device)) continue;
      expect(readInputFile(device)).toMatchObject({ problem: { ruleId: 'presign-audit/unreadable', message: NOT_REGULAR } });
    }
  });
});
