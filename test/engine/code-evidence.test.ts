/** A role counts as a URL signer by the code that runs as it, unless that code was read and never presigns (src/engine/code-evidence.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/cli/config.js';
import { auditPolicies } from '../../src/engine/policies.js';
import { tempDir } from '../cli/run-bin.js';

const write = (dir: string, file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

/** A SAM function with s3:* on its own bucket, its code where `codeUri` says. */
const fn = (name: string, codeUri: string) => `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: app.handler
      CodeUri: ${codeUri}
      Policies:
        - Statement:
            - { Effect: Allow, Action: 's3:*', Resource: 'arn:aws:s3:::acme-${name.toLowerCase()}/*' }
`;

function flagged(dir: string, file: string, raw: object = {}): string[] {
  const messages = auditPolicies([path.join(dir, file)], resolveConfig(raw, null)).results[0]!.messages;
  return messages.filter((m) => m.ruleId === 'presign/signer-wildcard-action').map((m) => m.message);
}

describe('code evidence of signing', () => {
  it('leaves a function whose code it read and that never presigns; keeps one that presigns, and one whose code is elsewhere', () => {
    const dir = tempDir();
    write(dir, 'resize/app.mjs', "import sharp from 'sharp';\nexport const handler = async (event) => sharp(event.body).resize(200).toBuffer();\n");
    write(dir, 'resize/node_modules/aws-sdk/presign.js', 'exports.getSignedUrl = () => {};\n');
    write(dir, 'links/app.mjs', "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nexport const handler = async (e) => getSignedUrl(s3, cmd, { expiresIn: 300 });\n");
    write(dir, 'template.yaml', `Transform: AWS::Serverless-2016-10-31\nResources:\n${fn('Resize', 'resize/')}${fn('Links', 'links/')}${fn('Remote', 's3://acme-artifacts/remote.zip')}${fn('Missing', 'not-there/')}`);
    const messages = flagged(dir, 'template.yaml');
    // The resizer's code (node_modules aside) makes no presign call: its role signs no URL.
    expect(messages.some((m) => m.includes('ResizeRole'))).toBe(false);
    expect(messages).toHaveLength(3);
    // The config's signers decide over what the code shows.
    expect(flagged(dir, 'template.yaml', { signers: ['ResizeRole'] })).toHaveLength(1);
  });

  it('reads inline code, and a Serverless service\'s folder', () => {
    const dir = tempDir();
    write(dir, 'handler.py', "import boto3\ns3 = boto3.client('s3')\ndef main(event, context):\n    return s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': 'k'}, ExpiresIn=300)\n");
    write(dir, 'serverless.yml', "service: files\nprovider:\n  name: aws\n  runtime: python3.12\n  iam:\n    role:\n      statements:\n        - { Effect: Allow, Action: 's3:*', Resource: 'arn:aws:s3:::files/*' }\nfunctions:\n  share:\n    handler: handler.main\n");
    expect(flagged(dir, 'serverless.yml')).toHaveLength(1);
    write(dir, 'handler.py', 'def main(event, context):\n    return {"statusCode": 200}\n');
    expect(flagged(dir, 'serverless.yml')).toEqual([]);
  });

  it('makes signature-age-limit certain of a bucket whose reaching roles all run code that presigns', () => {
    const dir = tempDir();
    write(dir, 'links/app.mjs', "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nexport const handler = async (e) => getSignedUrl(s3, cmd, { expiresIn: 300 });\n");
    write(dir, 'resize/app.mjs', 'export const handler = async (event) => event;\n');
    const template = (codeUri: string) =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  Docs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-docs\n  Links:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: app.handler\n      CodeUri: ${codeUri}\n      Policies:\n        - S3ReadPolicy:\n            BucketName: acme-docs\n`;
    const ageMessages = (file: string) =>
      auditPolicies([path.join(dir, file)], resolveConfig({}, null)).results[0]!.messages.filter((m) => m.ruleId === 'presign/signature-age-limit').map((m) => m.message);
    write(dir, 'signs.yaml', template('links/'));
    expect(ageMessages('signs.yaml')).toEqual([expect.stringContaining('through URLs signed by "LinksRole"')]);
    write(dir, 'elsewhere.yaml', template('s3://acme-artifacts/links.zip'));
    expect(ageMessages('elsewhere.yaml')).toEqual([expect.stringContaining('which may sign URLs for it')]);
    write(dir, 'resizes.yaml', template('resize/'));
    expect(ageMessages('resizes.yaml')).toEqual([]);
  });
});
