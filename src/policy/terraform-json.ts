/**
 * Terraform's JSON syntax (`*.tf.json`) as the same tree hcl-syntax.ts makes of HCL, so one
 * evaluator and one reader serve both. In JSON syntax a string value is a template (`"${var.x}"`):
 * such strings are parsed with the HCL parser and their offsets moved to where they are in the file.
 * Whether an object is an attribute's value or a nested block is decided by the schema, which is not
 * here; the nested blocks the reader needs are named below (docs/facts.md#terraform-configuration).
 */
import type { AnyNode, MemberNode, ValueNode } from '@humanwhocodes/momoa';
import { parseHcl, type HclAttribute, type HclBlock, type HclBody, type HclExpression, type ParsedHcl, type Span } from './hcl-syntax.js';
import { parseJsonText } from './read-json.js';

/** Nested blocks of the resources and data sources the reader reads; any other object is an attribute's value. */
const NESTED_BLOCKS = new Set(['statement', 'principals', 'not_principals', 'condition', 'inline_policy', 'rule', 'apply_server_side_encryption_by_default', 'server_side_encryption_configuration', 'content']);

/** Top-level block types and how many labels each has. */
const LABELS: Readonly<Record<string, number>> = { resource: 2, data: 2, variable: 1, output: 1, module: 1, locals: 0 };

export async function parseTerraformJson(text: string): Promise<ParsedHcl> {
  const parsed = parseJsonText(text);
  if ('error' in parsed) return { body: { attributes: [], blocks: [] }, error: { message: parsed.error, span: { start: parsed.offset, end: Math.min(parsed.offset + 1, text.length) } } };
  const root = parsed.value;
  const blocks: HclBlock[] = [];
  const spanOf = (node: AnyNode): Span => ({ start: node.loc.start.offset, end: node.loc.end.offset });
  const name = (m: MemberNode) => (m.name.type === 'String' ? m.name.value : m.name.name);

  const expression = async (node: ValueNode, depth: number): Promise<HclExpression> => {
    const span = spanOf(node);
    if (depth > 200) return { kind: 'other', span };
    switch (node.type) {
      case 'String':
        return node.value.includes('${') || node.value.includes('%{') ? template(node.loc.start.offset, text.slice(span.start, span.end)) : { kind: 'literal', value: node.value, span };
      case 'Number':
        return { kind: 'literal', value: node.value, span };
      case 'Boolean':
        return { kind: 'literal', value: node.value, span };
      case 'Null':
        return { kind: 'literal', value: null, span };
      case 'Array':
        return { kind: 'tuple', elements: await Promise.all(node.elements.map((e) => expression(e.value, depth + 1))), span };
      case 'Object': {
        const items = await Promise.all(
          node.members.map(async (m) => ({ key: { kind: 'literal' as const, value: name(m), span: spanOf(m.name) }, value: await expression(m.value, depth + 1) })),
        );
        return { kind: 'object', items, span };
      }
      default:
        return { kind: 'other', span };
    }
  };

  const body = async (node: ValueNode, depth: number): Promise<HclBody> => {
    const attributes: HclAttribute[] = [];
    const nested: HclBlock[] = [];
    if (node.type !== 'Object' || depth > 100) return { attributes, blocks: nested };
    for (const m of node.members) {
      const key = name(m);
      if (key === '//') continue;
      if (key === 'dynamic' && m.value.type === 'Object') {
        for (const d of m.value.members) nested.push({ type: 'dynamic', labels: [name(d)], span: spanOf(d.name), body: await body(d.value, depth + 1) });
      } else if (NESTED_BLOCKS.has(key) && (m.value.type === 'Object' || m.value.type === 'Array')) {
        const elements = m.value.type === 'Array' ? m.value.elements.map((e) => e.value) : [m.value];
        for (const e of elements) nested.push({ type: key, labels: [], span: spanOf(m.name), body: await body(e, depth + 1) });
      } else {
        attributes.push({ name: key, nameSpan: spanOf(m.name), value: await expression(m.value, depth + 1) });
      }
    }
    return { attributes, blocks: nested };
  };

  /** `{"resource": {"aws_s3_bucket": {"b": {...}}}}`: one level of object per label, then the body (or a list of bodies). */
  const labelled = async (type: string, node: ValueNode, labels: string[], remaining: number, at: Span): Promise<void> => {
    if (remaining === 0) {
      for (const bodyNode of node.type === 'Array' ? node.elements.map((e) => e.value) : [node]) blocks.push({ type, labels, span: at, body: await body(bodyNode, 1) });
      return;
    }
    if (node.type !== 'Object') return;
    for (const m of node.members) await labelled(type, m.value, [...labels, name(m)], remaining - 1, spanOf(m.name));
  };

  if (root.type === 'Object') {
    for (const m of root.members) {
      const type = name(m);
      const count = LABELS[type];
      if (count !== undefined) await labelled(type, m.value, [], count, spanOf(m.name));
    }
  }
  return { body: { attributes: [], blocks }, error: null };
}

/**
 * A JSON string literal holding a template, parsed as the HCL quoted template it is (JSON's escapes
 * are HCL's, but for `\/`, `\b` and `\f`, which templates in policies do not use), its spans moved
 * from the small HCL text to the file.
 */
async function template(literalStart: number, literal: string): Promise<HclExpression> {
  const prefix = 'a=';
  const parsed = await parseHcl(`${prefix}${literal}`);
  const value = parsed.body.attributes[0]?.value;
  const delta = literalStart - prefix.length;
  if (!value || parsed.error) return { kind: 'other', span: { start: literalStart, end: literalStart + literal.length } };
  return moved(value, delta) as HclExpression;
}

/** A copy of an expression with every span moved by `delta`. */
function moved(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) return value.map((v) => moved(v, delta));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = (key === 'span' || key === 'nameSpan') && v !== null && typeof v === 'object' ? { start: (v as Span).start + delta, end: (v as Span).end + delta } : moved(v, delta);
  }
  return out;
}
