/**
 * The one signer model (src/policy/signers.ts): which roles sign URLs, read alike from templates,
 * plans, dumps and AWS CLI output; the same answer for the document rules, the inventory rules, the
 * signer report and the ties; and a file's findings that do not depend on what else the run read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicyTexts, type PolicyText } from '../../src/engine/policies.js';
import { mergeInventories } from '../../src/policy/inventory.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { bucketReach } from '../../src/policy/signer-reach.js';
import { joinPart, signerModel, type SignerSettings } from '../../src/policy/signers.js';
import { buildSignerReport } from '../../src/report/signer-report.js';
import { at } from '../rules/policy/lint-policy.js';
import { ASSETS_BUCKET_POLICY, FILE_SERVICE_ROLE_POLICY, FILES_BUCKET_POLICY, MEDIA_API, PROD_ACCOUNT, REPORTS_STACK, SITES_STACK, STAGING_ACCOUNT } from './signer-inputs.js';

const DEFAULTS: SignerSettings = { signers: null, identityPoliciesAreSigners: true };
/** The three ways the settings choose signers: by what runs code with or without policy files, and by name. */
const SETTINGS: SignerSettings[] = [DEFAULTS, { signers: null, identityPoliciesAreSigners: false }, { signers: ['*signer*'], identityPoliciesAreSigners: true }];

/** Every policy input under fixtures/ (code and Python left out). */
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const policyFiles = (dir: string = FIXTURES): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'code' || name === 'python' || name === 'node_modules' ? [] : policyFiles(file);
    return /\.(json|ya?ml|template)$/.test(name) ? [file] : [];
  });

function inventoryOf(files: Record<string, string>) {
  return mergeInventories(
    Object.entries(files).map(([file, text]) => {
      const read = readPolicyFile(text, file);
      if (read.errors.length > 0) throw new Error(`${file} does not read cleanly: ${read.errors.map((e) => e.message).join('; ')}`);
      return read;
    }),
  );
}

const signerNames = (files: Record<string, string>, settings: SignerSettings = DEFAULTS) => signerModel(inventoryOf(files), settings).signers.map((s) => s.name);

/** A role of a template with this trust policy statement (YAML flow mapping). */
const roleWithTrust = (statement: string) => `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-role
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - ${statement}
      Policies:
        - PolicyName: urls
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::acme-app/*' }] }
`;

describe('roles that run code', () => {
  it('are the roles compute services run code as, whatever else the template holds', () => {
    const runs = (statement: string) => signerModel(inventoryOf({ 't.yaml': roleWithTrust(statement) }), DEFAULTS).signers.map((s) => s.reason);
    expect(runs('{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }')).toEqual(['trusted by lambda.amazonaws.com']);
    expect(runs('{ Effect: Allow, Principal: { Service: [lambda.amazonaws.com, edgelambda.amazonaws.com] }, Action: sts:AssumeRole }')).toEqual([
      'trusted by lambda.amazonaws.com; trusted by edgelambda.amazonaws.com',
    ]);
    expect(runs('{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }')).toEqual(['trusted by ecs-tasks.amazonaws.com']);
    expect(runs("{ Effect: Allow, Principal: { Service: !Sub 'ec2.${AWS::URLSuffix}' }, Action: ['sts:AssumeRole'] }")).toEqual(['trusted by ec2.amazonaws.com']);
    expect(runs('{ Effect: Allow, Principal: { Service: ec2.amazonaws.com.cn }, Action: sts:AssumeRole }')).toEqual(['trusted by ec2.amazonaws.com.cn']);
    expect(runs('{ Effect: Allow, Principal: { Service: tasks.apprunner.amazonaws.com }, Action: sts:AssumeRole }')).toEqual(['trusted by tasks.apprunner.amazonaws.com']);
    expect(runs('{ Effect: Allow, Principal: { Service: pods.eks.amazonaws.com }, Action: [sts:AssumeRole, sts:TagSession] }')).toEqual(['trusted by pods.eks.amazonaws.com']);
    expect(
      runs(
        "{ Effect: Allow, Principal: { Federated: !Sub 'arn:aws:iam::${AWS::AccountId}:oidc-provider/oidc.eks.${AWS::Region}.amazonaws.com/id/${ClusterOidcId}' }, Action: sts:AssumeRoleWithWebIdentity }",
      ),
    ).toEqual(['trusted by EKS service accounts']);
  });

  it('are not the roles of services that do their own work, of accounts, or of a Deny', () => {
    const runs = (statement: string) => signerNames({ 't.yaml': roleWithTrust(statement) });
    expect(runs('{ Effect: Allow, Principal: { Service: cloudformation.amazonaws.com }, Action: sts:AssumeRole }')).toEqual([]);
    expect(runs('{ Effect: Allow, Principal: { Service: states.amazonaws.com }, Action: sts:AssumeRole }')).toEqual([]);
    expect(runs("{ Effect: Allow, Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: sts:AssumeRole }")).toEqual([]);
    expect(runs('{ Effect: Deny, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }')).toEqual([]);
    // Lambda may not assume it: a web identity action is not sts:AssumeRole.
    expect(runs('{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRoleWithWebIdentity }')).toEqual([]);
  });

  it('are read from Terraform plans and from dumps, URL-encoded trust policies included', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_role.worker',
              mode: 'managed',
              type: 'aws_iam_role',
              name: 'worker',
              values: {
                name: 'thumbnail-worker',
                assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
                inline_policy: [],
                managed_policy_arns: [],
                max_session_duration: 3600,
              },
            },
            {
              address: 'aws_iam_role.deployer',
              mode: 'managed',
              type: 'aws_iam_role',
              name: 'deployer',
              values: { name: 'deployer', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] }) },
            },
          ],
        },
      },
    });
    expect(signerNames({ 'plan.json': plan })).toEqual(['thumbnail-worker']);
    // The IAM API (not the CLI) returns policy documents URL-encoded.
    const trust = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
    const dump = JSON.stringify({ RoleDetailList: [{ RoleName: 'web-instance', Arn: 'arn:aws:iam::111122223333:role/web-instance', AssumeRolePolicyDocument: trust, RolePolicyList: [], AttachedManagedPolicies: [] }], Policies: [] });
    expect(signerModel(inventoryOf({ 'account.json': dump }), DEFAULTS).signers).toMatchObject([{ name: 'web-instance', reason: 'trusted by ec2.amazonaws.com' }]);
  });

  it('are what the config names instead, when it names any', () => {
    const files = { 'prod.json': PROD_ACCOUNT, 'media.yaml': MEDIA_API };
    expect(signerNames(files)).toEqual(['file-processor', 'MediaFunctionRole']);
    expect(signerNames(files, { ...DEFAULTS, signers: ['ci-*'] })).toEqual(['ci-deployer']);
    expect(signerNames(files, { ...DEFAULTS, signers: ['arn:aws:iam::111122223333:role/file-*'] })).toEqual(['file-processor']);
  });
});

describe('identity policy files', () => {
  it('a plain policy is the signer\'s unless the config says not-signer; a template\'s policy that no role holds is no one\'s', () => {
    const plain = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-files/*' }] });
    expect(signerNames({ 'signer.json': plain })).toEqual(['signer.json']);
    expect(signerNames({ 'signer.json': plain }, { ...DEFAULTS, identityPoliciesAreSigners: false })).toEqual([]);
    const groupPolicy = `Resources:
  Developers:
    Type: AWS::IAM::Group
  DeveloperAccess:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Groups: [!Ref Developers]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 's3:*', Resource: '*' }] }
`;
    const inventory = inventoryOf({ 'developers.yaml': groupPolicy });
    expect(signerModel(inventory, DEFAULTS).isSignerDocument(inventory.documents[0]!)).toBe(false);
  });

  it('get-role-policy output is its role\'s: chosen by name when the config names signers, by identityPolicies otherwise', () => {
    const files = { 'file-service-signer.json': FILE_SERVICE_ROLE_POLICY };
    const inventory = inventoryOf(files);
    const document = inventory.documents[0]!;
    const named = signerModel(inventory, { ...DEFAULTS, signers: ['file-service-signer'] });
    expect(named.signers.map((s) => s.name)).toEqual(['file-service-signer']);
    expect(named.isSignerDocument(document)).toBe(true);
    const other = signerModel(inventory, { ...DEFAULTS, signers: ['media-*'] });
    expect(other.signers).toEqual([]);
    expect(other.isSignerDocument(document)).toBe(false);
    expect(signerModel(inventory, DEFAULTS).signers.map((s) => s.name)).toEqual(['file-service-signer']);
    expect(signerModel(inventory, { ...DEFAULTS, identityPoliciesAreSigners: false }).signers).toEqual([]);
  });
});

describe('one answer for the rules and the signer report', () => {
  const ruleIds = (files: PolicyText[], raw: object = {}) =>
    auditPolicyTexts(files, resolveConfig(raw, null)).results.map((r) => [r.filePath, r.messages.map((m) => m.ruleId)] as const);

  it('get-role-policy with the config\'s signers: the rules and the report both take the named role, and both leave another', () => {
    const files = [{ file: 'file-service-signer.json', text: FILE_SERVICE_ROLE_POLICY }];
    expect(ruleIds(files, { signers: ['file-service-signer'] })).toEqual([['file-service-signer.json', ['presign/signer-wildcard-action']]]);
    expect(buildSignerReport(inventoryOf({ 'f.json': FILE_SERVICE_ROLE_POLICY }), signerModel(inventoryOf({ 'f.json': FILE_SERVICE_ROLE_POLICY }), { ...DEFAULTS, signers: ['file-service-signer'] })).signers).toMatchObject([
      { name: 'file-service-signer', reason: 'named in the config\'s "signers"', targets: [{ bucket: 'acme-files', keys: 'uploads/*' }] },
    ]);
    expect(ruleIds(files, { signers: ['media-signer'] })).toEqual([['file-service-signer.json', []]]);
  });

  it('a dump\'s Lambda role with AmazonS3FullAccess gets both signer rules, with or without a template\'s Lambda in the run', () => {
    const signerRules = (files: PolicyText[]) =>
      auditPolicyTexts(files, resolveConfig({}, null))
        .results.find((r) => r.filePath === 'prod.json')!
        .messages.filter((m) => m.ruleId.startsWith('presign/signer-'))
        .map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    const star = at(PROD_ACCOUNT, '"s3:*"');
    const resource = at(PROD_ACCOUNT, '"Resource": "*"');
    const expected = [`${star.line}:${star.column} presign/signer-wildcard-action`, `${resource.line}:${resource.column + '"Resource": '.length} presign/signer-broad-resource`];
    expect(signerRules([{ file: 'prod.json', text: PROD_ACCOUNT }])).toEqual(expected);
    expect(signerRules([{ file: 'prod.json', text: PROD_ACCOUNT }, { file: 'media.yaml', text: MEDIA_API }])).toEqual(expected);
    // The managed policy is reported once, for the signer: ci-deployer holds it too but signs nothing.
    expect(auditPolicyTexts([{ file: 'prod.json', text: PROD_ACCOUNT }], resolveConfig({}, null)).results[0]!.messages.map((m) => m.message).join('\n')).not.toContain('ci-deployer');
  });

  it('a KMS key policy delegating to ${AWS::AccountId}:root: the report answers implicit deny where kms-signer-access reports a 403', () => {
    const template = (kmsStatement: string) => `Resources:
  MediaKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: EnableIamPolicies
            Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: 'kms:*'
            Resource: '*'
  MediaBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-media-private
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !GetAtt MediaKey.Arn }
  DownloadRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: downloads
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::acme-media-private/*' }
${kmsStatement}`;
    const kmsCells = (text: string) => {
      const inventory = inventoryOf({ 't.yaml': text });
      const report = buildSignerReport(inventory, signerModel(inventory, DEFAULTS));
      const cells = report.signers[0]!.targets[0]!.cells;
      return report.columns.flatMap((c, i) => (c.on === 'kms-key' ? [cells[i]!.decision] : []));
    };
    const kmsFindings = (text: string) => auditPolicyTexts([{ file: 't.yaml', text }], resolveConfig({}, null)).results[0]!.messages.filter((m) => m.ruleId === 'presign/kms-signer-access');

    const silent = template('');
    expect(kmsFindings(silent)).toHaveLength(1);
    expect(kmsCells(silent)).toEqual(['implicit-deny', 'implicit-deny']);

    const allowed = template("              - { Effect: Allow, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' }\n");
    expect(kmsFindings(allowed)).toEqual([]);
    expect(kmsCells(allowed)).toEqual(['allow', 'allow']);

    // A key policy naming another account, given as a parameter: not this role, maybe not this account.
    const foreign = allowed.replace("!Sub 'arn:aws:iam::${AWS::AccountId}:root'", "!Sub 'arn:aws:iam::${TrustedAccount}:root'");
    expect(kmsCells(foreign)).toEqual(['depends', 'depends']);
    expect(kmsCells(foreign.replace("              - { Effect: Allow, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' }\n", ''))).toEqual(['implicit-deny', 'implicit-deny']);
  });
});

describe('a file\'s findings do not depend on unrelated files in the run', () => {
  const media = { file: 'media/template.yaml', text: MEDIA_API };
  const prod = { file: 'accounts/prod.json', text: PROD_ACCOUNT };
  const fileService = [
    { file: 'policies/file-service-signer.json', text: FILE_SERVICE_ROLE_POLICY },
    { file: 'policies/acme-files-bucket-policy.json', text: FILES_BUCKET_POLICY },
  ];
  const unrelated: PolicyText[] = [
    { file: 'reports/template.yaml', text: REPORTS_STACK },
    { file: 'sites/template.yaml', text: SITES_STACK },
    { file: 'accounts/staging.json', text: STAGING_ACCOUNT },
    { file: 'policies/acme-static-assets-bucket-policy.json', text: ASSETS_BUCKET_POLICY },
  ];
  const findings = (files: PolicyText[], raw: object) =>
    new Map(auditPolicyTexts(files, resolveConfig(raw, null)).results.map((r) => [r.filePath, r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)]));

  const configs = [
    ['by default', { preset: 'all' }],
    ['with identityPolicies not-signer', { preset: 'all', identityPolicies: 'not-signer' }],
    ['with the config\'s signers', { preset: 'all', signers: ['file-service-signer', 'file-processor', 'MediaFunctionRole', 'Reports*'] }],
  ] as const;
  // Each set alone (a dump without any template, policy files, a template), and all of them.
  const sets: [string, PolicyText[]][] = [
    ['an account dump', [prod]],
    ['get-role-policy output and a bucket policy', fileService],
    ['a SAM template', [media]],
    ['all of these', [media, prod, ...fileService]],
  ];
  for (const [configName, raw] of configs) {
    for (const [setName, first] of sets) {
      it(`${setName}, ${configName}`, () => {
        const alone = findings(first, raw);
        const together = findings([...first, ...unrelated], raw);
        for (const { file } of first) expect(together.get(file), file).toEqual(alone.get(file));
        expect(unrelated.some(({ file }) => (together.get(file) ?? []).length > 0)).toBe(true);
      });
    }
  }

  it('is not vacuous: the sets have findings of the signer rules of both subjects', () => {
    const all = [...findings([media, prod, ...fileService], { preset: 'all' }).values()].flat().join('\n');
    for (const rule of ['signature-age-limit', 'signer-wildcard-action', 'signer-broad-resource']) expect(all).toContain(`presign/${rule}`);
  });
});

describe('joins by reach', () => {
  const reached = (files: Record<string, string>) =>
    bucketReach(inventoryOf(files), signerModel(inventoryOf(files), DEFAULTS)).map((r) => `${r.signer.name} -> ${r.bucket.name ?? r.bucket.logicalId}${r.download ? ' get' : ''}${r.upload ? ' put' : ''}`);

  it('a template\'s role reaches its own buckets named from a parameter or by CloudFormation, not the bucket named after them', () => {
    expect(reached({ 'media.yaml': MEDIA_API })).toEqual(['MediaFunctionRole -> MediaBucket get put', 'MediaFunctionRole -> ExportsBucket get']);
  });

  it('a role with s3:GetObject on "*" reaches no other template\'s bucket; named buckets join across files', () => {
    const files = { 'media.yaml': MEDIA_API, 'reports.yaml': REPORTS_STACK, 'sites.yaml': SITES_STACK, 'staging.json': STAGING_ACCOUNT };
    expect(reached(files)).toEqual(['MediaFunctionRole -> MediaBucket get put', 'MediaFunctionRole -> ExportsBucket get', 'ReportsRole -> acme-nightly-reports put']);
    // Every bucket written as an S3 ARN, or as "all but one": no bucket in particular either.
    for (const every of ["arn:aws:s3:::*/*", "'arn:*:s3:::*'"]) {
      expect(reached({ ...files, 'reports.yaml': REPORTS_STACK.replace("Resource: '*'", `Resource: ${every}`) })).toContain('ReportsRole -> acme-nightly-reports put');
      expect(reached({ ...files, 'reports.yaml': REPORTS_STACK.replace("Resource: '*'", `Resource: ${every}`) })).toHaveLength(3);
    }
    expect(reached({ ...files, 'reports.yaml': REPORTS_STACK.replace("Resource: '*'", 'NotResource: arn:aws:s3:::acme-payroll/*') })).toHaveLength(3);
    // A bucket named in another file is reached by name: the dump's role and a template's bucket.
    const stagingBucket = 'Resources:\n  Downloads:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-staging-downloads\n';
    expect(reached({ 'staging.json': STAGING_ACCOUNT, 'buckets.yaml': stagingBucket })).toEqual(['downloads-task -> acme-staging-downloads get put']);
  });

  it('signature-age-limit names the media buckets, and no bucket of the other stacks for the reports role', () => {
    const results = auditPolicyTexts(
      [
        { file: 'media.yaml', text: MEDIA_API },
        { file: 'reports.yaml', text: REPORTS_STACK },
        { file: 'sites.yaml', text: SITES_STACK },
      ],
      resolveConfig({}, null),
    ).results;
    const ageLimit = (file: string) => results.find((r) => r.filePath === file)!.messages.filter((m) => m.ruleId === 'presign/signature-age-limit').map((m) => `${m.line}:${m.column}`);
    const where = (text: string, needle: string) => `${at(text, needle).line}:${at(text, needle).column}`;
    expect(ageLimit('media.yaml')).toEqual([where(MEDIA_API, 'MediaBucket:'), where(MEDIA_API, 'ExportsBucket:')]);
    expect(ageLimit('reports.yaml')).toEqual([where(REPORTS_STACK, 'ReportsBucket:')]);
    expect(ageLimit('sites.yaml')).toEqual([]);
  });

  it('the signer report keeps a grant on every bucket as one row, not one per bucket of the run', () => {
    const inventory = inventoryOf({ 'reports.yaml': REPORTS_STACK, 'sites.yaml': SITES_STACK, 'media.yaml': MEDIA_API });
    const reports = buildSignerReport(inventory, signerModel(inventory, DEFAULTS)).signers.find((s) => s.name === 'ReportsRole')!;
    expect(reports.targets.map((t) => `${t.bucket} ${t.keys}`)).toEqual(['acme-nightly-reports *', '* *']);
  });
});

describe('the model of one input', () => {
  it('answers as the model of every fixture together does, for inputs with and without roles, under each setting', () => {
    const reads = policyFiles().map((file) => readPolicyFile(readFileSync(file, 'utf8'), file));
    const counted = { withoutRoles: 0, withRoles: 0, signersWithoutRoles: 0 };
    for (const settings of SETTINGS) {
      const run = signerModel(mergeInventories(reads), settings);
      for (const read of reads) {
        const own = signerModel(read, settings);
        for (const document of read.documents) expect(own.isSignerDocument(document), `${document.file}, ${JSON.stringify(settings)}`).toBe(run.isSignerDocument(document));
        const ofThisInput = run.signers.filter((s) => (s.role ? read.roles.includes(s.role) : read.documents.includes(s.documents[0]!)));
        expect(own.signers).toEqual(ofThisInput);
        if (read.roles.length > 0) counted.withRoles++;
        else {
          counted.withoutRoles++;
          counted.signersWithoutRoles += own.signers.length;
        }
      }
    }
    // Both paths of the model were asked, and an input without roles had signers as well as none.
    expect(counted.withRoles).toBeGreaterThan(10);
    expect(counted.signersWithoutRoles).toBeGreaterThan(5);
    expect(counted.withoutRoles).toBeGreaterThan(counted.signersWithoutRoles);
  });
});

describe('what of each read the join keeps', () => {

  it('gives the signer model of every fixture together the same signers, documents and answers as the whole reads', () => {
    const reads = policyFiles().map((file) => readPolicyFile(readFileSync(file, 'utf8'), file));
    const every = reads.flatMap((read) => read.documents);
    for (const settings of SETTINGS) {
      const whole = signerModel(mergeInventories(reads), settings);
      const joined = signerModel(mergeInventories(reads.map((read) => joinPart(read, settings))), settings);
      const shown = (model: typeof whole) => model.signers.map((s) => ({ name: s.name, reason: s.reason, role: s.role, documents: s.documents }));
      expect(shown(joined), JSON.stringify(settings)).toEqual(shown(whole));
      for (const document of every) expect(joined.isSignerDocument(document), `${document.file}, ${JSON.stringify(settings)}`).toBe(whole.isSignerDocument(document));
    }
  });

  it('leaves out a bucket policy file, keeps a plain identity policy unless the config says not-signer, and keeps a template\'s resources', () => {
    const bucketPolicy = readPolicyFile(FILES_BUCKET_POLICY, 'files-bucket.json');
    const identity = readPolicyFile(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-files/*' }] }), 'signer.json');
    const template = readPolicyFile(MEDIA_API, 'media.yaml');
    expect(bucketPolicy.documents.length).toBeGreaterThan(0);
    expect(joinPart(bucketPolicy, DEFAULTS).documents).toEqual([]);
    expect(joinPart(identity, DEFAULTS).documents).toEqual(identity.documents);
    expect(joinPart(identity, { signers: null, identityPoliciesAreSigners: false }).documents).toEqual([]);
    const part = joinPart(template, DEFAULTS);
    expect([part.roles, part.buckets, part.keys]).toEqual([template.roles, template.buckets, template.keys]);
    expect(template.roles.length).toBeGreaterThan(0);
  });
});

describe('a policy file that is its own signer, in the join', () => {
  const plain = (bucket: string) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Urls', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${bucket}/*` }] }, null, 2);
  const bucketTemplate = 'Resources:\n  Uploads:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-uploads\n';
  const run = (files: Record<string, string>) => auditPolicyTexts(Object.entries(files).map(([file, text]) => ({ file, text })), resolveConfig({}, null));

  it('is read again for the join when it names a bucket of the run, and the bucket\'s findings name it', () => {
    const { results, inventory } = run({ 'signer.json': plain('acme-uploads'), 'buckets.yaml': bucketTemplate });
    expect(inventory.documents.map((d) => d.file)).toEqual(['signer.json']);
    const age = results.find((r) => r.filePath === 'buckets.yaml')!.messages.filter((m) => m.ruleId === 'presign/signature-age-limit');
    expect(age).toHaveLength(1);
    expect(age[0]!.message).toContain('"signer.json"');
  });

  it('is left out of the join when it names no bucket of the run, or there is none, and is still checked as a signer', () => {
    const runs: Record<string, string>[] = [{ 'signer.json': plain('acme-other'), 'buckets.yaml': bucketTemplate }, { 'signer.json': plain('*') }];
    for (const files of runs) {
      const { results, inventory } = run(files);
      expect(inventory.documents).toEqual([]);
      const broad = results.find((r) => r.filePath === 'signer.json')!.messages.filter((m) => m.ruleId === 'presign/signer-broad-resource');
      expect(broad).toHaveLength(files['signer.json'] === plain('*') ? 1 : 0);
    }
  });

  it('gives every fixture together the same bucket reach as the whole reads', () => {
    const inputs: PolicyText[] = [...policyFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') })), { file: 'signer.json', text: plain('acme-uploads') }, { file: 'buckets.yaml', text: bucketTemplate }];
    const shown = (reach: ReturnType<typeof bucketReach>) => reach.map((r) => `${r.signer.name} -> ${r.bucket.source.file} ${r.bucket.name ?? r.bucket.logicalId}${r.download ? ' get' : ''}${r.upload ? ' put' : ''}`);
    const whole = mergeInventories(inputs.map(({ file, text }) => readPolicyFile(text, file)));
    const joined = auditPolicyTexts(inputs, resolveConfig({}, null)).inventory;
    const expected = shown(bucketReach(whole, signerModel(whole, DEFAULTS)));
    expect(shown(bucketReach(joined, signerModel(joined, DEFAULTS)))).toEqual(expected);
    // Not vacuous: a policy file of its own reaches a bucket of another input, and most such files are left out.
    expect(expected).toContain('signer.json -> buckets.yaml acme-uploads get put');
    expect(joined.documents.length).toBeLessThan(whole.documents.filter((d) => signerModel(whole, DEFAULTS).isSignerDocument(d)).length);
  });
});
