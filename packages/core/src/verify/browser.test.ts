/**
 * The verify path in a real browser: `verifyTrace` bundled for the browser by esbuild, served on a
 * loopback port, run in Debian's Chromium through playwright-core. Needs `chromium` (installed by
 * scripts/test-services.sh); without it this suite is skipped loudly, except with CI=true.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleChains } from '../records/examples/chains.js';
import { generateSigningKey } from '../trust/keys.js';
import { signRecord } from '../trust/sign-record.js';
import { TestLog } from './test-log.js';
import type { TraceAnswer } from './verify-trace.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  const message = `!!! ${CHROMIUM} is missing: the browser tests of the verify path are SKIPPED (run scripts/test-services.sh as root).`;
  if (process.env.CI === 'true') throw new Error(`${message} CI=true: nothing may be skipped.`);
  console.warn(message);
}

describe.skipIf(!available)('verifyTrace in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let answer: TraceAnswer;
  let trusted: string;

  beforeAll(async () => {
    const bundle = await build({
      stdin: {
        contents: "import { verifyTrace } from './index.ts'; globalThis.verifyTrace = verifyTrace; document.title = 'ready';",
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
    });
    const script = bundle.outputFiles[0]!.text;
    const page = '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/verify.js"></script>';
    server = createServer((request, response) => {
      if (request.url === '/verify.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else response.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'; script-src 'self'" }).end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const log = await TestLog.create();
    const record = exampleChains()[0]!.records[0]!;
    const issuer = `uscc:${record['suyuan:parties']![0]!.uscc}`;
    const key = await generateSigningKey('EdDSA');
    const keyIndex = log.registerKey(issuer, key);
    const { jws } = await signRecord(record, key, { issuer });
    const index = log.append(jws);
    answer = { code: 'c', records: [{ jws, proof: await log.proof(index) }], keys: [{ entry: log.entries[keyIndex]!, proof: await log.proof(keyIndex) }] };
    trusted = log.verifierKey;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function verifyInBrowser(given: TraceAnswer): Promise<{ verdict: string; failed: string[] }> {
    const page = await browser.newPage();
    try {
      await page.goto(origin);
      await page.waitForFunction(() => document.title === 'ready');
      return await page.evaluate(
        async ({ a, key }) => {
          const result = await (globalThis as unknown as { verifyTrace: (a: unknown, o: unknown) => Promise<{ verdict: string; checks: { status: string; id: string }[] }> }).verifyTrace(a, { trustedPlatforms: [key] });
          return { verdict: result.verdict, failed: result.checks.filter((c) => c.status === 'failed').map((c) => c.id) };
        },
        { a: given, key: trusted },
      );
    } finally {
      await page.close();
    }
  }

  it('verifies a signed, logged record in the browser, under a strict Content-Security-Policy', async () => {
    expect(await verifyInBrowser(answer)).toEqual({ verdict: 'verified', failed: [] });
  }, 60_000);

  it('says tampered in the browser when the record changes', async () => {
    const jws = answer.records[0]!.jws;
    const flipped = jws.slice(0, 40) + (jws[40] === 'A' ? 'B' : 'A') + jws.slice(41);
    const result = await verifyInBrowser({ ...answer, records: [{ ...answer.records[0]!, jws: flipped }] });
    expect(result.verdict).toBe('tampered');
  }, 60_000);
});
