/**
 * Ed25519 through WebCrypto (`globalThis.crypto.subtle`, in Node ≥ 20 and current browsers), with
 * one rule: a runtime without Ed25519 — or without WebCrypto at all, as in an insecure browser
 * context — yields a `SuyuanError` `ALGORITHM_UNSUPPORTED`, never a crash, so a verdict can say
 * `unsupported` instead of `tampered`.
 */
import { SuyuanError } from '../errors.js';
import { concatBytes, decodeBase64, isBytes } from './encoding.js';

export const ED25519_PUBLIC_KEY_SIZE = 32;
export const ED25519_SIGNATURE_SIZE = 64;
const ALGORITHM = { name: 'Ed25519' } as const;

/** The PKCS #8 v1 DER prefix of an Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const PKCS8_PREFIX = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

function subtle(): SubtleCrypto {
  const crypto = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto;
  if (!crypto?.subtle) {
    throw new SuyuanError('ALGORITHM_UNSUPPORTED', 'This runtime has no WebCrypto (globalThis.crypto.subtle; browsers offer it in secure contexts only), so Ed25519 signatures cannot be checked here.', {
      expected: 'WebCrypto with Ed25519',
    });
  }
  return crypto.subtle;
}

/** Runs a WebCrypto call; a failure becomes `ALGORITHM_UNSUPPORTED`, or `NOTE_INVALID` when the runtime says the key bytes are bad. */
async function run<T>(what: string, call: (subtle: SubtleCrypto) => Promise<T>): Promise<T> {
  const api = subtle();
  try {
    return await call(api);
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'DataError') {
      throw new SuyuanError('NOTE_INVALID', `${what}: the runtime rejected the key as not a valid Ed25519 key.`, { expected: 'an Ed25519 key' }, { cause: error });
    }
    throw new SuyuanError('ALGORITHM_UNSUPPORTED', `${what}: this runtime's WebCrypto does not support Ed25519.`, { expected: 'WebCrypto with Ed25519' }, { cause: error });
  }
}

/** A copy backed by a plain ArrayBuffer, as WebCrypto's `BufferSource` wants. */
function source(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export function importPublicKey(publicKey: Uint8Array): Promise<CryptoKey> {
  return run('Importing an Ed25519 public key', (api) => api.importKey('raw', source(publicKey), ALGORITHM, true, ['verify']));
}

/** Whether `signature` is a valid Ed25519 signature of `message` by `key`; a signature of the wrong length is simply invalid. */
export async function verifySignature(key: CryptoKey, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (!isBytes(signature, ED25519_SIGNATURE_SIZE)) return false;
  return run('Verifying an Ed25519 signature', (api) => api.verify(ALGORITHM, key, source(signature), source(message)));
}

export async function sign(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await run('Signing with Ed25519', (api) => api.sign(ALGORITHM, privateKey, source(message))));
}

export async function exportPublicKey(publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await run('Exporting an Ed25519 public key', (api) => api.exportKey('raw', publicKey)));
}

export function generateKeyPair(extractable: boolean): Promise<CryptoKeyPair> {
  return run('Generating an Ed25519 key pair', (api) => api.generateKey(ALGORITHM, extractable, ['sign', 'verify']) as Promise<CryptoKeyPair>);
}

/**
 * Imports a PKCS #8 Ed25519 private key for signing (not extractable) and recovers its public key
 * (WebCrypto cannot derive it; a JWK export of a temporary extractable copy carries it as `x`).
 */
export async function importPrivateKey(pkcs8: Uint8Array): Promise<{ privateKey: CryptoKey; publicKey: Uint8Array }> {
  const jwk = await run('Importing an Ed25519 private key', async (api) => api.exportKey('jwk', await api.importKey('pkcs8', source(pkcs8), ALGORITHM, true, ['sign'])));
  const publicKey = typeof jwk.x === 'string' ? decodeBase64Url(jwk.x) : undefined;
  if (!publicKey || publicKey.length !== ED25519_PUBLIC_KEY_SIZE) {
    throw new SuyuanError('ALGORITHM_UNSUPPORTED', 'Importing an Ed25519 private key: the runtime did not reveal its public key.', { expected: 'a JWK export with x' });
  }
  const privateKey = await run('Importing an Ed25519 private key', (api) => api.importKey('pkcs8', source(pkcs8), ALGORITHM, false, ['sign']));
  return { privateKey, publicKey };
}

/** The PKCS #8 encoding of the Ed25519 private key with this 32-byte seed (RFC 8032's private key). */
export function pkcs8FromSeed(seed: Uint8Array): Uint8Array {
  return concatBytes(PKCS8_PREFIX, seed);
}

function decodeBase64Url(text: string): Uint8Array | undefined {
  if (/[+/=]/.test(text)) return undefined;
  const standard = text.replaceAll('-', '+').replaceAll('_', '/');
  return decodeBase64(standard + '='.repeat((4 - (standard.length % 4)) % 4));
}
