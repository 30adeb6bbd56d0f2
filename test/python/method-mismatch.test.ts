/** presign/method-mismatch on boto3 code: requests, httpx and urllib.request sending a presigned URL. */
import { describe, expect, it } from 'vitest';
import { auditPythonSource } from '../../src/engine/python.js';
import { findings, pythonRules } from './helpers.js';

const HEADER = `import boto3\nfrom botocore.config import Config\n`;
const V4 = "config=Config(signature_version='s3v4')";
const API = 'generate_presigned_url (boto3)';

describe('presign/method-mismatch', () => {
  it('flags requests sending a PUT URL with another method: shortcuts, request(), sessions, through names and parameters', async () => {
    const source = `${HEADER}import requests
from requests import request
s3 = boto3.client('s3', ${V4})
def send(u):
    return requests.delete(u)
def upload(key, body):
    url = s3.generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': key}, ExpiresIn=300)
    requests.get(url)
    requests.post(url, data=body)
    request('PATCH', url)
    requests.request(method='get', url=url)
    session = requests.Session()
    session.post(f"{url}")
    with requests.session() as s:
        s.head(url)
    requests.Session().get(url=url)
    send(url)
`;
    expect(await findings(source, 'method-mismatch')).toEqual([
      '7:12 presign/method-mismatch wrongMethod',
      '10:5 presign/method-mismatch wrongMethod',
      '11:5 presign/method-mismatch wrongMethod',
      '12:5 presign/method-mismatch wrongMethod',
      '13:5 presign/method-mismatch wrongMethod',
      '15:5 presign/method-mismatch wrongMethod',
      '17:9 presign/method-mismatch wrongMethod',
      '18:5 presign/method-mismatch wrongMethod',
    ]);
    const messages = await auditPythonSource(source, pythonRules());
    expect(messages.find((m) => m.line === 10)?.message).toBe(
      `\`requests.get\` sends GET to a URL signed for PUT; use PUT or sign for GET. S3 answers 403: the method is part of the signature of a URL from ${API}.`,
    );
    expect(messages.filter((m) => m.ruleId === 'presign/method-mismatch').map((m) => (/^`([^`]+)`/.exec(m.message))?.[1])).toEqual([
      'requests.delete',
      'requests.get',
      'requests.post',
      'requests.request',
      'requests.request',
      'requests.Session#post',
      'requests.Session#head',
      'requests.Session#get',
    ]);
  });

  it('flags httpx: functions, Client and AsyncClient, stream()', async () => {
    const source = `${HEADER}import httpx
s3 = boto3.client('s3', ${V4})
async def upload(key, body):
    url = s3.generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': key})
    httpx.post(url, content=body)
    client = httpx.Client()
    client.request('DELETE', url)
    async with httpx.AsyncClient() as http:
        await http.get(url)
    with httpx.stream('POST', url) as response:
        pass
    httpx.put(url, content=body)
`;
    expect(await findings(source, 'method-mismatch')).toEqual([
      '7:5 presign/method-mismatch wrongMethod',
      '9:5 presign/method-mismatch wrongMethod',
      '11:15 presign/method-mismatch wrongMethod',
      '12:10 presign/method-mismatch wrongMethod',
    ]);
  });

  it('flags urllib.request: urlopen sends GET, or POST with data; Request takes method=', async () => {
    const source = `${HEADER}import urllib.request
from urllib.request import Request, urlopen
s3 = boto3.client('s3', ${V4})
def upload(key, body):
    url = s3.generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': key})
    urllib.request.urlopen(url)
    urlopen(url, body)
    urlopen(Request(url, data=body, method='POST'))
    urlopen(Request(url, data=body))
    urlopen(Request(url, data=body, method='PUT'))
    urlopen(url, **options)
`;
    expect(await findings(source, 'method-mismatch')).toEqual([
      '8:5 presign/method-mismatch defaultMethod',
      '9:5 presign/method-mismatch defaultMethod',
      '10:13 presign/method-mismatch wrongMethod',
      '11:13 presign/method-mismatch defaultMethod',
    ]);
    const messages = (await auditPythonSource(source, pythonRules())).filter((m) => m.ruleId === 'presign/method-mismatch');
    expect(messages[0]!.message).toBe(
      `\`urllib.request.urlopen\` sends GET by default, not PUT as signed; pass \`method: 'PUT'\`. S3 answers 403: the method is part of the signature of a URL from ${API}.`,
    );
    expect(messages[1]!.message).toContain('sends POST by default');
    expect(messages[3]!.message).toContain('`urllib.request.Request` sends POST by default');
  });

  it("flags a presigned POST's url sent with another method than POST", async () => {
    const source = `${HEADER}import requests
s3 = boto3.client('s3', ${V4})
post = s3.generate_presigned_post('b', 'k', Conditions=[['content-length-range', 1, 10]])
requests.put(post['url'], data=post['fields'])
requests.post(post['url'], data=post['fields'], files={'file': b'x'})
`;
    expect(await findings(source, 'method-mismatch')).toEqual(['6:1 presign/method-mismatch wrongMethod']);
  });

  it('leaves alone the right method, a method the code does not show, and the URL sent as data', async () => {
    const source = `${HEADER}import json
import requests
import httpx
from urllib.request import urlopen
s3 = boto3.client('s3', ${V4})
class Session:
    def get(self, u):
        return u
def upload(key, body, method, client_method):
    url = s3.generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': key})
    requests.put(url, data=body)
    requests.request('put', url, data=body)
    requests.request(method, url)
    httpx.Client().put(url, content=body)
    requests.post('https://api.example.com/links', json={'url': url})
    requests.get('https://api.example.com/check', params={'u': url})
    requests.get(str([url]))
    requests.get(url.split('?')[0])
    Session().get(url)
    download = s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': key})
    requests.get(download)
    urlopen(download)
    any_url = s3.generate_presigned_url(client_method, Params={'Bucket': 'b', 'Key': key})
    requests.get(any_url)
    return url
`;
    expect(await findings(source, 'method-mismatch')).toEqual([]);
  });
});
