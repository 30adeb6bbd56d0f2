/**
 * Principals by what they can do. A pre-signed URL is signed with credentials, so the rules about
 * uploads through URLs concern the principals that hold some: IAM users and roles, the accounts
 * named for their users and roles, federated users, and anyone (`"*"`). An AWS service acting as
 * itself holds none and signs no URL: a service principal (`{"Service": "logging.s3.amazonaws.com"}`)
 * and the accounts Elastic Load Balancing delivers its logs from only write what their service
 * writes, with the headers the service chooses (docs/facts.md, "Delivery services").
 *
 * A principal a template leaves unresolved (`!GetAtt UploadRole.Arn`) may be anyone, except where
 * the statement only grants keys under `AWSLogs/`, the prefix AWS's delivery services write to, and
 * the principal is not the stack's own account.
 */
import type { Condition, Principal, Statement } from './model.js';
import { parseOperator, trueWhenKeyAbsent } from './operators.js';

/**
 * The accounts Elastic Load Balancing writes access logs from, in the Regions opened before
 * August 2022 (later ones use the service principal); docs/facts.md, "Delivery services".
 */
const ELB_LOG_ACCOUNTS: ReadonlySet<string> = new Set([
  '127311923021', // us-east-1
  '033677994240', // us-east-2
  '027434742980', // us-west-1
  '797873946194', // us-west-2
  '098369216593', // af-south-1
  '754344448648', // ap-east-1
  '589379963580', // ap-southeast-3
  '718504428378', // ap-south-1
  '383597477331', // ap-northeast-3
  '600734575887', // ap-northeast-2
  '114774131450', // ap-southeast-1
  '783225319266', // ap-southeast-2
  '582318560864', // ap-northeast-1
  '985666609251', // ca-central-1
  '054676820928', // eu-central-1
  '156460612806', // eu-west-1
  '652711504416', // eu-west-2
  '635631232127', // eu-south-1
  '009996457667', // eu-west-3
  '897822967062', // eu-north-1
  '076674570225', // me-south-1
  '507241528517', // sa-east-1
  '048591011584', // us-gov-west-1
  '190560391635', // us-gov-east-1
  '638102146993', // cn-north-1
  '037604701340', // cn-northwest-1
]);

export type PrincipalKind = 'anyone' | 'service' | 'delivery-account' | 'credentials';

export function principalKind(principal: Principal): PrincipalKind {
  if (principal.value === '*' && (principal.type === '*' || principal.type === 'AWS')) return 'anyone';
  if (principal.type === 'Service') return 'service';
  if (principal.type === 'AWS' && ELB_LOG_ACCOUNTS.has(accountOf(principal.value) ?? '')) return 'delivery-account';
  return 'credentials';
}

/** `123456789012` or `arn:aws:iam::123456789012:root`: the account a principal value names whole. */
function accountOf(value: string): string | null {
  return /^\d{12}$/.test(value) ? value : (/^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(value)?.[1] ?? null);
}

/** Who an Allow statement applies to, by what they can do. */
export interface Grantees {
  /** Principals that hold credentials, or anyone: the ones who can use pre-signed URLs. */
  readonly signers: boolean;
  /** Whether requests without credentials are among them (`"*"`, NotPrincipal). */
  readonly anonymous: boolean;
  /** Whether it names service principals, whose writes a suggested Deny must not break. */
  readonly services: boolean;
  /**
   * The delivery accounts it names, whose writes a suggested Deny must not break either: ELB's, and
   * an unresolved principal of an `AWSLogs/` grant as the template writes it (`${ElbAccount}`).
   */
  readonly deliveryAccounts: readonly string[];
}

export function granteesOf(statement: Statement): Grantees {
  const list = statement.principals;
  // No Principal (IAM rejects that in a resource policy) or NotPrincipal: it may be anyone.
  if (!list || list.negated) return { signers: true, anonymous: true, services: false, deliveryAccounts: [] };
  // A placeholder where the account goes (`arn:aws:iam::elb-account-id:root`, as AWS's guides write
  // the ELB account) is a value to fill in: as unknown as a template's unresolved one.
  // One pass over the principals (every upload statement of every bucket policy is asked about).
  const unknowns: { readonly description: string }[] = [...(list.unknowns ?? [])];
  let anonymous = false;
  let credentials = false;
  let services = false;
  const deliveryAccounts: string[] = [];
  for (const principal of list.values) {
    if (principal.type === 'AWS' && /^arn:aws[\w-]*:iam::(?!\d{12}:)[^:]+:root$/.test(principal.value)) {
      unknowns.push({ description: principal.value });
      continue;
    }
    const kind = principalKind(principal);
    if (kind === 'anyone') anonymous = true;
    else if (kind === 'credentials') credentials = true;
    else if (kind === 'service') services = true;
    else deliveryAccounts.push(accountOf(principal.value)!);
  }
  // The stack's own account (`arn:aws:iam::${AWS::AccountId}:root`) is the owner's users and roles, never ELB's.
  const logDelivery = unknowns.length > 0 && onlyUnderAwsLogs(statement) && unknowns.every((u) => !u.description.includes('${AWS::AccountId}'));
  if (logDelivery) for (const u of unknowns) deliveryAccounts.push(/^arn:[^:]*:iam::([^:]+):root$/.exec(u.description)?.[1] ?? u.description);
  return { signers: (unknowns.length > 0 && !logDelivery) || anonymous || credentials, anonymous, services, deliveryAccounts };
}

/** Whether every resource of the statement, resolved or not, is a key under `AWSLogs/`. */
function onlyUnderAwsLogs(statement: Statement): boolean {
  const resources = statement.resources;
  if (!resources || resources.negated) return false;
  const all = [...resources.values.map((v) => v.value), ...(resources.unknowns ?? []).map((u) => u.description)];
  // A bucket name holds no "/": what follows one is the key.
  return all.length > 0 && all.every((resource) => /\/(.*\/)?AWSLogs\//.test(resource));
}

/**
 * The conditions a suggested Deny needs so that it spares the delivery principals of a policy:
 * AWS's pattern `"BoolIfExists": {"aws:PrincipalIsAWSService": "false"}` for service principals
 * (IfExists, so that requests without credentials, which lack the key, are still denied), and the
 * delivery accounts under `aws:PrincipalAccount`. As IAM condition blocks: by operator, then key.
 */
export function deliveryExemption(grantees: readonly Grantees[]): Record<string, Record<string, string | string[]>> {
  const exemption: Record<string, Record<string, string | string[]>> = {};
  if (grantees.some((g) => g.services)) exemption['BoolIfExists'] = { 'aws:PrincipalIsAWSService': 'false' };
  const accounts = [...new Set(grantees.flatMap((g) => g.deliveryAccounts))];
  if (accounts.length > 0) exemption['StringNotEquals'] = { 'aws:PrincipalAccount': accounts.length === 1 ? accounts[0]! : accounts };
  return exemption;
}

/** A Deny's condition blocks with the exemption's merged in, operator by operator. */
export function withExemption(
  condition: Record<string, Record<string, string | readonly string[]>>,
  exemption: Record<string, Record<string, string | string[]>>,
): Record<string, Record<string, string | readonly string[]>> {
  const merged = { ...condition };
  for (const [operator, keys] of Object.entries(exemption)) merged[operator] = { ...merged[operator], ...keys };
  return merged;
}

/**
 * Whether a condition of a Deny holds for every request by a principal that holds credentials,
 * and so does not narrow the Deny for them: an exemption of AWS services (`aws:PrincipalIsAWSService`
 * false, a negated `aws:PrincipalServiceName`) or of ELB's log accounts (`aws:PrincipalAccount`
 * not equal to them). `anonymous`: requests without credentials, which carry none of these keys,
 * are to be denied too.
 */
export function sparesOnlyDelivery(condition: Condition, anonymous: boolean): boolean {
  const operator = condition.operator.value;
  const values = condition.values.map((v) => v.value);
  const parts = parseOperator(operator);
  const base = parts.base.toLowerCase();
  const whenAbsent = trueWhenKeyAbsent(operator, values);
  switch (condition.key.value.toLowerCase()) {
    // "false" for every request signed with credentials.
    case 'aws:principalisawsservice':
      return base === 'bool' && parts.qualifier === null && values.length > 0 && values.every((v) => v.toLowerCase() === 'false') && (!anonymous || whenAbsent);
    // Only service principals' requests carry it.
    case 'aws:principalservicename':
      return whenAbsent;
    // A signer's account is never one of ELB's.
    case 'aws:principalaccount':
      return base === 'stringnotequals' && parts.qualifier === null && values.length > 0 && values.every((v) => ELB_LOG_ACCOUNTS.has(v)) && (!anonymous || whenAbsent);
    default:
      return false;
  }
}
