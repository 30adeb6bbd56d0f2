/**
 * presign-audit's command line: `execute(argv, io)` parses the arguments, reads the config, hands
 * the files to the engine (src/engine/audit.ts), formats the results and resolves to the exit code,
 * against injectable streams and working directory:
 * 0 nothing at error level, 1 findings (or too many warnings), 2 usage errors or unreadable input
 * (the other inputs are still analysed and reported).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileResult } from '../core/results.js';
import { VERSION } from '../core/version.js';
import { audit } from '../engine/audit.js';
import { configuredKindOf, type AuditConfig } from '../engine/config.js';
import { isCodeFile, isPythonFile } from '../engine/files.js';
import type { Shard } from '../engine/shard.js';
import { ConfigError, readConfigFile, resolveConfig } from './config.js';
import { discoverFiles } from './discover.js';
import { FORMATTERS } from './formatters/index.js';
import { readConfigIgnores, type PatternSet } from './ignores.js';
import { applySuppressions, readConfigSuppressions, type SuppressionSettings } from './suppressions.js';
import { descriptorWriter, isTerminal } from './output.js';
import { colorFromEnvironment, summaryLine, terminalProgress } from './terminal.js';

export type ExitCode = 0 | 1 | 2;

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour the stylish output (a terminal, or FORCE_COLOR); --color and --no-color override it. */
  readonly color: boolean;
  /** Whether stderr is a terminal: only then is a progress line drawn. */
  readonly stderrIsTTY?: boolean;
  /** File discovery; tests wrap it to change the file system between listing and reading. */
  readonly discover?: typeof discoverFiles;
}

const HELP = `Usage: presign-audit [options] [files, directories or globs...]

Audits pre-signed URL risks in code and policies, in one run:
  - JS/TS code (*.ts, *.tsx, *.js, *.mjs, *.cjs ...), read as one program from the nearest
    tsconfig.json or jsconfig.json, so constants, clients and wrappers are followed across modules;
  - IAM identity and trust, S3 bucket and access point, KMS key, VPC endpoint, SCP, RCP and other
    resource policies (JSON, or AWS CLI output of get-bucket-policy, get-access-point-policy,
    get-key-policy, get-role-policy, get-user-policy, get-group-policy, get-policy-version,
    get-role, describe-policy, lambda get-policy, get-queue-attributes, get-topic-attributes,
    get-resource-policy), each checked as its kind (presign-audit.config.json: documentKinds);
  - CloudFormation, SAM and CDK templates (*.json, *.yaml, *.yml, *.template), Terraform plans
    (terraform show -json) and aws iam get-account-authorization-details output, joined in one
    inventory so signer roles, bucket policies and KMS keys are checked together.
With no paths, audits the working directory. Directory walks skip .git, node_modules, what
.gitignore files ignore, package.json, tsconfig*.json and editor settings.

Options:
  -f, --format <name>      stylish (default), json, sarif or github (Actions annotations)
  -o, --output-file <path> write the report to a file instead of standard output
      --max-warnings <n>   exit 1 when there are more than n warnings
      --quiet              report errors only
  -c, --config <path>      config file (default: ./presign-audit.config.json when present)
      --shard <i/n>        audit the i-th of n parts of the files (CI matrices): JS/TS by project,
                           other files one by one; every shard reads all policies for the joins,
                           and the n shards' findings together are one run's
      --ignore-pattern <p> skip files and directories matching p (ESLint's glob syntax, relative
                           to the working directory; repeatable)
      --no-gitignore       walk directories without honouring .gitignore files
      --no-error-on-unmatched-pattern
                           an argument that matches no file is not an error
      --skip-unknown-format
                           skip JSON and YAML files that are no policy, template, plan or dump
                           even when named (a note, not an error): for pre-commit and lint-staged
      --baseline <file>    accept the findings listed in file; write it when it does not exist
      --update-baseline    write the baseline again from this run's findings
      --color, --no-color  force colour on or off (default: on a terminal; NO_COLOR, FORCE_COLOR)
      --list-rules         list the rules with their level in the config, and exit
      --print-config <file>
                           print the effective config for file, and exit
      --signers-report     instead of findings, print what a URL each signer role signs can do on
                           each bucket it reaches (allow, deny, or depends on a condition key)
      --signers-report-html <file>
                           write that report as one self-contained HTML page (no scripts, no network)
      --least-privilege    instead of findings, print the S3 and KMS policy each signer role needs for
                           what its code signs and sends, each statement traced to the code
                           (--format json (default), cloudformation or terraform)
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error or unreadable input.
`;

const defaultIo = (): CliIo => ({
  cwd: process.cwd(),
  stdout: descriptorWriter(1),
  stderr: descriptorWriter(2),
  color: colorFromEnvironment(process.env, isTerminal(1)),
  stderrIsTTY: isTerminal(2),
});

export async function execute(argv: readonly string[], io: CliIo = defaultIo()): Promise<ExitCode> {
  let args: ReturnType<typeof parseCommandLine>;
  try {
    args = parseCommandLine(argv);
  } catch (error) {
    io.stderr(`presign-audit: ${(error as Error).message}\nRun presign-audit --help for usage.\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }

  if (values['least-privilege']) return leastPrivilege(values, positionals, io);
  const format = values.format ?? 'stylish';
  const loadFormatter = FORMATTERS[format];
  if (!loadFormatter) return usageError(io, `unknown format "${format}"; use ${Object.keys(FORMATTERS).join(', ')}.`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) return usageError(io, `--max-warnings takes a whole number, not "${values['max-warnings']}".`);
    maxWarnings = Number(values['max-warnings']);
  }

  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    const { parseShard } = await import('../engine/shard.js');
    const parsed = parseShard(values.shard);
    if ('problem' in parsed) return usageError(io, parsed.problem);
    shard = parsed;
  }
  if (values['update-baseline'] && values.baseline === undefined) return usageError(io, '--update-baseline needs --baseline <file>.');
  const color = values['no-color'] ? false : values.color ? true : io.color;

  let config: AuditConfig;
  let ignores: PatternSet[];
  let suppressions: SuppressionSettings;
  try {
    const configFile = readConfigFile(io.cwd, values.config);
    config = resolveConfig(configFile.raw, configFile.source);
    const where = configFile.source ?? 'config';
    const raw = configFile.raw as Record<string, unknown>;
    const base = configFile.source ? path.dirname(configFile.source) : io.cwd;
    // As ESLint: the config's ignores are relative to the config file, --ignore-pattern to the working directory.
    ignores = [
      { base, patterns: readConfigIgnores(raw['ignores'], where) },
      { base: io.cwd, patterns: values['ignore-pattern'] ?? [] },
    ];
    suppressions = { base, entries: readConfigSuppressions(raw['suppressions'], where) };
  } catch (error) {
    if (error instanceof ConfigError) return usageError(io, error.message);
    throw error;
  }
  const gitignore = !values['no-gitignore'];

  if (values['list-rules']) {
    const { listRules } = await import('./inspect.js');
    io.stdout(listRules(config));
    return 0;
  }
  if (values['print-config'] !== undefined) {
    const { printConfig } = await import('./inspect.js');
    const baseline = values.baseline === undefined ? null : path.resolve(io.cwd, values.baseline);
    io.stdout(printConfig(values['print-config'], config, { cwd: io.cwd, ignores, gitignore, suppressions, baseline }));
    return 0;
  }

  const patterns = positionals.length > 0 ? positionals : ['.'];
  const discovery = await (io.discover ?? discoverFiles)(patterns, io.cwd, { ignores, gitignore });
  const { files, unmatched } = discovery;
  let exit: ExitCode = 0;
  const errorOnUnmatched = !values['no-error-on-unmatched-pattern'];
  for (const pattern of unmatched) {
    if (!errorOnUnmatched) continue;
    const hint = discovery.hints.get(pattern);
    io.stderr(`presign-audit: no files match "${pattern}"${hint ? `: ${hint}` : ''}.\n`);
    exit = 2;
  }
  for (const pattern of discovery.ignoredNamed) {
    io.stderr(`presign-audit: "${pattern}" is skipped: an ignore pattern matches it (the config's "ignores" or --ignore-pattern).\n`);
  }
  // A file named on the command line that is no policy is an error, unless the caller names every
  // changed file (pre-commit, lint-staged) and asked for such files to be skipped as in a walk.
  const named = new Set(values['skip-unknown-format'] ? [] : patterns.map((p) => path.resolve(io.cwd, p)));
  const saySkipped = (skipped: readonly string[]) => {
    if (skipped.length === 0) return;
    const count = skipped.length;
    const shown = skipped.slice(0, 5).map((file) => path.relative(io.cwd, file));
    io.stderr(
      `presign-audit: skipped ${count} file${count === 1 ? '' : 's'} ${values['skip-unknown-format'] ? '' : 'found in directories '}that ${count === 1 ? 'is' : 'are'} not a policy, template, plan or account dump: ${shown.join(', ')}${count > 5 ? `, and ${count - 5} more` : ''}.${values['skip-unknown-format'] ? '' : ' Name a file to have it checked.'}\n`,
    );
  };
  if (values['signers-report'] || values['signers-report-html'] !== undefined) {
    const options = {
      text: Boolean(values['signers-report']),
      htmlFile: values['signers-report-html'] ?? null,
      outputFile: values['output-file'] ?? null,
      settings: config.settings,
      kindOf: (file: string) => configuredKindOf(config, file),
      code: { javascript: files.filter(isCodeFile), python: files.filter(isPythonFile), config },
    };
    const { runSignersReport } = await import('./signers-report.js');
    const report = await runSignersReport(files.filter((file) => !isCodeFile(file) && !isPythonFile(file)), options, io, named);
    saySkipped(report.skipped);
    return exit === 2 ? 2 : report.exit;
  }

  const progress = io.stderrIsTTY ? terminalProgress(io.stderr) : null;
  const run = await audit(files, config, named, io.cwd, progress?.listener, shard);
  progress?.end();
  saySkipped(run.skipped);
  let suppressed = applySuppressions(run.results, suppressions);
  if (values.baseline !== undefined) {
    // Loaded only by runs with a baseline, as the other options' modules are.
    const { applyBaseline, baselineOf, BaselineError, readBaseline, writeBaseline } = await import('./baseline.js');
    const baselineFile = path.resolve(io.cwd, values.baseline);
    try {
      const entries = values['update-baseline'] ? null : readBaseline(baselineFile);
      if (entries === null) {
        const written = baselineOf(suppressed, baselineFile);
        writeBaseline(baselineFile, written);
        io.stderr(`presign-audit: wrote the baseline ${path.relative(io.cwd, baselineFile)} with ${written.reduce((n, e) => n + e.count, 0)} findings; they are accepted from now on.\n`);
        suppressed = applyBaseline(suppressed, written, baselineFile).results;
      } else {
        const applied = applyBaseline(suppressed, entries, baselineFile);
        suppressed = applied.results;
        const stale = applied.stale.reduce((n, e) => n + e.count, 0);
        if (stale > 0) {
          const shown = applied.stale.slice(0, 5).map((e) => `${e.file} ${e.rule}`);
          io.stderr(
            `presign-audit: note: ${stale} finding${stale === 1 ? '' : 's'} of the baseline no longer occur${stale === 1 ? 's' : ''} (fixed, or the flagged text changed): ${shown.join('; ')}${applied.stale.length > 5 ? '; ...' : ''}. Run with --update-baseline to drop ${stale === 1 ? 'it' : 'them'}.\n`,
          );
        }
      }
    } catch (error) {
      if (error instanceof BaselineError) return usageError(io, error.message);
      throw error;
    }
  }
  const results = values.quiet ? suppressed.map((r) => fileResult(r.filePath, r.messages.filter((m) => m.severity === 2), r.suppressedMessages)) : suppressed;

  const formatter = await loadFormatter();
  const output = formatter(results, { cwd: io.cwd, version: VERSION, color: color && !values['output-file'], ...(shard ? { shard } : {}) });
  if (values['output-file']) {
    const target = path.resolve(io.cwd, values['output-file']);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, output);
    } catch (error) {
      io.stderr(`presign-audit: cannot write ${target}: ${(error as Error).message}\n`);
      return 2;
    }
  } else if (output) {
    io.stdout(output.endsWith('\n') ? output : `${output}\n`);
  }
  // After the report, on stderr: a clean run says what it read, and JSON or SARIF on stdout stay clean.
  const skipped = new Set(run.skipped);
  io.stderr(summaryLine(files.filter((file) => !skipped.has(file)), results));

  if (results.some((r) => r.fatalErrorCount > 0)) return 2;
  if (exit === 2) return 2;
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr(`presign-audit found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      shard: { type: 'string' },
      'signers-report': { type: 'boolean' },
      'signers-report-html': { type: 'string' },
      'ignore-pattern': { type: 'string', multiple: true },
      'no-gitignore': { type: 'boolean' },
      'no-error-on-unmatched-pattern': { type: 'boolean' },
      'skip-unknown-format': { type: 'boolean' },
      baseline: { type: 'string' },
      'update-baseline': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      'list-rules': { type: 'boolean' },
      'print-config': { type: 'string' },
      'least-privilege': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

async function leastPrivilege(values: ReturnType<typeof parseCommandLine>['values'], positionals: readonly string[], io: CliIo): Promise<ExitCode> {
  const { LEAST_PRIVILEGE_FORMATS } = await import('../report/least-privilege.js');
  const format = (values.format ?? 'json') as (typeof LEAST_PRIVILEGE_FORMATS)[number];
  if (!LEAST_PRIVILEGE_FORMATS.includes(format)) return usageError(io, `--least-privilege prints ${LEAST_PRIVILEGE_FORMATS.join(', ')}, not "${format}".`);
  let config: AuditConfig;
  try {
    const configFile = readConfigFile(io.cwd, values.config);
    config = resolveConfig(configFile.raw, configFile.source);
  } catch (error) {
    if (error instanceof ConfigError) return usageError(io, error.message);
    throw error;
  }
  const { files, unmatched } = await (io.discover ?? discoverFiles)(positionals.length > 0 ? positionals : ['.'], io.cwd);
  for (const pattern of unmatched) io.stderr(`presign-audit: no files match "${pattern}".\n`);
  const { runLeastPrivilege } = await import('./least-privilege.js');
  const exit = await runLeastPrivilege(files, config, format, values['output-file'] ?? null, io);
  return unmatched.length > 0 ? 2 : exit;
}

function usageError(io: CliIo, message: string): ExitCode {
  io.stderr(`presign-audit: ${message}\n`);
  return 2;
}
