/**
 * Ed25519 (`EdDSA`) and ECDSA P-256 with SHA-256 (`ES256`, signature `r ‖ s`) on WebCrypto keys —
 * the two signature primitives of signed records.
 *
 * Everywhere the work is done by WebCrypto (`crypto.subtle`). On Node, where `node:crypto` signs and
 * verifies the same keys about twice as fast and without a round trip through the thread pool, it
 * is used instead, reached through `process.getBuiltinModule` so that no bundle for a browser ever
 * names `node:crypto`. Both give the same bytes (Ed25519 is deterministic; ECDSA signatures differ
 * per call either way) and accept the same signatures; the tests run every signing path on both.
 * A key the native path cannot take (wrong type, usage or curve) goes to WebCrypto, which then says
 * what is wrong with it.
 */

export type SignatureAlgorithm = 'EdDSA' | 'ES256';

/** The WebCrypto algorithm parameters of a JWS algorithm (import, sign and verify alike). */
export function webCryptoAlgorithm(alg: SignatureAlgorithm): { name: 'Ed25519' } | { name: 'ECDSA'; namedCurve: 'P-256'; hash: 'SHA-256' } {
  return alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
}

interface NativeKey {
  key: unknown;
  dsaEncoding?: 'ieee-p1363';
}
interface NodeCrypto {
  KeyObject: { from(key: CryptoKey): unknown };
  sign(digest: string | null, data: Uint8Array, key: NativeKey): Uint8Array;
  verify(digest: string | null, data: Uint8Array, key: NativeKey, signature: Uint8Array): boolean;
}

const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => Partial<NodeCrypto> | undefined } }).process?.getBuiltinModule?.('node:crypto');
const NATIVE: NodeCrypto | undefined =
  typeof nodeCrypto?.KeyObject?.from === 'function' && typeof nodeCrypto.sign === 'function' && typeof nodeCrypto.verify === 'function' ? (nodeCrypto as NodeCrypto) : undefined;

let nativeEnabled = NATIVE !== undefined;

/**
 * Whether signing and verifying take the native `node:crypto` path (when the runtime has one). For
 * tests, which run each signing path both ways; returns the previous setting.
 */
export function useNativeSignatures(enabled: boolean): boolean {
  const previous = nativeEnabled;
  nativeEnabled = enabled && NATIVE !== undefined;
  return previous;
}

/** Whether the native path is available in this runtime. */
export const hasNativeSignatures = NATIVE !== undefined;

const NATIVE_KEYS = new WeakMap<CryptoKey, NativeKey | null>();

/** The `node:crypto` form of a WebCrypto key fit for `alg` and `usage`, or `undefined` (then WebCrypto decides). */
function nativeKey(key: CryptoKey, alg: SignatureAlgorithm, usage: 'sign' | 'verify'): NativeKey | undefined {
  if (!nativeEnabled || !NATIVE) return undefined;
  let native = NATIVE_KEYS.get(key);
  if (native === undefined) {
    native = null;
    const algorithm = key.algorithm as { name?: string; namedCurve?: string };
    const fits = alg === 'EdDSA' ? algorithm.name === 'Ed25519' : algorithm.name === 'ECDSA' && algorithm.namedCurve === 'P-256';
    if (fits && key.type === (usage === 'sign' ? 'private' : 'public') && key.usages.includes(usage)) {
      try {
        const object = NATIVE.KeyObject.from(key);
        native = alg === 'EdDSA' ? { key: object } : { key: object, dsaEncoding: 'ieee-p1363' };
      } catch {
        native = null;
      }
    }
    NATIVE_KEYS.set(key, native);
  }
  return native ?? undefined;
}

const digestOf = (alg: SignatureAlgorithm) => (alg === 'EdDSA' ? null : 'sha256');

/** Signs `data` with a private key for `alg`. Rejects as WebCrypto does (`NotSupportedError`, `InvalidAccessError` …). */
export async function signBytes(alg: SignatureAlgorithm, privateKey: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const native = nativeKey(privateKey, alg, 'sign');
  if (native) {
    const signature = NATIVE!.sign(digestOf(alg), data, native);
    return new Uint8Array(signature.buffer as ArrayBuffer, signature.byteOffset, signature.byteLength);
  }
  return new Uint8Array(await crypto.subtle.sign(webCryptoAlgorithm(alg), privateKey, data));
}

/** Whether `signature` is valid for `data` under a public key for `alg`. Rejects as WebCrypto does for an unfit key. */
export async function verifyBytes(alg: SignatureAlgorithm, publicKey: CryptoKey, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const native = nativeKey(publicKey, alg, 'verify');
  if (native) return NATIVE!.verify(digestOf(alg), data, native, signature);
  return crypto.subtle.verify(webCryptoAlgorithm(alg), publicKey, signature, data);
}
