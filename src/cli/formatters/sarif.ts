/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its description and help, results with
 * ruleId, level and a physicalLocation region. Paths are relative to %SRCROOT% (the working
 * directory, normally the repository root) so code scanning can place them.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { policyRules } from '../../../rules/policy/index.js';
import { projectRules } from '../../../rules/project/index.js';
import type { CodeRuleCatalogue } from '../config.js';
import { REPOSITORY_URL } from '../../rule-docs.js';
import { INPUT_PROBLEMS } from '../results.js';
import type { Formatter } from './index.js';

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

function ruleCatalogue(codeRules: CodeRuleCatalogue): SarifRule[] {
  const described = [
    ...Object.entries(policyRules).map(([name, rule]) => ({ name, docs: rule.meta.docs, tags: ['security', 'aws', 'iam', 's3'] })),
    ...Object.entries(codeRules).map(([name, rule]) => ({ name, docs: { description: rule.meta.docs!.description, url: rule.meta.docs!.url! }, tags: ['security', 'aws', 's3'] })),
    ...Object.entries(projectRules).map(([name, rule]) => ({ name, docs: rule.meta.docs, tags: ['security', 'aws', 'iam', 's3'] })),
  ];
  const rules: SarifRule[] = described.map(({ name, docs, tags }) => ({
    id: `presign/${name}`,
    name: toPascalCase(name),
    shortDescription: { text: docs.description },
    fullDescription: { text: docs.description },
    helpUri: docs.url,
    help: { text: `${docs.description}. See ${docs.url}`, markdown: `${docs.description}. [Documentation](${docs.url})` },
    defaultConfiguration: { level: 'error' },
    properties: { tags },
  }));
  for (const [id, description] of Object.entries(INPUT_PROBLEMS)) {
    const helpUri = `${REPOSITORY_URL}/blob/main/docs/cli.md`;
    rules.push({
      id,
      name: toPascalCase(id.slice('presign-audit/'.length)),
      shortDescription: { text: description },
      fullDescription: { text: description },
      helpUri,
      help: { text: `${description} See ${helpUri}`, markdown: `${description} [presign-audit](${helpUri})` },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['presign-audit'] },
    });
  }
  return rules;
}

export const formatSarif: Formatter = (results, meta) => {
  const rules = ruleCatalogue(meta.codeRules ?? {});
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
