/**
 * The signer report page in a real browser: Debian's headless Chromium, launched directly (no
 * puppeteer download), renders it from disk with no network and shows the table. CI machines
 * without /usr/bin/chromium skip this with the reason in the test name; install it with
 * `apt-get install -y chromium`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeInventories } from '../../src/policy/inventory.js';
import { readPolicyFile } from '../../src/policy/read-policy-file.js';
import { signerModel } from '../../src/policy/signers.js';
import { renderSignerReportHtml } from '../../src/report/render-html.js';
import { buildSignerReport } from '../../src/report/signer-report.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`Skipping the signer report browser test: ${CHROMIUM} is not installed (apt-get install -y chromium).`);

const ROOT = path.resolve(import.meta.dirname, '../..');
const FILES = ['fixtures/templates/upload-service.yaml', 'fixtures/policies/signer-role/bad-wildcard-signer.json', 'fixtures/policies/bucket/good-enforced-sse.json'];

describe.skipIf(!available)(available ? 'the signer report page in headless Chromium' : `the signer report page in headless Chromium (skipped: ${CHROMIUM} is not installed)`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'presign-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const inventory = mergeInventories(FILES.map((f) => readPolicyFile(readFileSync(path.join(ROOT, f), 'utf8'), f)));
  const report = buildSignerReport(inventory, signerModel(inventory, { signers: null, identityPoliciesAreSigners: true }));
  const page = path.join(dir, 'report.html');
  writeFileSync(page, renderSignerReportHtml(report, { version: 'test' }));

  const chromium = (...args: string[]) =>
    execFileSync(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${path.join(dir, 'profile')}`, ...args, pathToFileURL(page).href],
      { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
    );

  it('renders the table: the DOM after load has a row per signer target and its answers', () => {
    const dom = chromium('--dump-dom');
    expect(dom).toContain('<h1>Presigned URL signer report</h1>');
    const rows = dom.match(/<tbody>[\s\S]*?<\/tbody>/g)!.join('').match(/<tr>/g) ?? [];
    expect(rows.length).toBe(report.signers.reduce((n, s) => n + s.targets.length, 0));
    expect(rows.length).toBeGreaterThan(2);
    expect(dom).toContain('photo-uploads-prod');
    expect(dom).toMatch(/<td class="depends"[^>]*>depends on aws:SecureTransport<\/td>/);
    expect(dom).toMatch(/<td class="allow"[^>]*>allow<\/td>/);
  });

  it('paints a page: the screenshot is a PNG of the window size with content in it', () => {
    const shot = path.join(dir, 'report.png');
    chromium('--window-size=1400,1000', `--screenshot=${shot}`);
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1400, 1000]);
    // A blank 1400x1000 page compresses to about 6 KB; the rendered tables are far larger.
    expect(png.length).toBeGreaterThan(40_000);
  });
});
