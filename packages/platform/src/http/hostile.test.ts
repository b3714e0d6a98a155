/**
 * Hostile input against a real server on a loopback port: each is a clear 4xx problem with a Suyuan
 * code, and nothing is stored — the log and the issuer list are the same afterwards.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleChain, registerIssuers, sign, startTestPlatform, type TestPlatform } from '../test-support.js';

let t: TestPlatform;
let token: string;
let issuerId: string;
let before: { size: number; issuers: string };

beforeAll(async () => {
  t = await startTestPlatform({ limits: { maxBodyBytes: 256 * 1024, requests: { burst: 1000, perSecond: 1000 }, records: { burst: 2000, perSecond: 1000 } } });
  const chain = await exampleChain('drug');
  const tokens = await registerIssuers(t.api, t.operator, chain.issuers.slice(0, 1));
  issuerId = chain.issuers[0]!.id;
  token = tokens.get(issuerId)!;
  before = { size: t.platform.sequencer.checkpoint.size, issuers: (await t.api('GET', '/v1/issuers')).text };
});
afterAll(async () => {
  await t?.cleanup();
});

/** Sends raw bytes as a body (fetch would re-encode strings as UTF-8). */
const post = (path: string, body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  t.api('POST', path, { token, body, headers });

/** A request with a path exactly as given (no URL normalisation of `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(t.url);
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hostile input', () => {
  it.each([
    ['malformed JSON', '{"records": [', 'REQUEST_INVALID'],
    ['JSON that is not an object', '[1,2,3]', 'REQUEST_INVALID'],
    ['an empty batch', '{"records": []}', 'REQUEST_INVALID'],
    ['a record that is not a string', '{"records": [{"jws": 42}]}', 'REQUEST_INVALID'],
    ['a JWS of more than 64 KiB', JSON.stringify({ records: [{ jws: 'a'.repeat(70_000) }] }), 'REQUEST_INVALID'],
  ])('%s → 400', async (_name, body, code) => {
    const response = await post('/v1/records', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
  });

  it('refuses bytes that are not UTF-8, a byte-order mark and the wrong media type', async () => {
    expect((await post('/v1/records', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).body.detail).toMatch(/not UTF-8/);
    expect((await post('/v1/records', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{"records":[]}')]))).body.detail).toMatch(/byte-order mark/);
    const gbk = await post('/v1/records', Buffer.from('{"records":[{"jws":"\xc4\xe3"}]}', 'latin1'));
    expect(gbk.status).toBe(400);
    const form = await post('/v1/records', 'records=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    expect(form.body.detail).toMatch(/Content-Type: application\/json/);
  });

  it('refuses an oversize body with 413, declared or streamed', async () => {
    const big = JSON.stringify({ records: Array.from({ length: 8 }, () => ({ jws: 'a'.repeat(60_000) })) });
    const declared = await post('/v1/records', big);
    expect(declared.status).toBe(413);
    expect(declared.body.code).toBe('REQUEST_TOO_LARGE');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(60_000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${t.url}/v1/records`, { method: 'POST', body: stream, duplex: 'half', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('refuses a batch of more than 1,000 records', async () => {
    const response = await post('/v1/records', JSON.stringify({ records: Array.from({ length: 1001 }, () => ({ jws: 'x' })) }));
    expect(response.status).toBe(400);
    expect(response.body.details.path).toBe('records');
  });

  it('answers missing, malformed, unknown and revoked tokens with 401, and the wrong scope with 403', async () => {
    const none = await t.api('POST', '/v1/issuers', { json: {} });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    for (const bad of ["' OR 1=1 --", 'sy_' + 'A'.repeat(43), 'sy_' + 'é'.repeat(43), 'Basic dXNlcjpwYXNz']) {
      expect((await t.api('GET', '/v1/tokens', { headers: { authorization: `Bearer ${bad}` } })).status).toBe(401);
    }
    expect((await t.api('GET', '/v1/tokens', { token })).status).toBe(403);
    const issued = await t.api('POST', '/v1/tokens', { token: t.operator, json: { scopes: ['disclosures:read'], label: 'auditor' } });
    expect((await t.api('DELETE', `/v1/tokens/${issued.body.id}`, { token: t.operator })).status).toBe(204);
    expect((await t.api('GET', '/v1/records/x?disclosures=true', { token: issued.body.token })).status).toBe(404);
    expect((await t.api('POST', '/v1/records', { token: issued.body.token, json: { records: [{ jws: 'x' }] } })).status).toBe(401);
  });

  it('takes SQL metacharacters, full-width characters and hostile strings as plain data', async () => {
    for (const id of ["uscc:'; DROP TABLE issuers; --", 'uscc:９１３５０１００Ｍ０００１００Ｙ４３', 'gln:<script>alert(1)</script>', 'uscc:91350100M000100Y43\u0000']) {
      const created = await t.api('POST', '/v1/issuers', { token: t.operator, json: { id, name: 'x' } });
      expect(created.status, id).toBe(400);
      expect((await t.api('GET', `/v1/issuers/${encodeURIComponent(id)}`)).status).toBe(404);
    }
    const name = await t.api('PATCH', `/v1/issuers/${issuerId}`, { token: t.operator, json: { name: "Robert'); DROP TABLE records;-- 😀" } });
    expect(name.status).toBe(200);
    expect(name.body.name).toBe("Robert'); DROP TABLE records;-- 😀");
    const record = await t.api('GET', `/v1/records/${encodeURIComponent("' OR '1'='1")}`);
    expect(record.status).toBe(404);
  });

  it('refuses path traversal and non-canonical tile paths with 404', async () => {
    for (const path of ['/log/tile/../../etc/passwd', '/log/tile/0/..%2f..%2fetc%2fpasswd', '/log/tile/0/%2e%2e/000', '/log/tile/0/%EF%BC%90%EF%BC%90%EF%BC%91', '/log/tile/entries/000.p/0', '/log/tile/0/x1/000', '/v1/issuers/..%2F..%2Fetc%2Fpasswd']) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toMatch(/root:/);
    }
  });

  it('refuses bad query parameters for proofs', async () => {
    for (const query of ['index=-1', 'index=01', 'index=1e3', 'index=%00', 'index=１']) {
      const response = await t.api('GET', `/v1/log/inclusion?${query}`);
      expect(response.status, query).toBe(400);
    }
    expect((await t.api('GET', '/v1/log/consistency?from=0')).status).toBe(400);
    expect((await t.api('GET', '/v1/log/inclusion?index=999999')).status).toBe(404);
  });

  it('stored nothing from any of it', async () => {
    expect(t.platform.sequencer.checkpoint.size).toBe(before.size);
    const issuers = JSON.parse((await t.api('GET', '/v1/issuers')).text).issuers.map((i: { id: string }) => i.id);
    expect(issuers).toEqual(JSON.parse(before.issuers).issuers.map((i: { id: string }) => i.id));
  });

  it('rate-limits records per token with 429 and Retry-After', async () => {
    const limited = await startTestPlatform({ limits: { records: { burst: 2, perSecond: 0.5 } } });
    try {
      const chain = await exampleChain('rare-earth');
      const issuer = chain.issuers[0]!;
      const tokens = await registerIssuers(limited.api, limited.operator, [issuer]);
      const record = await sign(chain.records[0]!, issuer);
      const submit = () => limited.api('POST', '/v1/records', { token: tokens.get(issuer.id)!, json: { records: [{ jws: record.jws }] } });
      expect((await submit()).status).toBe(200);
      expect((await submit()).status).toBe(200);
      const third = await submit();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.cleanup();
    }
  });
});
