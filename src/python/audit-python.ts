/**
 * presign-audit's Python mode: reads each file with tree-sitter, finds its boto3 presign sites and
 * runs the very check functions the ESLint rules run on them (rules/code/*.ts), with the rules'
 * own messages. A file that does not parse gets one located `presign-audit/parse-error`; the
 * other files are still read.
 */
import { readFile } from 'node:fs/promises';
import { checkUploadConstraints, type UploadConstraintsOptions } from '../../rules/code/enforce-upload-constraints.js';
import { checkExplicitExpiry, type ExplicitExpiryOptions } from '../../rules/code/explicit-expiry.js';
import { checkExplicitMethod } from '../../rules/code/explicit-method.js';
import { checkMaxExpiry, type MaxExpiryOptions } from '../../rules/code/max-expiry.js';
import { checkMethodMismatch } from '../../rules/code/method-mismatch.js';
import { checkNoSigV2 } from '../../rules/code/no-sigv2.js';
import { checkNoUrlLogging, type UrlLoggingOptions } from '../../rules/code/no-url-logging.js';
import { checkTemporaryCredentialsExpiry, type TemporaryCredentialsOptions } from '../../rules/code/temporary-credentials-expiry.js';
import type { Finding } from '../presign/site.js';
import type { CodeMessage, RuleSetting } from '../project/audit-code.js';
import { codeRuleMessage, isCodeRule, ruleOptions, type CodeRuleName } from '../project/messages.js';
import { boto3Sites, type PySite } from './boto3-sites.js';
import { PythonEvaluator } from './evaluate.js';
import { PythonModule } from './scope.js';
import { parsePython, pythonSyntaxProblem, type PyNode, type SyntaxProblem } from './syntax.js';

export { PYTHON_EXTENSIONS } from '../project/code-files.js';

/** The boto3 presign methods, as a file's text must mention them to hold a site. */
const PRESIGN_METHOD_NAME = /generate_presigned_(?:url|post)/;

/** One rule over the sites of a module: the rule's check with the user's options. */
type PythonCheck = (site: PySite, options: never, sites: readonly PySite[], module: PythonModule) => readonly Finding<PyNode>[];

/** The code rules that apply to boto3 sites; the others read facts only JavaScript SDKs have. */
export const PYTHON_CHECKS: Readonly<Partial<Record<CodeRuleName, PythonCheck>>> = {
  'max-expiry': (site, options: MaxExpiryOptions) => checkMaxExpiry(site, options),
  'explicit-expiry': (site, options: ExplicitExpiryOptions) => checkExplicitExpiry(site, options),
  'explicit-method': (site) => checkExplicitMethod(site),
  'temporary-credentials-expiry': (site, options: TemporaryCredentialsOptions) => checkTemporaryCredentialsExpiry(site, options),
  'no-sigv2': (site, _options, sites) => checkNoSigV2(site, sites),
  'enforce-upload-constraints': (site, options: UploadConstraintsOptions) => checkUploadConstraints(site, options),
  'no-url-logging': (site, options: UrlLoggingOptions) => checkNoUrlLogging(site, options),
  'method-mismatch': (site) => checkMethodMismatch(site),
};

export async function auditPython(files: readonly string[], rules: ReadonlyMap<string, RuleSetting>): Promise<Map<string, CodeMessage[]>> {
  const out = new Map<string, CodeMessage[]>();
  for (const file of files) {
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      out.set(file, [{ ruleId: 'presign-audit/read-error', severity: 2, message: `Cannot read the file: ${(error as Error).message}`, line: 1, column: 1, fatal: true }]);
      continue;
    }
    out.set(file, await auditPythonSource(source, rules));
  }
  return out;
}

/** The messages of one Python source text. */
export async function auditPythonSource(source: string, rules: ReadonlyMap<string, RuleSetting>): Promise<CodeMessage[]> {
  // Most files of a code base presign nothing: they are only checked to parse.
  if (!PRESIGN_METHOD_NAME.test(source)) {
    const problem = await pythonSyntaxProblem(source);
    return problem ? [parseError(problem)] : [];
  }
  const parsed = await parsePython(source);
  if (!parsed.ok) return [parseError(parsed.problem)];
  const module = new PythonModule(parsed.root);
  const sites = boto3Sites(module, new PythonEvaluator(module));
  const messages: CodeMessage[] = [];
  for (const [name, setting] of rules) {
    const check = isCodeRule(name) ? PYTHON_CHECKS[name] : undefined;
    if (!check || !isCodeRule(name)) continue;
    const options = ruleOptions<never>(name, setting.options);
    for (const site of sites) {
      for (const finding of check(site, options, sites, module)) messages.push(toMessage(name, setting, finding));
    }
  }
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}

function parseError({ message, start, end }: SyntaxProblem): CodeMessage {
  return { ruleId: 'presign-audit/parse-error', severity: 2, message, line: start.row + 1, column: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1, fatal: true };
}

function toMessage(name: CodeRuleName, setting: RuleSetting, finding: Finding<PyNode>): CodeMessage {
  const { start, end } = finding.node;
  return {
    ruleId: `presign/${name}`,
    messageId: finding.messageId,
    severity: setting.severity,
    message: codeRuleMessage(name, finding.messageId, finding.data),
    line: start.row + 1,
    column: start.column + 1,
    endLine: end.row + 1,
    endColumn: end.column + 1,
  };
}
