/**
 * CloudFormation intrinsic functions, resolved as far as the template alone allows: `Ref` of a
 * parameter with a `Default` or of a resource with a literal name, `Fn::GetAtt Bucket.Arn`,
 * `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`, and `Fn::If` on conditions
 * over defaults. Everything else (`AWS::AccountId`, `Fn::ImportValue`, a generated name) becomes an
 * `unknown` node whose description is the value with its unknown parts as `${...}`
 * (`arn:aws:s3:::${UploadBucket}/*`): never a guess, never `*`, never an exception. Its `parts` keep
 * the literal text apart from the deploy-time values (parameters, pseudo parameters, attributes,
 * exports), which are fixed once the stack is deployed; a value whose shape is not known at all
 * (an `Fn::If` on a deploy-time condition) has none.
 */
import type { SourcePosition, UnknownPart } from './model.js';
import { member, type PolicyTree, type PolicyTreeMember } from './normalise.js';

type ObjectTree = PolicyTree & { type: 'object' };
type UnknownTree = PolicyTree & { type: 'unknown' };

/** `Ref AWS::NoValue`: the property or element is removed. */
const NO_VALUE = Symbol('AWS::NoValue');
type Resolved = PolicyTree | typeof NO_VALUE;

/**
 * Pseudo parameters known without deploying. The partition is assumed to be `aws`: the checks read
 * ARNs the same way in `aws-cn` and `aws-us-gov`, and CDK writes every ARN through it.
 */
const KNOWN_PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };

/** The property holding a resource's physical name, which `Ref` returns, for the types whose Ref is the name. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Lambda::Function': 'FunctionName',
};

/** A long-form intrinsic: an object with one member named `Ref` or `Fn::...`. */
export function intrinsicOf(node: PolicyTree): { name: string; argument: PolicyTree } | null {
  if (node.type !== 'object' || node.members.length !== 1) return null;
  const member = node.members[0]!;
  return member.name === 'Ref' || member.name.startsWith('Fn::') ? { name: member.name, argument: member.value } : null;
}

/** The logical id a `Ref X` or `Fn::GetAtt [X, ...]` names, before resolution. */
export function referencedLogicalId(node: PolicyTree): string | null {
  const intrinsic = intrinsicOf(node);
  if (!intrinsic) return null;
  const argument = intrinsic.argument;
  if (intrinsic.name === 'Ref' && argument.type === 'string') return argument.value;
  if (intrinsic.name === 'Fn::GetAtt') {
    if (argument.type === 'string') return argument.value.split('.')[0] ?? null;
    if (argument.type === 'array' && argument.elements[0]?.type === 'string') return argument.elements[0].value;
  }
  return null;
}

export class TemplateResolver {
  private readonly parameters: ObjectTree | undefined;
  private readonly resources: ObjectTree | undefined;
  private readonly mappings: ObjectTree | undefined;
  private readonly conditions: ObjectTree | undefined;
  /** Refs being resolved, so `A -> B -> A` name chains end as unknown instead of looping. */
  private readonly resolving = new Set<string>();

  constructor(root: ObjectTree) {
    const section = (name: string) => {
      const node = member(root, name);
      return node?.type === 'object' ? node : undefined;
    };
    this.parameters = section('Parameters');
    this.resources = section('Resources');
    this.mappings = section('Mappings');
    this.conditions = section('Conditions');
  }

  /** The node with every intrinsic inside it resolved or made unknown; `AWS::NoValue` members and elements dropped. */
  resolve(node: PolicyTree): PolicyTree {
    const resolved = this.resolveOrNoValue(node);
    return resolved === NO_VALUE ? unknown('${AWS::NoValue}', [], node.position) : resolved;
  }

  /** `Type` of a resource of the template. */
  resourceType(logicalId: string): string | null {
    const type = member(member(this.resources, logicalId), 'Type');
    return type?.type === 'string' ? type.value : null;
  }

  private resolveOrNoValue(node: PolicyTree): Resolved {
    const intrinsic = intrinsicOf(node);
    if (intrinsic) return this.evaluate(intrinsic.name, intrinsic.argument, node.position);
    if (node.type === 'object') {
      const members: PolicyTreeMember[] = [];
      for (const m of node.members) {
        const value = this.resolveOrNoValue(m.value);
        if (value !== NO_VALUE) members.push({ ...m, value });
      }
      return { ...node, members };
    }
    if (node.type === 'array') {
      const elements: PolicyTree[] = [];
      for (const e of node.elements) {
        const value = this.resolveOrNoValue(e);
        if (value !== NO_VALUE) elements.push(value);
      }
      return { ...node, elements };
    }
    return node;
  }

  private evaluate(name: string, argument: PolicyTree, position: SourcePosition): Resolved {
    const args = argument.type === 'array' ? argument.elements : [argument];
    switch (name) {
      case 'Ref':
        return argument.type === 'string' ? this.ref(argument.value, position) : unknown('${Ref}', [], position);
      case 'Fn::GetAtt': {
        const parts = argument.type === 'string' ? argument.value.split('.') : args.map((a) => (a.type === 'string' ? a.value : ''));
        const [logicalId = '', ...attribute] = parts;
        return this.getAtt(logicalId, attribute.join('.'), position);
      }
      case 'Fn::Sub':
        return this.sub(args, position);
      case 'Fn::Join': {
        const [delimiter, list] = args.map((a) => this.resolve(a));
        if (delimiter?.type !== 'string' || list?.type !== 'array') {
          return unknown(`\${Fn::Join}`, refsIn(list), position, delimiter?.type === 'string' ? derivedParts(list, delimiter.value) : undefined);
        }
        return concatenate(list.elements, delimiter.value, position);
      }
      case 'Fn::Select': {
        const [index, list] = args.map((a) => this.resolve(a));
        const i = index?.type === 'number' ? index.value : index?.type === 'string' ? Number(index.value) : Number.NaN;
        if (list?.type === 'array' && Number.isInteger(i) && list.elements[i]) return list.elements[i];
        return unknown(`\${Fn::Select}`, refsIn(list), position, derivedParts(list));
      }
      case 'Fn::Split': {
        const [delimiter, text] = args.map((a) => this.resolve(a));
        if (delimiter?.type !== 'string' || text?.type !== 'string' || delimiter.value === '') return unknown(`\${Fn::Split}`, refsIn(text), position, derivedParts(text));
        return { type: 'array', position, elements: text.value.split(delimiter.value).map((value) => ({ type: 'string', position, value })) };
      }
      case 'Fn::FindInMap': {
        const keys = args.map((a) => this.resolve(a));
        const names = keys.map((k) => (k.type === 'string' ? k.value : null));
        if (names.length !== 3 || names.some((n) => n === null)) return unknown('${Fn::FindInMap}', keys.flatMap(refsIn), position);
        const found = member(member(member(this.mappings, names[0]!), names[1]!), names[2]!);
        return found ? this.resolveOrNoValue(found) : unknown(`\${Fn::FindInMap ${names.join('.')}}`, [], position);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = args;
        const holds = condition?.type === 'string' ? this.condition(condition.value, new Set()) : null;
        if (holds === null || !whenTrue || !whenFalse) return unknown(`\${Fn::If ${condition?.type === 'string' ? condition.value : ''}}`, [], position);
        return this.resolveOrNoValue(holds ? whenTrue : whenFalse);
      }
      case 'Fn::ImportValue':
      case 'Fn::GetAZs':
        // Another stack's export, the Region's zones: fixed once deployed.
        return unknown(`\${${name}}`, [], position, [{ deployTime: `\${${name}}` }]);
      default:
        // Fn::Base64, Fn::Cidr, condition functions, macros: not values a policy is made of.
        return unknown(`\${${name}}`, [], position);
    }
  }

  private ref(name: string, position: SourcePosition): Resolved {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = KNOWN_PSEUDO[name];
    if (pseudo !== undefined) return { type: 'string', position, value: pseudo };
    // AWS::AccountId, AWS::Region, AWS::StackName...: the stack's own, fixed once deployed.
    if (name.startsWith('AWS::')) return unknown(`\${${name}}`, [name], position, [{ deployTime: `\${${name}}` }]);
    if (this.resolving.has(name)) return unknown(`\${${name}}`, [name], position);
    this.resolving.add(name);
    try {
      const parameter = member(this.parameters, name);
      if (parameter) {
        const value = member(parameter, 'Default');
        const type = member(parameter, 'Type');
        if (value?.type === 'string' && type?.type === 'string' && /^(CommaDelimitedList|List<)/.test(type.value)) {
          return { type: 'array', position, elements: value.value.split(',').map((v) => ({ type: 'string', position, value: v.trim() })) };
        }
        if (value?.type === 'string' || value?.type === 'number') return { type: 'string', position, value: String(value.value) };
        // The value given at deploy time.
        return unknown(`\${${name}}`, [name], position, [{ deployTime: `\${${name}}` }]);
      }
      const type = this.resourceType(name);
      const nameProperty = NAME_PROPERTY[type ?? ''];
      const physical = nameProperty ? member(member(member(this.resources, name), 'Properties'), nameProperty) : undefined;
      if (physical) {
        const resolved = this.resolve(physical);
        if (resolved.type === 'string') return { type: 'string', position, value: resolved.value };
      }
      // A resource of the template: what its Ref returns is fixed once it is created. A name the
      // template does not declare is a mistake CloudFormation rejects, so nothing is known of it.
      return unknown(`\${${name}}`, [name], position, type === null ? undefined : [{ deployTime: `\${${name}}` }]);
    } finally {
      this.resolving.delete(name);
    }
  }

  private getAtt(logicalId: string, attribute: string, position: SourcePosition): PolicyTree {
    if (this.resourceType(logicalId) === 'AWS::S3::Bucket' && attribute === 'Arn') {
      const name = this.ref(logicalId, position);
      if (name !== NO_VALUE && name.type === 'string') return { type: 'string', position, value: `arn:aws:s3:::${name.value}` };
    }
    const description = `\${${logicalId}.${attribute}}`;
    return unknown(description, [logicalId], position, this.resourceType(logicalId) === null ? undefined : [{ deployTime: description }]);
  }

  private sub(args: readonly PolicyTree[], position: SourcePosition): PolicyTree {
    const template = args[0];
    if (template?.type !== 'string') return unknown('${Fn::Sub}', [], position);
    const variables = args[1]?.type === 'object' ? args[1] : undefined;
    const pieces: PolicyTree[] = [];
    let last = 0;
    for (const match of template.value.matchAll(/\$\{([^}]*)\}/g)) {
      pieces.push({ type: 'string', position, value: template.value.slice(last, match.index) });
      last = match.index + match[0].length;
      const inner = match[1]!;
      // `${!Name}` is the literal `${Name}` (how IAM policy variables are written inside Fn::Sub).
      if (inner.startsWith('!')) {
        pieces.push({ type: 'string', position, value: `\${${inner.slice(1)}}` });
        continue;
      }
      const name = inner.trim();
      const variable = member(variables, name);
      let value: Resolved;
      if (variable) value = this.resolveOrNoValue(variable);
      else if (name.includes('.') && !name.includes('::')) {
        const dot = name.indexOf('.');
        value = this.getAtt(name.slice(0, dot), name.slice(dot + 1), position);
      } else value = this.ref(name, position);
      pieces.push(value !== NO_VALUE && (value.type === 'string' || value.type === 'number' || value.type === 'unknown') ? value : unknown(match[0], [], position));
    }
    pieces.push({ type: 'string', position, value: template.value.slice(last) });
    return concatenate(pieces, '', position);
  }

  /** A named condition over parameter defaults; null when it cannot be decided. */
  private condition(name: string, seen: Set<string>): boolean | null {
    if (seen.has(name)) return null;
    seen.add(name);
    const expression = member(this.conditions, name);
    return expression ? this.conditionValue(expression, seen) : null;
  }

  private conditionValue(node: PolicyTree, seen: Set<string>): boolean | null {
    if (node.type === 'boolean') return node.value;
    const named = member(node, 'Condition');
    if (named?.type === 'string' && node.type === 'object' && node.members.length === 1) return this.condition(named.value, seen);
    const intrinsic = intrinsicOf(node);
    if (intrinsic?.argument.type !== 'array') return null;
    const args = intrinsic.argument.elements;
    switch (intrinsic.name) {
      case 'Fn::Equals': {
        const [a, b] = args.map((x) => this.resolve(x));
        const scalar = (x: PolicyTree | undefined) => (x?.type === 'string' || x?.type === 'number' || x?.type === 'boolean' ? String(x.value) : null);
        const left = scalar(a);
        const right = scalar(b);
        return left === null || right === null ? null : left === right;
      }
      case 'Fn::Not': {
        const inner = args[0] ? this.conditionValue(args[0], seen) : null;
        return inner === null ? null : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = args.map((x) => this.conditionValue(x, seen));
        const decisive = intrinsic.name === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.includes(null) ? null : !decisive;
      }
      default:
        return null;
    }
  }
}

function unknown(description: string, refs: readonly string[], position: SourcePosition, parts?: readonly UnknownPart[]): UnknownTree {
  return { type: 'unknown', position, description, refs: [...new Set(refs)], ...(parts ? { parts } : {}) };
}

function refsIn(node: PolicyTree | undefined): string[] {
  if (!node) return [];
  if (node.type === 'unknown') return [...node.refs];
  if (node.type === 'array') return node.elements.flatMap(refsIn);
  return [];
}

/** `Fn::Join`: a string when every part is known, else unknown with the known parts kept. */
function concatenate(elements: readonly PolicyTree[], delimiter: string, position: SourcePosition): PolicyTree {
  const refs: string[] = [];
  const description: string[] = [];
  let parts: UnknownPart[] | undefined = [];
  let known = true;
  elements.forEach((element, i) => {
    if (i > 0) parts?.push({ text: delimiter });
    if (element.type === 'string' || element.type === 'number' || element.type === 'boolean') {
      description.push(String(element.value));
      parts?.push({ text: String(element.value) });
      return;
    }
    known = false;
    if (element.type === 'unknown') {
      refs.push(...element.refs);
      description.push(element.description);
      parts = parts && element.parts ? [...parts, ...element.parts] : undefined;
    } else {
      description.push('${?}');
      parts = undefined;
    }
  });
  const text = description.join(delimiter);
  return known ? { type: 'string', position, value: text } : unknown(text, refs, position, parts && mergeText(parts));
}

/** Adjacent text pieces as one, empty ones dropped: `arn:aws:s3:::` + `${Bucket}` + `/*`. */
function mergeText(parts: readonly UnknownPart[]): UnknownPart[] {
  const merged: UnknownPart[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if ('text' in part && part.text === '') continue;
    if ('text' in part && previous && 'text' in previous) merged[merged.length - 1] = { text: previous.text + part.text };
    else merged.push(part);
  }
  return merged;
}

/**
 * What is known of a value derived from an unknown one (an element of a deploy-time list, a list
 * split from a deploy-time string): the source's parts, with the text the intrinsic adds.
 */
function derivedParts(source: PolicyTree | undefined, addedText = ''): UnknownPart[] | undefined {
  if (source?.type !== 'unknown' || !source.parts) return undefined;
  return mergeText([...source.parts, { text: addedText }]);
}
