/**
 * SHA-256 (FIPS 180-4), synchronous and dependency-free, so the CBV event hash can be computed
 * wherever the core runs (Node, browsers, workers) without WebCrypto's promise. Strings are hashed as
 * their UTF-8 bytes (WHATWG `TextEncoder`: a lone surrogate becomes U+FFFD — callers that must tell
 * such strings apart reject them first, as the event hash does).
 */
import { SuyuanError } from '../errors.js';

/** The 64 round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0: readonly [number, number, number, number, number, number, number, number] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const UTF8 = new TextEncoder();
/** The message schedule, reused: hashing is synchronous, so one buffer serves every call. */
const W = new Int32Array(64);

/** Reused input buffer: a string is UTF-8 encoded straight into it, padding included. */
let buffer = new Uint8Array(4096);

/** Writes `data` (a string as UTF-8) and SHA-256 padding into the shared buffer; returns the padded length. */
function padInto(data: Uint8Array | string): number {
  let length: number;
  if (typeof data === 'string') {
    if (buffer.length < data.length * 3 + 72) buffer = new Uint8Array(data.length * 3 + 72);
    length = UTF8.encodeInto(data, buffer).written;
  } else if (data instanceof Uint8Array) {
    if (buffer.length < data.length + 72) buffer = new Uint8Array(data.length + 72);
    buffer.set(data);
    length = data.length;
  } else {
    throw new SuyuanError('INPUT_TYPE', 'SHA-256 hashes a string (as UTF-8) or a Uint8Array.', { expected: 'string or Uint8Array' });
  }
  // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian integer; total a multiple of 64 bytes.
  const padded = (Math.floor((length + 8) / 64) + 1) * 64;
  buffer.fill(0, length, padded);
  buffer[length] = 0x80;
  const high = Math.floor(length / 0x20000000);
  const low = (length << 3) >>> 0;
  for (let i = 0; i < 4; i++) {
    buffer[padded - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    buffer[padded - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
  return padded;
}

interface NodeHash {
  update(data: Uint8Array | string, encoding?: 'utf8'): NodeHash;
  digest(): Uint8Array;
}

/**
 * Node's native SHA-256, when running on Node (≥ 20.16): reached through `process.getBuiltinModule`,
 * so no bundle for a browser ever names `node:crypto`. Elsewhere the TypeScript implementation runs.
 */
const nativeCreateHash = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => { createHash?: (algorithm: string) => NodeHash } | undefined } }
).process?.getBuiltinModule?.('node:crypto')?.createHash;

/** The SHA-256 digest (32 bytes) of `data`; a string is hashed as UTF-8. */
export function sha256(data: Uint8Array | string): Uint8Array {
  if (nativeCreateHash && (typeof data === 'string' || data instanceof Uint8Array)) {
    if (typeof data === 'string' && LONE.test(data)) return sha256Portable(data);
    const digest = nativeCreateHash('sha256').update(data, 'utf8').digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }
  return sha256Portable(data);
}

// Node encodes a lone surrogate as U+FFFD too, but the portable path is the reference: keep them equal.
const LONE = /[\uD800-\uDFFF]/;

/** The portable TypeScript SHA-256, used where Node's is not available (and by the tests, always). */
export function sha256Portable(data: Uint8Array | string): Uint8Array {
  const end = padInto(data);
  const padded = buffer;
  // Int32 arithmetic (`| 0`) keeps every value a small integer for the engine: no heap numbers.
  const w = W;
  let h0 = H0[0] | 0, h1 = H0[1] | 0, h2 = H0[2] | 0, h3 = H0[3] | 0, h4 = H0[4] | 0, h5 = H0[5] | 0, h6 = H0[6] | 0, h7 = H0[7] | 0;
  for (let block = 0; block < end; block += 64) {
    for (let t = 0, i = block; t < 16; t++, i += 4) w[t] = (padded[i]! << 24) | (padded[i + 1]! << 16) | (padded[i + 2]! << 8) | padded[i + 3]!;
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + w[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  [h0, h1, h2, h3, h4, h5, h6, h7].forEach((word, i) => out.setInt32(i * 4, word, false));
  return digest;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The SHA-256 digest of `data` as 64 lower-case hexadecimal digits; a string is hashed as UTF-8. */
export function sha256Hex(data: Uint8Array | string): string {
  let hex = '';
  for (const byte of sha256(data)) hex += HEX[byte];
  return hex;
}
