/**
 * Suppressions where findings live, in the conventions of the tools people already use:
 * - a comment in YAML, HCL and Python, on the finding's line or the line before (Checkov's
 *   `# checkov:skip=` form): `# presign-audit-ignore presign/max-expiry: reason`;
 * - a CloudFormation resource's `Metadata` (cfn-lint's `Metadata: cfn-lint: config: ignore_checks`):
 *   `Metadata: { presign-audit: { ignore: [{ rule: presign/signer-wildcard-action, reason: ... }] } }`,
 *   for findings inside that resource (also under Serverless's `resources: Resources:`);
 * - the config's `suppressions`, for JSON policies that hold no comment: by file pattern, and
 *   optionally by statement `Sid`.
 * A suppressed finding moves to `suppressedMessages` (ESLint's shape) with its justification: SARIF
 * carries it, the summary counts it, the exit code ignores it. Only `presign/` findings can be
 * suppressed; an input that could not be read is never hidden. ESLint directives in JS/TS are
 * ESLint's own, applied by the engine (src/engine/eslint-directives.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { onNeed } from '../core/on-need.js';
import { fileResult, type FileResult, type LintMessage, type Suppression } from '../core/results.js';
import { ConfigError } from './config.js';
import { loadMinimatch } from './ignores.js';

/** The YAML reader, for suppressions kept in a YAML file: a run without one never loads it. */
const loadYaml = () => readYaml().loadYaml();
const readYaml = onNeed<typeof import('../policy/read-yaml.js')>(new URL('../policy/read-yaml.js', import.meta.url));

/** One entry of the config's `suppressions`. */
export interface SuppressionEntry {
  /** A pattern relative to the config file, with ESLint's glob semantics (`**` for any folder). */
  readonly files: string;
  /** The statement's `Sid`, when only that statement's findings are accepted. */
  readonly sid?: string;
  /** `presign/<rule>` ids. */
  readonly rules: readonly string[];
  readonly reason: string;
}

export interface SuppressionSettings {
  readonly entries: readonly SuppressionEntry[];
  /** The folder `files` patterns are relative to: the config file's. */
  readonly base: string;
}

const EXAMPLE = '[{ "files": "policies/legacy/*.json", "sid": "LegacyAdmin", "rules": ["presign/signer-wildcard-action"], "reason": "retired in Q3, JIRA-123" }]';

export function readConfigSuppressions(raw: unknown, where: string): SuppressionEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`${where}: "suppressions" must be a list such as ${EXAMPLE}.`);
  return raw.map((entry: unknown, index) => {
    const fields = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : null;
    const ok =
      fields !== null &&
      typeof fields['files'] === 'string' &&
      fields['files'] !== '' &&
      (fields['sid'] === undefined || typeof fields['sid'] === 'string') &&
      Array.isArray(fields['rules']) &&
      fields['rules'].length > 0 &&
      fields['rules'].every((rule) => typeof rule === 'string' && rule.startsWith('presign/')) &&
      typeof fields['reason'] === 'string' &&
      fields['reason'].trim() !== '' &&
      Object.keys(fields).every((key) => ['files', 'sid', 'rules', 'reason'].includes(key));
    if (!ok) throw new ConfigError(`${where}: suppressions[${index}] must have "files", "rules" (presign/... ids) and a non-empty "reason", and may have "sid", as in ${EXAMPLE}.`);
    return fields as unknown as SuppressionEntry;
  });
}

/** The comment form: `# presign-audit-ignore presign/a, presign/b: why` (`//` too in HCL). */
const COMMENT = /(?:#|\/\/)\s*presign-audit-ignore\s+([^\s:,]+(?:\s*,\s*[^\s:,]+)*)\s*(?::\s*(.*?))?\s*$/;
const COMMENT_EXTENSIONS = new Set(['.py', '.yaml', '.yml', '.template', '.tf', '.hcl']);
const TEMPLATE_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template']);

/** `presign/x` and `x` name the same rule in a comment or Metadata. */
const ruleIdOf = (name: string) => (name.startsWith('presign/') ? name : `presign/${name}`);

/** The results with the findings each suppression accepts moved to `suppressedMessages`. */
export function applySuppressions(results: readonly FileResult[], settings: SuppressionSettings): FileResult[] {
  const compiled = settings.entries.length === 0 ? [] : settings.entries.map((entry) => ({ entry, matcher: new (loadMinimatch().Minimatch)(entry.files, { dot: true }) }));
  return results.map((result) => {
    if (!result.messages.some((m) => m.ruleId.startsWith('presign/'))) return result;
    const relative = path.relative(settings.base, result.filePath).split(path.sep).join('/');
    const entries = compiled.filter(({ matcher }) => matcher.match(relative)).map(({ entry }) => entry);
    const extension = path.extname(result.filePath).toLowerCase();
    // A file of a kind that holds no suppression, with no config entry for it: not read again.
    if (entries.length === 0 && !COMMENT_EXTENSIONS.has(extension) && !TEMPLATE_EXTENSIONS.has(extension)) return result;
    let text: string | null = null;
    try {
      text = readFileSync(result.filePath, 'utf8');
    } catch {
      // Read a moment ago; gone now: nothing in the file can suppress, the config still can.
    }
    const commentsApply = text !== null && COMMENT_EXTENSIONS.has(extension) && text.includes('presign-audit-ignore');
    const metadataApplies = text !== null && TEMPLATE_EXTENSIONS.has(extension) && text.includes('presign-audit');
    // Most files with findings: nothing can suppress them, and their lines are not split.
    if (entries.length === 0 && !commentsApply && !metadataApplies) return result;
    const source = text === null ? null : new SourceFile(text);
    const suppressionsOf = (message: LintMessage): Suppression[] => {
      if (!message.ruleId.startsWith('presign/')) return [];
      const found: Suppression[] = [];
      if (commentsApply && source) {
        const comment = source.commentFor(message);
        if (comment?.rules.includes(message.ruleId)) found.push({ kind: 'directive', justification: comment.reason });
      }
      if (metadataApplies && source) {
        const ignore = source.resourceIgnores().find((r) => message.line >= r.startLine && message.line <= r.endLine && r.rule === message.ruleId);
        if (ignore) found.push({ kind: 'directive', justification: ignore.reason });
      }
      for (const entry of entries) {
        if (!entry.rules.includes(message.ruleId)) continue;
        if (entry.sid !== undefined && source?.sidAt(message) !== entry.sid) continue;
        found.push({ kind: 'external', justification: entry.reason });
      }
      return found;
    };
    const kept: LintMessage[] = [];
    const suppressed = [...result.suppressedMessages];
    for (const message of result.messages) {
      const suppressions = suppressionsOf(message);
      if (suppressions.length > 0) suppressed.push({ ...message, suppressions });
      else kept.push(message);
    }
    return suppressed.length === result.suppressedMessages.length ? result : fileResult(result.filePath, kept, suppressed);
  });
}

interface ResourceIgnore {
  readonly startLine: number;
  readonly endLine: number;
  readonly rule: string;
  readonly reason: string;
}

/** One file's text, parsed only as far as a suppression needs, once. */
class SourceFile {
  private readonly lines: string[];
  private parsed: { document: Document; counter: LineCounter } | null | undefined;
  private ignores: ResourceIgnore[] | undefined;
  private statements: { sid: string; start: number; end: number }[] | undefined;

  constructor(private readonly text: string) {
    this.lines = text.split(/\r?\n/);
  }

  /** The comment on the finding's line, or alone on the line before it. */
  commentFor(message: LintMessage): { rules: string[]; reason: string } | null {
    const same = COMMENT.exec(this.lines[message.line - 1] ?? '');
    const before = this.lines[message.line - 2] ?? '';
    const previous = /^\s*(#|\/\/)/.test(before) ? COMMENT.exec(before) : null;
    const match = same ?? previous;
    if (!match) return null;
    return { rules: match[1]!.split(/\s*,\s*/).map(ruleIdOf), reason: match[2] ?? '' };
  }

  /** Every `Metadata.presign-audit.ignore` entry of a template's resources, with the resource's lines. */
  resourceIgnores(): ResourceIgnore[] {
    if (this.ignores) return this.ignores;
    this.ignores = [];
    const parsed = this.parse();
    if (!parsed) return this.ignores;
    const { document, counter } = parsed;
    const { isMap, isSeq } = loadYaml();
    for (const resourcesPath of [['Resources'], ['resources', 'Resources']]) {
      const resources = document.getIn(resourcesPath, true);
      if (!isMap(resources)) continue;
      for (const pair of resources.items) {
        const resource = pair.value as YamlNode | null;
        if (!isMap(resource) || !resource.range) continue;
        const ignore = resource.getIn(['Metadata', 'presign-audit', 'ignore'], true);
        if (!isSeq(ignore)) continue;
        const keyRange = (pair.key as YamlNode | null)?.range;
        const startLine = counter.linePos(keyRange ? keyRange[0] : resource.range[0]).line;
        const endLine = counter.linePos(Math.max(resource.range[0], resource.range[1] - 1)).line;
        for (const item of ignore.items) {
          const entry = isMap(item) ? (item.toJSON() as Record<string, unknown>) : null;
          if (!entry || typeof entry['rule'] !== 'string') continue;
          this.ignores.push({ startLine, endLine, rule: ruleIdOf(entry['rule']), reason: typeof entry['reason'] === 'string' ? entry['reason'] : '' });
        }
      }
    }
    return this.ignores;
  }

  /** The `Sid` of the innermost statement around the finding, if it has one. */
  sidAt(message: LintMessage): string | undefined {
    if (!this.statements) {
      this.statements = [];
      const parsed = this.parse();
      if (parsed) {
        const { isScalar, visit } = loadYaml();
        visit(parsed.document, {
          Map: (_, map) => {
            const sid = map.get('Sid', true);
            if (isScalar(sid) && typeof sid.value === 'string' && map.range) this.statements!.push({ sid: sid.value, start: map.range[0], end: map.range[1] });
          },
        });
      }
    }
    const counter = this.parse()?.counter;
    if (!counter) return undefined;
    const offset = (counter.lineStarts[message.line - 1] ?? 0) + message.column - 1;
    const around = this.statements.filter((s) => s.start <= offset && offset < s.end).sort((a, b) => a.end - a.start - (b.end - b.start));
    return around[0]?.sid;
  }

  /** JSON and YAML alike (JSON is YAML 1.2); CloudFormation's `!Ref` tags are left unresolved, which is enough here. */
  private parse(): { document: Document; counter: LineCounter } | null {
    if (this.parsed !== undefined) return this.parsed;
    // Loaded here, on the first suppression that needs the file's structure: most runs never do.
    const { LineCounter, parseDocument } = loadYaml();
    const counter = new LineCounter();
    const document = parseDocument(this.text, { lineCounter: counter, uniqueKeys: false, strict: false, prettyErrors: false });
    this.parsed = document.errors.length > 0 ? null : { document, counter };
    return this.parsed;
  }
}
