/**
 * SARIF 2.1.0 for GitHub code scanning: a catalogue of every id a run can emit (each rule with its
 * doc page's "What it reports" and "Why" as `help`, its default level and `security-severity`; each
 * input problem), results with ruleId, level, a physicalLocation region and GitHub's
 * `primaryLocationLineHash`, so alerts keep their identity across runs and line moves. Paths are
 * relative to %SRCROOT% (the working directory, normally the repository root) so code scanning can
 * place them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RULES } from '../../../rules/index.js';
import { CLI_DOCS_URL, REPOSITORY_URL, docsUrl } from '../../core/docs-url.js';
import { INPUT_PROBLEMS, WARNING_PROBLEMS, type InputProblemId } from '../../core/problems.js';
import type { FileResult, LintMessage, Suppression } from '../../core/results.js';
import type { Formatter } from './formatter.js';
import { lineHashes } from './line-hash.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { tags: string[]; 'security-severity'?: string };
}

/** The tags by what a rule reads: code scanning filters on them, and reads `security-severity` only with `security`. */
const TAGS = { site: ['security', 'aws', 's3'], document: ['security', 'aws', 'iam', 's3'], signers: ['security', 'aws', 'iam', 's3'], inventory: ['security', 'aws', 'iam', 's3'], 'site-policies': ['security', 'aws', 'iam', 's3'], 'signer-need': ['security', 'aws', 'iam', 's3'] };

/** The package's folder, found from this module (dist/src/... once built, src/... under the tests): the doc pages ship with it. */
function packageRoot(): string | null {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'docs/rules'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** The sections of a rule's doc page that explain a finding, with the page's relative links made absolute. */
function ruleHelp(name: string, root: string | null): string | null {
  let page: string;
  try {
    page = readFileSync(path.join(root ?? '', 'docs/rules', `${name}.md`), 'utf8');
  } catch {
    return null;
  }
  const section = (title: string) => new RegExp(`\\n## ${title}\\n([\\s\\S]*?)(?=\\n## |$)`).exec(page)?.[1]?.trim() ?? '';
  const pageUrl = docsUrl(name);
  const absolute = (text: string) => text.replace(/\]\((?!https?:|#)([^)\s]+)\)/g, (_, target: string) => `](${new URL(target, pageUrl).href})`);
  const parts = [['What it reports', section('What it reports')], ['Why', section('Why')]].filter(([, body]) => body !== '');
  return parts.length === 0 ? null : absolute(parts.map(([title, body]) => `## ${title}\n\n${body}`).join('\n\n'));
}

/** The first paragraph of markdown, as plain text. */
function firstParagraph(markdown: string): string {
  const body = markdown.replace(/^## .*\n\n/, '').split(/\n\n/)[0] ?? '';
  return body.replace(/\s*\n\s*/g, ' ').replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/**
 * Every id a run can emit: each rule of the registry, and each input problem. GitHub rejects a
 * result whose rule is not described, so the catalogue is built from the same two tables the
 * run's messages come from, never by hand.
 */
export function ruleCatalogue(): SarifRule[] {
  const root = packageRoot();
  const rules: SarifRule[] = RULES.map((rule) => {
    const { description, url } = rule.meta.docs;
    const help = ruleHelp(rule.name, root);
    return {
      id: `presign/${rule.name}`,
      name: toPascalCase(rule.name),
      shortDescription: { text: description },
      fullDescription: { text: help ? `${description}. ${firstParagraph(help)}` : `${description}.` },
      helpUri: url,
      help: { text: `${help ?? description}\n\nSee ${url}`, markdown: `${help ?? `${description}.`}\n\n[Documentation](${url})` },
      defaultConfiguration: { level: rule.meta.severity === 'warn' ? 'warning' : 'error' },
      properties: { tags: [...TAGS[rule.subject]], 'security-severity': rule.meta.securitySeverity.toFixed(1) },
    };
  });
  for (const [id, description] of Object.entries(INPUT_PROBLEMS)) {
    const anchor = `${CLI_DOCS_URL}#input-problems`;
    rules.push({
      id,
      name: toPascalCase(id.slice('presign-audit/'.length)),
      shortDescription: { text: description },
      fullDescription: { text: description },
      helpUri: anchor,
      help: { text: `${description} See ${anchor}`, markdown: `${description} [Input problems](${anchor})` },
      defaultConfiguration: { level: WARNING_PROBLEMS.has(id as InputProblemId) ? 'warning' : 'error' },
      properties: { tags: ['presign-audit'] },
    });
  }
  return rules;
}

/** GitHub's line hash of each result's line, by file: read once per file that has results; none for a file that cannot be read any more. */
function fingerprintsOf(results: readonly FileResult[]): Map<string, Map<number, string>> {
  const byFile = new Map<string, Map<number, string>>();
  for (const result of results) {
    if (result.messages.length === 0 && result.suppressedMessages.length === 0) continue;
    try {
      byFile.set(result.filePath, lineHashes(readFileSync(result.filePath, 'utf8')));
    } catch {
      // Unreadable input is itself a result (presign-audit/unreadable); it has no line to hash.
    }
  }
  return byFile;
}

export const formatSarif: Formatter = (results, meta) => {
  const rules = ruleCatalogue();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const srcRoot = pathToFileURL(meta.cwd.endsWith(path.sep) ? meta.cwd : meta.cwd + path.sep).href;
  const artifactLocationOf = (filePath: string) => {
    const relative = path.relative(meta.cwd, filePath);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    return inside ? { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(filePath).href };
  };
  const hashes = fingerprintsOf(results);
  const sarifResults = results.flatMap((result) => {
    const artifactLocation = artifactLocationOf(result.filePath);
    // Suppressed findings stay in the log, marked, as SARIF 2.1.0 §3.27.23 and code scanning expect.
    const messages: (LintMessage & { suppressions?: readonly Suppression[] })[] = [...result.messages, ...result.suppressedMessages];
    const lineHash = hashes.get(result.filePath);
    return messages.map((m) => ({
      ruleId: m.ruleId,
      ...(index.has(m.ruleId) ? { ruleIndex: index.get(m.ruleId)! } : {}),
      level: m.severity === 2 ? 'error' : 'warning',
      message: { text: m.message },
      ...(lineHash?.has(m.line) ? { partialFingerprints: { primaryLocationLineHash: lineHash.get(m.line)! } } : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: {
              startLine: m.line,
              startColumn: m.column,
              ...(m.endLine !== undefined ? { endLine: m.endLine } : {}),
              ...(m.endColumn !== undefined ? { endColumn: m.endColumn } : {}),
            },
          },
        },
      ],
      ...(m.suppressions
        ? { suppressions: m.suppressions.map((x) => ({ kind: x.kind === 'directive' ? 'inSource' : 'external', status: 'accepted', ...(x.justification ? { justification: x.justification } : {}) })) }
        : {}),
      // A finding at a wrapper's call site: the way from the call site to the SDK call.
      ...(m.chain
        ? {
            relatedLocations: m.chain.map((link, id) => ({
              id,
              message: { text: link.label },
              physicalLocation: { artifactLocation: artifactLocationOf(link.file), region: { startLine: link.line, startColumn: link.column } },
            })),
          }
        : {}),
    }));
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'presign-audit', version: meta.version, semanticVersion: meta.version, informationUri: REPOSITORY_URL, rules } },
        // A shard's run has its own category, so that code scanning keeps the shards' uploads side by side.
        ...(meta.shard ? { automationDetails: { id: `presign-audit/shard-${meta.shard.index}-of-${meta.shard.count}/` } } : {}),
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};

function toPascalCase(id: string): string {
  return id.replace(/(^|[-/])([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());
}
