/**
 * Preloaded (`node --import`) into one run of presign-audit by `npm run bench`: at exit it writes
 * to $PRESIGN_PROBE_LOG the peak memory, the IAM data files read (with how often each was read),
 * the CommonJS modules loaded, and, with PRESIGN_PROBE_MODULES=1, every ES module loaded. Module tracing uses a loader thread,
 * which costs memory, so memory is probed in a run without it.
 */
import fs, { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register, syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const log = process.env.PRESIGN_PROBE_LOG;

if (isMainThread) {
  const iamFiles = {};
  const readFileSync = fs.readFileSync;
  fs.readFileSync = function probedReadFileSync(file, ...rest) {
    const name = String(file);
    const at = name.indexOf('iam-data/data/');
    if (at >= 0) iamFiles[name.slice(at + 'iam-data/data/'.length)] = (iamFiles[name.slice(at + 'iam-data/data/'.length)] ?? 0) + 1;
    return readFileSync.call(this, file, ...rest);
  };
  syncBuiltinESMExports();
  if (process.env.PRESIGN_PROBE_MODULES === '1') {
    writeFileSync(`${log}.modules`, '');
    register(import.meta.url, { data: { log } });
  }
  // CommonJS modules (typescript, the ESLint parser) load through require, past the ESM hook.
  const commonJs = () => Object.keys(createRequire(import.meta.url).cache);
  process.on('exit', () => writeFileSync(log, JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, iamFiles, commonJs: commonJs() })));
}

let modulesLog;
export function initialize(data) {
  modulesLog = `${data.log}.modules`;
}

export async function load(url, context, next) {
  appendFileSync(modulesLog, `${url}\n`);
  return next(url, context);
}
