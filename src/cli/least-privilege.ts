/**
 * `presign-audit --least-privilege`: reads the code and the policy inputs of the run, gathers every
 * S3 call of the code (src/engine/need-calls.ts), ties each to its signing role as the code-x-policy
 * rules do (`codeSigners`, or the config's one signer) or else to the run's only signer role, and
 * prints the policy each role needs (src/join/need.ts), each statement traced to the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditConfig } from '../engine/config.js';
import { isCodeFile, isPythonFile } from '../engine/files.js';
import { runNeeds, type RoleNeed } from '../engine/need-calls.js';
import { auditPolicies } from '../engine/policies.js';
import { signerModel } from '../policy/signers.js';
import { renderLeastPrivilege, type LeastPrivilegeFormat, type SignerPolicy, type TracedStatement } from '../report/least-privilege.js';

export interface LeastPrivilegeIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function runLeastPrivilege(files: readonly string[], config: AuditConfig, format: LeastPrivilegeFormat, outputFile: string | null, io: LeastPrivilegeIo): Promise<0 | 2> {
  const policyFiles = files.filter((file) => !isCodeFile(file) && !isPythonFile(file));
  const { results, inventory } = auditPolicies(policyFiles, config);
  let exit: 0 | 2 = results.some((r) => r.fatalErrorCount > 0) ? 2 : 0;
  for (const r of results) for (const m of r.messages) if (m.fatal) io.stderr(`presign-audit: ${path.relative(io.cwd, r.filePath)}:${m.line}: ${m.message}\n`);
  const { needs, untied } = await runNeeds({ javascript: files.filter(isCodeFile), python: files.filter(isPythonFile) }, inventory, config, io.cwd, true);
  const signers = signerModel(inventory, config.settings);
  const policies = needs.map((need) =>
    signerPolicy(
      need,
      need.tiedBy === 'config'
        ? 'tied by the config ("codeSigners", or its one "signers" entry)'
        : need.tiedBy === 'code folder'
          ? 'its function\'s code folder in the template holds the code'
          : `the only signer role of the run (${signers.signers.find((s) => s.role === need.role)?.reason ?? 'signer'})`,
    ),
  );
  const text = renderLeastPrivilege({ signers: policies, untied }, format);
  if (outputFile) {
    const target = path.resolve(io.cwd, outputFile);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    } catch (error) {
      io.stderr(`presign-audit: cannot write ${target}: ${(error as Error).message}\n`);
      exit = 2;
    }
  } else io.stdout(text);
  return exit;
}

/** One statement per action, in the order of the code that first needs it; Sids say what they grant. */
function signerPolicy(need: RoleNeed, tiedBy: string): SignerPolicy {
  const statements = need.grants.map((grant, index): TracedStatement => {
    const [service, name] = grant.action.split(':');
    // Sids are alphanumeric: `S3GetObject`, `KMSDecrypt`, numbered to stay unique.
    const sid = `${service!.toUpperCase()}${name === '*' ? 'All' : name}${index + 1}`;
    return { statement: { Sid: sid, Effect: 'Allow', Action: [grant.action], Resource: [...grant.resources] }, at: grant.at, unknown: grant.unknown };
  });
  return { role: need.role.name, logicalId: need.role.logicalId, tiedBy, statements };
}
