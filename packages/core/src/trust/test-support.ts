/**
 * Fixtures shared by the tests of `trust` (imported by `*.test.ts` files only, never by the library).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { useNativeBase64 } from '../crypto/base64.js';
import { useNativeSignatures } from '../crypto/signature.js';
import { exampleChains } from '../records/examples/chains.js';
import { parseRecord, type TraceRecord } from '../records/record.js';

/** The issuer of the sample records: the importer of the example infant-formula chain. */
export const ISSUER = 'uscc:91441300MA4W000719';

/**
 * A shipping record of the example rice chain with every kind of field a secret path can name:
 * top-level lists (`epcList`, `quantityList`, `bizTransactionList`, `destinationList`) and objects
 * (`suyuan:product`, `suyuan:customs`), in several scripts.
 */
export function sampleRecord(): TraceRecord {
  const shipped = exampleChains().find((chain) => chain.category === 'food')!.records[1]!;
  return parseRecord({
    ...shipped,
    epcList: ['https://id.gs1.org/01/09506000134352/21/A1'],
    bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:9521141000007:PO-2026-0715' }],
    'suyuan:product': { name: '丝苗米 5 kg', registrationNumber: 'PD20123456', hsCode: '1006300000' },
    'suyuan:customs': { declarationNumber: '531620261000098765', countryOfOrigin: 'CN', port: '惠州港' },
  });
}

/** The ASCII characters a flipped position is changed to: the next base64url letter, and one bit off. */
export function flips(text: string, position: number): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const char = text[position]!;
  const index = alphabet.indexOf(char);
  const next = index < 0 ? 'A' : alphabet[(index + 1) % 64]!;
  const bit = String.fromCharCode(char.charCodeAt(0) ^ 1);
  return [...new Set([next, bit])].filter((c) => c !== char).map((c) => text.slice(0, position) + c + text.slice(position + 1));
}

/** Positions to flip in `text`: every one when short, else an even sample of `count` plus both ends. */
export function positions(text: string, count = Infinity): number[] {
  if (text.length <= count) return Array.from({ length: text.length }, (_, i) => i);
  const step = text.length / count;
  const sample = new Set<number>([0, text.length - 1]);
  for (let i = 0; i < count; i++) sample.add(Math.floor(i * step));
  return [...sample].sort((a, b) => a - b);
}

/**
 * A second, independent RFC 8785 implementation for tests: members sorted by UTF-16 code units,
 * primitives written by `JSON.stringify` (which for finite numbers is ECMAScript's Number::toString
 * and for strings without lone surrogates is JCS's escaping). Valid for I-JSON data only.
 */
export function referenceCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const names = Object.keys(value).filter((name) => (value as Record<string, unknown>)[name] !== undefined);
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${names.map((name) => `${JSON.stringify(name)}:${referenceCanonicalJson((value as Record<string, unknown>)[name])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------------
// RFC key vectors

/** RFC 8037 Appendix A.1–A.3: the Ed25519 example key and its thumbprint. */
export const RFC8037 = {
  privateJwk: { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
  publicJwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
  thumbprint: 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
} as const;

/** RFC 7515 Appendix A.3: the P-256 example key. */
export const RFC7515_A3 = {
  privateJwk: { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' },
  publicJwk: { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' },
} as const;

/** RFC 7638 §3.1: the RSA example key (with optional members that do not count) and its thumbprint. */
export const RFC7638 = {
  jwk: {
    kty: 'RSA',
    n:
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
    e: 'AQAB',
    alg: 'RS256',
    kid: '2011-04-29',
  },
  thumbprint: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
} as const;

/**
 * Runs `body` twice: on Node's native crypto and base64 codec (what Node users get), and on the
 * portable WebCrypto path (what browsers get), so every signing test holds for both.
 */
export function describeCryptoPaths(body: () => void): void {
  describe.each([
    ['native node:crypto', true],
    ['WebCrypto', false],
  ] as const)('on %s', (_name, native) => {
    let previous: [boolean, boolean] = [true, true];
    beforeAll(() => {
      previous = [useNativeSignatures(native), useNativeBase64(native)];
    });
    afterAll(() => {
      useNativeSignatures(previous[0]);
      useNativeBase64(previous[1]);
    });
    body();
  });
}
