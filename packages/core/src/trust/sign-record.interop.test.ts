/**
 * Interoperability: signed records follow the documented format (see sign-record.ts) and nothing
 * else. This file checks them with node:crypto alone — its own base64url, SHA-256, JWK import and
 * Ed25519 / ECDSA verification, and the test suite's second JCS implementation — and signs records
 * with node:crypto alone that `verifyRecord` must accept. The only library function used to *check*
 * is `eventHash` (the CBV 2.0 event hash, which has vectors of its own in records/).
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventHash } from '../records/event-hash.js';
import { importSigningKeyPem, parsePublicJwk, SIGNING_ALGORITHMS, generateSigningKey, type SigningAlgorithm } from './keys.js';
import { signRecord, verifyRecord } from './sign-record.js';
import { ISSUER, referenceCanonicalJson, sampleRecord, describeCryptoPaths } from './test-support.js';

const SECRETS = ['suyuan:customs', 'suyuan:product.registrationNumber', 'bizTransactionList'];
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');
const unb64 = (text: string) => Buffer.from(text, 'base64url');
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();

/** RFC 7638 thumbprint with node:crypto: SHA-256 of the required members in lexicographic order. */
function thumbprint(jwk: Record<string, unknown>): string {
  const members = jwk.kty === 'OKP' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return b64(sha256(JSON.stringify(members)));
}

/** Verifies a JWS signature with node:crypto: Ed25519, or ECDSA P-256 over SHA-256 with r ‖ s (IEEE P1363). */
function nodeVerify(alg: SigningAlgorithm, input: string, signature: Buffer, key: KeyObject): boolean {
  return alg === 'EdDSA' ? verify(null, Buffer.from(input), key, signature) : verify('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }, signature);
}

function nodeSign(alg: SigningAlgorithm, input: string, key: KeyObject): Buffer {
  return alg === 'EdDSA' ? sign(null, Buffer.from(input), key) : sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
}

/** Everything a third party checks of a signed record, with node:crypto and the documented format only. */
function checkWithNode(jws: string, publicJwk: Record<string, unknown>, disclosures: readonly string[]) {
  expect(jws.length).toBeLessThanOrEqual(65_535);
  const [h, p, s, ...rest] = jws.split('.');
  expect(rest).toEqual([]);
  for (const part of [h!, p!, s!]) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
  const headerText = unb64(h!).toString('utf8');
  const header = JSON.parse(headerText) as Record<string, unknown>;
  expect(Object.keys(header).sort()).toEqual(['alg', 'ehash', 'iat', 'iss', 'kid', 'typ']);
  expect(header.typ).toBe('suyuan-record+jws');
  expect(['EdDSA', 'ES256']).toContain(header.alg);
  expect(header.iss).toMatch(/^(uscc:[0-9A-HJ-NPQRTUWXY]{18}|gln:\d{13})$/);
  expect(Number.isInteger(header.iat)).toBe(true);
  expect(headerText).toBe(referenceCanonicalJson(header));
  expect(header.kid).toBe(thumbprint(publicJwk));

  const key = createPublicKey({ key: publicJwk as never, format: 'jwk' });
  const signature = unb64(s!);
  expect(signature).toHaveLength(64);
  expect(nodeVerify(header.alg as SigningAlgorithm, `${h}.${p}`, signature, key)).toBe(true);
  // ES256 is r ‖ s, not DER: a DER verifier must not accept it as is.
  if (header.alg === 'ES256') expect(verify('sha256', Buffer.from(`${h}.${p}`), key, signature)).toBe(false);

  const payloadText = unb64(p!).toString('utf8');
  const payload = JSON.parse(payloadText) as Record<string, unknown>;
  expect(payloadText).toBe(referenceCanonicalJson(payload));
  const { 'suyuan:sd': digests = [], ...identity } = payload as { 'suyuan:sd'?: string[] };
  expect(header.ehash).toBe(eventHash(identity));
  for (const disclosure of disclosures) {
    expect(digests).toContain(b64(sha256(Buffer.from(disclosure, 'ascii'))));
    const [salt, name, value] = JSON.parse(unb64(disclosure).toString('utf8')) as [string, string, unknown];
    expect(unb64(salt)).toHaveLength(16);
    expect(name).toMatch(/^\/[^/]+(\/[^/]+)?$/);
    expect(value).not.toBeUndefined();
  }
  return { header, payload };
}

describeCryptoPaths(() => {
  describe.each(SIGNING_ALGORITHMS)('a record signed here checks out with node:crypto alone (%s)', (alg) => {
    it('with secrets: header, kid, signature, canonical payload, identity and digests', async () => {
      const key = await generateSigningKey(alg);
      const record = sampleRecord();
      const signed = await signRecord(record, key, { issuer: ISSUER, secret: SECRETS });
      const { payload } = checkWithNode(signed.jws, { ...key.publicJwk }, signed.disclosures);
      expect(payload).not.toHaveProperty('suyuan:customs');
      const disclosed = Object.fromEntries(signed.disclosures.map((d) => JSON.parse(unb64(d).toString('utf8')) as [string, string, unknown]).map(([, name, value]) => [name, value]));
      expect(disclosed).toEqual({
        '/suyuan:customs': record['suyuan:customs'],
        '/suyuan:product/registrationNumber': 'PD20123456',
        '/bizTransactionList': record.bizTransactionList,
      });
    });

    it('with a key imported from PEM that node:crypto generated, checked with node\'s own public key', async () => {
      const pair = alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const key = await importSigningKeyPem(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
      const nodeJwk = pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
      const signed = await signRecord(sampleRecord(), key, { issuer: ISSUER, secret: SECRETS });
      checkWithNode(signed.jws, nodeJwk, signed.disclosures);
      const verified = await verifyRecord(signed.jws, () => ({ jwk: parsePublicJwk(nodeJwk) }), { disclosures: signed.disclosures });
      expect(verified.ok).toBe(true);
    });
  });

  describe.each(SIGNING_ALGORITHMS)('a record signed with node:crypto alone, by the documented format, verifies here (%s)', (alg) => {
    it('is accepted, and refused when it strays from the format', async () => {
      const pair = alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
      const record = { ...sampleRecord(), eventID: undefined };
      const ehash = eventHash(record);
      const header = { alg, typ: 'suyuan-record+jws', kid: thumbprint(jwk), iss: ISSUER, iat: 1_780_000_000, ehash };
      const build = (headerText: string, payloadText: string) => {
        const input = `${b64(headerText)}.${b64(payloadText)}`;
        return `${input}.${b64(nodeSign(alg, input, pair.privateKey))}`;
      };
      const resolver = () => ({ jwk });
      const jws = build(referenceCanonicalJson(header), referenceCanonicalJson(record));
      const verified = await verifyRecord(jws, resolver);
      expect(verified).toMatchObject({ ok: true, eventHash: ehash, header });
      // DER-encoded ECDSA, as node:crypto writes by default, is not a JWS signature.
      if (alg === 'ES256') {
        const input = `${b64(referenceCanonicalJson(header))}.${b64(referenceCanonicalJson(record))}`;
        const der = `${input}.${b64(sign('sha256', Buffer.from(input), pair.privateKey))}`;
        expect(await verifyRecord(der, resolver)).toMatchObject({ ok: false, reason: { code: 'SIGNATURE_INVALID' } });
      }
      // Key order of the header or the payload is part of the format.
      expect(await verifyRecord(build(JSON.stringify(Object.fromEntries(Object.entries(header).reverse())), referenceCanonicalJson(record)), resolver)).toMatchObject({ ok: false, reason: { code: 'JWS_FORMAT', check: 'header' } });
      expect(await verifyRecord(build(referenceCanonicalJson(header), JSON.stringify(record, null, 2)), resolver)).toMatchObject({ ok: false, reason: { code: 'JWS_FORMAT', check: 'canonical' } });
    });
  });
});
