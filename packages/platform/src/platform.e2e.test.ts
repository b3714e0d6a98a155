/**
 * End to end, on a real server on a loopback port — on SQLite in a temporary data directory, and on
 * PostgreSQL in a fresh schema: the operator registers issuers and keys, enterprises submit signed
 * records, and every proof the platform hands out is checked with core's pure verifiers. Every
 * answer is also checked against the platform's OpenAPI document (test-support's client).
 */
import {
  formatProofBundle,
  leafHash,
  noteVerifier,
  parseVerifierKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyProofBundle,
  verifyTrace,
  type TraceRecord,
} from '@suyuan/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOperatorToken, type PlatformOptions } from './platform.js';
import { createTestSchema, postgresAvailableForTests, TEST_POSTGRES_URL, type TestSchema } from './store/test-postgres.js';
import { exampleChain, registerIssuers, sign, startTestPlatform, type ExampleIssuer, type TestPlatform } from './test-support.js';

/** A store for the platform under test: SQLite in its data directory, or PostgreSQL in a fresh schema. */
interface Backend {
  options(): Promise<Partial<PlatformOptions>>;
  cleanup(): Promise<void>;
}

const sqlite = (): Backend => ({ options: async () => ({}), cleanup: async () => undefined });
const postgres = (): Backend => {
  let schema: TestSchema | undefined;
  return {
    async options() {
      schema ??= await createTestSchema();
      return { postgres: TEST_POSTGRES_URL, postgresSchema: schema.schema };
    },
    cleanup: async () => schema?.drop(),
  };
};
const BACKENDS: [string, () => Backend][] = [['SQLite', sqlite], ...((await postgresAvailableForTests()) ? [['PostgreSQL', postgres] as [string, () => Backend]] : [])];

const b64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

describe.each(BACKENDS)('the platform on %s, on a loopback port', (_name, makeBackend) => {
  const backend = makeBackend();
  let t: TestPlatform;
  let chain: Awaited<ReturnType<typeof exampleChain>>;
  let tokens: Map<string, string>;
  const signedRecords: { jws: string; disclosures: string[]; eventHash: string; issuer: ExampleIssuer; record: TraceRecord }[] = [];


  beforeAll(async () => {
    t = await startTestPlatform(await backend.options());
    chain = await exampleChain('food');
    tokens = await registerIssuers(t.api, t.operator, chain.issuers);
    for (const record of chain.records) {
      const issuer = chain.issuerOf(record);
      signedRecords.push({ ...(await sign(record, issuer)), issuer, record });
    }
  });
  afterAll(async () => {
    await t?.cleanup();
    await backend.cleanup();
  });

  async function submit(issuerId: string, records: { jws: string; disclosures?: string[] }[], token = tokens.get(issuerId)!) {
    return t.api('POST', '/v1/records', { token, json: { records } });
  }

  it('starts with an operator token, a log key and an empty signed checkpoint', async () => {
    expect(t.operator).toMatch(/^sy_[A-Za-z0-9_-]{43}$/);
    expect(readOperatorToken(t.dataDir)).toBe(t.operator);
    expect(readOperatorToken(`${t.dataDir}/no-such-dir`)).toBeUndefined();
    expect(t.platform.verifierKey).toMatch(/^suyuan\.local\/log\+[0-9a-f]{8}\+/);
    const health = await t.api('GET', '/healthz');
    expect(health.status).toBe(200);
    const checkpoint = await t.api('GET', '/log/checkpoint');
    const verified = await verifyCheckpoint(checkpoint.text, [parseVerifierKey(t.platform.verifierKey)], { origin: 'suyuan.local/log' });
    expect(verified.ok).toBe(true);
  });

  it('serves its OpenAPI 3.1 document, describing every route the app has', async () => {
    const doc = await t.api('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const described = new Set(Object.entries(doc.body.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).filter((k) => k !== 'parameters').map((m) => `${m.toUpperCase()} ${path}`)));
    const template = (path: string) => (path.startsWith('/:ai{') ? '/{ai}/{value}' : path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}').replace('/log/tile/*', '/log/tile/{path}'));
    const routes = t.platform.app.routes.map((route) => `${route.method} ${template(route.path)}`);
    for (const route of routes.filter((r) => !r.startsWith('ALL'))) expect(described, route).toContain(route);
  });

  it('accepts a chain of signed records, each with a proof that verifies against the log key', async () => {
    for (const signed of signedRecords) {
      const response = await submit(signed.issuer.id, [{ jws: signed.jws, disclosures: signed.disclosures }]);
      expect(response.status, response.text).toBe(200);
      const [result] = response.body.results;
      expect(result, JSON.stringify(result)).toMatchObject({ status: 'accepted', eventHash: signed.eventHash });
      const proof = await verifyProofBundle(result.proof, { entry: signed.jws, verifiers: [parseVerifierKey(t.platform.verifierKey)], origin: t.platform.origin });
      expect(proof.ok).toBe(true);
    }
  });

  it('answers a duplicate with the first index, idempotently', async () => {
    const first = signedRecords[0]!;
    const again = await submit(first.issuer.id, [{ jws: first.jws }]);
    expect(again.body.results[0]).toMatchObject({ status: 'duplicate', eventHash: first.eventHash });
    const record = await t.api('GET', `/v1/records/${encodeURIComponent(first.eventHash)}`);
    expect(record.status).toBe(200);
    expect(again.body.results[0].index).toBe(record.body.index);
    expect(record.body.jws).toBe(first.jws);
    expect(record.body.disclosures).toBeUndefined();
  });

  it('rejects bad records one by one without sinking the batch', async () => {
    const issuer = chain.issuers[0]!;
    const own = signedRecords.find((s) => s.issuer.id === issuer.id)!;
    const [head, payload, signature] = own.jws.split('.');
    const forged = `${head}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    const stranger = await sign(chain.records[0]!, { ...issuer, key: (await exampleChain('food')).issuers[0]!.key });
    const other = signedRecords.find((s) => s.issuer.id !== issuer.id)!;
    const response = await submit(issuer.id, [{ jws: forged }, { jws: stranger.jws }, { jws: other.jws }, { jws: own.jws }, { jws: 'not.a.jws' }]);
    expect(response.status).toBe(200);
    const codes = response.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status);
    expect(codes).toEqual(['SIGNATURE_INVALID', 'KEY_UNKNOWN', 'FORBIDDEN', 'duplicate', 'JWS_FORMAT']);
    expect(response.body).toMatchObject({ accepted: 0, duplicate: 1, rejected: 4 });
  });

  it('rejects a record whose previous record it does not hold', async () => {
    const late = chain.records.at(-1)!;
    const issuer = chain.issuerOf(late);
    const changed = { ...late, eventID: undefined, eventTime: '2026-11-28T10:00:00.000+08:00', 'suyuan:previous': ['ni:///sha-256;0000000000000000000000000000000000000000000000000000000000000000?ver=CBV2.0'] } as unknown as TraceRecord;
    delete (changed as { eventID?: string }).eventID;
    const signed = await sign(changed, issuer);
    const response = await submit(issuer.id, [{ jws: signed.jws }]);
    expect(response.body.results[0].error.code).toBe('CHAIN_BROKEN');
  });

  it('gives consistency proofs between checkpoints that verify', async () => {
    const before = await t.api('GET', '/log/checkpoint');
    const oldSize = Number(before.text.split('\n')[1]);
    const oldRoot = b64(before.text.split('\n')[2]!);
    const issuer = chain.issuers[0]!;
    const extra = await sign({ ...chain.records[0]!, eventTime: '2026-11-29T08:00:00.000+08:00' } as TraceRecord, issuer);
    expect((await submit(issuer.id, [{ jws: extra.jws }])).body.accepted).toBe(1);
    const after = await t.api('GET', '/log/checkpoint');
    const newSize = Number(after.text.split('\n')[1]);
    const proof = await t.api('GET', `/v1/log/consistency?from=${oldSize}`);
    expect(proof.status).toBe(200);
    const verified = verifyConsistency({ oldSize, newSize, oldRoot, newRoot: b64(after.text.split('\n')[2]!), proof: proof.body.proof.map(b64) });
    expect(verified.ok).toBe(true);
  });

  it('serves C2SP tiles: entry bundles hold the exact logged bytes, hash tiles their leaf hashes', async () => {
    const size = t.platform.sequencer.checkpoint.size;
    const width = String(size % 256).padStart(1, '0');
    const entries = await fetch(`${t.url}/log/tile/entries/000.p/${width}`);
    expect(entries.status).toBe(200);
    const bytes = new Uint8Array(await entries.arrayBuffer());
    const hashes = new Uint8Array(await (await fetch(`${t.url}/log/tile/0/000.p/${width}`)).arrayBuffer());
    expect(hashes.length).toBe(32 * size);
    let offset = 0;
    for (let i = 0; i < size; i++) {
      const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
      const entry = bytes.subarray(offset + 2, offset + 2 + length);
      expect(Buffer.from(leafHash(entry)).equals(Buffer.from(hashes.subarray(32 * i, 32 * i + 32)))).toBe(true);
      offset += 2 + length;
    }
    expect(offset).toBe(bytes.length);
    expect((await fetch(`${t.url}/log/tile/0/000`)).status).toBe(404); // the full tile does not exist yet
    expect((await fetch(`${t.url}/log/tile/0/000.p/${size + 1}`)).status).toBe(404);
  });

  it('lets verifyTrace verify an answer put together from the API alone', async () => {
    const signed = signedRecords.slice(0, 2);
    const checkpoint = (await t.api('GET', '/log/checkpoint')).text;
    const records = await Promise.all(signed.map(async (s) => ({ jws: s.jws, proof: (await t.api('GET', `/v1/records/${encodeURIComponent(s.eventHash)}`)).body.proof })));
    const keys = await Promise.all(
      [...new Set(signed.map((s) => s.issuer.id))].map(async (issuer) => {
        const [key] = (await t.api('GET', `/v1/issuers/${issuer}/keys`)).body.keys;
        const entries = new Uint8Array(await (await fetch(`${t.url}/log/tile/entries/000.p/${t.platform.sequencer.checkpoint.size % 256}`)).arrayBuffer());
        const entry = entryAt(entries, key.registeredAt);
        const inclusion = (await t.api('GET', `/v1/log/inclusion?index=${key.registeredAt}`)).body;
        return { entry, proof: formatProofBundle({ index: key.registeredAt, proof: inclusion.proof.map(b64), checkpoint }) };
      }),
    );
    const verdict = await verifyTrace({ code: 'x', records, keys }, { trustedPlatforms: [t.platform.verifierKey], origin: t.platform.origin });
    expect(verdict.verdict, JSON.stringify(verdict.checks.filter((c) => c.status === 'failed'))).toBe('verified');
  });

  it('answers a trace query for a code that verifyTrace verifies, with consistency from a seen checkpoint', async () => {
    const last = signedRecords.at(-1)!;
    const { codes } = (await t.api('GET', `/v1/records/${encodeURIComponent(last.eventHash)}`)).body;
    expect(codes.length).toBeGreaterThan(0);
    const seenNote = (await t.api('GET', '/log/checkpoint')).text;
    const [, seenSize, seenRoot] = seenNote.split('\n');
    const answer = (await t.api('GET', `/v1/trace?code=${encodeURIComponent(codes[0])}&seen=${seenSize}`)).body;
    expect(answer.code).toBe(codes[0]);
    expect(answer.records.map((r: { jws: string }) => r.jws)).toContain(last.jws);
    expect(answer.records.length).toBeGreaterThan(1); // the earlier records of the chain come along
    expect(answer.keys.length).toBeGreaterThan(0);
    const verdict = await verifyTrace(answer, {
      trustedPlatforms: [t.platform.verifierKey],
      origin: t.platform.origin,
      code: codes[0],
      seenCheckpoints: [{ origin: t.platform.origin, size: Number(seenSize), rootHash: seenRoot! }],
    });
    expect(verdict.verdict, JSON.stringify(verdict.checks.filter((c) => c.status === 'failed'))).toBe('verified');
    const unknown = await t.api('GET', `/v1/trace?code=${encodeURIComponent('(01)09506000134352(21)NOSUCH')}`);
    expect(unknown.body.records).toEqual([]);
    expect((await t.api('GET', '/v1/trace?code=%E2%80%8B')).status).toBe(400);
  });

  it('rotates and revokes keys by log position: later records are refused, earlier ones stay', async () => {
    const issuer = chain.issuers[0]!;
    const kid = issuer.key.kid;
    const revoke = await t.api('POST', `/v1/issuers/${issuer.id}/keys/${kid}/revoke`, { token: t.operator, json: { reason: 'key file leaked' } });
    expect(revoke.status, revoke.text).toBe(200);
    expect(revoke.body).toMatchObject({ status: 'revoked', revocationReason: 'key file leaked' });
    const late = await sign({ ...chain.records[0]!, eventTime: '2026-11-30T08:00:00.000+08:00' } as TraceRecord, issuer);
    expect((await submit(issuer.id, [{ jws: late.jws }])).body.results[0].error.code).toBe('KEY_NOT_VALID');
    const jwks = await t.api('GET', `/v1/issuers/${issuer.id}/jwks.json`);
    expect(jwks.body.keys).toEqual([]);
    expect((await t.api('GET', `/v1/records/${encodeURIComponent(signedRecords[0]!.eventHash)}`)).status).toBe(200);
    const again = await t.api('POST', `/v1/issuers/${issuer.id}/keys/${kid}/revoke`, { token: t.operator, json: {} });
    expect(again.status).toBe(409);
  });

  it('keeps its log across a restart, consistent with what it signed before', async () => {
    const before = t.platform.sequencer.checkpoint;
    await t.stop();
    t = { ...(await startTestPlatform({ ...(await backend.options()), dataDir: t.dataDir })) };
    expect(t.platform.operatorToken).toBeUndefined();
    const after = await t.api('GET', '/log/checkpoint');
    expect(after.text).toBe(before.note);
    const verified = await verifyCheckpoint(after.text, [noteVerifier(t.platform.signer.name, t.platform.signer.publicKey)]);
    expect(verified.ok).toBe(true);
  });
});

/** The entry at `index` of an entry bundle (uint16 length prefixes). */
function entryAt(bundle: Uint8Array, index: number): string {
  let offset = 0;
  for (let i = 0; i < index; i++) offset += 2 + ((bundle[offset]! << 8) | bundle[offset + 1]!);
  const length = (bundle[offset]! << 8) | bundle[offset + 1]!;
  return Buffer.from(bundle.subarray(offset + 2, offset + 2 + length)).toString('utf8');
}
