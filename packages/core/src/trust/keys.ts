/**
 * Signing keys of issuers: Ed25519 (`EdDSA`, RFC 8037) or P-256 (`ES256`, RFC 7518), held as
 * WebCrypto keys, identified by their RFC 7638 thumbprint (the `kid` of every record they sign).
 *
 * ```ts
 * const key = await generateSigningKey('EdDSA');      // { alg, kid, privateKey, publicJwk }
 * key.kid === jwkThumbprint(key.publicJwk);           // true
 * const same = await importSigningKeyPem(pkcs8Pem);   // from `openssl genpkey` / node:crypto
 * const publicJwk = await importPublicKeyPem(spkiPem); // { kty: 'OKP', crv: 'Ed25519', x }
 * ```
 *
 * Private keys are not extractable unless asked for (`{ extractable: true }`, for a keystore that
 * must write them out). Every imported private key is checked against its public half by signing
 * and verifying a test message, so a JWK whose `d` and `x` disagree is refused at import instead of
 * producing records nobody can verify. Public keys carry only the RFC 7638 required members.
 * Failures throw `SuyuanError` `KEY_INVALID`, or `ALGORITHM_UNSUPPORTED` where the runtime lacks
 * the algorithm. Built on `jose` and WebCrypto only.
 */
import { exportJWK, generateKeyPair, importJWK, importPKCS8, importSPKI, type JWK } from 'jose';
import { sha256 } from '../crypto/sha256.js';
import { webCryptoAlgorithm } from '../crypto/signature.js';
import { SuyuanError } from '../errors.js';
import { encodeBase64url, isBase64url } from './base64url.js';
import { canonicalize } from './canonical-json.js';

export { webCryptoAlgorithm };

/** The signature algorithms of Suyuan records: Ed25519 (preferred) and ECDSA P-256 with SHA-256. */
export const SIGNING_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** An Ed25519 public key as a JWK (RFC 8037). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}
/** A P-256 public key as a JWK (RFC 7518 §6.2). */
export interface P256PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}
/** An issuer's public key, with the RFC 7638 required members only. */
export type PublicJwk = Ed25519PublicJwk | P256PublicJwk;

/** A private key ready to sign records, with its algorithm, `kid` and public half. */
export interface SigningKey {
  readonly alg: SigningAlgorithm;
  /** RFC 7638 SHA-256 thumbprint of `publicJwk`, base64url. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: PublicJwk;
}

export interface KeyOptions {
  /** Whether the private key may be exported again (`exportSigningKeyJwk`). Default `false`. */
  extractable?: boolean;
}


function isSigningAlgorithm(value: unknown): value is SigningAlgorithm {
  return value === 'EdDSA' || value === 'ES256';
}

function keyError(message: string, expected?: string, cause?: unknown): SuyuanError {
  return new SuyuanError('KEY_INVALID', message, expected ? { expected } : {}, cause === undefined ? {} : { cause });
}

/** Turns a runtime failure into `ALGORITHM_UNSUPPORTED` (the runtime lacks it) or `KEY_INVALID`. */
function cryptoFailure(error: unknown, what: string, alg?: SigningAlgorithm): SuyuanError {
  if (error instanceof SuyuanError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const code = (error as { code?: unknown } | null)?.code;
  if (name === 'NotSupportedError' || code === 'ERR_JOSE_NOT_SUPPORTED') {
    return new SuyuanError('ALGORITHM_UNSUPPORTED', `This runtime cannot use ${alg ?? 'the'} keys (${String((error as Error).message)}).`, { expected: 'Ed25519 or P-256 in WebCrypto' }, { cause: error });
  }
  return keyError(`${what}: ${String((error as Error)?.message ?? error)}.`, undefined, error);
}

// ---------------------------------------------------------------------------------------------------
// Thumbprints

/** RFC 7638 §3.2: the members a thumbprint covers, by key type. */
const REQUIRED_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
  oct: ['k', 'kty'],
};

/**
 * The RFC 7638 JWK thumbprint (SHA-256, base64url) of any EC, OKP, RSA or symmetric JWK: the hash of
 * the JSON object of the key type's required members, sorted, without whitespace — which is the
 * RFC 8785 canonical form of those members. Other members (`kid`, `alg`, `use`, `d`) do not count.
 */
export function jwkThumbprint(jwk: unknown): string {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw keyError('A JWK is a JSON object.', 'object');
  const key = jwk as Record<string, unknown>;
  const members = typeof key.kty === 'string' ? REQUIRED_MEMBERS[key.kty] : undefined;
  if (!members) throw keyError(`A JWK thumbprint needs a known key type; got kty ${JSON.stringify(key.kty)}.`, 'kty EC, OKP, RSA or oct');
  const required: Record<string, string> = {};
  for (const member of members) {
    const value = key[member];
    if (typeof value !== 'string' || value === '') throw keyError(`A ${String(key.kty)} JWK has a string "${member}" member.`, `"${member}"`);
    required[member] = value;
  }
  return encodeBase64url(sha256(canonicalize(required)));
}

// ---------------------------------------------------------------------------------------------------
// Public keys

/** The algorithm a public key is for: `EdDSA` for an Ed25519 key, `ES256` for a P-256 key. */
export function algorithmOf(jwk: PublicJwk): SigningAlgorithm {
  return jwk.kty === 'OKP' ? 'EdDSA' : 'ES256';
}

/**
 * Validates a public JWK of an issuer and returns it with its required members only. Refuses private
 * members (a public key never carries `d`), other key types and curves, coordinates that are not
 * 32-byte canonical base64url, and an `alg` or `use` member that contradicts the key (when `alg` is
 * given, the key must be for it).
 */
export function parsePublicJwk(value: unknown, alg?: SigningAlgorithm): PublicJwk {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw keyError('A public key is a JWK: a JSON object.', 'object');
  const jwk = value as Record<string, unknown>;
  if ('d' in jwk || 'p' in jwk || 'k' in jwk) throw keyError('A public key must not carry private key material (the JWK has a "d", "p" or "k" member).', 'a public JWK');
  let parsed: PublicJwk;
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    if (!isBase64url(jwk.x, 32)) throw keyError('An Ed25519 JWK has "x": 32 bytes in base64url (43 characters).', '43 base64url characters');
    parsed = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  } else if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    if (!isBase64url(jwk.x, 32) || !isBase64url(jwk.y, 32)) throw keyError('A P-256 JWK has "x" and "y": 32 bytes each in base64url (43 characters).', '43 base64url characters');
    parsed = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  } else {
    throw keyError(`A Suyuan key is Ed25519 (kty OKP, crv Ed25519) or P-256 (kty EC, crv P-256); got kty ${JSON.stringify(jwk.kty)}, crv ${JSON.stringify(jwk.crv)}.`, 'OKP/Ed25519 or EC/P-256');
  }
  const keyAlg = algorithmOf(parsed);
  if (jwk.alg !== undefined && jwk.alg !== keyAlg && !(keyAlg === 'EdDSA' && jwk.alg === 'Ed25519')) {
    throw keyError(`The JWK says "alg": ${JSON.stringify(jwk.alg)}, but a ${parsed.crv} key signs with ${keyAlg}.`, keyAlg);
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') throw keyError(`A signing key has "use": "sig" (or none); got ${JSON.stringify(jwk.use)}.`, 'sig');
  if (alg !== undefined && alg !== keyAlg) throw keyError(`A ${alg} signature needs ${alg === 'EdDSA' ? 'an Ed25519' : 'a P-256'} key; this is a ${parsed.crv} key.`, alg);
  return parsed;
}

/** A WebCrypto public key for verifying `alg` signatures with `jwk`. */
export async function importVerificationKey(jwk: PublicJwk, alg: SigningAlgorithm = algorithmOf(jwk)): Promise<CryptoKey> {
  const parsed = parsePublicJwk(jwk, alg);
  try {
    return (await importJWK({ ...parsed }, alg)) as CryptoKey;
  } catch (error) {
    throw cryptoFailure(error, 'The public key cannot be imported', alg);
  }
}

/** Reads an SPKI PEM (`-----BEGIN PUBLIC KEY-----`) of an Ed25519 or P-256 key as a public JWK. */
export async function importPublicKeyPem(spkiPem: string, alg?: SigningAlgorithm): Promise<PublicJwk> {
  if (typeof spkiPem !== 'string' || !spkiPem.includes('-----BEGIN PUBLIC KEY-----')) {
    throw keyError('A public key PEM is SPKI text that starts with -----BEGIN PUBLIC KEY-----.', 'SPKI PEM');
  }
  let lastError: unknown;
  for (const candidate of alg ? [alg] : SIGNING_ALGORITHMS) {
    try {
      const key = await importSPKI(spkiPem, candidate, { extractable: true });
      return parsePublicJwk(await exportJWK(key), candidate);
    } catch (error) {
      lastError = error;
    }
  }
  throw cryptoFailure(lastError, `The PEM is not an ${alg ?? 'Ed25519 or P-256'} public key`, alg);
}

/** The public JWK of a signing key, or of a WebCrypto public key. */
export async function exportPublicJwk(key: SigningKey | CryptoKey): Promise<PublicJwk> {
  if (!(key instanceof CryptoKey)) return { ...key.publicJwk };
  if (key.type !== 'public') throw keyError('exportPublicJwk takes a public CryptoKey or a SigningKey (whose public half it returns).', 'public key');
  try {
    return parsePublicJwk(await exportJWK(key));
  } catch (error) {
    throw cryptoFailure(error, 'The public key cannot be exported');
  }
}

// ---------------------------------------------------------------------------------------------------
// Signing keys

/** Generates a new signing key. Ed25519 (`EdDSA`) is the default and the recommendation. */
export async function generateSigningKey(alg: SigningAlgorithm = 'EdDSA', options: KeyOptions = {}): Promise<SigningKey> {
  if (!isSigningAlgorithm(alg)) throw keyError(`Suyuan signs with EdDSA or ES256; got ${JSON.stringify(alg)}.`, 'EdDSA or ES256');
  let pair: { privateKey: CryptoKey; publicKey: CryptoKey };
  try {
    pair = await generateKeyPair(alg, { extractable: options.extractable ?? false });
  } catch (error) {
    throw cryptoFailure(error, 'A key cannot be generated', alg);
  }
  const publicJwk = parsePublicJwk(await exportJWK(pair.publicKey), alg);
  return { alg, kid: jwkThumbprint(publicJwk), privateKey: pair.privateKey, publicJwk };
}

/**
 * A signing key from a private JWK (`d` with its public members). The algorithm follows from the key
 * type; when `alg` is given the key must be for it.
 */
export async function importSigningKey(jwk: JWK | Record<string, unknown>, options: KeyOptions & { alg?: SigningAlgorithm } = {}): Promise<SigningKey> {
  if (typeof jwk !== 'object' || jwk === null) throw keyError('A private key is a JWK: a JSON object.', 'object');
  const { d, ...rest } = jwk as Record<string, unknown>;
  if (!isBase64url(d, 32)) throw keyError('A private Ed25519 or P-256 JWK has "d": 32 bytes in base64url.', '"d" of 43 base64url characters');
  const { p: _p, q: _q, k: _k, ...publicMembers } = rest;
  // A `kid` in the JWK is ignored: a Suyuan key's id is always its thumbprint.
  const publicJwk = parsePublicJwk(publicMembers, options.alg);
  const alg = algorithmOf(publicJwk);
  let privateKey: CryptoKey;
  try {
    privateKey = (await importJWK({ ...publicJwk, d }, alg, { extractable: options.extractable ?? false })) as CryptoKey;
  } catch (error) {
    throw cryptoFailure(error, 'The private key cannot be imported', alg);
  }
  const key: SigningKey = { alg, kid: jwkThumbprint(publicJwk), privateKey, publicJwk };
  await checkKeyPair(key);
  return key;
}

/**
 * A signing key from a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, as `openssl genpkey` and
 * `node:crypto` write it). The algorithm is found from the key when not given.
 */
export async function importSigningKeyPem(pkcs8Pem: string, options: KeyOptions & { alg?: SigningAlgorithm } = {}): Promise<SigningKey> {
  if (typeof pkcs8Pem !== 'string' || !pkcs8Pem.includes('-----BEGIN PRIVATE KEY-----')) {
    throw keyError('A private key PEM is PKCS#8 text that starts with -----BEGIN PRIVATE KEY----- (convert SEC1 "EC PRIVATE KEY" files with `openssl pkcs8 -topk8 -nocrypt`).', 'PKCS#8 PEM');
  }
  let lastError: unknown;
  for (const alg of options.alg ? [options.alg] : SIGNING_ALGORITHMS) {
    let jwk: JWK;
    try {
      // Imported extractable once, to read the public half out of it; re-imported below as asked.
      jwk = await exportJWK(await importPKCS8(pkcs8Pem, alg, { extractable: true }));
    } catch (error) {
      lastError = error;
      continue;
    }
    return importSigningKey(jwk, { alg, extractable: options.extractable ?? false });
  }
  throw cryptoFailure(lastError, `The PEM is not an ${options.alg ?? 'Ed25519 or P-256'} private key`, options.alg);
}

/** The private JWK of a signing key generated or imported with `{ extractable: true }`. */
export async function exportSigningKeyJwk(key: SigningKey): Promise<JWK> {
  if (!key.privateKey.extractable) throw keyError('This private key is not extractable: generate or import it with { extractable: true } to export it.', 'an extractable key');
  try {
    const { kty, crv, x, y, d } = await exportJWK(key.privateKey);
    return { kty, crv, x, ...(y === undefined ? {} : { y }), d, alg: key.alg, kid: key.kid };
  } catch (error) {
    throw cryptoFailure(error, 'The private key cannot be exported', key.alg);
  }
}

const PAIR_CHECK = new TextEncoder().encode('suyuan key pair check');

/** Signs a test message and verifies it with the public half: a private key that does not match is refused. */
async function checkKeyPair(key: SigningKey): Promise<void> {
  try {
    const algorithm = webCryptoAlgorithm(key.alg);
    const signature = new Uint8Array(await crypto.subtle.sign(algorithm, key.privateKey, PAIR_CHECK));
    const publicKey = await importVerificationKey(key.publicJwk, key.alg);
    if (await crypto.subtle.verify(algorithm, publicKey, signature, PAIR_CHECK)) return;
  } catch (error) {
    throw cryptoFailure(error, 'The private key cannot sign', key.alg);
  }
  throw keyError('The private key does not belong to the public key of the JWK (its "d" does not match "x"/"y").', 'a matching key pair');
}
