import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { RFC7515_A3, RFC7638, RFC8037 } from './test-support.js';
import {
  SIGNING_ALGORITHMS,
  algorithmOf,
  exportPublicJwk,
  exportSigningKeyJwk,
  generateSigningKey,
  importPublicKeyPem,
  importSigningKey,
  importSigningKeyPem,
  jwkThumbprint,
  parsePublicJwk,
} from './keys.js';

describe('jwkThumbprint (RFC 7638)', () => {
  it.each([
    ['RFC 7638 §3.1 (RSA, optional members ignored)', RFC7638.jwk, RFC7638.thumbprint],
    ['RFC 8037 A.3 (Ed25519 public key)', RFC8037.publicJwk, RFC8037.thumbprint],
    ['RFC 8037 A.3 (the private key: d does not count)', RFC8037.privateJwk, RFC8037.thumbprint],
  ])('%s', (_name, jwk, expected) => {
    expect(jwkThumbprint(jwk)).toBe(expected);
  });

  it('agrees with jose on the RFC 7515 A.3 key and on fresh keys of both algorithms', async () => {
    expect(jwkThumbprint(RFC7515_A3.publicJwk)).toBe(await calculateJwkThumbprint(RFC7515_A3.publicJwk));
    for (const alg of SIGNING_ALGORITHMS) {
      const key = await generateSigningKey(alg);
      expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk));
      expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it.each([
    ['not an object', 'x'],
    ['an unknown key type', { kty: 'XYZ', x: 'a' }],
    ['a missing required member', { kty: 'EC', crv: 'P-256', x: 'a' }],
    ['a non-string member', { kty: 'OKP', crv: 'Ed25519', x: 1 }],
  ])('refuses %s', (_name, jwk) => {
    expectSuyuanError(() => jwkThumbprint(jwk), 'KEY_INVALID');
  });
});

describe('parsePublicJwk', () => {
  it('keeps the required members only, and checks alg and use', () => {
    expect(parsePublicJwk({ ...RFC8037.publicJwk, kid: 'x', alg: 'EdDSA', use: 'sig' })).toEqual(RFC8037.publicJwk);
    expect(parsePublicJwk({ ...RFC8037.publicJwk, alg: 'Ed25519' })).toEqual(RFC8037.publicJwk);
    expect(parsePublicJwk(RFC7515_A3.publicJwk, 'ES256')).toEqual(RFC7515_A3.publicJwk);
    expect(algorithmOf(parsePublicJwk(RFC8037.publicJwk))).toBe('EdDSA');
    expect(algorithmOf(parsePublicJwk(RFC7515_A3.publicJwk))).toBe('ES256');
  });

  it.each<[string, unknown, ('EdDSA' | 'ES256')?]>([
    ['private material (d)', RFC8037.privateJwk],
    ['an RSA key', RFC7638.jwk],
    ['Ed448', { kty: 'OKP', crv: 'Ed448', x: RFC8037.publicJwk.x }],
    ['P-384', { ...RFC7515_A3.publicJwk, crv: 'P-384' }],
    ['a short x', { ...RFC8037.publicJwk, x: RFC8037.publicJwk.x.slice(1) }],
    ['a non-canonical x (stray bits in the last character)', { ...RFC8037.publicJwk, x: `${RFC8037.publicJwk.x.slice(0, -1)}p` }],
    ['padding', { ...RFC8037.publicJwk, x: `${RFC8037.publicJwk.x}=` }],
    ['a contradicting alg', { ...RFC8037.publicJwk, alg: 'ES256' }],
    ['use enc', { ...RFC8037.publicJwk, use: 'enc' }],
    ['a key for the other algorithm', RFC8037.publicJwk, 'ES256'],
    ['null', null],
  ])('refuses %s', (_name, jwk, alg) => {
    expectSuyuanError(() => parsePublicJwk(jwk, alg), 'KEY_INVALID');
  });
});

describe('signing keys', () => {
  it.each(SIGNING_ALGORITHMS)('generates %s keys: not extractable unless asked, kid = thumbprint', async (alg) => {
    const key = await generateSigningKey(alg);
    expect(key.alg).toBe(alg);
    expect(key.privateKey.type).toBe('private');
    expect(key.privateKey.extractable).toBe(false);
    expect(key.kid).toBe(jwkThumbprint(key.publicJwk));
    expect(algorithmOf(key.publicJwk)).toBe(alg);
    await expect(exportSigningKeyJwk(key)).rejects.toMatchObject({ code: 'KEY_INVALID' });

    const extractable = await generateSigningKey(alg, { extractable: true });
    const jwk = await exportSigningKeyJwk(extractable);
    expect(jwk).toMatchObject({ ...extractable.publicJwk, alg, kid: extractable.kid });
    const again = await importSigningKey(jwk);
    expect(again.kid).toBe(extractable.kid);
  });

  it('imports the RFC 8037 and RFC 7515 A.3 private keys from JWK', async () => {
    const ed = await importSigningKey(RFC8037.privateJwk);
    expect(ed).toMatchObject({ alg: 'EdDSA', kid: RFC8037.thumbprint, publicJwk: RFC8037.publicJwk });
    const ec = await importSigningKey(RFC7515_A3.privateJwk, { alg: 'ES256' });
    expect(ec).toMatchObject({ alg: 'ES256', publicJwk: RFC7515_A3.publicJwk });
  });

  it('refuses a private JWK whose d does not belong to its public key, or that has no d', async () => {
    const other = await exportSigningKeyJwk(await generateSigningKey('EdDSA', { extractable: true }));
    await expect(importSigningKey({ ...RFC8037.privateJwk, d: other.d })).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(importSigningKey(RFC8037.publicJwk)).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(importSigningKey(RFC8037.privateJwk, { alg: 'ES256' })).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(generateSigningKey('RS256' as 'EdDSA')).rejects.toMatchObject({ code: 'KEY_INVALID' });
  });

  it('exports the public JWK of a signing key or a WebCrypto public key', async () => {
    const key = await generateSigningKey('ES256');
    expect(await exportPublicJwk(key)).toEqual(key.publicJwk);
    const pair = await generateKeyPair('EdDSA');
    const expected = parsePublicJwk(await exportJWK(pair.publicKey));
    expect(await exportPublicJwk(pair.publicKey)).toEqual(expected);
    await expect(exportPublicJwk(pair.privateKey)).rejects.toMatchObject({ code: 'KEY_INVALID' });
  });
});

describe('PEM import (keys generated with node:crypto)', () => {
  const cases = [
    ['EdDSA', () => generateKeyPairSync('ed25519')],
    ['ES256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
  ] as const;

  it.each(cases)('%s: PKCS#8 and SPKI PEM give the key node:crypto made, with or without the algorithm named', async (alg, generate) => {
    const { privateKey, publicKey } = generate();
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const spki = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const nodeJwk = parsePublicJwk(createPublicKey(spki).export({ format: 'jwk' }));

    const key = await importSigningKeyPem(pkcs8);
    expect(key.alg).toBe(alg);
    expect(key.publicJwk).toEqual(nodeJwk);
    expect(key.kid).toBe(jwkThumbprint(nodeJwk));
    expect(key.privateKey.extractable).toBe(false);
    expect((await importSigningKeyPem(pkcs8, { alg })).kid).toBe(key.kid);
    expect(await importPublicKeyPem(spki)).toEqual(nodeJwk);
    expect(await importPublicKeyPem(spki, alg)).toEqual(nodeJwk);
  });

  it('refuses the wrong algorithm, SEC1 and other PEM, and public keys as private ones', async () => {
    const ed = generateKeyPairSync('ed25519');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = (k: typeof ed.privateKey) => k.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expect(importSigningKeyPem(pkcs8(ed.privateKey), { alg: 'ES256' })).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(importSigningKeyPem(pkcs8(rsa.privateKey))).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(importSigningKeyPem(ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string)).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(importSigningKeyPem(ed.publicKey.export({ type: 'spki', format: 'pem' }) as string)).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(importPublicKeyPem(pkcs8(ed.privateKey))).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(importPublicKeyPem(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string)).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(importSigningKeyPem('-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----')).rejects.toMatchObject({ code: 'KEY_INVALID' });
  });
});
