/**
 * Preloaded (`node --require`) by test/cli/loading.test.ts: at exit, writes to $PRESIGN_MODULES_LOG
 * every script file the run compiled, one URL a line. V8's debugger sees every module, imported or
 * required (rule checks and readers load through require: src/core/on-need.ts), which a module
 * loader hook does not. Then Node's own modules the process loaded, as `node:child_process`.
 * CommonJS, preloaded with --require: a preload through --import would start Node's ES module
 * loader in every run, and the test checks that the bundled bin does not.
 */
const { writeFileSync } = require('node:fs');
const inspector = require('node:inspector');

const session = new inspector.Session();
session.connect();
const urls = new Set();
session.on('Debugger.scriptParsed', ({ params }) => {
  if (params.url.startsWith('file:')) urls.add(params.url);
});
session.post('Debugger.enable');
const builtins = () => process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => `node:${m.slice('NativeModule '.length)}`);
process.on('exit', () => writeFileSync(process.env.PRESIGN_MODULES_LOG, [...urls, ...builtins()].join('\n')));
