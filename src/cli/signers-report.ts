/**
 * `presign-audit --signers-report` / `--signers-report-html <file>`: reads the policy inputs into
 * one inventory, picks the signers, and prints the report instead of findings; with code in the run,
 * each row also says what of its grants the code needs. Read problems still
 * go to standard error, located, and make the exit code 2; the report covers what could be read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mergeInventories, type RoleInfo } from '../policy/inventory.js';
import type { AuditConfig } from '../engine/config.js';
import type { DocumentKind } from '../policy/model.js';
import { readCodeEvidence } from '../engine/code-evidence.js';
import { readPolicyFile } from '../policy/read-policy-file.js';
import type { PolicySettings } from '../rule/shape.js';
import { signerModel } from '../policy/signers.js';
import { renderSignerReportHtml } from '../report/render-html.js';
import { renderSignerReportText } from '../report/render-text.js';
import { buildSignerReport, type CodeNeedView } from '../report/signer-report.js';
import { VERSION } from '../core/version.js';
import { readInputFile } from '../engine/read-input.js';

export interface SignersReportOptions {
  /** Print the terminal table (to `outputFile` when set). */
  readonly text: boolean;
  readonly htmlFile: string | null;
  readonly outputFile: string | null;
  /** The config's `signers` and `identityPolicies`, chosen as the rules choose them. */
  readonly settings: PolicySettings;
  /** The kind the config's `documentKinds` gives a file, so the report reads each policy as the rules do. */
  readonly kindOf: (file: string) => DocumentKind | undefined;
  /**
   * The code of the run (JS/TS and Python files) and the config that ties it to roles: when there is
   * code, each row says what of its grants the code needs (src/engine/need-calls.ts).
   */
  readonly code: { readonly javascript: readonly string[]; readonly python: readonly string[]; readonly config: AuditConfig };
}

export interface ReportIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly color: boolean;
}

/**
 * `named`: the paths given on the command line, resolved. A file met in a directory walk that is no
 * policy input is skipped, as presign-audit's audit skips it; the caller says so. Returns the exit
 * code and the skipped files.
 */
export async function runSignersReport(policyFiles: readonly string[], options: SignersReportOptions, io: ReportIo, named: ReadonlySet<string>): Promise<{ exit: 0 | 2; skipped: string[] }> {
  let exit: 0 | 2 = 0;
  const skipped: string[] = [];
  const parts = policyFiles.map((file) => {
    const shown = path.relative(io.cwd, file) || file;
    const input = readInputFile(file);
    if ('problem' in input) {
      io.stderr(`${shown}:${input.problem.line}:${input.problem.column}: ${input.problem.message}\n`);
      exit = 2;
      return null;
    }
    const read = readPolicyFile(input.text, shown, options.kindOf(file));
    readCodeEvidence(read.roles, file);
    if (!named.has(file) && read.errors.length > 0 && read.errors.every((e) => e.code === 'unknown-format')) {
      skipped.push(file);
      return null;
    }
    for (const error of read.errors.filter((e) => e.fatal)) {
      io.stderr(`${shown}:${error.position.line}:${error.position.column}: ${error.message}\n`);
      exit = 2;
    }
    return read;
  });
  const inventory = mergeInventories(parts.filter((p) => p !== null));
  const { code } = options;
  let needs: Map<RoleInfo, CodeNeedView> | undefined;
  if (code.javascript.length + code.python.length > 0) {
    const { runNeeds } = await import('../engine/need-calls.js');
    needs = new Map((await runNeeds(code, inventory, code.config, io.cwd, true)).needs.map((need) => [need.role, { unknown: need.unknown, kmsUnknown: need.kmsUnknown, grants: need.grants }]));
  }
  const report = buildSignerReport(inventory, signerModel(inventory, options.settings), needs);

  const write = (target: string, text: string): boolean => {
    const resolved = path.resolve(io.cwd, target);
    try {
      mkdirSync(path.dirname(resolved), { recursive: true });
      writeFileSync(resolved, text);
      return true;
    } catch (error) {
      io.stderr(`presign-audit: cannot write ${resolved}: ${(error as Error).message}\n`);
      return false;
    }
  };
  if (options.htmlFile !== null && !write(options.htmlFile, renderSignerReportHtml(report, { version: VERSION }))) return { exit: 2, skipped };
  if (options.text) {
    if (options.outputFile !== null) {
      if (!write(options.outputFile, renderSignerReportText(report, false))) return { exit: 2, skipped };
    } else {
      io.stdout(renderSignerReportText(report, io.color));
    }
  }
  return { exit, skipped };
}
