/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its description and help, results with
 * ruleId, level and a physicalLocation region. Paths are relative to %SRCROOT% (the working
 * directory, normally the repository root) so code scanning can place them.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../../rules/index.js';
import { CLI_DOCS_URL, REPOSITORY_URL } from '../../core/docs-url.js';
import { INPUT_PROBLEMS, WARNING_PROBLEMS, type InputProblemId } from '../../core/problems.js';
import type { Formatter } from './formatter.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { tags: string[] };
}

/** The tags by what a rule reads: code scanning filters on them. */
const TAGS = { site: ['security', 'aws', 's3'], document: ['security', 'aws', 'iam', 's3'], inventory: ['security', 'aws', 'iam', 's3'], 'site-policies': ['security', 'aws', 'iam', 's3'], 'signer-need': ['security', 'aws', 'iam', 's3'] };

/**
 * Every id a run can emit: each rule of the registry, and each input problem. GitHub rejects a
 * result whose rule is not described, so the catalogue is built from the same two tables the
 * run's messages come from, never by hand.
 */
export function ruleCatalogue(): SarifRule[] {
  const rules: SarifRule[] = RULES.map((rule) => {
    const { description, url } = rule.meta.docs;
    return {
      id: `presign/${rule.name}`,
      name: toPascalCase(rule.name),
      shortDescription: { text: description },
      fullDescription: { text: description },
      helpUri: url,
      help: { text: `${description}. See ${url}`, markdown: `${description}. [Documentation](${url})` },
      defaultConfiguration: { level: 'error' },
      properties: { tags: [...TAGS[rule.subject]] },
    };
  });
  for (const [id, description] of Object.entries(INPUT_PROBLEMS)) {
    rules.push({
      id,
      name: toPascalCase(id.slice('presign-audit/'.length)),
      shortDescription: { text: description },
      fullDescription: { text: description },
      helpUri: CLI_DOCS_URL,
      help: { text: `${description} See ${CLI_DOCS_URL}`, markdown: `${description} [presign-audit](${CLI_DOCS_URL})` },
      defaultConfiguration: { level: WARNING_PROBLEMS.has(id as InputProblemId) ? 'warning' : 'error' },
      properties: { tags: ['presign-audit'] },
    });
  }
  return rules;
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
  const sarifResults = results.flatMap((result) => {
    const artifactLocation = artifactLocationOf(result.filePath);
    return result.messages.map((m) => ({
      ruleId: m.ruleId,
      ...(index.has(m.ruleId) ? { ruleIndex: index.get(m.ruleId)! } : {}),
      level: m.severity === 2 ? 'error' : 'warning',
      message: { text: m.message },
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
