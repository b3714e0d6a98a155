/**
 * RFC 9162 (Certificate Transparency 2.0, same hashing as RFC 6962) Merkle trees over SHA-256: leaf
 * and node hashes, the Merkle Tree Hash, inclusion and consistency proofs — generated (§2.1.3.1,
 * §2.1.4.1) and verified (§2.1.3.2, §2.1.4.2).
 *
 * ```ts
 * const entries = jwsList.map((jws) => utf8(jws));       // the exact bytes the platform logged
 * const root = rootHash(entries);
 * const proof = inclusionProof(entries, 3);               // { index: 3, treeSize, proof: [...] }
 * verifyInclusion({ ...proof, leafHash: leafHash(entries[3]), rootHash: root }); // { ok: true, … }
 * verifyConsistency({ ...consistencyProof(entries, 2), oldRoot, newRoot: root });
 * ```
 *
 * Sizes and indices are JS numbers, integers in 0 … 2^53 − 1; anything else (a fraction, a negative
 * number, 2^63, a bigint) is malformed evidence. The verifiers never throw on evidence: they answer
 * a `LogVerification` (see `verification.ts`) whose failures carry `LOG_PROOF_INVALID`.
 */
import { SuyuanError } from '../errors.js';
import { sha256 } from '../crypto/sha256.js';
import { concatBytes, equalBytes, isBytes, isSize, utf8 } from './encoding.js';
import { failure, type LogVerification } from './verification.js';

/** The size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

/** The Merkle Tree Hash of the empty tree: SHA-256 of nothing. */
export const EMPTY_TREE_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** No tree this library can address (≤ 2^53 − 1 leaves) has a proof longer than this. */
const MAX_PROOF_LENGTH = 64;

/** An inclusion proof: the audit path of the leaf at `index` in the tree of `treeSize` leaves, leaf's sibling first. */
export interface InclusionProof {
  readonly index: number;
  readonly treeSize: number;
  readonly proof: readonly Uint8Array[];
}

/** A consistency proof: the hashes that show the tree of `oldSize` leaves is a prefix of the tree of `newSize`. */
export interface ConsistencyProof {
  readonly oldSize: number;
  readonly newSize: number;
  readonly proof: readonly Uint8Array[];
}

/** What `verifyInclusion` checks: the proof, the hash of the leaf, and the root the proof must reach. */
export interface InclusionProofInput extends InclusionProof {
  readonly leafHash: Uint8Array;
  readonly rootHash: Uint8Array;
}

/** What `verifyConsistency` checks: the proof and the two roots it must connect. */
export interface ConsistencyProofInput extends ConsistencyProof {
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
}

/** The statement an inclusion proof established. */
export interface VerifiedInclusion {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: Uint8Array;
  readonly rootHash: Uint8Array;
}

/** The statement a consistency proof established. */
export interface VerifiedConsistency {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
}

/** The leaf hash of one log entry: SHA-256(0x00 ‖ entry). A string entry is hashed as its UTF-8 bytes. */
export function leafHash(entry: Uint8Array | string): Uint8Array {
  const bytes = typeof entry === 'string' ? utf8(entry) : entry;
  if (!isBytes(bytes)) throw new SuyuanError('INPUT_TYPE', 'A log entry is a Uint8Array (or a string, hashed as UTF-8).', { expected: 'Uint8Array or string' });
  return sha256(concatBytes(LEAF_PREFIX, bytes));
}

/** The hash of an interior node: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (!isBytes(left, HASH_SIZE) || !isBytes(right, HASH_SIZE)) throw new SuyuanError('INPUT_TYPE', `Both children of a Merkle node are ${HASH_SIZE}-byte hashes.`, { expected: `${HASH_SIZE}-byte Uint8Array` });
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** The Merkle Tree Hash MTH(D[n]) of the log entries (RFC 9162 §2.1.1); the empty list gives `EMPTY_TREE_ROOT`. */
export function rootHash(entries: readonly (Uint8Array | string)[]): Uint8Array {
  const leaves = leafHashes(entries);
  return leaves.length === 0 ? EMPTY_TREE_ROOT : subtreeHash(leaves, 0, leaves.length);
}

/**
 * The inclusion proof PATH(index, D[n]) for the entry at `index` among `entries` (RFC 9162
 * §2.1.3.1). Hashes every entry: for tests, tools and small trees; a log serves proofs from tiles.
 */
export function inclusionProof(entries: readonly (Uint8Array | string)[], index: number): InclusionProof {
  const leaves = leafHashes(entries);
  if (!isSize(index) || index >= leaves.length) {
    throw new SuyuanError('LOG_PROOF_INVALID', `An inclusion proof needs an index in 0 … ${leaves.length - 1}; got ${String(index)}.`, { expected: `integer below ${leaves.length}`, received: String(index) });
  }
  const proof: Uint8Array[] = [];
  let start = 0;
  let end = leaves.length;
  const siblings: Uint8Array[] = [];
  // Walk from the root down to the leaf; the proof lists the siblings bottom-up.
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (index < start + k) {
      siblings.push(subtreeHash(leaves, start + k, end));
      end = start + k;
    } else {
      siblings.push(subtreeHash(leaves, start, start + k));
      start += k;
    }
  }
  for (let i = siblings.length - 1; i >= 0; i--) proof.push(siblings[i]!);
  return { index, treeSize: leaves.length, proof };
}

/**
 * The consistency proof PROOF(oldSize, D[n]) from the first `oldSize` entries to all of `entries`
 * (RFC 9162 §2.1.4.1); empty when `oldSize` is the whole list. `oldSize` 0 is refused: the empty
 * tree is a prefix of every tree and has no proof (see `verifyConsistency`).
 */
export function consistencyProof(entries: readonly (Uint8Array | string)[], oldSize: number): ConsistencyProof {
  const leaves = leafHashes(entries);
  if (!isSize(oldSize) || oldSize < 1 || oldSize > leaves.length) {
    throw new SuyuanError('LOG_PROOF_INVALID', `A consistency proof needs an old size in 1 … ${leaves.length}; got ${String(oldSize)}.`, { expected: `integer in 1 … ${leaves.length}`, received: String(oldSize) });
  }
  const proof = oldSize === leaves.length ? [] : subproof(leaves, oldSize, 0, leaves.length, true);
  return { oldSize, newSize: leaves.length, proof };
}

/**
 * Verifies an inclusion proof exactly as RFC 9162 §2.1.3.2 describes: the leaf hash, hashed with
 * the proof's hashes along the path that `index` and `treeSize` dictate, must give `rootHash`.
 * Requires 32-byte hashes, `index < treeSize`, and exactly as many proof hashes as that path has.
 */
export function verifyInclusion(input: InclusionProofInput): LogVerification<VerifiedInclusion> {
  if (typeof input !== 'object' || input === null) return invalid('malformed', 'An inclusion proof to verify is an object { leafHash, index, treeSize, proof, rootHash }.');
  const { leafHash: leaf, index, treeSize, proof, rootHash: root } = input;
  const shape = checkHashes(proof, { leafHash: leaf, rootHash: root });
  if (shape) return shape;
  if (!isSize(treeSize)) return invalid('malformed', `The tree size must be an integer in 0 … 2^53 − 1; got ${describe(treeSize)}.`, { path: 'treeSize', received: describe(treeSize) });
  if (!isSize(index)) return invalid('malformed', `The leaf index must be an integer in 0 … 2^53 − 1; got ${describe(index)}.`, { path: 'index', received: describe(index) });
  if (index >= treeSize) return invalid('malformed', `The leaf index ${index} is not in a tree of ${treeSize} leaves.`, { path: 'index', expected: `below ${treeSize}`, received: String(index) });
  const expected = inclusionProofLength(index, treeSize);
  if (proof.length !== expected) {
    return invalid('malformed', `An inclusion proof for leaf ${index} of a tree of ${treeSize} has ${expected} hashes; this one has ${proof.length}.`, { path: 'proof', expected: String(expected), received: String(proof.length) });
  }

  // RFC 9162 §2.1.3.2, step by step.
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return invalid('mismatch', 'The inclusion proof is longer than the path from the leaf to the root.', { path: 'proof' });
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return invalid('mismatch', 'The inclusion proof is shorter than the path from the leaf to the root.', { path: 'proof' });
  if (!equalBytes(r, root)) return invalid('mismatch', `The inclusion proof for leaf ${index} does not lead to the root hash of the tree of ${treeSize} leaves.`, { path: 'rootHash' });
  return { ok: true, value: { index, treeSize, leafHash: leaf, rootHash: root } };
}

/**
 * Verifies a consistency proof exactly as RFC 9162 §2.1.4.2 describes: the proof must rebuild both
 * `oldRoot` and `newRoot`. Decisions where the RFC leaves room:
 * - `oldSize` 0 is refused (the RFC requires 0 < first): the empty tree is a prefix of every tree,
 *   so there is nothing to prove and a caller that meets an empty old tree needs no proof at all;
 * - `oldSize === newSize` is accepted with an empty proof when the two roots are equal (what
 *   tlog-witness requires of a witness; RFC 9162 only defines first < second);
 * - `oldSize > newSize`, hashes that are not 32 bytes, and a proof of the wrong length are malformed.
 */
export function verifyConsistency(input: ConsistencyProofInput): LogVerification<VerifiedConsistency> {
  if (typeof input !== 'object' || input === null) return invalid('malformed', 'A consistency proof to verify is an object { oldSize, newSize, oldRoot, newRoot, proof }.');
  const { oldSize, newSize, oldRoot, newRoot, proof } = input;
  const shape = checkHashes(proof, { oldRoot, newRoot });
  if (shape) return shape;
  if (!isSize(oldSize)) return invalid('malformed', `The old tree size must be an integer in 0 … 2^53 − 1; got ${describe(oldSize)}.`, { path: 'oldSize', received: describe(oldSize) });
  if (!isSize(newSize)) return invalid('malformed', `The new tree size must be an integer in 0 … 2^53 − 1; got ${describe(newSize)}.`, { path: 'newSize', received: describe(newSize) });
  if (oldSize === 0) {
    return invalid('malformed', 'A consistency proof starts from a non-empty tree: the empty tree is a prefix of every tree and has no proof (RFC 9162 §2.1.4 requires 0 < first).', { path: 'oldSize', expected: 'at least 1', received: '0' });
  }
  if (oldSize > newSize) return invalid('malformed', `The old tree (${oldSize} leaves) is larger than the new one (${newSize}): a log only grows.`, { path: 'oldSize', expected: `at most ${newSize}`, received: String(oldSize) });
  const value = { oldSize, newSize, oldRoot, newRoot };
  if (oldSize === newSize) {
    if (proof.length !== 0) return invalid('malformed', `Two trees of the same size (${newSize}) need no proof hashes; got ${proof.length}.`, { path: 'proof', expected: '0', received: String(proof.length) });
    if (!equalBytes(oldRoot, newRoot)) return invalid('mismatch', `Two trees of the same size (${newSize}) have different root hashes: the log has forked.`, { path: 'newRoot' });
    return { ok: true, value };
  }
  const expected = consistencyProofLength(oldSize, newSize);
  if (proof.length !== expected) {
    return invalid('malformed', `A consistency proof from ${oldSize} to ${newSize} leaves has ${expected} hashes; this one has ${proof.length}.`, { path: 'proof', expected: String(expected), received: String(proof.length) });
  }

  // RFC 9162 §2.1.4.2, step by step.
  // 1. An empty proof fails (excluded by the length check: 0 < first < second gives at least one hash).
  // 2. If first is an exact power of 2, prepend first_hash to the consistency path.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  // 3.–4. fn = first − 1, sn = second − 1; shift both right while LSB(fn) is set.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr and sr start from the first value of the path.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6. For each subsequent value c.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return invalid('mismatch', 'The consistency proof is longer than the path between the two trees.', { path: 'proof' });
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7. fr must be first_hash, sr second_hash, and sn 0.
  if (sn !== 0) return invalid('mismatch', 'The consistency proof is shorter than the path between the two trees.', { path: 'proof' });
  if (!equalBytes(fr, oldRoot)) return invalid('mismatch', `The consistency proof does not rebuild the root hash of the old tree (${oldSize} leaves).`, { path: 'oldRoot' });
  if (!equalBytes(sr, newRoot)) return invalid('mismatch', `The consistency proof does not rebuild the root hash of the new tree (${newSize} leaves).`, { path: 'newRoot' });
  return { ok: true, value };
}

/** The number of hashes in the inclusion proof of leaf `index` in a tree of `size` leaves. */
export function inclusionProofLength(index: number, size: number): number {
  // inner: the levels below the point where the paths to `index` and to the last leaf meet;
  // border: the left siblings above it (the ones bits of what remains of the index).
  let a = index;
  let b = size - 1;
  let inner = 0;
  while (a !== b) {
    a = half(a);
    b = half(b);
    inner++;
  }
  return inner + ones(a);
}

/** The number of hashes in the consistency proof from `oldSize` to `newSize` leaves (0 < oldSize < newSize). */
export function consistencyProofLength(oldSize: number, newSize: number): number {
  // The inclusion path of the old tree's last leaf, less the levels of the old tree's largest
  // complete right-most subtree (its root stands for them), plus that root when it is not the whole old tree.
  let shift = 0;
  for (let m = oldSize; m % 2 === 0; m = half(m)) shift++;
  const start = isPowerOfTwo(oldSize) ? 0 : 1;
  return inclusionProofLength(oldSize - 1, newSize) - shift + start;
}

function leafHashes(entries: readonly (Uint8Array | string)[]): Uint8Array[] {
  if (!Array.isArray(entries)) throw new SuyuanError('INPUT_TYPE', 'The log entries are an array of Uint8Array (or strings, hashed as UTF-8).', { expected: 'array' });
  return entries.map((entry) => leafHash(entry));
}

/** MTH(D[start:end]) from the leaf hashes, end > start. */
function subtreeHash(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end - start === 1) return leaves[start]!;
  const k = largestPowerOfTwoBelow(end - start);
  return nodeHash(subtreeHash(leaves, start, start + k), subtreeHash(leaves, start + k, end));
}

/** SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1, bottom-up. */
function subproof(leaves: readonly Uint8Array[], m: number, start: number, end: number, complete: boolean): Uint8Array[] {
  const n = end - start;
  if (m === n) return complete ? [] : [subtreeHash(leaves, start, end)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) return [...subproof(leaves, m, start, start + k, complete), subtreeHash(leaves, start + k, end)];
  return [...subproof(leaves, m - k, start + k, end, false), subtreeHash(leaves, start, start + k)];
}

/** The largest power of two strictly below `n` (n ≥ 2). */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && m % 2 === 0) m = half(m);
  return m === 1;
}

/** n >> 1 for integers up to 2^53 (the `>>` operator would cut them to 32 bits). */
function half(n: number): number {
  return Math.floor(n / 2);
}

function ones(n: number): number {
  let count = 0;
  for (let m = n; m > 0; m = half(m)) count += m % 2;
  return count;
}

function checkHashes(proof: unknown, hashes: Record<string, unknown>): ReturnType<typeof invalid> | undefined {
  for (const [name, hash] of Object.entries(hashes)) {
    if (!isBytes(hash, HASH_SIZE)) return invalid('malformed', `${name} must be a ${HASH_SIZE}-byte SHA-256 hash; got ${describe(hash)}.`, { path: name, expected: `${HASH_SIZE} bytes`, received: describe(hash) });
  }
  if (!Array.isArray(proof)) return invalid('malformed', 'The proof must be an array of 32-byte hashes.', { path: 'proof', expected: 'array', received: describe(proof) });
  if (proof.length > MAX_PROOF_LENGTH) return invalid('malformed', `A proof has at most ${MAX_PROOF_LENGTH} hashes; this one has ${proof.length}.`, { path: 'proof', expected: `at most ${MAX_PROOF_LENGTH}`, received: String(proof.length) });
  for (let i = 0; i < proof.length; i++) {
    if (!isBytes(proof[i], HASH_SIZE)) return invalid('malformed', `Proof hash ${i} must be ${HASH_SIZE} bytes; got ${describe(proof[i])}.`, { path: `proof[${i}]`, expected: `${HASH_SIZE} bytes`, received: describe(proof[i]) });
  }
  return undefined;
}

function invalid(reason: 'malformed' | 'mismatch', message: string, details: Parameters<typeof failure>[3] = {}) {
  return failure(reason, 'LOG_PROOF_INVALID', message, details);
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `${value}n (a bigint)`;
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}
