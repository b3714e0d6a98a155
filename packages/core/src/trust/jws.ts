/**
 * Compact JWS (RFC 7515 §7.1) with EdDSA (RFC 8037) and ES256 (RFC 7518 §3.4), on WebCrypto: the
 * primitives `signRecord` and `verifyRecord` are built on, usable for other Suyuan JWS types too.
 *
 * ```ts
 * const jws = await signCompactJws({ alg: key.alg, typ: 'example+jws' }, payloadBytes, key);
 * const checked = await verifyCompactJws(jws, key.publicJwk); // { ok: true, header, payload } | { ok: false, reason }
 * ```
 *
 * `signCompactJws` writes the protected header as RFC 8785 canonical JSON, so equal headers give
 * equal bytes. `splitCompactJws` is strict: three segments, each canonical base64url (no padding, no
 * stray bits — a lenient decoder would let a changed last character through), the header UTF-8 JSON
 * object with a string `alg`. ES256 signatures are the 64-byte `r ‖ s` form JWS prescribes (IEEE
 * P1363, what WebCrypto produces), never DER.
 */
import { SuyuanError } from '../errors.js';
import { asciiTextBytes } from '../crypto/base64.js';
import { decodeBase64url, decodeUtf8, encodeBase64url, encodeUtf8 } from './base64url.js';
import { canonicalize } from './canonical-json.js';
import { signBytes, verifyBytes } from '../crypto/signature.js';
import { algorithmOf, importVerificationKey, parsePublicJwk, type PublicJwk, type SigningAlgorithm, type SigningKey } from './keys.js';

/** Length in bytes of EdDSA (Ed25519) and ES256 (P-256 `r ‖ s`) signatures alike. */
export const SIGNATURE_LENGTH = 64;

/** The parts of a compact JWS, decoded. */
export interface CompactJwsParts {
  headerSegment: string;
  payloadSegment: string;
  signatureSegment: string;
  /** The protected header's JSON text. */
  headerText: string;
  header: Record<string, unknown>;
  payload: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
  /** ASCII(headerSegment '.' payloadSegment): what the signature covers. */
  signingInput: Uint8Array<ArrayBuffer>;
}

/** Splits and decodes a compact JWS, or says what is wrong with it. Never throws. */
export function splitCompactJws(jws: unknown): { ok: true; parts: CompactJwsParts } | { ok: false; message: string } {
  if (typeof jws !== 'string') return { ok: false, message: `A compact JWS is a string; got ${jws === null ? 'null' : typeof jws}.` };
  const segments = jws.split('.');
  if (segments.length !== 3) return { ok: false, message: `A compact JWS has three base64url segments separated by "."; this has ${segments.length}.` };
  const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string];
  const names = ['protected header', 'payload', 'signature'];
  const decoded = segments.map((segment) => decodeBase64url(segment));
  for (let i = 0; i < 3; i++) {
    if (!decoded[i] || segments[i] === '') return { ok: false, message: `The ${names[i]} segment is not canonical, non-empty base64url (RFC 7515 §2: no padding, no other characters).` };
  }
  const headerText = decodeUtf8(decoded[0]!);
  if (headerText === undefined) return { ok: false, message: 'The protected header is not UTF-8.' };
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch {
    return { ok: false, message: 'The protected header is not JSON.' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return { ok: false, message: 'The protected header is a JSON object.' };
  if (typeof (header as { alg?: unknown }).alg !== 'string') return { ok: false, message: 'The protected header names its "alg".' };
  return {
    ok: true,
    parts: {
      headerSegment,
      payloadSegment,
      signatureSegment,
      headerText,
      header: header as Record<string, unknown>,
      payload: decoded[1]!,
      signature: decoded[2]!,
      // Both segments are canonical base64url, so ASCII.
      signingInput: asciiTextBytes(`${headerSegment}.${payloadSegment}`),
    },
  };
}

/** The length of the compact JWS `signCompactJws` would produce for this header and payload. */
export function compactJwsLength(header: Record<string, unknown>, payload: Uint8Array): number {
  const base64urlLength = (bytes: number) => Math.ceil((bytes * 4) / 3);
  return base64urlLength(encodeUtf8(canonicalize(header)).length) + 1 + base64urlLength(payload.length) + 1 + base64urlLength(SIGNATURE_LENGTH);
}

/** Signs `payload` (bytes, or a string as UTF-8) as a compact JWS; the header's `alg` must be the key's. */
export async function signCompactJws(header: Record<string, unknown>, payload: Uint8Array | string, key: Pick<SigningKey, 'alg' | 'privateKey'>): Promise<string> {
  if (header.alg !== key.alg) {
    throw new SuyuanError('KEY_INVALID', `The header says "alg": ${JSON.stringify(header.alg)} but the key signs with ${key.alg}.`, { expected: key.alg });
  }
  const headerSegment = encodeBase64url(encodeUtf8(canonicalize(header)));
  const payloadSegment = encodeBase64url(typeof payload === 'string' ? encodeUtf8(payload) : payload);
  const signingInput = asciiTextBytes(`${headerSegment}.${payloadSegment}`);
  let signature: Uint8Array;
  try {
    signature = await signBytes(key.alg, key.privateKey, signingInput);
  } catch (error) {
    const unsupported = (error as { name?: unknown } | null)?.name === 'NotSupportedError';
    throw new SuyuanError(unsupported ? 'ALGORITHM_UNSUPPORTED' : 'KEY_INVALID', `The key cannot sign ${key.alg}: ${String((error as Error)?.message ?? error)}.`, { expected: `a private ${key.alg} key` }, { cause: error });
  }
  return `${headerSegment}.${payloadSegment}.${encodeBase64url(signature)}`;
}

/** The outcome of checking a signature: the codes are `SIGNATURE_INVALID`, `KEY_INVALID` or `ALGORITHM_UNSUPPORTED`. */
export type SignatureCheck = { ok: true } | { ok: false; code: 'SIGNATURE_INVALID' | 'KEY_INVALID' | 'ALGORITHM_UNSUPPORTED'; message: string };

/** Imported verification keys by their JWK: the same issuer key verifies many records. */
const VERIFICATION_KEYS = new Map<string, Promise<CryptoKey>>();
const VERIFICATION_KEY_CACHE_SIZE = 256;

function cachedVerificationKey(jwk: PublicJwk, alg: SigningAlgorithm): Promise<CryptoKey> {
  const id = `${alg} ${jwk.crv} ${jwk.x} ${'y' in jwk ? jwk.y : ''}`;
  let key = VERIFICATION_KEYS.get(id);
  if (!key) {
    key = importVerificationKey(jwk, alg);
    // A key that fails to import is not kept: the next call reports the failure again.
    key.catch(() => VERIFICATION_KEYS.delete(id));
    if (VERIFICATION_KEYS.size >= VERIFICATION_KEY_CACHE_SIZE) VERIFICATION_KEYS.clear();
    VERIFICATION_KEYS.set(id, key);
  }
  return key;
}

/** Checks the signature of split JWS parts with a public key for `alg`. Never throws. */
export async function checkJwsSignature(parts: CompactJwsParts, key: PublicJwk | CryptoKey, alg: SigningAlgorithm): Promise<SignatureCheck> {
  if (parts.signature.length !== SIGNATURE_LENGTH) {
    return { ok: false, code: 'SIGNATURE_INVALID', message: `An ${alg} signature is ${SIGNATURE_LENGTH} bytes; this one is ${parts.signature.length}.` };
  }
  let publicKey: CryptoKey;
  try {
    publicKey = key instanceof CryptoKey ? key : await cachedVerificationKey(key, alg);
  } catch (error) {
    const suyuan = error instanceof SuyuanError ? error : undefined;
    return { ok: false, code: suyuan?.code === 'ALGORITHM_UNSUPPORTED' ? 'ALGORITHM_UNSUPPORTED' : 'KEY_INVALID', message: suyuan?.message ?? String(error) };
  }
  try {
    const valid = await verifyBytes(alg, publicKey, parts.signature, parts.signingInput);
    return valid ? { ok: true } : { ok: false, code: 'SIGNATURE_INVALID', message: `The ${alg} signature does not verify with the key.` };
  } catch (error) {
    const unsupported = (error as { name?: unknown } | null)?.name === 'NotSupportedError';
    return { ok: false, code: unsupported ? 'ALGORITHM_UNSUPPORTED' : 'KEY_INVALID', message: `The key cannot verify ${alg}: ${String((error as Error)?.message ?? error)}.` };
  }
}

/**
 * Verifies a compact JWS with a public JWK: the header's `alg` must be the key's algorithm (EdDSA for
 * Ed25519, ES256 for P-256). Returns the header and payload bytes, or why it failed. Never throws.
 */
export async function verifyCompactJws(
  jws: unknown,
  jwk: PublicJwk,
): Promise<{ ok: true; header: Record<string, unknown>; payload: Uint8Array } | { ok: false; code: string; message: string }> {
  const split = splitCompactJws(jws);
  if (!split.ok) return { ok: false, code: 'JWS_FORMAT', message: split.message };
  let publicJwk: PublicJwk;
  try {
    publicJwk = parsePublicJwk(jwk);
  } catch (error) {
    return { ok: false, code: 'KEY_INVALID', message: (error as Error).message };
  }
  const alg = algorithmOf(publicJwk);
  if (split.parts.header.alg !== alg) return { ok: false, code: 'KEY_INVALID', message: `The JWS is "alg": ${JSON.stringify(split.parts.header.alg)}; the key is for ${alg}.` };
  const check = await checkJwsSignature(split.parts, publicJwk, alg);
  return check.ok ? { ok: true, header: split.parts.header, payload: split.parts.payload } : check;
}
