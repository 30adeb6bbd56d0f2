import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/unknown-condition-key.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ID = 'presign/unknown-condition-key';
const statement = (action: unknown, condition: object) => policy([{ Effect: 'Allow', Action: action, Resource: '*', Condition: condition }]);

describe('presign/unknown-condition-key', () => {
  it('reports a key valid for s3:PutObject but used on s3:GetObject, at the key', () => {
    const text = `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {"StringEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}]}`;
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'keyNotSupportedByActions', line: 2, column: 34 });
    expect(finding!.message).toContain('s3:GetObject');
    expect(lintPolicy(rule, text.replace('s3:GetObject', 's3:PutObject'))).toEqual([]);
  });

  it('explains s3:x-amz-content-type, which is not a key', () => {
    const text = statement('s3:PutObject', { StringLike: { 's3:x-amz-content-type': 'image/*' } });
    expect(lintPolicy(rule, text)).toMatchObject([{ ruleId: ID, messageId: 'unknownContentTypeKey', ...at(text, '"s3:x-amz-content-type"') }]);
  });

  it('reports misspelt keys with the closest real key', () => {
    const text = statement('s3:GetObject', { NumericGreaterThan: { 's3:signatureage': 600000 }, Bool: { 'aws:SecureTransportt': false } });
    const findings = lintPolicy(rule, text);
    expect(findings.map((f) => f.messageId)).toEqual(['unknownKey']);
    expect(findings[0]).toMatchObject(at(text, '"aws:SecureTransportt"'));
    expect(findings[0]!.message).toContain('aws:SecureTransport');
    const s3 = lintPolicy(rule, statement('s3:PutObject', { StringEquals: { 's3:x-amz-server-side-encrytion': 'AES256' } }));
    expect(s3[0]!.message).toContain('s3:x-amz-server-side-encryption');
  });

  it('accepts global keys, tag patterns, keys any expanded action supports, and federation keys', () => {
    expect(lintPolicy(rule, statement(['s3:PutObject'], { StringEquals: { 's3:RequestObjectTag/classification': 'public', 'aws:PrincipalTag/team': 'x', 'aws:SourceVpce': 'vpce-1' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('s3:Put*', { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('s3:*', { NumericGreaterThan: { 's3:signatureAge': 600000 }, StringEquals: { 's3:authType': 'REST-QUERY-STRING' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('sts:AssumeRoleWithWebIdentity', { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }))).toEqual([]);
  });

  it('accepts keys whose variable part follows a colon or a plain tag-key, and keys documented under another prefix', () => {
    expect(lintPolicy(rule, statement('kms:Decrypt', { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b' } }))).toEqual([]);
    expect(lintPolicy(rule, statement('secretsmanager:GetSecretValue', { StringEquals: { 'secretsmanager:ResourceTag/team': 'x' } }))).toEqual([]);
  });

  it('reports a key of another service on S3 actions', () => {
    const text = statement('s3:GetObject', { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
    expect(lintPolicy(rule, text)).toMatchObject([{ messageId: 'keyNotSupportedByActions', ...at(text, '"kms:ViaService"') }]);
  });
});
