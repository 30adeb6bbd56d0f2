import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, readPolicyJson } from '../../src/policy/read-json.js';

const DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

/** Text of the file at a finding's offsets. */
const slice = (text: string, p: { offset?: number; endOffset?: number }) => text.slice(p.offset, p.endOffset);

describe('readPolicyJson', () => {
  it('reads a plain document with positions on every part', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": {"Sid": "Read", "Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::1:root"]}, "Action": "s3:*", "NotResource": ["arn:aws:s3:::b/*"],
    "Condition": {"Bool": {"aws:SecureTransport": false}, "NumericGreaterThan": {"s3:signatureAge": 600000}}}
}`;
    const { documents, errors } = readPolicyJson(text, 'p.json');
    expect(errors).toEqual([]);
    const [doc] = documents;
    expect(doc).toMatchObject({ file: 'p.json', format: 'policy-document', kind: 'bucket', version: { value: '2012-10-17' } });
    const [s] = doc!.statements;
    expect(s!.principals).toMatchObject({ negated: true, values: [{ type: 'AWS', value: 'arn:aws:iam::1:root' }] });
    expect(s!.resources).toMatchObject({ negated: true });
    expect(s!.conditions.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value)])).toEqual([
      ['Bool', 'aws:SecureTransport', ['false']],
      ['NumericGreaterThan', 's3:signatureAge', ['600000']],
    ]);
    expect(s!.conditions[1]!.key.position).toMatchObject({ line: 4, column: 82 });
    expect(slice(text, s!.actions!.values[0]!.position)).toBe('"s3:*"');
  });

  it('maps positions inside s3api get-bucket-policy output back through the escapes', () => {
    const text = JSON.stringify({ Policy: JSON.stringify(DOC) }, null, 4);
    const { documents, errors } = readPolicyJson(text, 'cli.json');
    expect(errors).toEqual([]);
    expect(documents[0]).toMatchObject({ format: 'aws-cli:s3api-get-bucket-policy', kind: 'bucket' });
    const statement = documents[0]!.statements[0]!;
    expect(slice(text, statement.principals!.values[0]!.position)).toBe('\\"*\\"');
    expect(slice(text, statement.actions!.values[0]!.position)).toBe('\\"s3:GetObject\\"');
    expect(statement.actions!.values[0]!.position.line).toBe(2);
  });

  it('maps positions through \\n and \\u escapes in a pretty-printed embedded policy', () => {
    const inner = JSON.stringify(DOC, null, 2).replace('s3:GetObject', 's3:Get\u00d6bject');
    const text = `{"Policy": ${JSON.stringify(inner).replace('\u00d6', '\\u00d6')}}`;
    const { documents } = readPolicyJson(text, 'cli.json');
    const resource = documents[0]!.statements[0]!.resources!.values[0]!;
    expect(slice(text, resource.position)).toBe('\\"arn:aws:s3:::b/*\\"');
    expect(documents[0]!.statements[0]!.actions!.values[0]!.value).toBe('s3:Get\u00d6bject');
  });

  it('reads kms get-key-policy, iam get-role-policy and get-policy-version output', () => {
    const key = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] };
    expect(readPolicyJson(JSON.stringify({ Policy: JSON.stringify(key), PolicyName: 'default' }), 'k.json').documents[0]).toMatchObject({ format: 'aws-cli:kms-get-key-policy', kind: 'kms-key' });
    expect(readPolicyJson(JSON.stringify({ Policy: JSON.stringify(key) }), 'k.json').documents[0]).toMatchObject({ format: 'aws-cli:kms-get-key-policy', kind: 'kms-key' });
    const identity = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    expect(readPolicyJson(JSON.stringify({ RoleName: 'r', PolicyName: 'p', PolicyDocument: identity }), 'r.json').documents[0]).toMatchObject({ format: 'aws-cli:iam-get-entity-policy', kind: 'identity' });
    expect(readPolicyJson(JSON.stringify({ PolicyVersion: { Document: identity, VersionId: 'v1' } }), 'v.json').documents[0]).toMatchObject({ format: 'aws-cli:iam-get-policy-version', kind: 'identity' });
  });

  it('gives located, fatal errors for empty, invalid, non-policy and too-deep input', () => {
    expect(readPolicyJson('  \n', 'e.json').errors).toMatchObject([{ code: 'empty', fatal: true, position: { line: 1, column: 1 } }]);
    expect(readPolicyJson('{\n  "Statement": [,]\n}', 'i.json').errors).toMatchObject([{ code: 'invalid-json', position: { line: 2, column: 17 } }]);
    expect(readPolicyJson('{"name": "my-app", "version": "1.0.0"}', 'package.json').errors).toMatchObject([{ code: 'unknown-format', position: { line: 1, column: 1 } }]);
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(readPolicyJson(deep, 'd.json').errors).toMatchObject([{ code: 'too-deep', position: { line: 1, column: MAX_JSON_DEPTH + 1 } }]);
    expect(readPolicyJson('{"Policy": "{\\"Statement\\": [}"}', 'c.json').errors).toMatchObject([{ code: 'invalid-json', position: { line: 1, column: 30 } }]);
  });

  it('keeps the good statements and reports shape problems where they are', () => {
    const text = `{"Statement": [
  {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Effect": "Allow", "Action": ["s3:GetObject", 42], "Resource": "*", "Conditon": {}}
]}`;
    const { documents, errors } = readPolicyJson(text, 's.json');
    expect(errors.map((e) => [e.code, e.fatal, e.position.line, e.position.column])).toEqual([
      ['invalid-policy', false, 2, 14],
      ['invalid-policy', false, 3, 72],
      ['invalid-policy', false, 3, 50],
    ]);
    expect(documents[0]!.statements).toHaveLength(1);
  });
});
