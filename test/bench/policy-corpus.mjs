/**
 * Generated policy inputs for `npm run bench`, deterministic by index: policy files (plain
 * documents and AWS CLI output) and CloudFormation templates (half YAML with short-form
 * intrinsics, half CDK-style JSON).
 */
const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:Put*', 's3:*', 's3:GetObjectVersion', 's3:ListBucket', 'kms:Decrypt', 'kms:GenerateDataKey', 's3:getobject', 's3:DeleteObject'];
export function generatePolicy(i) {
  const pick = (k) => ACTIONS[(i * 7 + k * 3) % ACTIONS.length];
  const bucket = `arn:aws:s3:::bucket-${i % 97}`;
  const statements = [];
  for (let s = 0; s < 1 + (i % 4); s++) {
    const statement = { Sid: `S${s}`, Effect: s === 3 ? 'Deny' : 'Allow', Action: [pick(s), pick(s + 1)], Resource: `${bucket}/*` };
    if (i % 3 === 0) statement.Principal = s % 2 ? '*' : { AWS: `arn:aws:iam::1111222233${String(i % 100).padStart(2, '0')}:role/signer` };
    if (i % 5 === 0) statement.Condition = { IpAddress: { 'aws:SourceIp': i % 2 ? '10.0.0.0/8' : '203.0.113.0/24' }, StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } };
    statements.push(statement);
  }
  const document = { Version: '2012-10-17', Statement: statements };
  // A share of the corpus is AWS CLI output, with the policy as an escaped string.
  return i % 4 === 1 ? JSON.stringify({ Policy: JSON.stringify(document) }, null, 4) : JSON.stringify(document, null, 2);
}

/** A serverless upload stack: key, encrypted bucket with a policy, signer role, function (about 80 lines). */
export function generateTemplate(i) {
  const actions = [ACTIONS[i % ACTIONS.length], ACTIONS[(i * 3 + 1) % ACTIONS.length]];
  if (i % 2 === 0) {
    return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: stage${i % 7} }
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: 'kms:*'
            Resource: '*'
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'uploads-${i}-\${Stage}'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: !GetAtt Key.Arn }
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition: { Bool: { 'aws:SecureTransport': false } }
  Signer:
    Type: AWS::IAM::Role
    Properties:
      MaxSessionDuration: 3600
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
      Policies:
        - PolicyName: sign
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [${actions.join(', ')}]
                Resource: !Sub 'arn:aws:s3:::\${Bucket}/*'
              - Effect: Allow
                Action: [kms:Decrypt]
                Resource: !GetAtt Key.Arn
  Upload:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt Signer.Arn
`;
  }
  const arn = (id, suffix = '') => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, suffix]] });
  return JSON.stringify(
    {
      Resources: {
        Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } }, Action: 'kms:*', Resource: '*' }] } } },
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } } }] } } },
        BucketPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [arn('Bucket'), arn('Bucket', '/*')], Condition: { NumericGreaterThan: { 's3:signatureAge': '600000' } } }] } } },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
        RolePolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'Role' }], PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: [arn('Bucket'), arn('Bucket', '/*')] }] } } },
        Handler: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Handler: 'index.handler', Runtime: 'nodejs20.x' } },
      },
    },
    null,
    2,
  );
}
