/**
 * Finds, in one module, every reference to the SDK exports that matter for pre-signing, in every
 * import style (named, aliased, namespace, default, `require`, destructured `require`), with
 * eslint-utils' ReferenceTracker and one trace map per SDK (the eslint-plugin-n pattern).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { ReferenceTracker } from '@typescript-eslint/utils/ast-utils';
import type { ApiId } from '../presign/apis.js';
import { KNOWN_OPERATIONS } from '../presign/commands.js';
import {
  V2_CREDENTIAL_CLASSES,
  V3_CREDENTIAL_PACKAGES,
  V3_CREDENTIAL_PROVIDERS,
  VERCEL_OIDC_PACKAGES,
  VERCEL_OIDC_PROVIDERS,
  type CredentialSourceKind,
} from '../presign/credentials.js';
import { walk, type Context, type Node, type Scope, type Variable } from './ast.js';

/** What a tracked `new X()` or `x()` is. */
export type Tracked =
  | { readonly kind: 'v3-client' }
  | { readonly kind: 'v3-command'; readonly operation: string }
  | { readonly kind: 'v3-presigner' }
  | { readonly kind: 'signature-v4' }
  | { readonly kind: 'http-request' }
  | { readonly kind: 'v2-s3' }
  | { readonly kind: 'v2-credentials'; readonly source: CredentialSourceKind; readonly className: string }
  | { readonly kind: 'v2-config-update' }
  | { readonly kind: 'minio-client' }
  | { readonly kind: 'minio-post-policy' }
  | { readonly kind: 'gcs-storage' }
  | { readonly kind: 'aws4fetch-client' }
  | { readonly kind: 'credential-provider'; readonly source: CredentialSourceKind }
  | { readonly kind: 'presign-function'; readonly api: ApiId };

export interface ModuleReferences {
  /** `new X(...)` nodes of tracked classes. */
  readonly constructs: ReadonlyMap<Node, Tracked>;
  /** Call nodes of tracked functions. */
  readonly calls: ReadonlyMap<Node, Tracked>;
  /**
   * Values assigned to the v2 global `AWS.config.credentials`, or given to `AWS.config.update`, by
   * setting name, each write in source order (`at` is where it is written).
   */
  readonly v2GlobalSettings: ReadonlyMap<string, readonly { readonly value: Node; readonly at: Node }[]>;
}

const { CALL, CONSTRUCT, READ } = ReferenceTracker;
/** eslint-utils' trace map: nested objects whose leaves carry READ / CALL / CONSTRUCT info. */
interface TraceMap {
  [key: string]: TraceMap;
}

const SDK_V3_CLIENT = '@aws-sdk/client-s3';

function construct(info: Tracked): TraceMap[string] {
  return { [CONSTRUCT]: info };
}
function call(info: Tracked): TraceMap[string] {
  return { [CALL]: info };
}

/** Command class names: the catalogue's, plus any `*Command` the module imports by name. */
function commandNames(program: TSESTree.Program): Set<string> {
  const names = new Set(KNOWN_OPERATIONS.map((op) => `${op}Command`));
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== SDK_V3_CLIENT) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ImportSpecifier') continue;
      const name = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
      if (name.endsWith('Command')) names.add(name);
    }
  }
  return names;
}

function buildTraceMap(program: TSESTree.Program): TraceMap {
  const v3Client: TraceMap[string] = {
    S3Client: construct({ kind: 'v3-client' }),
    S3: construct({ kind: 'v3-client' }),
  };
  for (const name of commandNames(program)) {
    v3Client[name] = construct({ kind: 'v3-command', operation: name.slice(0, -'Command'.length) });
  }

  const v2Credentials: TraceMap[string] = {};
  for (const [name, source] of Object.entries(V2_CREDENTIAL_CLASSES)) {
    v2Credentials[name] = construct({ kind: 'v2-credentials', source, className: name });
  }
  const v2Config = {
    credentials: { [READ]: { kind: 'v2-config-update' } },
    signatureVersion: { [READ]: { kind: 'v2-config-update' } },
    region: { [READ]: { kind: 'v2-config-update' } },
    update: call({ kind: 'v2-config-update' }),
  } as unknown as TraceMap[string];
  const v2 = { S3: construct({ kind: 'v2-s3' }), config: v2Config, ...v2Credentials };

  const providers: TraceMap[string] = {};
  for (const [name, source] of Object.entries(V3_CREDENTIAL_PROVIDERS)) {
    providers[name] = call({ kind: 'credential-provider', source });
  }

  const map: TraceMap = {
    [SDK_V3_CLIENT]: v3Client,
    '@aws-sdk/s3-request-presigner': {
      getSignedUrl: call({ kind: 'presign-function', api: 'v3.getSignedUrl' }),
      S3RequestPresigner: construct({ kind: 'v3-presigner' }),
    },
    '@aws-sdk/s3-presigned-post': {
      createPresignedPost: call({ kind: 'presign-function', api: 'v3.createPresignedPost' }),
    },
    '@smithy/signature-v4': { SignatureV4: construct({ kind: 'signature-v4' }) },
    '@aws-sdk/signature-v4': { SignatureV4: construct({ kind: 'signature-v4' }) },
    '@smithy/protocol-http': { HttpRequest: construct({ kind: 'http-request' }) },
    '@aws-sdk/protocol-http': { HttpRequest: construct({ kind: 'http-request' }) },
    'aws-sdk': v2,
    'aws-sdk/global': { config: v2Config, ...v2Credentials },
    'aws-sdk/clients/s3': construct({ kind: 'v2-s3' }),
    minio: {
      Client: construct({ kind: 'minio-client' }),
      PostPolicy: construct({ kind: 'minio-post-policy' }),
    },
    '@google-cloud/storage': { Storage: construct({ kind: 'gcs-storage' }) },
    aws4: { sign: call({ kind: 'presign-function', api: 'aws4.sign' }) },
    aws4fetch: { AwsClient: construct({ kind: 'aws4fetch-client' }) },
  };
  for (const pkg of V3_CREDENTIAL_PACKAGES) map[pkg] = providers;
  const vercel: TraceMap[string] = {};
  for (const [name, source] of Object.entries(VERCEL_OIDC_PROVIDERS)) vercel[name] = call({ kind: 'credential-provider', source });
  for (const pkg of VERCEL_OIDC_PACKAGES) map[pkg] = vercel;
  return map;
}

export function findModuleReferences(context: Context): ModuleReferences {
  const program = context.sourceCode.ast;
  const traceMap = buildTraceMap(program);
  const { scope, importEquals } = withImportEqualsAsGlobals(context, withRequireGlobal(context.sourceCode.getScope(program)), traceMap);
  const tracker = new ReferenceTracker(scope, { mode: 'legacy' });
  const constructs = new Map<Node, Tracked>();
  const calls = new Map<Node, Tracked>();
  const v2GlobalSettings = new Map<string, { value: Node; at: Node }[]>();

  const references = [
    ...tracker.iterateEsmReferences<Tracked>(traceMap),
    ...tracker.iterateCjsReferences<Tracked>(traceMap),
    ...tracker.iterateGlobalReferences<Tracked>(importEquals),
  ];
  for (const { node, type, info, path } of references) {
    if (type === CONSTRUCT) constructs.set(node, info);
    else if (type === CALL) {
      if (info.kind === 'v2-config-update') collectV2ConfigUpdate(node as TSESTree.CallExpression, v2GlobalSettings);
      else calls.set(node, info);
    } else if (type === READ && info.kind === 'v2-config-update') {
      // `AWS.config.credentials = new AWS.EC2MetadataCredentials()`
      const parent = node.parent;
      if (parent?.type === 'AssignmentExpression' && parent.left === node && parent.operator === '=') {
        addSetting(v2GlobalSettings, path[path.length - 1]!, parent.right, parent);
      }
    }
  }
  return { constructs, calls, v2GlobalSettings };
}

/**
 * ReferenceTracker finds `require(...)` only through a declared global `require`, which a flat
 * config declares only for CommonJS files or with Node globals. An undeclared `require` is
 * still Node's: expose its unresolved references as that global, on a view of the scope.
 */
function withRequireGlobal(globalScope: Scope): Scope {
  if (globalScope.set.has('require')) return globalScope;
  const references = globalScope.through.filter((r) => r.identifier.name === 'require');
  if (references.length === 0) return globalScope;
  const set = new Map<string, Variable>(globalScope.set as Map<string, Variable>);
  set.set('require', { name: 'require', defs: [], references, identifiers: [], scope: globalScope } as unknown as Variable);
  return Object.create(globalScope, { set: { value: set } }) as Scope;
}

/**
 * TypeScript's `import AWS = require('aws-sdk')` and dynamic imports (`const m = await
 * import('@aws-sdk/s3-request-presigner')`, `const { getSignedUrl } = await import(...)`) are
 * imports ReferenceTracker does not know. Each such binding is exposed as a global of a name no
 * code can spell, on a view of the scope, and traced like the module (or the export) it names.
 */
function withImportEqualsAsGlobals(context: Context, scope: Scope, traceMap: TraceMap): { scope: Scope; importEquals: TraceMap } {
  const importEquals: TraceMap = {};
  const set = new Map<string, Variable>(scope.set as Map<string, Variable>);
  const expose = (variable: Variable | undefined, trace: TraceMap[string] | undefined): void => {
    if (!variable || !trace) return;
    const name = `\0import=${variable.name}@${variable.identifiers[0]?.range[0] ?? 0}`;
    // Only reads: ReferenceTracker skips a global that is ever written.
    const references = variable.references.filter((r) => r.isRead());
    set.set(name, { name, defs: [], references, identifiers: [], scope } as unknown as Variable);
    importEquals[name] = trace;
  };
  for (const statement of context.sourceCode.ast.body) {
    if (statement.type !== 'TSImportEqualsDeclaration' || statement.moduleReference.type !== 'TSExternalModuleReference') continue;
    const source = statement.moduleReference.expression;
    const moduleId = source.type === 'Literal' && typeof source.value === 'string' ? source.value : null;
    if (moduleId !== null) expose(context.sourceCode.getDeclaredVariables(statement)[0], traceMap[moduleId]);
  }
  if (DYNAMIC_IMPORT.test(context.sourceCode.text)) {
    walk(context.sourceCode.ast, context.sourceCode.visitorKeys, (node) => {
      if (node.type !== 'ImportExpression' || node.source.type !== 'Literal' || typeof node.source.value !== 'string') return;
      const trace = traceMap[node.source.value];
      const declarator = node.parent?.type === 'AwaitExpression' ? node.parent.parent : null;
      if (!trace || declarator?.type !== 'VariableDeclarator' || declarator.init !== node.parent) return;
      const variables = context.sourceCode.getDeclaredVariables(declarator);
      if (declarator.id.type === 'Identifier') {
        expose(variables[0], trace);
        return;
      }
      if (declarator.id.type !== 'ObjectPattern') return;
      for (const property of declarator.id.properties) {
        if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
        const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
        if (target.type !== 'Identifier') continue;
        expose(variables.find((v) => v.identifiers.includes(target)), trace[property.key.name]);
      }
    });
  }
  if (Object.keys(importEquals).length === 0) return { scope, importEquals };
  return { scope: Object.create(scope, { set: { value: set } }) as Scope, importEquals };
}

/** A module without this text has no dynamic import: the tree is not walked for one. */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

function collectV2ConfigUpdate(node: TSESTree.CallExpression, settings: Map<string, { value: Node; at: Node }[]>): void {
  const arg = node.arguments[0];
  if (arg?.type !== 'ObjectExpression') return;
  for (const prop of arg.properties) {
    if (prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier') addSetting(settings, prop.key.name, prop.value, node);
  }
}

function addSetting(settings: Map<string, { value: Node; at: Node }[]>, name: string, value: Node, at: Node): void {
  const writes = settings.get(name) ?? [];
  writes.push({ value, at });
  writes.sort((a, b) => a.at.range[0] - b.at.range[0]);
  settings.set(name, writes);
}
