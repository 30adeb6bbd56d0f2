/**
 * Normalises a policy document, given as a small parser-neutral tree, into the model: `Statement`,
 * `Action`, `Resource`, `Principal` and condition values may each be one value or an array, and all
 * become arrays with positions. Shape problems are reported to the sink and the rest is kept, so
 * one malformed statement does not hide findings in the others.
 */
import type { Condition, Effect, Located, Principal, PrincipalList, SourcePosition, Statement, UnknownPart, UnknownValue, ValueList } from './model.js';
import { deployTimeParts } from './variables.js';

/**
 * What any reader (JSON, YAML templates, plans) turns its syntax tree into before normalising.
 * `unknown` is a value a reader could not resolve (a template's `!Ref` of a parameter without a
 * default): it becomes an `UnknownValue` of the model, never a string, so no check mistakes it
 * for `*` or for a bad value; a statement or `Effect` that is unknown is left out of the model.
 * A string value holding a deploy-time variable (`${self:custom.bucket}`, `${var.bucket_arn}`)
 * becomes one too (src/policy/variables.ts).
 */
export type PolicyTree =
  | { readonly type: 'object'; readonly position: SourcePosition; readonly members: readonly PolicyTreeMember[] }
  | { readonly type: 'array'; readonly position: SourcePosition; readonly elements: readonly PolicyTree[] }
  | { readonly type: 'string'; readonly position: SourcePosition; readonly value: string }
  | { readonly type: 'number'; readonly position: SourcePosition; readonly value: number }
  | { readonly type: 'boolean'; readonly position: SourcePosition; readonly value: boolean }
  | { readonly type: 'null'; readonly position: SourcePosition }
  | {
      readonly type: 'unknown';
      readonly position: SourcePosition;
      readonly description: string;
      readonly refs: readonly string[];
      readonly parts?: readonly UnknownPart[];
    };

export interface PolicyTreeMember {
  readonly name: string;
  readonly namePosition: SourcePosition;
  readonly value: PolicyTree;
}

/** The value of member `name` of an object node (the last one, as JSON readers keep). */
export function member(node: PolicyTree | undefined, name: string): PolicyTree | undefined {
  return node?.type === 'object' ? node.members.find((m) => m.name === name)?.value : undefined;
}

/** A string node's value, else null. */
export function text(node: PolicyTree | undefined): string | null {
  return node?.type === 'string' ? node.value : null;
}

/** An array node's elements, else none. */
export function elements(node: PolicyTree | undefined): readonly PolicyTree[] {
  return node?.type === 'array' ? node.elements : [];
}

export type ProblemSink = (message: string, position: SourcePosition) => void;

export interface NormalisedDocument {
  readonly version: Located<string> | null;
  readonly statements: Statement[];
}

/**
 * An object's members with only the last of each name, the earlier ones reported. RFC 8259 leaves
 * duplicate names undefined and AWS does not document what IAM does with them; JSON.parse, Go's
 * encoding/json and Terraform's jsonencode keep the last, so a policy that went through any of them
 * means the last. Duplicates hide mistakes that widen access (an earlier `Deny`, an earlier condition
 * value; terraform-provider-aws#33026), hence a finding. Names are compared exactly, as JSON does.
 */
function lastOfEachName(members: readonly PolicyTreeMember[], where: string, report: ProblemSink): readonly PolicyTreeMember[] {
  if (!hasDuplicateName(members)) return members;
  const last = new Map<string, PolicyTreeMember>();
  for (const m of members) last.set(m.name, m);
  for (const m of members) {
    if (last.get(m.name) !== m) {
      report(`"${m.name}" appears more than once in ${where}. AWS does not document which one IAM uses; JSON tools keep the last, so this one is ignored here. Keep one.`, m.namePosition);
    }
  }
  return members.filter((m) => last.get(m.name) === m);
}

/** Whether two members share a name; a statement has a handful, so a pass without a map. */
function hasDuplicateName(members: readonly PolicyTreeMember[]): boolean {
  if (members.length > 16) return new Set(members.map((m) => m.name)).size < members.length;
  for (let i = 1; i < members.length; i++) {
    for (let j = 0; j < i; j++) if (members[i]!.name === members[j]!.name) return true;
  }
  return false;
}

export function normaliseDocument(root: PolicyTree & { type: 'object' }, report: ProblemSink): NormalisedDocument {
  const members = lastOfEachName(root.members, 'the policy document', report);
  const version = members.find((m) => m.name === 'Version');
  let versionValue: Located<string> | null = null;
  if (version) {
    if (version.value.type === 'string') versionValue = { value: version.value.value, position: version.value.position };
    else if (version.value.type !== 'unknown') report('"Version" must be a string such as "2012-10-17".', version.value.position);
  }
  const statementMember = members.find((m) => m.name === 'Statement');
  if (!statementMember) {
    report('Policy document has no "Statement".', root.position);
    return { version: versionValue, statements: [] };
  }
  const statementNodes = statementMember.value.type === 'array' ? statementMember.value.elements : [statementMember.value];
  const statements: Statement[] = [];
  for (let index = 0; index < statementNodes.length; index++) {
    const node = statementNodes[index]!;
    if (node.type === 'unknown') continue;
    const statement = normaliseStatement(node, index, report);
    if (statement) statements.push(statement);
  }
  return { version: versionValue, statements };
}

function normaliseStatement(node: PolicyTree, index: number, report: ProblemSink): Statement | null {
  if (node.type !== 'object') {
    report(`Statement ${index + 1} must be an object.`, node.position);
    return null;
  }
  // Each element by name, in one pass over the members (the last of each name: duplicates are reported).
  let effectMember: PolicyTreeMember | undefined;
  let sidMember: PolicyTreeMember | undefined;
  let action: PolicyTreeMember | undefined;
  let notAction: PolicyTreeMember | undefined;
  let resource: PolicyTreeMember | undefined;
  let notResource: PolicyTreeMember | undefined;
  let principal: PolicyTreeMember | undefined;
  let notPrincipal: PolicyTreeMember | undefined;
  let conditionMember: PolicyTreeMember | undefined;
  const members = lastOfEachName(node.members, `statement ${index + 1}`, report);
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    switch (m.name) {
      case 'Effect':
        effectMember = m;
        break;
      case 'Sid':
        sidMember = m;
        break;
      case 'Action':
        action = m;
        break;
      case 'NotAction':
        notAction = m;
        break;
      case 'Resource':
        resource = m;
        break;
      case 'NotResource':
        notResource = m;
        break;
      case 'Principal':
        principal = m;
        break;
      case 'NotPrincipal':
        notPrincipal = m;
        break;
      case 'Condition':
        conditionMember = m;
        break;
      default:
        report(`Statement ${index + 1} has an unknown element "${m.name}"; IAM rejects the policy.`, m.namePosition);
    }
  }

  if (!effectMember) {
    report(`Statement ${index + 1} has no "Effect"; it must be "Allow" or "Deny".`, node.position);
    return null;
  }
  const effectNode = deployTimeAware(effectMember.value);
  if (effectNode.type === 'unknown') return null;
  // IAM compares Effect case-sensitively: "allow" is rejected.
  if (effectNode.type !== 'string' || (effectNode.value !== 'Allow' && effectNode.value !== 'Deny')) {
    report(`"Effect" must be "Allow" or "Deny".`, effectNode.position);
    return null;
  }
  const effect: Located<Effect> = { value: effectNode.value, position: effectNode.position };

  const sidNode = sidMember?.value;
  const sid = sidNode?.type === 'string' ? { value: sidNode.value, position: sidNode.position } : null;

  const actions = pair(action, notAction, index, report);
  if (!actions) report(`Statement ${index + 1} has neither "Action" nor "NotAction".`, node.position);
  const resources = pair(resource, notResource, index, report);
  const principals = principalPair(principal, notPrincipal, index, report);
  const conditions = conditionMember ? normaliseConditions(conditionMember.value, report) : [];

  return { index, position: node.position, sid, effect, actions, resources, principals, conditions };
}

function pair(positive: PolicyTreeMember | undefined, negative: PolicyTreeMember | undefined, index: number, report: ProblemSink): ValueList | null {
  if (positive && negative) report(`Statement ${index + 1} has both "${positive.name}" and "${negative.name}"; use one.`, negative.namePosition);
  const chosen = positive ?? negative;
  if (!chosen) return null;
  const { values, unknowns } = stringValues(chosen.value, chosen.name, report);
  const negated = chosen === negative;
  // `unknowns` only when there are some, so documents read from JSON stay as they were.
  return unknowns.length > 0 ? { negated, position: chosen.namePosition, values, unknowns } : { negated, position: chosen.namePosition, values };
}

function stringValues(node: PolicyTree, name: string, report: ProblemSink): { values: Located<string>[]; unknowns: UnknownValue[] } {
  const nodes = node.type === 'array' ? node.elements : [node];
  const values: Located<string>[] = [];
  const unknowns: UnknownValue[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const element = deployTimeAware(nodes[i]!);
    if (element.type === 'string') values.push({ value: element.value, position: element.position });
    else if (element.type === 'unknown') unknowns.push(toUnknown(element));
    else report(`"${name}" must be a string or an array of strings.`, element.position);
  }
  return { values, unknowns };
}

function toUnknown(node: PolicyTree & { type: 'unknown' }): UnknownValue {
  return { description: node.description, position: node.position, refs: node.refs, ...(node.parts ? { parts: node.parts } : {}) };
}

/**
 * A string holding a deploy-time variable is not the text IAM will see: it is an unknown value,
 * made of its literal text and those variables.
 */
function deployTimeAware(node: PolicyTree): PolicyTree {
  if (node.type !== 'string') return node;
  const parts = deployTimeParts(node.value);
  return parts ? { type: 'unknown', position: node.position, description: node.value, refs: [], parts } : node;
}

function principalPair(positive: PolicyTreeMember | undefined, negative: PolicyTreeMember | undefined, index: number, report: ProblemSink): PrincipalList | null {
  if (positive && negative) report(`Statement ${index + 1} has both "Principal" and "NotPrincipal"; use one.`, negative.namePosition);
  const chosen = positive ?? negative;
  if (!chosen) return null;
  const node = deployTimeAware(chosen.value);
  const values: Principal[] = [];
  const unknowns: UnknownValue[] = [];
  if (node.type === 'unknown') unknowns.push(toUnknown(node));
  else if (node.type === 'string') {
    if (node.value === '*') values.push({ type: '*', value: '*', position: node.position });
    else report(`"${chosen.name}" must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}.`, node.position);
  } else if (node.type === 'object') {
    const members = lastOfEachName(node.members, `"${chosen.name}"`, report);
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      const read = stringValues(m.value, `${chosen.name}.${m.name}`, report);
      for (let v = 0; v < read.values.length; v++) values.push({ type: m.name, value: read.values[v]!.value, position: read.values[v]!.position });
      for (let u = 0; u < read.unknowns.length; u++) unknowns.push(read.unknowns[u]!);
    }
  } else {
    report(`"${chosen.name}" must be "*" or an object.`, node.position);
  }
  const negated = chosen === negative;
  return unknowns.length > 0 ? { negated, position: chosen.namePosition, values, unknowns } : { negated, position: chosen.namePosition, values };
}

function normaliseConditions(node: PolicyTree, report: ProblemSink): Condition[] {
  if (node.type === 'unknown') return [];
  if (node.type !== 'object') {
    report('"Condition" must be an object of operators.', node.position);
    return [];
  }
  const conditions: Condition[] = [];
  const operators = lastOfEachName(node.members, '"Condition"', report);
  for (let o = 0; o < operators.length; o++) {
    const operatorMember = operators[o]!;
    const operator = { value: operatorMember.name, position: operatorMember.namePosition };
    if (operatorMember.value.type === 'unknown') continue;
    if (operatorMember.value.type !== 'object') {
      report(`Condition operator "${operatorMember.name}" must map condition keys to values.`, operatorMember.value.position);
      continue;
    }
    const keys = lastOfEachName(operatorMember.value.members, `condition operator "${operatorMember.name}"`, report);
    for (let k = 0; k < keys.length; k++) {
      const keyMember = keys[k]!;
      const valueNodes = keyMember.value.type === 'array' ? keyMember.value.elements : [keyMember.value];
      const values: Located<string>[] = [];
      const unknowns: UnknownValue[] = [];
      for (let i = 0; i < valueNodes.length; i++) {
        const v = deployTimeAware(valueNodes[i]!);
        // 1e309 parses as Infinity: not the number written, so not a value to reason about.
        if (v.type === 'number' && !Number.isFinite(v.value)) report(`Condition value of "${keyMember.name}" is beyond the range of a number (it reads as ${v.value}).`, v.position);
        else if (v.type === 'string' || v.type === 'number' || v.type === 'boolean') values.push({ value: String(v.value), position: v.position });
        else if (v.type === 'unknown') unknowns.push(toUnknown(v));
        else report(`Condition value of "${keyMember.name}" must be a string, number or boolean.`, v.position);
      }
      const key = { value: keyMember.name, position: keyMember.namePosition };
      conditions.push(unknowns.length > 0 ? { operator, key, values, unknowns } : { operator, key, values });
    }
  }
  return conditions;
}
