import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRequest, KEY_POLICY_UNKNOWN, type ContextValue, type EvaluationRequest, type PolicySet } from '../../src/policy/evaluate.js';
import type { PolicyDocument } from '../../src/policy/model.js';
import { readPolicyJson } from '../../src/policy/read-json.js';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service/uploader`;
const OBJECT = 'arn:aws:s3:::uploads/user/a.png';
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function doc(statements: object[], version: string | null = '2012-10-17'): PolicyDocument {
  const text = JSON.stringify(version ? { Version: version, Statement: statements } : { Statement: statements }, null, 2);
  const read = readPolicyJson(text, 'policy.json');
  expect(read.errors).toEqual([]);
  return read.documents[0]!;
}

const allow = (extra: object = {}) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*', ...extra });
const deny = (extra: object = {}) => ({ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::uploads/*', ...extra });
const when = (operator: string, key: string, values: unknown) => ({ Condition: { [operator]: { [key]: values } } });

interface Case {
  readonly name: string;
  readonly identity?: object[];
  readonly bucket?: object[];
  readonly key?: object[];
  readonly version?: string | null;
  readonly request?: Partial<EvaluationRequest>;
  readonly context?: Record<string, ContextValue>;
  readonly sameAccount?: boolean;
  readonly expected: 'allow' | 'deny' | 'implicit-deny' | string[];
}

function run(c: Case) {
  const version = c.version === undefined ? '2012-10-17' : c.version;
  const request: EvaluationRequest = {
    action: 's3:GetObject',
    resource: OBJECT,
    principal: { arn: ROLE, account: ACCOUNT },
    ...c.request,
    context: c.context ?? {},
  };
  const policies: PolicySet = {
    identity: c.identity ? [doc(c.identity, version)] : [],
    resource: c.bucket ? doc(c.bucket, version) : null,
    kmsKey: c.key ? doc(c.key, version) : null,
    sameAccount: 'sameAccount' in c ? c.sameAccount : true,
  };
  return evaluateRequest(request, policies);
}

/** Identity Allow of s3:GetObject with one condition, evaluated for one context value of its key. */
const conditioned = (name: string, operator: string, key: string, values: unknown, value: ContextValue, expected: Case['expected']): Case => ({
  name,
  identity: [allow(when(operator, key, values))],
  context: { [key]: value },
  expected,
});

const CASES: Case[] = [
  // The three answers of IAM's logic.
  { name: 'an identity Allow allows', identity: [allow()], expected: 'allow' },
  { name: 'nothing allows: implicit deny', identity: [{ ...allow(), Action: 's3:PutObject' }], expected: 'implicit-deny' },
  { name: 'an explicit Deny wins over an Allow', identity: [allow(), deny()], expected: 'deny' },
  { name: 'a bucket-policy Deny wins over an identity Allow', identity: [allow()], bucket: [deny({ Principal: '*' })], expected: 'deny' },

  // Case rules.
  { name: 'action names compare case-insensitively', identity: [allow({ Action: 'S3:getobject' })], expected: 'allow' },
  { name: 'action wildcards', identity: [allow({ Action: 's3:Get*' })], expected: 'allow' },
  { name: 'resource ARNs compare case-sensitively', identity: [allow({ Resource: 'arn:aws:s3:::Uploads/*' })], expected: 'implicit-deny' },
  { name: 'ARN parts match part by part', identity: [allow({ Resource: 'arn:aws:s3:*:*:uploads/user/*' })], expected: 'allow' },
  { name: 'condition key names compare case-insensitively', identity: [allow(when('StringEquals', 'AWS:SOURCEVPCE', 'vpce-1'))], context: { 'aws:SourceVpce': 'vpce-1' }, expected: 'allow' },

  // NotAction, NotResource, NotPrincipal.
  { name: 'NotAction grants what it does not name', identity: [{ Effect: 'Allow', NotAction: 's3:Delete*', Resource: '*' }], expected: 'allow' },
  { name: 'NotAction does not grant what it names', identity: [{ Effect: 'Allow', NotAction: 's3:Get*', Resource: '*' }], expected: 'implicit-deny' },
  { name: 'NotResource grants other resources', identity: [{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secrets/*' }], expected: 'allow' },
  { name: 'NotResource excludes what it names', identity: [{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::uploads/*' }], expected: 'implicit-deny' },
  { name: 'Deny with NotPrincipal denies everyone else', identity: [allow()], bucket: [deny({ NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` } })], expected: 'deny' },
  { name: 'Deny with NotPrincipal spares the principal it names', identity: [allow()], bucket: [deny({ NotPrincipal: { AWS: ROLE } })], expected: 'allow' },
  { name: 'Allow with NotPrincipal grants everyone else', bucket: [allow({ NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` } })], expected: 'allow' },

  // Same account: either side suffices for S3; across accounts both must allow.
  { name: 'same account: the bucket policy alone allows the role it names', bucket: [allow({ Principal: { AWS: ROLE } })], expected: 'allow' },
  { name: 'same account: a bucket policy naming the account only delegates to IAM', bucket: [allow({ Principal: { AWS: ACCOUNT } })], expected: 'implicit-deny' },
  { name: 'a role ARN in a bucket policy names its sessions', bucket: [allow({ Principal: { AWS: ROLE } })], request: { principal: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/uploader/lambda-1`, account: ACCOUNT } }, expected: 'allow' },
  { name: 'cross account: identity Allow alone is not enough', identity: [allow()], sameAccount: false, expected: 'implicit-deny' },
  { name: 'cross account: bucket Allow alone is not enough', bucket: [allow({ Principal: { AWS: ROLE } })], sameAccount: false, expected: 'implicit-deny' },
  { name: 'cross account: both allow', identity: [allow()], bucket: [allow({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })], sameAccount: false, expected: 'allow' },
  { name: 'cross account: a bucket policy for another account does not help', identity: [allow()], bucket: [allow({ Principal: { AWS: OTHER } })], sameAccount: false, expected: 'implicit-deny' },
  { name: 'an unknown resource account: depends when the answer differs', identity: [allow()], request: {}, sameAccount: undefined, expected: ['aws:ResourceAccount'] },
  { name: 'an unknown resource account: no matter when both agree', identity: [allow()], bucket: [allow({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })], sameAccount: undefined, expected: 'allow' },
  { name: 'anonymous: only a public grant allows', bucket: [allow({ Principal: '*' })], request: { principal: null }, expected: 'allow' },
  { name: 'anonymous: identity policies do not apply', identity: [allow()], request: { principal: null }, expected: 'implicit-deny' },
  { name: 'anonymous: aws:PrincipalArn is absent', bucket: [allow({ Principal: '*', ...when('Null', 'aws:PrincipalArn', 'true') })], request: { principal: null }, expected: 'allow' },
  { name: 'a principal of unknown ARN: a grant to a role depends on it', bucket: [allow({ Principal: { AWS: ROLE } })], request: { principal: { arn: null, account: null } }, expected: ['aws:PrincipalArn'] },
  { name: 'a principal of unknown account: across accounts or not depends on it', identity: [allow()], request: { principal: { arn: null, account: null } }, sameAccount: undefined, expected: ['aws:ResourceAccount', 'aws:PrincipalAccount'] },
  { name: 'a principal of unknown ARN: a public grant still applies', bucket: [allow({ Principal: '*' })], request: { principal: { arn: null, account: null } }, expected: 'allow' },
  { name: 'aws:PrincipalAccount comes from the principal', identity: [allow(when('StringEquals', 'aws:PrincipalAccount', ACCOUNT))], expected: 'allow' },

  // KMS: the key policy must allow, directly or by delegating to IAM through the account.
  { name: 'KMS: key policy grants the role directly', request: { action: 'kms:Decrypt', resource: KEY }, key: [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' }], expected: 'allow' },
  { name: 'KMS: identity Allow without key policy grant', request: { action: 'kms:Decrypt', resource: KEY }, identity: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }], key: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }, Action: 'kms:*', Resource: '*' }], expected: 'implicit-deny' },
  { name: 'KMS: key policy delegates to IAM, identity allows', request: { action: 'kms:Decrypt', resource: KEY }, identity: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }], key: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }], expected: 'allow' },
  { name: 'KMS: key policy delegates to IAM, identity silent', request: { action: 'kms:Decrypt', resource: KEY }, key: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }], expected: 'implicit-deny' },
  { name: 'KMS: the key ARN gives the account (another one here)', request: { action: 'kms:Decrypt', resource: KEY.replace(ACCOUNT, OTHER) }, sameAccount: undefined, identity: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }], key: [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' }], expected: 'allow' },
  { name: 'KMS: cross account needs the identity policy too', request: { action: 'kms:Decrypt', resource: KEY.replace(ACCOUNT, OTHER) }, sameAccount: undefined, key: [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' }], expected: 'implicit-deny' },
  { name: 'KMS: a key policy not read is not a guess', request: { action: 'kms:Decrypt', resource: KEY }, identity: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }], expected: [KEY_POLICY_UNKNOWN] },
  { name: 'KMS: a bucket policy does not decide a kms: action', request: { action: 'kms:Decrypt', resource: KEY }, bucket: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }], key: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }], expected: 'implicit-deny' },

  // Unknown context: depends, never a guess; absent keys follow IAM's rules.
  { name: 'an unknown key: depends on it', identity: [allow(when('StringEquals', 'aws:SourceVpce', 'vpce-1'))], expected: ['aws:SourceVpce'] },
  { name: 'an unknown key in a Deny over an Allow: depends', identity: [allow()], bucket: [deny({ Principal: '*', ...when('Bool', 'aws:SecureTransport', 'false') })], expected: ['aws:SecureTransport'] },
  { name: 'an unknown Deny with nothing allowing: implicit deny either way', bucket: [deny({ Principal: '*', ...when('Bool', 'aws:SecureTransport', 'false') })], expected: 'implicit-deny' },
  { name: 'several unknown keys are all named', identity: [allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })], expected: ['aws:SourceVpce', 'aws:SourceIp'] },
  { name: 'a false condition decides even when another key is unknown', identity: [allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })], context: { 'aws:SourceVpce': 'vpce-2' }, expected: 'implicit-deny' },
  conditioned('StringEquals with an absent key is false', 'StringEquals', 'aws:SourceVpce', 'vpce-1', null, 'implicit-deny'),
  conditioned('StringNotEquals with an absent key is true', 'StringNotEquals', 'aws:SourceVpce', 'vpce-1', null, 'allow'),
  conditioned('StringNotLike with an absent key is true', 'StringNotLike', 'aws:SourceVpce', 'vpce-*', null, 'allow'),
  conditioned('ArnNotEquals with an absent key is true', 'ArnNotEquals', 'aws:SourceArn', 'arn:aws:sns:*:*:t', null, 'allow'),
  conditioned('NumericNotEquals with an absent key is true', 'NumericNotEquals', 's3:max-keys', '10', null, 'allow'),
  conditioned('DateNotEquals with an absent key is true', 'DateNotEquals', 'aws:CurrentTime', '2026-01-01T00:00:00Z', null, 'allow'),
  conditioned('NotIpAddress with an absent key is true', 'NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', null, 'allow'),
  conditioned('IfExists with an absent key is true', 'StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1', null, 'allow'),
  conditioned('IfExists with a present key compares', 'StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1', 'vpce-2', 'implicit-deny'),
  conditioned('IfExists with an unknown key depends', 'NumericLessThanIfExists', 's3:signatureAge', '600000', undefined, ['s3:signatureAge']),
  conditioned('Null true with an absent key', 'Null', 's3:x-amz-server-side-encryption', 'true', null, 'allow'),
  conditioned('Null true with a present key', 'Null', 's3:x-amz-server-side-encryption', 'true', 'AES256', 'implicit-deny'),
  conditioned('Null false with a present key', 'Null', 's3:x-amz-server-side-encryption', false, 'AES256', 'allow'),
  conditioned('Null with an unknown key depends', 'Null', 's3:x-amz-server-side-encryption', 'true', undefined, ['s3:x-amz-server-side-encryption']),

  // Every operator family.
  conditioned('StringEquals is case-sensitive', 'StringEquals', 's3:x-amz-server-side-encryption', 'aws:kms', 'AWS:KMS', 'implicit-deny'),
  conditioned('StringEqualsIgnoreCase', 'StringEqualsIgnoreCase', 's3:x-amz-server-side-encryption', 'aws:kms', 'AWS:KMS', 'allow'),
  conditioned('StringNotEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 's3:x-amz-server-side-encryption', 'aws:kms', 'AWS:KMS', 'implicit-deny'),
  conditioned('StringNotEquals with another value', 'StringNotEquals', 's3:x-amz-server-side-encryption', 'aws:kms', 'AES256', 'allow'),
  conditioned('StringLike with *', 'StringLike', 's3:prefix', 'home/*', 'home/ann/', 'allow'),
  conditioned('StringLike with ?', 'StringLike', 's3:prefix', 'home/?', 'home/ab', 'implicit-deny'),
  conditioned('StringLike is case-sensitive', 'StringLike', 's3:prefix', 'home/*', 'HOME/x', 'implicit-deny'),
  conditioned('StringNotLike', 'StringNotLike', 's3:prefix', 'home/*', 'tmp/x', 'allow'),
  conditioned('several values: any one matches', 'StringEquals', 'aws:SourceVpce', ['vpce-1', 'vpce-2'], 'vpce-2', 'allow'),
  conditioned('NumericLessThan true', 'NumericLessThan', 's3:signatureAge', '600000', '599999', 'allow'),
  conditioned('NumericLessThan false at the bound', 'NumericLessThan', 's3:signatureAge', '600000', '600000', 'implicit-deny'),
  conditioned('NumericLessThanEquals at the bound', 'NumericLessThanEquals', 's3:signatureAge', 600000, '600000', 'allow'),
  conditioned('NumericGreaterThan', 'NumericGreaterThan', 's3:max-keys', '10', '11', 'allow'),
  conditioned('NumericGreaterThanEquals', 'NumericGreaterThanEquals', 's3:max-keys', '10', '9', 'implicit-deny'),
  conditioned('NumericEquals with decimals', 'NumericEquals', 's3:max-keys', '10', '10.0', 'allow'),
  conditioned('NumericNotEquals', 'NumericNotEquals', 's3:max-keys', '10', '11', 'allow'),
  conditioned('a non-number never matches a numeric operator', 'NumericEquals', 's3:max-keys', '10', 'ten', 'implicit-deny'),
  conditioned('DateLessThan with ISO dates', 'DateLessThan', 'aws:CurrentTime', '2026-12-31T00:00:00Z', '2026-06-01T12:00:00Z', 'allow'),
  conditioned('DateGreaterThan with epoch seconds', 'DateGreaterThan', 'aws:EpochTime', '1700000000', '1800000000', 'allow'),
  conditioned('DateGreaterThanEquals', 'DateGreaterThanEquals', 'aws:CurrentTime', '2026-12-31T00:00:00Z', '2026-06-01T00:00:00Z', 'implicit-deny'),
  conditioned('DateEquals across notations', 'DateEquals', 'aws:CurrentTime', '1970-01-02T00:00:00Z', '86400', 'allow'),
  conditioned('DateLessThanEquals', 'DateLessThanEquals', 'aws:CurrentTime', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'allow'),
  conditioned('Bool true', 'Bool', 'aws:SecureTransport', 'true', 'true', 'allow'),
  conditioned('Bool as a JSON boolean', 'Bool', 'aws:SecureTransport', true, 'TRUE', 'allow'),
  conditioned('Bool false', 'Bool', 'aws:SecureTransport', 'true', 'false', 'implicit-deny'),
  conditioned('BinaryEquals', 'BinaryEquals', 'aws:SomeBinary', 'QmluYXJ5VmFsdWU=', 'QmluYXJ5VmFsdWU=', 'allow'),
  conditioned('BinaryEquals differs', 'BinaryEquals', 'aws:SomeBinary', 'QmluYXJ5VmFsdWU=', 'QmluYXJ5VmFsdWX=', 'implicit-deny'),
  conditioned('IpAddress inside the CIDR', 'IpAddress', 'aws:SourceIp', '203.0.113.0/24', '203.0.113.77', 'allow'),
  conditioned('IpAddress outside the CIDR', 'IpAddress', 'aws:SourceIp', '203.0.113.0/24', '203.0.114.1', 'implicit-deny'),
  conditioned('IpAddress with IPv6', 'IpAddress', 'aws:SourceIp', '2001:db8::/32', '2001:db8:1::5', 'allow'),
  conditioned('NotIpAddress outside the CIDR', 'NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24', '198.51.100.7'], '198.51.100.8', 'allow'),
  conditioned('NotIpAddress on a listed single address', 'NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24', '198.51.100.7'], '198.51.100.7', 'implicit-deny'),
  conditioned('ArnEquals', 'ArnEquals', 'aws:SourceArn', 'arn:aws:lambda:eu-west-1:111122223333:function:thumb', 'arn:aws:lambda:eu-west-1:111122223333:function:thumb', 'allow'),
  conditioned('ArnLike part by part', 'ArnLike', 'aws:SourceArn', 'arn:aws:lambda:*:111122223333:function:*', 'arn:aws:lambda:eu-west-1:111122223333:function:thumb', 'allow'),
  conditioned('ArnLike: * does not cross into the account', 'ArnLike', 'aws:SourceArn', 'arn:aws:lambda:*:function:*', 'arn:aws:lambda:eu-west-1:111122223333:function:thumb', 'implicit-deny'),
  conditioned('ArnNotLike', 'ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:*:*', 'arn:aws:lambda:eu-west-1:111122223333:function:thumb', 'allow'),
  conditioned('an unknown operator decides nothing', 'StringSortOf', 'aws:SourceVpce', 'vpce-1', 'vpce-1', ['aws:SourceVpce (StringSortOf is not an IAM condition operator)']),

  // Set operators.
  conditioned('ForAllValues: every value listed', 'ForAllValues:StringEquals', 'aws:TagKeys', ['team', 'env'], ['env', 'team'], 'allow'),
  conditioned('ForAllValues: one value not listed', 'ForAllValues:StringEquals', 'aws:TagKeys', ['team', 'env'], ['env', 'cost'], 'implicit-deny'),
  conditioned('ForAllValues: an absent key matches', 'ForAllValues:StringEquals', 'aws:TagKeys', ['team'], null, 'allow'),
  conditioned('ForAllValues: an empty set matches', 'ForAllValues:StringEquals', 'aws:TagKeys', ['team'], [], 'allow'),
  conditioned('ForAnyValue: one value listed', 'ForAnyValue:StringEquals', 'aws:TagKeys', ['team'], ['env', 'team'], 'allow'),
  conditioned('ForAnyValue: none listed', 'ForAnyValue:StringEquals', 'aws:TagKeys', ['team'], ['env'], 'implicit-deny'),
  conditioned('ForAnyValue: an absent key does not match', 'ForAnyValue:StringEquals', 'aws:TagKeys', ['team'], null, 'implicit-deny'),
  conditioned('ForAnyValue negated: an absent key does not match', 'ForAnyValue:StringNotEquals', 'aws:TagKeys', ['team'], null, 'implicit-deny'),
  conditioned('ForAnyValue negated: some value is not listed', 'ForAnyValue:StringNotEquals', 'aws:TagKeys', ['team'], ['team', 'env'], 'allow'),
  conditioned('ForAllValues negated: no value listed', 'ForAllValues:StringNotLike', 'aws:TagKeys', ['key1*'], ['key2:audit'], 'allow'),
  conditioned('ForAllValues negated: a value listed', 'ForAllValues:StringNotLike', 'aws:TagKeys', ['key1*'], ['key1:legal'], 'implicit-deny'),

  // Policy variables: resolved from the context when known, else the answer depends on them.
  { name: 'a variable in Resource, known', identity: [allow({ Resource: 'arn:aws:s3:::uploads/${aws:username}/*' })], context: { 'aws:username': 'user' }, expected: 'allow' },
  { name: 'a variable in Resource, unknown', identity: [allow({ Resource: 'arn:aws:s3:::uploads/${aws:username}/*' })], expected: ['aws:username'] },
  { name: 'a variable in Resource, absent: matches nothing', identity: [allow({ Resource: 'arn:aws:s3:::uploads/${aws:username}/*' })], context: { 'aws:username': null }, expected: 'implicit-deny' },
  { name: 'a variable with a default, absent', identity: [allow({ Resource: "arn:aws:s3:::uploads/${aws:username, 'user'}/*" })], context: { 'aws:username': null }, expected: 'allow' },
  { name: 'a variable value is literal text, not a wildcard', identity: [allow({ Resource: 'arn:aws:s3:::uploads/${aws:username}/a.png' })], context: { 'aws:username': '*' }, expected: 'implicit-deny' },
  { name: '${*} is a literal star', identity: [allow({ Resource: 'arn:aws:s3:::uploads/user/${*}' })], expected: 'implicit-deny' },
  { name: '${*} matches a star in the key', identity: [allow({ Resource: 'arn:aws:s3:::uploads/user/${*}' })], request: { resource: 'arn:aws:s3:::uploads/user/*' }, expected: 'allow' },
  { name: 'a variable in a condition value', identity: [allow(when('StringLike', 's3:prefix', '${aws:username}/*'))], context: { 's3:prefix': 'ann/x', 'aws:username': 'ann' }, expected: 'allow' },
  { name: 'a variable in a condition, unknown', identity: [allow(when('StringLike', 's3:prefix', '${aws:username}/*'))], context: { 's3:prefix': 'ann/x' }, expected: ['aws:username'] },
  { name: 'version 2008-10-17 has no variables: literal text', identity: [allow({ Resource: 'arn:aws:s3:::uploads/${aws:username}/*' })], version: '2008-10-17', expected: 'implicit-deny' },
];

describe('evaluateRequest', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = run(c);
    if (Array.isArray(c.expected)) {
      expect(result.decision).toBe('depends');
      expect(result.on).toEqual(c.expected);
    } else {
      expect(result.decision).toBe(c.expected);
      expect(result.on).toEqual([]);
    }
  });

  it('names the deciding statements with their positions', () => {
    const result = run({ name: '', identity: [allow({ Sid: 'Read' }), { ...deny({ Sid: 'NoPlainHttp' }), ...when('Bool', 'aws:SecureTransport', 'false') }], context: { 'aws:SecureTransport': 'false' }, expected: 'deny' });
    expect(result.decision).toBe('deny');
    expect(result.statements.map((s) => [s.source, s.statement.sid?.value, s.applies])).toEqual([['identity', 'NoPlainHttp', true]]);
    expect(result.statements[0]!.statement.position.line).toBeGreaterThan(1);
  });

  it('explains a depends answer statement by statement', () => {
    const result = run({ name: '', identity: [allow({ Sid: 'Read' })], bucket: [deny({ Sid: 'TLS', Principal: '*', ...when('Bool', 'aws:SecureTransport', 'false') })], expected: [] });
    expect(result.explicitDeny).toEqual({ dependsOn: ['aws:SecureTransport'] });
    expect(result.allowed).toBe(true);
    expect(result.statements.map((s) => [s.source, s.statement.sid?.value, s.applies])).toEqual([
      ['identity', 'Read', true],
      ['resource', 'TLS', { dependsOn: ['aws:SecureTransport'] }],
    ]);
  });

  it('answers whether a bucket policy denies uploads without the SSE header', () => {
    const bucket = doc([
      { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
      { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*', Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } },
    ]);
    const upload = (header: ContextValue) =>
      evaluateRequest({ action: 's3:PutObject', resource: OBJECT, principal: { arn: ROLE, account: ACCOUNT }, context: { 's3:x-amz-server-side-encryption': header } }, { identity: [], resource: bucket });
    expect(upload(null).explicitDeny).toBe(true);
    expect(upload('AES256').explicitDeny).toBe(true);
    expect(upload('aws:kms').explicitDeny).toBe(false);
    expect(upload(undefined).explicitDeny).toEqual({ dependsOn: ['s3:x-amz-server-side-encryption'] });
  });

  it('takes unresolved template values as unknown, never as a match or a miss', () => {
    const base = doc([allow({ Resource: [] })]);
    const statement = base.statements[0]!;
    const withUnknown: PolicyDocument = {
      ...base,
      statements: [{ ...statement, resources: { ...statement.resources!, unknowns: [{ description: '!Sub ${UploadBucket.Arn}/*', position: statement.position, refs: ['UploadBucket'] }] } }],
    };
    const result = evaluateRequest({ action: 's3:GetObject', resource: OBJECT, principal: { arn: ROLE, account: ACCOUNT }, context: {} }, { identity: [withUnknown], sameAccount: true });
    expect(result).toMatchObject({ decision: 'depends', on: ['!Sub ${UploadBucket.Arn}/*'] });
  });
});

const ACTIONS = ['*', 's3:*', 's3:GetObject', 's3:Get*', 'kms:Decrypt', 'kms:*', 's3:PutObject'];
const RESOURCES = ['*', 'arn:aws:s3:::uploads/*', 'arn:aws:s3:::${aws:username}/*', 'arn:aws:s3:::up?oads/${*}', KEY, 'not-an-arn', ''];
const OPERATORS = ['StringEquals', 'StringNotEqualsIgnoreCase', 'StringLike', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddressIfExists', 'ArnLike', 'Null', 'ForAnyValue:StringNotLike', 'ForAllValues:ArnEquals', 'Weird', 'ForAnyValue:NullIfExists'];
const KEYS = ['aws:SourceIp', 'aws:username', 's3:signatureAge', 'aws:SecureTransport', 'aws:TagKeys', 'aws:CurrentTime', 'aws:PrincipalArn'];
const VALUES = ['10.0.0.0/8', '203.0.113.9', '::1', '600000', 'true', 'x*', '${aws:username}', '${x, \'d\'}', '2026-01-01T00:00:00Z', '', '${', 'arn:aws:*:*:*:*', 'garbage/999'];

const scalarOrList = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { maxLength: 3 }));
const statementArb = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: scalarOrList(fc.constantFrom(...ACTIONS)),
    NotAction: scalarOrList(fc.constantFrom(...ACTIONS)),
    Resource: scalarOrList(fc.constantFrom(...RESOURCES)),
    NotResource: scalarOrList(fc.constantFrom(...RESOURCES)),
    Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: scalarOrList(fc.constantFrom('*', ACCOUNT, OTHER, ROLE, `arn:aws:iam::${ACCOUNT}:root`)) }), fc.record({ Service: fc.constant('lambda.amazonaws.com') })),
    NotPrincipal: fc.record({ AWS: scalarOrList(fc.constantFrom(ACCOUNT, ROLE)) }),
    Condition: fc.dictionary(fc.constantFrom(...OPERATORS), fc.dictionary(fc.constantFrom(...KEYS), scalarOrList(fc.oneof(fc.constantFrom(...VALUES), fc.string(), fc.integer(), fc.boolean()))), { maxKeys: 3 }),
  },
  { requiredKeys: ['Effect'] },
);
const documentArb = fc.tuple(fc.array(statementArb, { maxLength: 4 }), fc.constantFrom('2012-10-17', '2008-10-17'));
const contextValueArb: fc.Arbitrary<ContextValue> = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constantFrom(...VALUES), fc.string(), fc.array(fc.constantFrom(...VALUES), { maxLength: 3 }));

const IMPLIED = ['aws:PrincipalArn', 'aws:ResourceAccount'];

function readLoosely([statements, version]: [object[], string]): PolicyDocument | null {
  return readPolicyJson(JSON.stringify({ Version: version, Statement: statements }), 'random.json').documents[0] ?? null;
}

describe('evaluateRequest on random policies and requests', () => {
  it('never throws and always gives one of the four answers', () => {
    fc.assert(
      fc.property(
        fc.array(documentArb, { maxLength: 2 }),
        fc.option(documentArb),
        fc.option(documentArb),
        fc.constantFrom(...ACTIONS.filter((a) => !a.includes('*')), 's3:DeleteObject'),
        fc.constantFrom(OBJECT, KEY, 'arn:aws:s3:::uploads/${*}', 'x'),
        fc.option(fc.constantFrom({ arn: ROLE, account: ACCOUNT }, { arn: `arn:aws:sts::${OTHER}:assumed-role/r/s`, account: OTHER }, { arn: null, account: null })),
        fc.dictionary(fc.constantFrom(...KEYS, 'aws:ResourceAccount'), contextValueArb),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.dictionary(fc.constantFrom(...KEYS, 'aws:ResourceAccount'), contextValueArb.filter((v) => v !== undefined)),
        (identity, resource, kmsKey, action, resourceArn, principal, context, sameAccount, fill) => {
          const policies: PolicySet = {
            identity: identity.map(readLoosely).filter((d) => d !== null),
            resource: resource && readLoosely(resource),
            kmsKey: kmsKey && readLoosely(kmsKey),
            sameAccount,
          };
          const result = evaluateRequest({ action, resource: resourceArn, principal, context }, policies);
          expect(['allow', 'deny', 'implicit-deny', 'depends']).toContain(result.decision);
          expect(result.decision === 'depends').toBe(result.on.length > 0);
          if (result.decision === 'allow' || result.decision === 'deny') expect(result.statements.length).toBeGreaterThan(0);
          // Not a guess: what is certain stays so whatever values the unknown keys turn out to have
          // (an implicit deny may turn out to be an explicit one: refused either way).
          {
            // Keys the request implies (the principal's, the resource ARN's account) are known unless the context unset them.
            const unknownKeys = Object.entries(fill).filter(([k]) => k in context || !IMPLIED.includes(k));
            const known = { ...Object.fromEntries(unknownKeys), ...Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) };
            const informed = evaluateRequest({ action, resource: resourceArn, principal, context: known }, policies);
            if (typeof result.explicitDeny === 'boolean') expect(informed.explicitDeny).toBe(result.explicitDeny);
            if (typeof result.allowed === 'boolean') expect(informed.allowed).toBe(result.allowed);
            if (result.decision !== 'depends') expect(informed.decision === 'allow').toBe(result.decision === 'allow');
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
