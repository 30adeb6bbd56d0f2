#!/usr/bin/env node
/** presign-audit: the thin bin; everything happens in execute(). */
import { execute } from './execute.js';

try {
  process.exitCode = await execute(process.argv.slice(2));
} catch (error) {
  // A bug of ours, not a finding: say so, with what to report, and exit 2 as for unreadable input.
  process.stderr.write(`presign-audit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the input that caused it.\n`);
  process.exitCode = 2;
}
