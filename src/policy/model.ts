/**
 * The policy document model: what every policy reader (plain JSON, AWS CLI output, CloudFormation
 * and CDK templates, Terraform plans, account authorization dumps) produces and every policy check
 * consumes. It knows nothing of the parser that read it: positions are plain numbers.
 */

/** A place in a source file. Lines and columns are 1-based, columns in UTF-16 code units (as ESLint). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  /** Exclusive: the column just after the last character. */
  readonly endColumn: number;
  /**
   * 0-based offsets into the file's text, end exclusive, so an editor integration (ESLint's JSON
   * language) can find the node at that range. Absent when a reader has no text offsets.
   */
  readonly offset?: number;
  readonly endOffset?: number;
}

export interface Located<T> {
  readonly value: T;
  readonly position: SourcePosition;
}

/**
 * What a policy document is, which decides its grammar and which rules are right for it
 * (docs/facts.md#document-kinds; detection in src/policy/kinds.ts):
 * - `identity`: attached to a user, group or role (no `Principal`); by default the signer's policy;
 * - `boundary`: a permissions boundary, which caps what identity policies grant and grants nothing;
 * - `trust`: a role's trust policy (`AssumeRolePolicyDocument`): who may assume the role;
 * - `bucket`: an S3 bucket policy; `access-point`: an S3 access point policy;
 * - `kms-key`: a KMS key policy;
 * - `vpc-endpoint`: a VPC endpoint policy, which only filters what passes the endpoint;
 * - `scp`, `rcp`: AWS Organizations service and resource control policies, which grant nothing;
 * - `resource`: another service's resource policy (SQS queue, SNS topic, Lambda function, Secrets
 *   Manager secret ...);
 * - `stack`: a CloudFormation stack policy, in CloudFormation's own grammar (`Update:*`).
 */
export type DocumentKind = 'identity' | 'boundary' | 'trust' | 'bucket' | 'access-point' | 'kms-key' | 'vpc-endpoint' | 'scp' | 'rcp' | 'resource' | 'stack';

/** How the document was wrapped in the file it came from. */
export type InputFormat =
  | 'policy-document'
  | 'aws-cli:s3api-get-bucket-policy'
  | 'aws-cli:iam-get-entity-policy'
  | 'aws-cli:iam-get-policy-version'
  | 'aws-cli:kms-get-key-policy'
  | 'aws-cli:s3control-get-access-point-policy'
  | 'aws-cli:iam-get-role'
  | 'aws-cli:organizations-describe-policy'
  | 'aws-cli:lambda-get-policy'
  | 'aws-cli:get-queue-or-topic-attributes'
  | 'aws-cli:secretsmanager-get-resource-policy'
  | 'cloudformation'
  | 'terraform-plan'
  | 'terraform'
  | 'aws-cli:iam-get-account-authorization-details';

/**
 * A value a reader could not resolve, such as a CloudFormation `!Ref` of a parameter without a
 * default, or a Serverless or Terraform variable left in a policy file. It is never guessed and
 * never `*`: checks say nothing about it, except where a join can use `refs` to tell which template
 * resource it names, and where its `parts` tell what is certain about it.
 */
export interface UnknownValue {
  /** As written, for messages: `${UploadBucket}`, `arn:aws:s3:::${UploadBucket}/*`, `arn:aws:s3:::${self:custom.bucket}/*`. */
  readonly description: string;
  readonly position: SourcePosition;
  /** Logical ids of the template resources or parameters it refers to (empty when none). */
  readonly refs: readonly string[];
  /**
   * What the value is made of, when that much is known: literal text and values fixed at deploy
   * time, in order for a string built of them (`arn:aws:s3:::` `${Bucket}` `/*`); a value taken from
   * a deploy-time list (`Fn::Select`, `Fn::Split`, `Fn::Join` of one) keeps that list's parts. Absent
   * when not even that is known: a value chosen by a condition that cannot be decided, a mapping
   * entry chosen by a deploy-time key, a macro.
   */
  readonly parts?: readonly UnknownPart[];
}

/**
 * A piece of an unknown value. `text` is written in the policy as is, so it may hold wildcards and
 * IAM policy variables. `deployTime` is a value (or list) fixed when the stack or configuration is
 * deployed (a parameter, a pseudo parameter such as `AWS::AccountId`, a resource's attribute,
 * another stack's export, a Serverless or Terraform variable), shown as written: unknown, but neither a wildcard nor
 * a policy variable (docs/facts.md#deploy-time-values).
 */
export type UnknownPart = { readonly text: string } | { readonly deployTime: string };

export interface PolicyDocument {
  /** The file (or template, or account dump) the document came from. */
  readonly file: string;
  readonly format: InputFormat;
  /** What the document is, when it can be told; null when it may be any of `kindCandidates`. */
  readonly kind: DocumentKind | null;
  /** `[kind]` when the kind is told; else the two or more kinds it may be. Rules run on it only when right for all of them. */
  readonly kindCandidates: readonly DocumentKind[];
  /** The whole document (the object holding `Statement`). */
  readonly position: SourcePosition;
  readonly version: Located<string> | null;
  readonly statements: readonly Statement[];
  /**
   * Where inside a template or dump the document sits, for messages and reports:
   * `UploadRole Policies[0] (AWS::IAM::Role)`, `aws_iam_role_policy.upload`. Absent for a file
   * that is the policy.
   */
  readonly origin?: string;
  /**
   * Set when the statements are AWS's own text, placed where the user's template names it: `AWS
   * managed policy AmazonS3FullAccess`, `SAM policy template S3WritePolicy` (src/policy/aws-policies.ts).
   * Every position is the reference's. Only the rules that judge what a signer may do run on it
   * (`judgesAwsPolicies`, src/rule/shape.ts): how AWS wrote its policy is not the user's to fix.
   */
  readonly awsPolicy?: string;
  /**
   * The namespace its references to resources (`UnknownValue.refs`) live in, when wider than its
   * file: a Terraform root module's directory, whose files and local modules refer to each other.
   * Absent: the file (a template refers only to itself).
   */
  readonly scope?: string;
}

export type Effect = 'Allow' | 'Deny';

/** `Action` or `NotAction`, `Resource` or `NotResource`: the values, and whether they are negated. */
export interface ValueList {
  readonly negated: boolean;
  /** The property name (`Action`, `NotAction`, ...). */
  readonly position: SourcePosition;
  readonly values: readonly Located<string>[];
  /** Values that could not be resolved (templates); absent or empty when all are known. */
  readonly unknowns?: readonly UnknownValue[];
}

/** One principal entry: `"*"` is `{ type: '*', value: '*' }`; `{"AWS": "*"}` is `{ type: 'AWS', value: '*' }`. */
export interface Principal {
  readonly type: string;
  readonly value: string;
  readonly position: SourcePosition;
}

export interface PrincipalList {
  readonly negated: boolean;
  readonly position: SourcePosition;
  readonly values: readonly Principal[];
  /** Principal values that could not be resolved (`!GetAtt UploadRole.Arn` of an unnamed role). */
  readonly unknowns?: readonly UnknownValue[];
}

/** One key under one operator: `"StringEquals": { "aws:SourceVpce": ["vpce-1"] }`. */
export interface Condition {
  /** As written, e.g. `ForAnyValue:StringNotEqualsIfExists`. */
  readonly operator: Located<string>;
  readonly key: Located<string>;
  /** Strings, numbers and booleans, as strings (`true`, `600000`). */
  readonly values: readonly Located<string>[];
  /** Condition values that could not be resolved. */
  readonly unknowns?: readonly UnknownValue[];
}

export interface Statement {
  readonly index: number;
  readonly position: SourcePosition;
  readonly sid: Located<string> | null;
  readonly effect: Located<Effect>;
  readonly actions: ValueList | null;
  readonly resources: ValueList | null;
  readonly principals: PrincipalList | null;
  readonly conditions: readonly Condition[];
}
