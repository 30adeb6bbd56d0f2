/**
 * Whether a role's trust policy lets a compute service run application code as the role: such a
 * role signs the URLs its code presigns (src/policy/signers.ts). The services are those whose
 * documented role is "the permissions your code has" (docs/facts.md#roles-that-run-code): Lambda
 * and Lambda@Edge execution roles, ECS task roles, EC2 instance profiles, App Runner instance
 * roles, EKS Pod Identity, and EKS service accounts through the cluster's OIDC provider (IRSA).
 * Services that run their own work as a role (CloudFormation, Step Functions, API Gateway, ...)
 * are not in the list: their roles do not run the application's code.
 */
import { listGrantsAction } from './actions.js';
import type { Statement } from './model.js';
import { normaliseDocument, type PolicyTree } from './normalise.js';

/** `lambda.amazonaws.com`, also in the China partitions' `amazonaws.com.cn` spelling. */
const CODE_SERVICE = /^(lambda|edgelambda|ecs-tasks|ec2|tasks\.apprunner|pods\.eks)\.amazonaws\.com(\.cn)?$/;

/** IRSA: a cluster's OIDC provider, `arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE`. */
const EKS_OIDC_PROVIDER = /:oidc-provider\/oidc\.eks\.[^/]+\/id\//;

/**
 * What the trust policy's statements say runs code as the role, for messages: `trusted by
 * lambda.amazonaws.com`. Only an `Allow` that lets the principal assume the role counts; a `Deny`
 * or a `NotPrincipal` names no runner.
 */
export function codeRunnersOfTrust(statements: readonly Statement[]): string[] {
  const runners = new Set<string>();
  for (const statement of statements) {
    if (statement.effect.value !== 'Allow' || !statement.principals || statement.principals.negated || !statement.actions) continue;
    const assumes = listGrantsAction(statement.actions, 'sts:AssumeRole');
    const assumesWithWebIdentity = listGrantsAction(statement.actions, 'sts:AssumeRoleWithWebIdentity');
    for (const principal of statement.principals.values) {
      if (principal.type === 'Service' && assumes && CODE_SERVICE.test(principal.value)) runners.add(`trusted by ${principal.value}`);
      if (principal.type === 'Federated' && assumesWithWebIdentity && EKS_OIDC_PROVIDER.test(principal.value)) runners.add('trusted by EKS service accounts');
    }
    // A template writes the provider's ARN with the account and cluster left to deploy time.
    for (const unknown of statement.principals.unknowns ?? []) {
      if (assumesWithWebIdentity && EKS_OIDC_PROVIDER.test(unknown.description)) runners.add('trusted by EKS service accounts');
    }
  }
  return [...runners];
}

/** A trust policy's shape problems are not this reader's to report: it is read for its principals only. */
const ignoreProblem = (): void => undefined;

/**
 * The same, from a trust policy as a reader has it (`AssumeRolePolicyDocument`, `assume_role_policy`).
 * A trust policy that is not an object (unresolved, absent) names no runner.
 */
export function codeRunnersOfTrustTree(tree: PolicyTree | undefined): string[] {
  return tree?.type === 'object' ? codeRunnersOfTrust(normaliseDocument(tree, ignoreProblem).statements) : [];
}
