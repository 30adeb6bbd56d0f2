/** `PresignSite.flows`: computed on first read, kept, and shared by a site derived by spreading. */
import { describe, expect, it } from 'vitest';
import { PRESIGN_APIS } from '../../src/presign/apis.js';
import { withLazyFlows, type PresignSite, type UrlFlow } from '../../src/presign/site.js';
import { boto3Sites } from '../../src/python/boto3-sites.js';
import { PythonEvaluator } from '../../src/python/evaluate.js';
import { PythonModule } from '../../src/python/scope.js';
import { parsePython } from '../../src/python/syntax.js';

function bareSite(): Omit<PresignSite<string>, 'flows'> {
  return {
    api: PRESIGN_APIS['boto3.generate_presigned_url'],
    node: 'call',
    expiry: null,
    method: { kind: 'known', method: 'PUT' },
    operation: 'PutObject',
    client: null,
    sigv4: true,
    parameters: null,
    signableHeaders: null,
    post: null,
  };
}

const FLOW: UrlFlow<string> = { argument: 'url', call: 'print(url)', callee: 'print', secret: true, requestUrl: true, sink: { kind: 'log', name: 'print' }, request: null };

describe('withLazyFlows', () => {
  it('follows nothing until flows are read, then follows once', () => {
    let follows = 0;
    const site = withLazyFlows(bareSite(), () => {
      follows++;
      return [FLOW];
    });
    expect(site.method).toEqual({ kind: 'known', method: 'PUT' });
    expect(follows).toBe(0);
    expect(site.flows).toEqual([FLOW]);
    expect(site.flows).toBe(site.flows);
    expect(follows).toBe(1);
  });

  it("gives a site derived by spreading the original's flows, followed once for both", () => {
    let follows = 0;
    const site = withLazyFlows(bareSite(), () => {
      follows++;
      return [FLOW];
    });
    const derived: PresignSite<string> = { ...site, expiry: { node: 'ttl', seconds: [] } };
    expect(follows).toBe(1);
    expect(derived.flows).toBe(site.flows);
    expect(Object.keys(derived)).toContain('flows');
    expect(follows).toBe(1);
  });

  it('fills the flows of a boto3 site from the Python reader', async () => {
    const parsed = await parsePython(`import boto3, requests, logging
url = boto3.client('s3').generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': 'k'})
logging.info(url)
requests.get(url)
`);
    if (!parsed.ok) throw new Error('parse');
    const module = new PythonModule(parsed.root);
    const [site] = boto3Sites(module, new PythonEvaluator(module));
    const flows = { ...site! }.flows.map(({ callee, secret, requestUrl, sink, request }) => ({ callee, secret, requestUrl, sink, request }));
    expect(flows).toEqual([
      { callee: 'logging.info', secret: true, requestUrl: true, sink: { kind: 'log', name: 'logging.info' }, request: null },
      { callee: 'requests.get', secret: true, requestUrl: true, sink: null, request: { client: 'requests.get', method: 'GET', defaulted: false } },
    ]);
  });
});
