/**
 * Policy inputs of the kinds one repository or account export holds side by side, written for the
 * signer model's tests: a SAM media API whose buckets are named from a parameter or by
 * CloudFormation, an account dump, `get-role-policy` output and a bucket policy; and, unrelated to
 * them, a reports stack whose role reads every bucket, a second account's dump and another bucket's
 * policy.
 */

const LAMBDA_TRUST = `      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole`;

/** A SAM media API: the upload bucket named by a parameter without default, the exports bucket named by CloudFormation. */
export const MEDIA_API = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Media API - signs upload and download URLs for user media

Parameters:
  MediaBucketName:
    Type: String
    Description: Bucket that holds user media (created by this stack)

Resources:
  MediaBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref MediaBucketName
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true

  ExportsBucket:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Id: expire-exports
            Status: Enabled
            ExpirationInDays: 7

  LogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${MediaBucketName}-access-logs'

  MediaFunctionRole:
    Type: AWS::IAM::Role
    Properties:
${LAMBDA_TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: media-urls
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Sid: SignMedia
                Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: !Sub 'arn:aws:s3:::\${MediaBucketName}/media/*'
              - Sid: SignExports
                Effect: Allow
                Action: s3:GetObject
                Resource: !Sub '\${ExportsBucket.Arn}/*'

  MediaFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Role: !GetAtt MediaFunctionRole.Arn
      Environment:
        Variables:
          MEDIA_BUCKET: !Ref MediaBucket
          EXPORTS_BUCKET: !Ref ExportsBucket
`;

/** One role of \`get-account-authorization-details\`, as the CLI prints it. */
function dumpRole(name: string, account: string, trust: object, attached: string[], inline: object[] = []): object {
  return {
    Path: '/',
    RoleName: name,
    RoleId: `AROA${name.toUpperCase().replace(/[^A-Z]/g, '')}`,
    Arn: `arn:aws:iam::${account}:role/${name}`,
    CreateDate: '2025-06-02T09:14:27+00:00',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }] },
    InstanceProfileList: [],
    RolePolicyList: inline,
    AttachedManagedPolicies: attached.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn })),
    Tags: [],
    RoleLastUsed: {},
  };
}

function managedPolicy(arn: string, statements: object[]): object {
  return {
    PolicyName: arn.slice(arn.lastIndexOf('/') + 1),
    PolicyId: 'ANPAIFIR6FS6GLWMDBNJY',
    Arn: arn,
    Path: '/',
    DefaultVersionId: 'v2',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: '2015-02-06T18:40:58+00:00',
    UpdateDate: '2021-09-27T20:16:37+00:00',
    PolicyVersionList: [{ Document: { Version: '2012-10-17', Statement: statements }, VersionId: 'v2', IsDefaultVersion: true, CreateDate: '2021-09-27T20:16:37+00:00' }],
  };
}

const S3_FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonS3FullAccess';

/**
 * The account: a Lambda role with AmazonS3FullAccess (a URL signer with every S3 action on
 * every bucket), and a CI role trusted by the account that deploys with the same policy (no signer).
 */
export const PROD_ACCOUNT = JSON.stringify(
  {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [
      dumpRole('file-processor', '111122223333', { Service: 'lambda.amazonaws.com' }, [S3_FULL_ACCESS, 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']),
      dumpRole('ci-deployer', '111122223333', { AWS: 'arn:aws:iam::111122223333:root' }, [S3_FULL_ACCESS]),
    ],
    Policies: [managedPolicy(S3_FULL_ACCESS, [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }])],
  },
  null,
  4,
);

/** \`aws iam get-role-policy --role-name file-service-signer --policy-name presign\`. */
export const FILE_SERVICE_ROLE_POLICY = JSON.stringify(
  {
    RoleName: 'file-service-signer',
    PolicyName: 'presign',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Sid: 'SignFileUrls', Effect: 'Allow', Action: ['s3:GetObject', 's3:Put*'], Resource: 'arn:aws:s3:::acme-files/uploads/*' }],
    },
  },
  null,
  4,
);

/** \`aws s3api get-bucket-policy --bucket acme-files\`: TLS only. */
export const FILES_BUCKET_POLICY = JSON.stringify({
  Policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-files', 'arn:aws:s3:::acme-files/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
  }),
});

/** A reports stack of another team: its function's role may read every bucket, and writes its own. */
export const REPORTS_STACK = `AWSTemplateFormatVersion: '2010-09-09'
Description: Nightly reports

Resources:
  ReportsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-nightly-reports

  ReportsRole:
    Type: AWS::IAM::Role
    Properties:
${LAMBDA_TRUST}
      Policies:
        - PolicyName: reports
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: '*'
              - Effect: Allow
                Action: s3:PutObject
                Resource: arn:aws:s3:::acme-nightly-reports/*

  ReportsFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: reports.handler
      Role: !GetAtt ReportsRole.Arn
      Code:
        S3Bucket: acme-artifacts
        S3Key: reports.zip
`;

/** A stack of static sites: buckets of their own, no signer. */
export const SITES_STACK = `Resources:
  DocsSite:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-docs-site
  BlogSite:
    Type: AWS::S3::Bucket
`;

/** A second account: an ECS service that signs download links for its own bucket. */
export const STAGING_ACCOUNT = JSON.stringify(
  {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [
      dumpRole('downloads-task', '444455556666', { Service: 'ecs-tasks.amazonaws.com' }, [], [
        {
          PolicyName: 'downloads',
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::acme-staging-downloads', 'arn:aws:s3:::acme-staging-downloads/*'] }] },
        },
      ]),
    ],
    Policies: [],
  },
  null,
  4,
);

/** Another bucket's policy: public reads of a static site. */
export const ASSETS_BUCKET_POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-static-assets/*' }],
  },
  null,
  2,
);
