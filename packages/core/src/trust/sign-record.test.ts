import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventHash } from '../records/event-hash.js';
import { exampleChains } from '../records/examples/chains.js';
import { parseRecord, type TraceRecord } from '../records/record.js';
import { encodeBase64url } from './base64url.js';
import { canonicalize } from './canonical-json.js';
import { historyKeyResolver, parseKeyHistory } from './key-history.js';
import { generateSigningKey, SIGNING_ALGORITHMS, type SigningKey } from './keys.js';
import { disclosureDigest, makeDisclosure, SD_FIELD } from './selective-disclosure.js';
import { MAX_SIGNED_RECORD_LENGTH, RECORD_JWS_TYPE, recordEventHash, signRecord, verifyChain, verifyRecord } from './sign-record.js';
import { flips, ISSUER, positions, sampleRecord, describeCryptoPaths } from './test-support.js';
import type { KeyResolver } from './verification.js';

const SECRETS = ['suyuan:customs', 'suyuan:product.registrationNumber', 'bizTransactionList', 'destinationList'];
const IAT = 1_780_000_000;

const keys = Object.fromEntries(await Promise.all(SIGNING_ALGORITHMS.map(async (alg) => [alg, await generateSigningKey(alg)] as const))) as Record<'EdDSA' | 'ES256', SigningKey>;

/** A resolver that knows exactly one key of one issuer. */
function resolverFor(key: SigningKey, issuer = ISSUER): KeyResolver {
  return (kid, iss) => (kid === key.kid && iss === issuer ? { jwk: key.publicJwk } : undefined);
}

const segment = (text: string) => encodeBase64url(new TextEncoder().encode(text));
const decode = (part: string) => Buffer.from(part, 'base64url').toString('utf8');

/** Signs arbitrary header and payload TEXT with a key: for records the signer would never produce. */
async function signRaw(headerText: string, payloadText: string, key: SigningKey): Promise<string> {
  const input = `${segment(headerText)}.${segment(payloadText)}`;
  const algorithm = key.alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  const signature = new Uint8Array(await crypto.subtle.sign(algorithm, key.privateKey, new TextEncoder().encode(input)));
  return `${input}.${encodeBase64url(signature)}`;
}

/** The header and payload a signed sample record has, for crafting variants. */
async function parts(key: SigningKey) {
  const signed = await signRecord(sampleRecord(), key, { issuer: ISSUER, iat: IAT });
  return { header: { ...signed.header } as Record<string, unknown>, payload: JSON.parse(decode(signed.jws.split('.')[1]!)) as Record<string, unknown>, signed };
}

describeCryptoPaths(() => {
  describe.each(SIGNING_ALGORITHMS)('signRecord and verifyRecord (%s)', (alg) => {
    const key = keys[alg];

    it('signs the canonical record under the six-member canonical header, and verifies it', async () => {
      const record = sampleRecord();
      const signed = await signRecord(record, key, { issuer: ISSUER, iat: IAT });
      const [h, p, s] = signed.jws.split('.') as [string, string, string];
      const identity = eventHash(record);
      expect(signed.eventHash).toBe(identity); // no secrets: the identity is the record's event hash
      expect(signed.header).toEqual({ alg, typ: RECORD_JWS_TYPE, kid: key.kid, iss: ISSUER, iat: IAT, ehash: identity });
      expect(decode(h)).toBe(canonicalize(signed.header));
      expect(decode(h)).toBe(`{"alg":"${alg}","ehash":"${identity}","iat":${IAT},"iss":"${ISSUER}","kid":"${key.kid}","typ":"suyuan-record+jws"}`);
      const expected = { ...record, eventID: identity };
      expect(decode(p)).toBe(canonicalize(expected));
      expect(s).toHaveLength(86);
      expect(signed.disclosures).toEqual([]);
      expect(signed.record).toEqual(expected);

      const verified = await verifyRecord(signed.jws, resolverFor(key));
      expect(verified).toEqual({ ok: true, record: expected, header: signed.header, eventHash: identity });
      expect(await verifyRecord(signed.jws, resolverFor(key), { disclosures: [] })).toMatchObject({ ok: true, disclosed: expected });
    });

    it('accepts the record as JSON text, and defaults iat to now', async () => {
      const before = Math.floor(Date.now() / 1000);
      const signed = await signRecord(JSON.stringify(sampleRecord()), key, { issuer: ISSUER });
      expect(signed.header.iat).toBeGreaterThanOrEqual(before);
      expect((await signRecord(sampleRecord(), key, { issuer: ISSUER, iat: new Date(IAT * 1000) })).header.iat).toBe(IAT);
      expect((await verifyRecord(signed.jws, resolverFor(key))).ok).toBe(true);
    });

    it('keeps secrets out of the JWS and verifies with all, some or none disclosed', async () => {
      const record = sampleRecord();
      const signed = await signRecord(record, key, { issuer: ISSUER, iat: IAT, secret: SECRETS });
      const payload = decode(signed.jws.split('.')[1]!);
      for (const secret of ['531620261000098765', 'PD20123456', 'PO-2026-0715', 'destinationList']) expect(payload).not.toContain(secret);
      expect(signed.disclosures).toHaveLength(4);
      expect(signed.record[SD_FIELD]).toHaveLength(4);

      const full = { ...record, eventID: signed.eventHash };
      const all = await verifyRecord(signed.jws, resolverFor(key), { disclosures: signed.disclosures });
      expect(all).toMatchObject({ ok: true, disclosed: full, eventHash: signed.eventHash });

      const some = await verifyRecord(signed.jws, resolverFor(key), { disclosures: signed.disclosures.slice(0, 2) });
      expect(some.ok).toBe(true);
      const partial = some.ok ? some.disclosed! : ({} as TraceRecord);
      expect(partial['suyuan:customs']).toEqual(record['suyuan:customs']);
      expect(partial['suyuan:product']).toEqual(record['suyuan:product']);
      expect(partial).not.toHaveProperty('bizTransactionList');
      expect(partial).not.toHaveProperty(SD_FIELD);

      const none = await verifyRecord(signed.jws, resolverFor(key), { disclosures: [] });
      expect(none.ok && none.disclosed).toEqual(Object.fromEntries(Object.entries(signed.record).filter(([name]) => name !== SD_FIELD)));
      const bare = await verifyRecord(signed.jws, resolverFor(key));
      expect(bare.ok && bare.record).toEqual(signed.record);
      expect(bare.ok && 'disclosed' in bare).toBe(false);
    });

    it('gives an identity that does not depend on salts, and never hashes the secrets unsalted', async () => {
      const record = sampleRecord();
      const a = await signRecord(record, key, { issuer: ISSUER, iat: IAT, secret: SECRETS });
      const b = await signRecord(record, key, { issuer: ISSUER, iat: IAT + 60, secret: SECRETS });
      expect(a.eventHash).toBe(b.eventHash);
      expect(a.disclosures).not.toEqual(b.disclosures);
      expect(a.record[SD_FIELD]).not.toEqual(b.record[SD_FIELD]);
      expect(a.eventHash).not.toBe(eventHash(record)); // the full record's hash covers the secrets
      expect(a.record.eventID).toBe(a.eventHash); // so the builders' eventID is replaced by the public identity
      expect(recordEventHash(a.record)).toBe(a.eventHash);
      // Re-signing the public projection keeps the identity and the digests.
      const again = await signRecord(a.record, key, { issuer: ISSUER, iat: IAT + 120 });
      expect(again.eventHash).toBe(a.eventHash);
      expect(again.record[SD_FIELD]).toEqual(a.record[SD_FIELD]);
      expect((await verifyRecord(again.jws, resolverFor(key), { disclosures: a.disclosures })).ok).toBe(true);
      await expect(signRecord(a.record, key, { issuer: ISSUER, secret: ['quantityList'] })).rejects.toMatchObject({ code: 'DISCLOSURE_INVALID' });
    });

    it('refuses records, issuers, times and secrets it cannot sign', async () => {
      const record = sampleRecord();
      await expect(signRecord({ ...record, action: 'JUMP' }, key, { issuer: ISSUER })).rejects.toMatchObject({ code: 'RECORD_INVALID' });
      await expect(signRecord('{', key, { issuer: ISSUER })).rejects.toMatchObject({ code: 'RECORD_INVALID' });
      await expect(signRecord({ ...record, ...JSON.parse('{"__proto__":{"x":1}}') }, key, { issuer: ISSUER })).rejects.toMatchObject({ code: 'RECORD_INVALID' });
      await expect(signRecord(record, key, { issuer: 'uscc:91441300MA4W000718' })).rejects.toMatchObject({ code: 'CODE_FORMAT' });
      await expect(signRecord(record, key, { issuer: '91441300MA4W000719' })).rejects.toMatchObject({ code: 'CODE_FORMAT' });
      await expect(signRecord(record, key, { issuer: ISSUER, iat: -1 })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
      await expect(signRecord(record, key, { issuer: ISSUER, iat: 1.5 })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
      await expect(signRecord(record, key, { issuer: ISSUER, secret: ['eventID'] })).rejects.toMatchObject({ code: 'DISCLOSURE_INVALID' });
      await expect(signRecord(record, key, { issuer: ISSUER, secret: ['suyuan:quota'] })).rejects.toMatchObject({ code: 'DISCLOSURE_INVALID' });
      // The public projection must still be a valid record.
      const { epcList: _epcs, ...quantitiesOnly } = record;
      await expect(signRecord(quantitiesOnly, key, { issuer: ISSUER, secret: ['quantityList'] })).rejects.toMatchObject({ code: 'RECORD_INVALID', message: expect.stringMatching(/secret fields \(quantityList\)/) });
      await expect(signRecord(record, key, { issuer: ISSUER, secret: ['suyuan:customs.declarationNumber'] })).rejects.toMatchObject({ code: 'RECORD_INVALID', details: { path: 'suyuan:customs.declarationNumber' } });
      expect((await signRecord(quantitiesOnly, key, { issuer: ISSUER, secret: ['suyuan:customs'] })).disclosures).toHaveLength(1);
    });

    it('refuses records larger than 64 KiB signed, on both sides', async () => {
      const withEpcs = (count: number) => ({ ...sampleRecord(), epcList: Array.from({ length: count }, (_, i) => `https://id.gs1.org/01/09506000134352/21/S${i}`) });
      const fits = await signRecord(withEpcs(800), key, { issuer: ISSUER });
      expect(fits.jws.length).toBeGreaterThan(40_000);
      expect(fits.jws.length).toBeLessThanOrEqual(MAX_SIGNED_RECORD_LENGTH);
      await expect(signRecord(withEpcs(1300), key, { issuer: ISSUER })).rejects.toMatchObject({ code: 'RECORD_TOO_LARGE' });
      const tooLong = `${fits.jws.split('.')[0]}.${'A'.repeat(MAX_SIGNED_RECORD_LENGTH)}.${fits.jws.split('.')[2]}`;
      expect(await verifyRecord(tooLong, resolverFor(key))).toMatchObject({ ok: false, reason: { code: 'RECORD_TOO_LARGE', check: 'format' } });
    });

    it('fails (never throws, never ok) when any character of the JWS is changed', async () => {
      const signed = await signRecord(sampleRecord(), key, { issuer: ISSUER, iat: IAT, secret: SECRETS });
      const resolver = resolverFor(key);
      const codes = new Set<string>();
      let checked = 0;
      for (const position of positions(signed.jws)) {
        for (const changed of flips(signed.jws, position)) {
          const result = await verifyRecord(changed, resolver);
          expect(result.ok, `position ${position}`).toBe(false);
          if (!result.ok) codes.add(result.reason.code);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(signed.jws.length);
      expect([...codes].every((code) => ['JWS_FORMAT', 'SIGNATURE_INVALID', 'KEY_UNKNOWN'].includes(code))).toBe(true);
      // Truncations and insertions.
      for (let cut = 0; cut < signed.jws.length; cut += 97) {
        expect((await verifyRecord(signed.jws.slice(0, cut), resolver)).ok).toBe(false);
        expect((await verifyRecord(`${signed.jws.slice(0, cut)}A${signed.jws.slice(cut)}`, resolver)).ok).toBe(false);
      }
    });

    it('fails with DISCLOSURE_INVALID when any character of a disclosure is changed', async () => {
      const signed = await signRecord(sampleRecord(), key, { issuer: ISSUER, iat: IAT, secret: SECRETS });
      for (const [index, disclosure] of signed.disclosures.entries()) {
        for (const position of positions(disclosure, 40)) {
          for (const changed of flips(disclosure, position)) {
            const disclosures = signed.disclosures.map((d, i) => (i === index ? changed : d));
            const result = await verifyRecord(signed.jws, resolverFor(key), { disclosures });
            expect(result).toMatchObject({ ok: false, reason: { code: 'DISCLOSURE_INVALID', check: 'disclosure' } });
          }
        }
      }
      // A disclosure of another record of the same issuer does not fit either.
      const other = await signRecord(sampleRecord(), key, { issuer: ISSUER, iat: IAT, secret: SECRETS });
      expect(await verifyRecord(signed.jws, resolverFor(key), { disclosures: other.disclosures.slice(0, 1) })).toMatchObject({ ok: false, reason: { code: 'DISCLOSURE_INVALID' } });
    });
  });

  describe('verifyRecord refuses', () => {
    const key = keys.EdDSA;
    const resolver = resolverFor(key);

    it.each<[string, (p: Awaited<ReturnType<typeof parts>>) => Promise<string> | string, string, string]>([
      ['a typ other than suyuan-record+jws', ({ header, payload }) => signRaw(canonicalize({ ...header, typ: 'JWT' }), canonicalize(payload), key), 'JWS_FORMAT', 'header'],
      ['an extra header member (crit)', ({ header, payload }) => signRaw(canonicalize({ ...header, crit: ['exp'] }), canonicalize(payload), key), 'JWS_FORMAT', 'header'],
      ['a missing header member (iat)', ({ header, payload }) => signRaw(canonicalize({ ...header, iat: undefined }), canonicalize(payload), key), 'JWS_FORMAT', 'header'],
      ['an iss with a wrong check character', ({ header, payload }) => signRaw(canonicalize({ ...header, iss: 'uscc:91441300MA4W000718' }), canonicalize(payload), key), 'JWS_FORMAT', 'header'],
      ['an iat that is not whole seconds', ({ header, payload }) => signRaw(canonicalize({ ...header, iat: '2026' }), canonicalize(payload), key), 'JWS_FORMAT', 'header'],
      ['an ehash that is not an event hash', ({ header, payload }) => signRaw(canonicalize({ ...header, ehash: 'sha-256:00' }), canonicalize(payload), key), 'JWS_FORMAT', 'header'],
      ['a header that is not canonical JSON', ({ header, payload }) => signRaw(JSON.stringify(header, null, 1), canonicalize(payload), key), 'JWS_FORMAT', 'header'],
      ['a header with a duplicate member', ({ header, payload }) => signRaw(`{"alg":"EdDSA",${canonicalize(header).slice(1)}`, canonicalize(payload), key), 'JWS_FORMAT', 'header'],
      ['alg none', ({ header, payload }) => `${segment(canonicalize({ ...header, alg: 'none' }))}.${segment(canonicalize(payload))}.`, 'JWS_FORMAT', 'format'],
      ['alg HS256', ({ header, payload }) => `${segment(canonicalize({ ...header, alg: 'HS256' }))}.${segment(canonicalize(payload))}.${'A'.repeat(43)}`, 'JWS_FORMAT', 'header'],
      ['a payload with unsorted members', ({ header, payload }) => signRaw(canonicalize(header), JSON.stringify(Object.fromEntries(Object.entries(payload).reverse())), key), 'JWS_FORMAT', 'canonical'],
      ['a payload that is not canonical JSON', ({ header, payload }) => signRaw(canonicalize(header), JSON.stringify(payload, null, 1), key), 'JWS_FORMAT', 'canonical'],
      ['a payload with a byte-order mark', ({ header, payload }) => signRaw(canonicalize(header), `\ufeff${canonicalize(payload)}`, key), 'JWS_FORMAT', 'canonical'],
      ['a payload that is not a record', ({ header }) => signRaw(canonicalize(header), '{"a":1}', key), 'RECORD_INVALID', 'record'],
      ['a payload with data a record cannot hold', ({ header, payload }) => signRaw(canonicalize(header), canonicalize(JSON.parse(`{"__proto__":1,${canonicalize(payload).slice(1)}`)), key), 'RECORD_INVALID', 'record'],
      ['unsorted digests', async ({ header }) => {
        const signed = await signRecord(sampleRecord(), key, { issuer: ISSUER, iat: IAT, secret: SECRETS });
        const payload = { ...signed.record, [SD_FIELD]: [...signed.record[SD_FIELD]!].reverse() };
        return signRaw(canonicalize({ ...header, ehash: signed.eventHash }), canonicalize(payload), key);
      }, 'RECORD_INVALID', 'record'],
      ['an ehash of another record', ({ header, payload }) => signRaw(canonicalize({ ...header, ehash: eventHash(exampleChains()[0]!.records[0]) }), canonicalize(payload), key), 'EVENT_HASH_MISMATCH', 'event-hash'],
      ['an eventID that is another event hash', ({ header, payload }) => signRaw(canonicalize(header), canonicalize({ ...payload, eventID: eventHash(exampleChains()[0]!.records[0]) }), key), 'EVENT_HASH_MISMATCH', 'event-hash'],
      ['a signature by another key under this kid', async ({ header, payload }) => signRaw(canonicalize(header), canonicalize(payload), await generateSigningKey('EdDSA')), 'SIGNATURE_INVALID', 'signature'],
      ['a signature of the wrong length', ({ signed }) => `${signed.jws}AAAA`, 'SIGNATURE_INVALID', 'signature'],
    ])('%s', async (_name, craft, code, check) => {
      const jws = await craft(await parts(key));
      expect(await verifyRecord(jws, resolver)).toMatchObject({ ok: false, reason: { code, check } });
    });

    it('an event-hash eventID only when it is its own, and other eventIDs as they are', async () => {
      const { header, payload } = await parts(key);
      const ok = await verifyRecord(await signRaw(canonicalize(header), canonicalize({ ...payload, eventID: 'urn:uuid:9b2f4a6e-0a4d-4f7e-8a55-3f7e1d2c9b10' }), key), resolver);
      expect(ok.ok).toBe(true);
      expect((await verifyRecord(await signRaw(canonicalize(header), canonicalize({ ...payload, eventID: undefined }), key), resolver)).ok).toBe(true);
    });

    it('anything at all, without throwing (property)', async () => {
      const { header, payload } = await parts(key);
      const member = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue());
      const headers = fc.record({ alg: fc.oneof(fc.constantFrom('EdDSA', 'ES256', 'none'), member), typ: fc.oneof(fc.constant(RECORD_JWS_TYPE), member), kid: fc.oneof(fc.constant(key.kid), member), iss: fc.oneof(fc.constant(ISSUER), member), iat: member, ehash: fc.oneof(fc.constant(header.ehash), member) }, { requiredKeys: [] });
      const jwsText = fc.oneof(
        fc.string(),
        fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((p) => p.join('.').replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')),
        fc.tuple(headers, fc.oneof(fc.constant(payload), fc.jsonValue())).map(([h, p]) => `${segment(JSON.stringify(h))}.${segment(JSON.stringify(p) ?? '')}.${'A'.repeat(86)}`),
      );
      await fc.assert(
        fc.asyncProperty(jwsText, async (jws) => {
          const result = await verifyRecord(jws, resolver);
          expect(result.ok).toBe(false);
        }),
        { numRuns: 300 },
      );
    });

    it.each([
      ['not a string', 42],
      ['undefined', undefined],
      ['an object', { jws: 'x' }],
      ['an empty string', ''],
      ['a JWT with the wrong shape', 'eyJhbGciOiJFZERTQSJ9.e30'],
    ])('%s as the JWS', async (_name, jws) => {
      expect(await verifyRecord(jws, resolver)).toMatchObject({ ok: false, reason: { code: 'JWS_FORMAT', check: 'format' } });
    });

    it('keys the resolver does not know, cannot find, refuses, or gives wrong', async () => {
      const { signed } = await parts(key);
      const other = await generateSigningKey('EdDSA');
      const es = keys.ES256;
      const cases: [KeyResolver, string][] = [
        [() => undefined, 'KEY_UNKNOWN'],
        [() => { throw new Error('network down'); }, 'KEY_UNKNOWN'],
        [async () => Promise.reject(new Error('timeout')), 'KEY_UNKNOWN'],
        [() => ({ reason: { code: 'KEY_NOT_VALID', message: 'revoked at 7', check: 'key' } }), 'KEY_NOT_VALID'],
        [() => ({ jwk: other.publicJwk }), 'KEY_INVALID'], // thumbprint is not the kid
        [() => ({ jwk: { ...key.publicJwk, d: 'x' } }), 'KEY_INVALID'], // private material
        [() => ({ jwk: { kty: 'RSA', n: 'x', e: 'AQAB' } }), 'KEY_INVALID'],
        [() => 'a key' as never, 'KEY_UNKNOWN'],
        [() => ({}) as never, 'KEY_INVALID'],
        [() => ({ reason: { code: 'NOT_A_CODE' } }) as never, 'KEY_NOT_VALID'],
      ];
      for (const [resolverCase, code] of cases) {
        const result = await verifyRecord(signed.jws, resolverCase);
        expect(result).toMatchObject({ ok: false, reason: { code, check: 'key' }, header: signed.header });
      }
      // An ES256 record whose kid names an Ed25519 key, which the resolver duly returns.
      const { header, payload } = await parts(es);
      const confused = await signRaw(canonicalize({ ...header, kid: key.kid }), canonicalize(payload), es);
      expect(await verifyRecord(confused, () => ({ jwk: key.publicJwk }))).toMatchObject({ ok: false, reason: { code: 'KEY_INVALID', check: 'key' } });
    });

    it('a key by log position, whatever iat says: a stolen key cannot backdate', async () => {
      const history = parseKeyHistory({ issuer: ISSUER, keys: [{ kid: key.kid, jwk: key.publicJwk, registeredAt: 10, revokedAt: 100 }] });
      const backdated = await signRecord(sampleRecord(), key, { issuer: ISSUER, iat: 1_500_000_000 }); // claims 2017
      expect(await verifyRecord(backdated.jws, historyKeyResolver(history, 150))).toMatchObject({ ok: false, reason: { code: 'KEY_NOT_VALID', check: 'key' } });
      expect((await verifyRecord(backdated.jws, historyKeyResolver(history, 50))).ok).toBe(true);
      const future = await signRecord(sampleRecord(), key, { issuer: ISSUER, iat: 4_000_000_000 }); // claims 2096
      expect((await verifyRecord(future.jws, historyKeyResolver(history, 99))).ok).toBe(true);
      expect(await verifyRecord(future.jws, historyKeyResolver(history, 5))).toMatchObject({ ok: false, reason: { code: 'KEY_NOT_VALID' } });
    });
  });

  describe('verifyChain', () => {
    it('accepts every example chain, signed and verified, in order', async () => {
      for (const chain of exampleChains()) {
        const issuerOf = (record: TraceRecord) => `uscc:${record['suyuan:parties']![0]!.uscc}`;
        const verified = [];
        for (const record of chain.records) {
          const signed = await signRecord(record, keys.EdDSA, { issuer: issuerOf(record), iat: IAT });
          const result = await verifyRecord(signed.jws, () => ({ jwk: keys.EdDSA.publicJwk }));
          expect(result.ok).toBe(true);
          if (result.ok) verified.push(result);
        }
        expect(verifyChain(verified)).toEqual({ ok: true });
        expect(verifyChain(verified.map((v) => v.record))).toEqual({ ok: true });
      }
    });

    it('refuses a link to a later or a missing record', () => {
      const records = exampleChains()[0]!.records;
      const reversed = verifyChain([...records].reverse());
      expect(reversed).toMatchObject({ ok: false, index: 0, reason: { code: 'CHAIN_BROKEN', check: 'chain' } });
      const gap = verifyChain([records[0]!, ...records.slice(2)]); // the palletising record links to both cases
      expect(gap).toMatchObject({ ok: false, index: 2, missing: records[1]!.eventID, reason: { code: 'CHAIN_BROKEN' } });
      expect(verifyChain([{ type: 'ShipEvent' } as unknown as TraceRecord])).toMatchObject({ ok: false, index: 0, reason: { code: 'RECORD_INVALID' } });
      expect(verifyChain([])).toEqual({ ok: true });
    });

    it('links records with secrets by their public identity', async () => {
      const { 'suyuan:previous': _links, ...start } = sampleRecord();
      const first = await signRecord(start, keys.ES256, { issuer: ISSUER, iat: IAT, secret: SECRETS });
      const next = (previous: string) => parseRecord({ ...exampleChains()[1]!.records[2]!, eventID: undefined, 'suyuan:previous': [previous] });
      const linked = await signRecord(next(first.eventHash), keys.ES256, { issuer: ISSUER, iat: IAT });
      expect(verifyChain([first, linked])).toEqual({ ok: true });
      const byFullHash = await signRecord(next(eventHash(start)), keys.ES256, { issuer: ISSUER, iat: IAT });
      expect(verifyChain([first, byFullHash])).toMatchObject({ ok: false, index: 1, reason: { code: 'CHAIN_BROKEN' } });
    });
  });

  describe('disclosures signed by hand', () => {
    it('a disclosure the signer committed to, for a field the record lacks, is put back', async () => {
      const key = keys.EdDSA;
      const { header, payload } = await parts(key);
      const disclosure = makeDisclosure('hand-made-salt-aaaaaaa', '/suyuan:reason', '抽检');
      const withDigest = { ...payload, [SD_FIELD]: [disclosureDigest(disclosure)] };
      const jws = await signRaw(canonicalize(header), canonicalize(withDigest), key);
      const result = await verifyRecord(jws, resolverFor(key), { disclosures: [disclosure] });
      expect(result.ok && result.disclosed?.['suyuan:reason']).toBe('抽检');
    });
  });
});
