/**
 * The bucket and key of the S3 requests code sends itself (src/engine/need-calls.ts finds them by
 * name), read from the call's arguments as far as they are constant: `{ Bucket: BUCKET, Key:
 * `uploads/${id}` }` gives the bucket `BUCKET` names (a `const` of the module) and the key prefix
 * `uploads/`. Anything else (an environment variable, a parameter) stays unknown, so the need widens
 * only for that call. The code is parsed, never run.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ANY_PARAMETER, type KeyShown } from '../join/need.js';
import { PythonEvaluator } from '../python/evaluate.js';
import { PythonModule } from '../python/scope.js';
import { child, descendants, namedChildren, parsePython, type PyNode } from '../python/syntax.js';

/** What a call shows of its bucket (a constant name, or null) and of its key. */
export interface CallTarget {
  readonly bucket: string | null;
  readonly key: KeyShown;
  /** The request parameters the call names (`ACL`, `Tagging`), for the actions they add; boto3's `ExtraArgs` included. */
  readonly parameters: readonly string[];
  /**
   * For `client.send(command)` with a command held in a `const`: the command's class name without
   * `Command` (`GetObject`, `StartTranscriptionJob`); `false` when the receiver is no S3 client the
   * module makes (`new TranscribeClient(...)`, `require('cfn-response')`); absent when not known.
   */
  readonly sent?: string | false;
}

const UNKNOWN_TARGET: CallTarget = { bucket: null, key: { kind: 'unknown' }, parameters: [] };

/** A JavaScript/TypeScript module's direct calls, by the offset of the `.` before the method (or of `new`). */
export async function javascriptTargets(source: string, file: string): Promise<(offset: number) => CallTarget> {
  let program: TSESTree.Program;
  try {
    const { parse } = await import('@typescript-eslint/typescript-estree');
    program = parse(source, { range: true, jsx: /\.[jt]sx$/.test(file), comment: false });
  } catch {
    return () => UNKNOWN_TARGET;
  }
  const consts = new Map<string, TSESTree.Node | null>();
  const sendCalls = new Map<number, { receiver: TSESTree.Node; command: TSESTree.Node | undefined }>();
  const byOffset = new Map<number, TSESTree.Node | undefined>();
  visit(program, (node) => {
    for (const declarator of node.type === 'VariableDeclaration' && node.kind === 'const' ? node.declarations : []) {
      // A name bound twice (in two functions) is no one constant.
      if (declarator.id.type === 'Identifier' && declarator.init) consts.set(declarator.id.name, consts.has(declarator.id.name) ? null : declarator.init);
    }
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed) {
      const first = node.arguments[0];
      const sends = node.callee.property.type === 'Identifier' && node.callee.property.name === 'send';
      // `client.send(new PutObjectCommand({...}))`: the command's input; `s3.putObject({...})`: the call's.
      const input = first?.type === 'NewExpression' && sends ? first.arguments[0] : first;
      byOffset.set(node.callee.property.range[0] - 1, input);
      if (sends) sendCalls.set(node.callee.property.range[0] - 1, { receiver: node.callee.object, command: first });
    }
    // lib-storage: `new Upload({ client, params: { Bucket, Key, Body } })`.
    if (node.type === 'NewExpression') {
      const params = node.arguments[0]?.type === 'ObjectExpression' ? propertyOf(node.arguments[0], 'params') : undefined;
      byOffset.set(node.range[0], params);
    }
  });

  /** The constant start of a string expression, and whether it is the whole value. */
  const start = (node: TSESTree.Node | null | undefined, depth = 0): { text: string; whole: boolean } => {
    if (!node || depth > 8) return { text: '', whole: false };
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? { text: node.value, whole: true } : { text: '', whole: false };
      case 'Identifier':
        return start(consts.get(node.name), depth + 1);
      case 'TemplateLiteral': {
        let text = '';
        for (const [index, quasi] of node.quasis.entries()) {
          text += quasi.value.cooked ?? '';
          if (index === node.expressions.length) return { text, whole: true };
          const part = start(node.expressions[index], depth + 1);
          text += part.text;
          if (!part.whole) return { text, whole: false };
        }
        return { text, whole: true };
      }
      case 'BinaryExpression': {
        if (node.operator !== '+') return { text: '', whole: false };
        const left = start(node.left, depth + 1);
        if (!left.whole) return left;
        const right = start(node.right, depth + 1);
        return { text: left.text + right.text, whole: right.whole };
      }
      case 'TSAsExpression':
      case 'TSNonNullExpression':
        return start(node.expression, depth + 1);
      default:
        return { text: '', whole: false };
    }
  };

  /** What a `send(command)` sends, as far as the module's constants show: see `CallTarget.sent`. */
  const sentBy = (offset: number): string | false | undefined => {
    const call = sendCalls.get(offset);
    if (!call) return undefined;
    const receiver = call.receiver.type === 'Identifier' ? consts.get(call.receiver.name) : undefined;
    // A receiver the module makes as another service's client, or requires from a module other than
    // the SDK's: its `send` is no S3 request. A factory's result (`makeClient()`) may be an S3 client.
    const otherClient = receiver?.type === 'NewExpression' && receiver.callee.type === 'Identifier' && receiver.callee.name.endsWith("Client") && receiver.callee.name !== 'S3Client';
    const required = receiver?.type === 'CallExpression' && receiver.callee.type === 'Identifier' && receiver.callee.name === 'require' ? receiver.arguments[0] : undefined;
    const otherModule = required?.type === 'Literal' && typeof required.value === 'string' && !required.value.includes('aws-sdk');
    if (otherClient || otherModule) return false;
    const command = call.command?.type === 'Identifier' ? consts.get(call.command.name) : call.command;
    return command?.type === 'NewExpression' && command.callee.type === 'Identifier' && command.callee.name.endsWith('Command') ? command.callee.name.slice(0, -'Command'.length) : undefined;
  };

  return (offset) => {
    const sent = sentBy(offset);
    const target = targetOf(offset);
    return sent === undefined ? target : { ...target, sent };
  };

  function targetOf(offset: number): CallTarget {
    let input = byOffset.get(offset);
    // `const command = new GetObjectCommand({...}); client.send(command)`: the command's input.
    const sentCommand = sendCalls.get(offset)?.command;
    if (sentCommand?.type === 'Identifier') {
      const made = consts.get(sentCommand.name);
      if (made?.type === 'NewExpression') input = made.arguments[0];
    }
    // `const params = { Bucket, Key, ACL }; s3.putObject(params)`.
    if (input?.type === 'Identifier') input = consts.get(input.name) ?? input;
    if (!input) return UNKNOWN_TARGET;
    if (input.type !== 'ObjectExpression') return { ...UNKNOWN_TARGET, parameters: [ANY_PARAMETER] };
    const bucket = start(propertyOf(input, 'Bucket'));
    const parameters = input.properties.flatMap((p) =>
      p.type !== 'Property' ? [ANY_PARAMETER] : !p.computed && p.key.type === 'Identifier' ? [p.key.name] : p.key.type === 'Literal' ? [String(p.key.value)] : [ANY_PARAMETER],
    );
    return { bucket: bucket.whole && bucket.text !== '' ? bucket.text : null, key: keyShown(start(propertyOf(input, 'Key'))), parameters };
  }
}

function keyShown(value: { text: string; whole: boolean }): KeyShown {
  if (value.whole) return { kind: 'exact', keys: [value.text] };
  return value.text === '' ? { kind: 'unknown' } : { kind: 'prefix', prefix: value.text };
}

/** The value of a plain `name: value` property of an object literal (not computed, no spread before it matters). */
function propertyOf(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : null;
    if (key === name) return property.value;
  }
  return undefined;
}

function visit(node: TSESTree.Node, callback: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    callback(current);
    const isNode = (value: unknown): value is TSESTree.Node => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
    for (const [field, value] of Object.entries(current) as [string, unknown][]) {
      if (field === 'parent') continue;
      if (Array.isArray(value)) stack.push(...(value as unknown[]).filter(isNode));
      else if (isNode(value)) stack.push(value);
    }
  }
}

/**
 * Where boto3's managed transfers take the bucket and key positionally (boto3 `S3Transfer` injected
 * methods: `upload_file(Filename, Bucket, Key)`, `download_file(Bucket, Key, Filename)`).
 */
const POSITIONS: Readonly<Record<string, readonly [number, number]>> = {
  upload_file: [1, 2],
  upload_fileobj: [1, 2],
  download_file: [0, 1],
  download_fileobj: [0, 1],
};

/** A Python module's boto3 client calls, by the offset of the `.` before the method. */
export async function pythonTargets(source: string): Promise<(offset: number, method: string) => CallTarget> {
  const parsed = await parsePython(source).catch(() => null);
  if (!parsed?.ok) return () => UNKNOWN_TARGET;
  const module = new PythonModule(parsed.root);
  const evaluator = new PythonEvaluator(module);
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const calls = new Map<number, PyNode>();
  for (const node of descendants(parsed.root)) {
    const callee = node.type === 'call' ? child(node, 'function') : null;
    const attribute = callee?.type === 'attribute' ? child(callee, 'attribute') : null;
    if (attribute) calls.set(lineStarts[attribute.start.row]! + attribute.start.column - 1, node);
  }
  const start = (node: PyNode | undefined): { text: string; whole: boolean } => {
    if (!node) return { text: '', whole: false };
    const constant = evaluator.constantString(node);
    if (constant !== null) return { text: constant, whole: true };
    const prefix = pythonPrefix(node);
    return { text: prefix ?? '', whole: false };
  };
  return (offset, method) => {
    const call = calls.get(offset);
    const argumentList = call ? child(call, 'arguments') : null;
    if (!argumentList) return UNKNOWN_TARGET;
    const args = namedChildren(argumentList);
    const keyword = (name: string) => {
      const found = args.find((a) => a.type === 'keyword_argument' && child(a, 'name')?.text === name);
      return found ? (child(found, 'value') ?? undefined) : undefined;
    };
    const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
    const [bucketAt, keyAt] = POSITIONS[method] ?? [-1, -1];
    const bucket = start(keyword('Bucket') ?? positional[bucketAt]);
    const parameters = args.flatMap((a) => (a.type === 'keyword_argument' ? [child(a, 'name')?.text ?? ''] : a.type === 'dictionary_splat' ? [ANY_PARAMETER] : []));
    // The managed transfers take request parameters in `ExtraArgs={'ACL': 'public-read'}`.
    const extra = keyword('ExtraArgs');
    if (extra?.type === 'dictionary') for (const pair of namedChildren(extra)) parameters.push(pair.type === 'pair' ? (evaluator.constantString(child(pair, 'key')!) ?? ANY_PARAMETER) : ANY_PARAMETER);
    else if (extra) parameters.push(ANY_PARAMETER);
    return { bucket: bucket.whole && bucket.text !== '' ? bucket.text : null, key: keyShown(start(keyword('Key') ?? positional[keyAt])), parameters: parameters.filter(Boolean) };
  };
}

/** The constant start of a Python key expression: `f"incoming/{name}"`, `"incoming/" + name`. */
export function pythonPrefix(node: PyNode): string | null {
  if (node.type === 'string') {
    const first = namedChildren(node).find((c) => c.type === 'string_content' || c.type === 'interpolation');
    return first?.type === 'string_content' ? first.text : null;
  }
  if (node.type === 'binary_operator' && child(node, 'operator')?.text === '+') {
    const left = child(node, 'left');
    return left ? pythonPrefix(left) : null;
  }
  if (node.type === 'concatenated_string') return namedChildren(node)[0] ? pythonPrefix(namedChildren(node)[0]!) : null;
  return null;
}

/**
 * The source with its comments blanked (newlines kept, so offsets and lines stay), for the search by
 * name: a call commented out (`# s3.upload_fileobj(...)`, `// await s3.deleteObject(...)`) is none.
 * Strings are skipped whole (a `#` or `//` inside one starts no comment); a JS template literal's
 * `${...}` is read as part of the string, which only keeps a comment inside it.
 */
export function withoutComments(source: string, python: boolean): string {
  const out = source.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (python && ch === '#') {
      const end = source.indexOf('\n', i);
      blank(i, end === -1 ? source.length : end);
      i = end === -1 ? source.length : end;
    } else if (!python && ch === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      blank(i, end === -1 ? source.length : end);
      i = end === -1 ? source.length : end;
    } else if (!python && ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      blank(i, end === -1 ? source.length : end + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      // Python's triple quotes end at the same three.
      const quote = python && source.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      let j = i + quote.length;
      while (j < source.length && !source.startsWith(quote, j)) {
        if (source[j] === '\\') j++;
        else if (quote.length === 1 && ch !== '`' && source[j] === '\n') break;
        j++;
      }
      i = j + quote.length;
    } else i++;
  }
  return out.join('');
}
