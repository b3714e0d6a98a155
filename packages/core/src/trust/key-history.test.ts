import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { historyKeyResolver, keyValidAt, parseKeyHistory, type KeyHistory, type KeyStatus } from './key-history.js';
import { jwkThumbprint } from './keys.js';
import { ISSUER, RFC7515_A3, RFC8037 } from './test-support.js';

const ED = { kid: RFC8037.thumbprint, jwk: RFC8037.publicJwk };
const EC = { kid: jwkThumbprint(RFC7515_A3.publicJwk), jwk: RFC7515_A3.publicJwk };

/** The Ed25519 key: registered at 10, rotated out at 500 (the P-256 key took over at 499), revoked at 800. */
const history: KeyHistory = parseKeyHistory({
  issuer: ISSUER,
  keys: [
    { ...ED, registeredAt: 10, rotatedAt: 500, revokedAt: 800 },
    { ...EC, registeredAt: 499, revokedAt: 1000 },
  ],
});

describe('keyValidAt: validity by log position', () => {
  it.each<[string, string, number, KeyStatus, Partial<{ endedBy: string; endedAt: number }>?]>([
    ['before the registration entry', ED.kid, 3, 'not-yet-registered'],
    ['at the registration entry itself', ED.kid, 10, 'not-yet-registered'],
    ['just after registration', ED.kid, 11, 'valid'],
    ['long after registration, before any end', ED.kid, 499, 'valid'],
    ['at the rotation entry', ED.kid, 500, 'revoked', { endedBy: 'rotation', endedAt: 500 }],
    ['after rotation, before revocation', ED.kid, 650, 'revoked', { endedBy: 'rotation', endedAt: 500 }],
    ['after revocation (the earliest end counts)', ED.kid, 900, 'revoked', { endedBy: 'rotation', endedAt: 500 }],
    ['the successor, at its registration', EC.kid, 499, 'not-yet-registered'],
    ['the successor, after it', EC.kid, 500, 'valid'],
    ['the successor, just before its revocation', EC.kid, 999, 'valid'],
    ['the successor, at its revocation', EC.kid, 1000, 'revoked', { endedBy: 'revocation', endedAt: 1000 }],
    ['a key the issuer never registered', 'A'.repeat(43), 600, 'unknown'],
  ])('%s → %s', (_name, kid, logIndex, status, extra) => {
    const validity = keyValidAt(history, kid, logIndex);
    expect(validity.status).toBe(status);
    expect(validity).toMatchObject({ kid, logIndex, issuer: ISSUER, ...extra });
    expect(validity.reason).toMatch(/log index|registered no key/);
  });

  it('refuses log indices that are not non-negative integers', () => {
    for (const index of [-1, 1.5, Number.NaN, 2 ** 53]) expectSuyuanError(() => keyValidAt(history, ED.kid, index), 'INPUT_TYPE');
  });

  it('gives a resolver that answers with the key, KEY_UNKNOWN or KEY_NOT_VALID, for one log position', () => {
    expect(historyKeyResolver([history], 42)(ED.kid, ISSUER)).toEqual({ jwk: RFC8037.publicJwk });
    expect(historyKeyResolver(history, 42)(EC.kid, ISSUER)).toMatchObject({ reason: { code: 'KEY_NOT_VALID', check: 'key' } });
    expect(historyKeyResolver(history, 900)(ED.kid, ISSUER)).toMatchObject({ reason: { code: 'KEY_NOT_VALID', message: expect.stringMatching(/rotated out at log index 500/) } });
    expect(historyKeyResolver(history, 42)('B'.repeat(43), ISSUER)).toMatchObject({ reason: { code: 'KEY_UNKNOWN' } });
    expect(historyKeyResolver(history, 42)(ED.kid, 'uscc:91350100M000100Y43')).toMatchObject({ reason: { code: 'KEY_UNKNOWN' } });
  });
});

describe('parseKeyHistory', () => {
  it('keeps the required JWK members and the bounds', () => {
    const parsed = parseKeyHistory({ issuer: 'gln:9521141000007', keys: [{ ...ED, jwk: { ...ED.jwk, kid: 'mine', use: 'sig' }, registeredAt: 0 }] });
    expect(parsed).toEqual({ issuer: 'gln:9521141000007', keys: [{ ...ED, registeredAt: 0 }] });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], ''],
    ['an invalid issuer', { issuer: 'uscc:91350100M000100Y44', keys: [] }, 'issuer'],
    ['keys not a list', { issuer: ISSUER, keys: {} }, 'keys'],
    ['a kid that is not the thumbprint', { issuer: ISSUER, keys: [{ ...ED, kid: EC.kid, registeredAt: 1 }] }, 'keys[0].kid'],
    ['a private key', { issuer: ISSUER, keys: [{ ...ED, jwk: RFC8037.privateJwk, registeredAt: 1 }] }, 'keys[0].jwk'],
    ['a key twice', { issuer: ISSUER, keys: [{ ...ED, registeredAt: 1 }, { ...ED, registeredAt: 5 }] }, 'keys[1].kid'],
    ['a negative registeredAt', { issuer: ISSUER, keys: [{ ...ED, registeredAt: -1 }] }, 'keys[0].registeredAt'],
    ['a revocation before registration', { issuer: ISSUER, keys: [{ ...ED, registeredAt: 5, revokedAt: 5 }] }, 'keys[0].revokedAt'],
    ['a fractional rotation index', { issuer: ISSUER, keys: [{ ...ED, registeredAt: 5, rotatedAt: 6.5 }] }, 'keys[0].rotatedAt'],
  ])('refuses %s', (_name, value, path) => {
    expectSuyuanError(() => parseKeyHistory(value), 'KEY_INVALID', { path });
  });
});
