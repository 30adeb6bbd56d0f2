/**
 * Preloaded (`node --import`) by test/cli/loading.test.ts: at exit, writes to $PRESIGN_MODULES_LOG
 * every script file the run compiled, one URL a line. V8's debugger sees every module, imported or
 * required (rule checks and readers load through require: src/core/on-need.ts), which a module
 * loader hook does not. Then Node's own modules the process loaded, as `node:child_process`.
 */
import { writeFileSync } from 'node:fs';
import inspector from 'node:inspector';

const session = new inspector.Session();
session.connect();
const urls = new Set();
session.on('Debugger.scriptParsed', ({ params }) => {
  if (params.url.startsWith('file:')) urls.add(params.url);
});
session.post('Debugger.enable');
const builtins = () => process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => `node:${m.slice('NativeModule '.length)}`);
process.on('exit', () => writeFileSync(process.env.PRESIGN_MODULES_LOG, [...urls, ...builtins()].join('\n')));
