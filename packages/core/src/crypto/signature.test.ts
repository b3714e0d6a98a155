import { afterEach, describe, expect, it } from 'vitest';
import { hasNativeSignatures, signBytes, useNativeSignatures, verifyBytes, webCryptoAlgorithm, type SignatureAlgorithm } from './signature.js';

const ALGORITHMS: SignatureAlgorithm[] = ['EdDSA', 'ES256'];
const message = new TextEncoder().encode('eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ');

async function keyPair(alg: SignatureAlgorithm): Promise<CryptoKeyPair> {
  const algorithm: EcKeyGenParams | Algorithm = alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  return (await crypto.subtle.generateKey(algorithm, false, ['sign', 'verify'])) as CryptoKeyPair;
}

/** Runs `fn` with the native path on or off, and restores it. */
async function withNative<T>(native: boolean, fn: () => Promise<T>): Promise<T> {
  const previous = useNativeSignatures(native);
  try {
    return await fn();
  } finally {
    useNativeSignatures(previous);
  }
}

afterEach(() => {
  useNativeSignatures(true);
});

describe('signature primitives', () => {
  it('has the native path on Node', () => {
    expect(hasNativeSignatures).toBe(true);
    expect(useNativeSignatures(true)).toBe(true);
  });

  it.each(ALGORITHMS)('%s: native and WebCrypto accept each other’s signatures', async (alg) => {
    const { privateKey, publicKey } = await keyPair(alg);
    const native = await withNative(true, () => signBytes(alg, privateKey, message));
    const web = await withNative(false, () => signBytes(alg, privateKey, message));
    expect(native).toHaveLength(64);
    expect(web).toHaveLength(64);
    for (const signature of [native, web]) {
      expect(await withNative(true, () => verifyBytes(alg, publicKey, signature, message))).toBe(true);
      expect(await withNative(false, () => verifyBytes(alg, publicKey, signature, message))).toBe(true);
      expect(await crypto.subtle.verify(webCryptoAlgorithm(alg), publicKey, signature, message)).toBe(true);
    }
    // Ed25519 is deterministic: both paths give the very same bytes.
    if (alg === 'EdDSA') expect(native).toEqual(web);
  });

  it.each(ALGORITHMS)('%s: a changed message, a changed signature or zeros do not verify, on either path', async (alg) => {
    const { privateKey, publicKey } = await keyPair(alg);
    const signature = await signBytes(alg, privateKey, message);
    const changed = message.slice();
    changed[0]! ^= 1;
    const bent = signature.slice();
    bent[10]! ^= 0x40;
    for (const native of [true, false]) {
      expect(await withNative(native, () => verifyBytes(alg, publicKey, signature, changed))).toBe(false);
      expect(await withNative(native, () => verifyBytes(alg, publicKey, bent, message))).toBe(false);
      expect(await withNative(native, () => verifyBytes(alg, publicKey, new Uint8Array(64), message))).toBe(false);
    }
  });

  it('leaves a key unfit for the native path to WebCrypto, which refuses it as before', async () => {
    const ed = await keyPair('EdDSA');
    const ec = await keyPair('ES256');
    // A public key cannot sign; an Ed25519 key is not an ES256 key; a private key does not verify.
    await expect(signBytes('EdDSA', ed.publicKey, message)).rejects.toMatchObject({ name: 'InvalidAccessError' });
    await expect(signBytes('ES256', ed.privateKey, message)).rejects.toMatchObject({ name: 'InvalidAccessError' });
    await expect(verifyBytes('EdDSA', ec.publicKey, new Uint8Array(64), message)).rejects.toMatchObject({ name: 'InvalidAccessError' });
    await expect(verifyBytes('EdDSA', ed.privateKey, new Uint8Array(64), message)).rejects.toMatchObject({ name: 'InvalidAccessError' });
  });

  it('honours key usages on the native path: a key without "verify" does not verify', async () => {
    const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']).then((pair) => pair as CryptoKeyPair);
    const raw = await crypto.subtle.exportKey('raw', publicKey);
    const unusable = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, []);
    const signature = await signBytes('EdDSA', privateKey, message);
    await expect(withNative(true, () => verifyBytes('EdDSA', unusable, signature, message))).rejects.toMatchObject({ name: 'InvalidAccessError' });
  });
});
