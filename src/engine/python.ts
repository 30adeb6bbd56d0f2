/**
 * Python in presign-audit: each file read with tree-sitter, its boto3, minio and
 * google-cloud-storage presign sites and its django-storages settings found, and
 * every enabled site rule whose fields the Python reader fills run on them, with the rules' own
 * messages. A file that does not parse gets one located `presign-audit/parse-error`; the other files
 * are still read. A rule that throws becomes an internal-error finding at the call.
 */
import { readFile } from 'node:fs/promises';
import { inputProblem } from '../core/problems.js';
import type { LintMessage } from '../core/results.js';
import type { PresignSite } from '../presign/site.js';
import { PYTHON_FILLS, boto3Sites } from '../python/boto3-sites.js';
import { djangoSettingsSites } from '../python/django-settings.js';
import { PythonEvaluator } from '../python/evaluate.js';
import { PythonModule } from '../python/scope.js';
import { storageSites } from '../python/storage-sites.js';
import { parsePython, pythonSyntaxProblem, type PyNode, type SyntaxProblem } from '../python/syntax.js';
import { failureMessage, runRule } from '../rule/run.js';
import type { Rule } from '../rule/shape.js';
import { enabledOf, type AuditConfig, type ProgressListener } from './config.js';

/**
 * The presign methods of boto3, minio and google-cloud-storage, and the settings of django-storages'
 * S3 backend, as a file's text must mention them to hold a site.
 */
const PRESIGN_METHOD_NAME = /generate_presigned_(?:url|post)|presigned_(?:get|put)_object|get_presigned_url|presigned_post_policy|generate_signed_url|AWS_QUERYSTRING_|AWS_S3_SIGNATURE_VERSION|storages\.backends\.s3/;

export async function auditPython(files: readonly string[], config: AuditConfig, progress?: ProgressListener): Promise<Map<string, LintMessage[]>> {
  const out = new Map<string, LintMessage[]>();
  for (const [index, file] of files.entries()) {
    progress?.('reading Python', index, files.length);
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      out.set(file, [inputProblem('presign-audit/unreadable', `Cannot read the file: ${(error as Error).message}`)]);
      continue;
    }
    out.set(file, await auditPythonSource(source, config));
  }
  return out;
}

/** The messages of one Python source text. */
export async function auditPythonSource(source: string, config: AuditConfig): Promise<LintMessage[]> {
  // Most files of a code base presign nothing: they are only checked to parse.
  if (!PRESIGN_METHOD_NAME.test(source)) {
    const problem = await pythonSyntaxProblem(source);
    return problem ? [parseError(problem)] : [];
  }
  const parsed = await parsePython(source);
  if (!parsed.ok) return [parseError(parsed.problem)];
  const module = new PythonModule(parsed.root);
  const evaluator = new PythonEvaluator(module);
  const sites: PresignSite<PyNode>[] = [...boto3Sites(module, evaluator), ...storageSites(module, evaluator), ...djangoSettingsSites(module, evaluator)].sort(
    (a, b) => a.node.start.row - b.node.start.row || a.node.start.column - b.node.start.column,
  );
  const messages: LintMessage[] = [];
  for (const enabled of enabledOf(config, 'site')) {
    // A rule that reads what this reader does not fill could only be wrong here.
    if (!enabled.rule.reads.every((field) => PYTHON_FILLS.has(field))) continue;
    for (const site of sites) {
      const run = runRule<'site', PyNode>(enabled.rule as Rule<'site', unknown, string>, { site, moduleSites: sites }, enabled.options);
      for (const report of run.reports) {
        messages.push({ ruleId: enabled.ruleId, messageId: report.messageId, severity: enabled.severity, message: report.message, ...span(report.node) });
      }
      if (run.failure !== null) messages.push(inputProblem('presign-audit/internal-error', failureMessage(enabled.rule, run.failure, 'code'), span(site.node), false));
    }
  }
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}

function parseError({ message, start, end }: SyntaxProblem): LintMessage {
  return inputProblem('presign-audit/parse-error', message, { line: start.row + 1, column: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 });
}

function span({ start, end }: PyNode) {
  return { line: start.row + 1, column: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 };
}
