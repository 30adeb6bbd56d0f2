import { describe, expect, it } from 'vitest';
import rule from '../../../rules/policy/public-trust.js';
import { resolveConfig } from '../../../src/cli/config.js';
import { auditPolicyTexts } from '../../../src/engine/policies.js';
import { at, lintPolicy, policy } from './lint-policy.js';

const ID = 'presign/public-trust';
const assume = (principal: unknown, condition?: object, action: string | string[] = 'sts:AssumeRole') => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  ...(condition ? { Condition: condition } : {}),
});

describe('presign/public-trust', () => {
  it('reports {"AWS": "*"} and "*" without conditions, at the principal', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
  ]
}`;
    const [finding] = lintPolicy(rule, text);
    expect(finding).toMatchObject({ ruleId: ID, messageId: 'publicTrust', ...at(text, '"*"') });
    expect(finding!.message).toBe(
      'Principal {"AWS": "*"} lets any AWS account assume this role; name who may assume it. Here it has no condition. Or confine the statement with a fixed aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn.',
    );
    const star = policy([assume('*', undefined, ['sts:AssumeRole', 'sts:TagSession'])]);
    expect(lintPolicy(rule, star)).toMatchObject([{ ruleId: ID, ...at(star, '"*"') }]);
  });

  it('reports sts:ExternalId alone, saying why it does not confine the caller', () => {
    const [finding] = lintPolicy(rule, policy([assume({ AWS: '*' }, { StringEquals: { 'sts:ExternalId': 'cloudcost-7d1f0c2a' } })]));
    expect(finding!.message).toContain("sts:ExternalId is a value the caller passes, not who the caller is; AWS pairs it with the third party's account as Principal");
  });

  it('reports conditions that leave any account in: negated, IfExists, an account wildcard, a policy variable, other keys', () => {
    const cases = [
      { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      { StringEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' } },
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deploy' } },
      { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } },
      { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/' } },
    ];
    for (const condition of cases) expect(lintPolicy(rule, policy([assume({ AWS: '*' }, condition)])), JSON.stringify(condition)).toHaveLength(1);
  });

  it('leaves alone "*" confined to an organization, an account, an ARN of one account, or a source account', () => {
    const cases = [
      { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      { StringEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } },
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } },
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } },
      { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      { StringEquals: { 'sts:ExternalId': 'cloudcost-7d1f0c2a', 'aws:PrincipalAccount': '444455556666' } },
    ];
    for (const condition of cases) expect(lintPolicy(rule, policy([assume({ AWS: '*' }, condition)])), JSON.stringify(condition)).toEqual([]);
  });

  it('leaves alone "*" that a Deny of the same policy takes back outside the organization, and reports a Deny that does not', () => {
    const denyOutside = (condition: object, action: string | string[] = 'sts:AssumeRole') => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action: action, Condition: condition });
    const orgOnly = { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } };
    expect(lintPolicy(rule, policy([assume({ AWS: '*' }), denyOutside(orgOnly)]))).toEqual([]);
    expect(lintPolicy(rule, policy([assume({ AWS: '*' }), denyOutside({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, 'sts:*')]))).toEqual([]);
    // Narrowed by another condition, on another action, or ForAnyValue (false without the key): anyone else still gets in.
    expect(lintPolicy(rule, policy([assume({ AWS: '*' }), denyOutside({ ...orgOnly, StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })]))).toHaveLength(1);
    expect(lintPolicy(rule, policy([assume({ AWS: '*' }), denyOutside(orgOnly, 'sts:TagSession')]))).toHaveLength(1);
    expect(lintPolicy(rule, policy([assume({ AWS: '*' }), denyOutside({ 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })]))).toHaveLength(1);
  });

  it('leaves alone service, account, role and federated principals, and Deny statements', () => {
    expect(lintPolicy(rule, policy([assume({ Service: 'lambda.amazonaws.com' })]))).toEqual([]);
    expect(lintPolicy(rule, policy([assume({ AWS: 'arn:aws:iam::444455556666:root' }, { StringEquals: { 'sts:ExternalId': 'cloudcost-7d1f0c2a' } })]))).toEqual([]);
    expect(lintPolicy(rule, policy([assume({ AWS: ['arn:aws:iam::111122223333:role/deploy', '444455556666'] })]))).toEqual([]);
    const github = { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' };
    expect(lintPolicy(rule, policy([assume(github, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }, 'sts:AssumeRoleWithWebIdentity')]))).toEqual([]);
    expect(lintPolicy(rule, policy([{ ...assume({ AWS: '*' }), Effect: 'Deny' }, assume({ Service: 'ec2.amazonaws.com' })]))).toEqual([]);
  });

  it('runs on trust policies only: a bucket policy\'s "*" is public-principal\'s', () => {
    expect(lintPolicy(rule, policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-site/*' }]))).toEqual([]);
    // The same trust statement with a Resource is no trust policy IAM accepts; named one, it is checked.
    const withResource = policy([{ ...assume({ AWS: '*' }), Resource: '*' }]);
    expect(lintPolicy(rule, withResource)).toEqual([]);
    expect(lintPolicy(rule, withResource, {}, {}, { file: 'roles/deploy/trust-policy.json' })).toHaveLength(1);
  });

  it('reports in templates, plans, account dumps and get-role output alike', () => {
    const openTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] };
    const open = JSON.stringify(openTrust);
    const template = `Resources:
  VendorRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: '*'
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: cloudcost-7d1f0c2a
`;
    const plan = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_iam_role.vendor', mode: 'managed', type: 'aws_iam_role', name: 'vendor', values: { name: 'vendor', assume_role_policy: open } }] } } }, null, 2);
    const dump = JSON.stringify({ UserDetailList: [], RoleDetailList: [{ RoleName: 'vendor', Arn: 'arn:aws:iam::111122223333:role/vendor', AssumeRolePolicyDocument: openTrust, RolePolicyList: [], AttachedManagedPolicies: [] }], Policies: [] }, null, 2);
    const getRole = JSON.stringify({ Role: { RoleName: 'vendor', AssumeRolePolicyDocument: openTrust } }, null, 2);
    const run = auditPolicyTexts(
      [
        { file: 'stack.yaml', text: template },
        { file: 'plan.json', text: plan },
        { file: 'account.json', text: dump },
        { file: 'vendor-role.json', text: getRole },
      ],
      resolveConfig({}, null),
    );
    const found = run.results.map((r) => r.messages.filter((m) => m.ruleId === ID).map((m) => `${r.filePath}:${m.line}:${m.column}`));
    expect(found).toEqual([
      [`stack.yaml:${at(template, "'*'").line}:${at(template, "'*'").column}`],
      [`plan.json:${at(plan, String.raw`\"*\"`).line}:${at(plan, String.raw`\"*\"`).column}`],
      [`account.json:${at(dump, '"*"').line}:${at(dump, '"*"').column}`],
      [`vendor-role.json:${at(getRole, '"*"').line}:${at(getRole, '"*"').column}`],
    ]);
  });
});
