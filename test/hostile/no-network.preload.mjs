/**
 * Preloaded with `node --import` by no-network.test.ts: replaces every way Node opens a connection
 * or resolves a name with a function that records the attempt and throws, and writes the record to
 * $PRESIGN_NETWORK_LOG at exit. Caught errors still leave their record, so a swallowed attempt
 * is seen too.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

const attempts = [];
const blocked = (name) =>
  function blockedNetworkCall() {
    attempts.push({ name, stack: new Error().stack });
    throw new Error(`presign-audit must not use the network (${name})`);
  };

const replace = (target, names, prefix) => {
  for (const name of names) target[name] = blocked(`${prefix}.${name}`);
};
replace(net, ['connect', 'createConnection', 'createServer'], 'net');
replace(net.Socket.prototype, ['connect'], 'net.Socket.prototype');
replace(tls, ['connect', 'createServer'], 'tls');
replace(dgram, ['createSocket'], 'dgram');
replace(http, ['request', 'get', 'createServer'], 'http');
replace(https, ['request', 'get', 'createServer'], 'https');
replace(http2, ['connect', 'createServer', 'createSecureServer'], 'http2');
replace(dns, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'], 'dns');
replace(dns.promises, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'], 'dns.promises');
globalThis.fetch = blocked('fetch');
// Named ESM imports of builtins (`import { connect } from 'node:net'`) see the replacements too.
syncBuiltinESMExports();

process.on('exit', () => writeFileSync(process.env.PRESIGN_NETWORK_LOG, JSON.stringify(attempts)));
