/**
 * The log's Merkle tree as the platform stores it: a TypeScript port of the tree storage of Go's
 * `golang.org/x/mod/sumdb/tlog` (tlog.go: `StoredHashIndex`, `SplitStoredHashIndex`,
 * `StoredHashCount`, `StoredHashes`, `TreeHash`, `ProveRecord`, `ProveTree`).
 *
 * Every complete subtree of the tree — a leaf (level 0), or 2^L leaves starting at a multiple of
 * 2^L (level L) — has its hash stored exactly once, at a "stored hash index": the hashes are laid
 * out in the order they become known while leaves are appended (Crosby and Wallach, "Efficient
 * Data Structures for Tamper-Evident Logging", §3.3). Leaf n brings its own hash and the hashes of
 * the subtrees it completes, so a tree of n leaves has 2n − popcount(n) stored hashes and never
 * rewrites one. Incomplete subtrees (the right edge of a tree whose size is not a power of two) are
 * never stored: their hashes are computed from the complete subtrees they split into, exactly as
 * RFC 9162 §2.1.1 defines the Merkle Tree Hash.
 *
 * Hashing is RFC 9162 §2.1.1 (core's `leafHash` / `nodeHash`), so every root and proof here is the
 * one core's `rootHash`, `verifyInclusion` and `verifyConsistency` compute and accept, and a
 * stored hash at level 8·L is a hash of a C2SP tlog-tiles tile at level L (see `tiles.ts`).
 *
 * Reads go through a `HashReader` (the store's `readHashes`, one database round-trip per call).
 * Every function below computes all the indexes it needs first and makes at most one reader call.
 *
 * Sizes and indexes are JS numbers. A tree may hold up to `MAX_TREE_SIZE` = 2^52 leaves: the
 * largest size whose stored hash indexes (up to 2^53 − 1) are all exact integers.
 */
import { EMPTY_TREE_ROOT, HASH_SIZE, SuyuanError, nodeHash } from '@suyuan/core';

/**
 * Reads stored hashes by stored hash index: exactly one 32-byte hash per index, in the order
 * asked (throwing, e.g. `NOT_FOUND`, when one is missing). The store's `readHashes`.
 */
export type HashReader = (indexes: readonly number[]) => Promise<Uint8Array[]>;

/** A stored hash to write: its stored hash index and its 32 bytes (the store's `StoredHash`). */
export interface NewStoredHash {
  index: number;
  hash: Uint8Array;
}

/** The largest tree this module addresses: 2^52 leaves, whose stored hashes fill indexes 0 … 2^53 − 2. */
export const MAX_TREE_SIZE = 2 ** 52;

/** The highest level a stored hash can have in a tree of at most `MAX_TREE_SIZE` leaves. */
const MAX_LEVEL = 52;

/** The stored hash count of the largest tree: 2^53 − 1, so every stored hash index is a safe integer. */
const MAX_STORED_HASH_COUNT = 2 * MAX_TREE_SIZE - 1;

// Stored hash indexes ---------------------------------------------------------------------------

/**
 * The stored hash index of the complete subtree at `level` with node index `n` at that level (the
 * subtree of leaves [n·2^level, (n+1)·2^level)), as Go's `StoredHashIndex` computes it. The
 * subtree is completed by its last leaf, m = (n+1)·2^level − 1, which stores its own hash and then
 * the hashes of the `level` subtrees it completes, smallest first; leaf m's own hash sits at
 * m + ⌊m/2⌋ + ⌊m/4⌋ + …, so the subtree's hash sits `level` places further.
 * Throws `INPUT_TYPE` unless the subtree lies within a tree of at most `MAX_TREE_SIZE` leaves.
 */
export function storedHashIndex(level: number, n: number): number {
  if (!Number.isSafeInteger(level) || level < 0 || level > MAX_LEVEL) {
    throw new SuyuanError('INPUT_TYPE', `A tree level is an integer in 0 … ${MAX_LEVEL}; got ${describe(level)}.`, { path: 'level', expected: `integer in 0 … ${MAX_LEVEL}`, received: describe(level) });
  }
  checkCount(n, 'n');
  if ((n + 1) * 2 ** level > MAX_TREE_SIZE) {
    throw new SuyuanError('INPUT_TYPE', `The subtree at level ${level}, index ${n} lies beyond the largest tree this log addresses (${MAX_TREE_SIZE} leaves).`, { path: 'n', expected: `at most ${MAX_TREE_SIZE / 2 ** level - 1}`, received: String(n) });
  }
  return leafStoredIndex((n + 1) * 2 ** level - 1) + level;
}

/**
 * The inverse of `storedHashIndex`: the level and node index of the subtree whose hash is stored
 * at `index` (Go's `SplitStoredHashIndex`). Throws `INPUT_TYPE` for an index that is not a
 * non-negative integer below `storedHashCount(MAX_TREE_SIZE)`.
 */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  checkCount(index, 'index');
  if (index >= MAX_STORED_HASH_COUNT) {
    throw new SuyuanError('INPUT_TYPE', `A stored hash index is below ${MAX_STORED_HASH_COUNT}; got ${index}.`, { path: 'index', expected: `below ${MAX_STORED_HASH_COUNT}`, received: String(index) });
  }
  // Leaf m's hash sits at leafStoredIndex(m) ≤ 2m, so the leaf that stored `index` is in
  // [index/2, index/2 + log₂ index]; each leaf m stores 1 + trailingZeros(m + 1) hashes.
  let m = Math.floor(index / 2);
  let start = leafStoredIndex(m);
  for (;;) {
    const next = start + 1 + trailingZeros(m + 1);
    if (next > index) break;
    m++;
    start = next;
  }
  const level = index - start;
  return { level, n: Math.floor(m / 2 ** level) };
}

/**
 * The number of stored hashes of a tree of `size` leaves (Go's `StoredHashCount`): 2·size −
 * popcount(size). The stored hashes of a tree are exactly the indexes 0 … count − 1, and a tree's
 * stored hashes are a prefix of those of every larger tree.
 */
export function storedHashCount(size: number): number {
  checkSize(size, 'size');
  if (size === 0) return 0;
  // The last leaf's own hash, then the subtrees that leaf completes (one per trailing one bit).
  return leafStoredIndex(size - 1) + 1 + trailingZeros(size);
}

/** The stored hash index of leaf m: m + ⌊m/2⌋ + ⌊m/4⌋ + … (Go's `StoredHashIndex(0, m)`). */
function leafStoredIndex(m: number): number {
  let index = 0;
  for (let k = m; k > 0; k = Math.floor(k / 2)) index += k;
  return index;
}

// Appending -------------------------------------------------------------------------------------

/**
 * The stored hashes to write when leaves [fromSize, fromSize + leafHashes.length) are appended to
 * the tree of `fromSize` leaves, and the root hash of the grown tree.
 *
 * Go's `StoredHashesForRecordHash`, batched: instead of one reader call per leaf, this reads the
 * right edge of the old tree — the roots of its complete subtrees, at most 52 hashes — in one
 * call (none when `fromSize` is 0), and combines the batch's own hashes in memory. The hashes come
 * out in stored-index order, exactly the indexes `storedHashCount(fromSize)` …
 * `storedHashCount(fromSize + leafHashes.length) − 1`. `leafHashes` are RFC 9162 leaf hashes
 * (core's `leafHash` of each entry). An empty batch writes nothing and answers the current root.
 */
export async function appendLeaves(
  fromSize: number,
  leafHashes: readonly Uint8Array[],
  reader: HashReader,
): Promise<{ hashes: NewStoredHash[]; rootHash: Uint8Array }> {
  checkSize(fromSize, 'fromSize');
  if (!Array.isArray(leafHashes)) throw new SuyuanError('INPUT_TYPE', 'The leaf hashes to append are an array of 32-byte hashes.', { path: 'leafHashes', expected: 'array' });
  leafHashes.forEach((hash, i) => checkHash(hash, `leafHashes[${i}]`));
  checkSize(fromSize + leafHashes.length, 'fromSize + leafHashes.length');

  // The right edge: the roots of the old tree's complete subtrees, largest (leftmost) first.
  const edge = [...(await readAll(reader, subtreeIndexes(0, fromSize, [])))];
  const hashes: NewStoredHash[] = [];
  let next = storedHashCount(fromSize);
  for (let i = 0; i < leafHashes.length; i++) {
    const leaf = fromSize + i;
    let hash = leafHashes[i]!;
    hashes.push({ index: next++, hash });
    // Leaf m completes one subtree per trailing one bit of m: each joins the edge's last root.
    for (let level = trailingZeros(leaf + 1); level > 0; level--) {
      hash = nodeHash(edge.pop()!, hash);
      hashes.push({ index: next++, hash });
    }
    edge.push(hash);
  }
  return { hashes, rootHash: foldRoots(edge) };
}

// Root hash -------------------------------------------------------------------------------------

/**
 * The Merkle Tree Hash (RFC 9162 §2.1.1) of the tree of `size` leaves, from its stored hashes:
 * one reader call for at most 52 hashes (Go's `TreeHash`). The empty tree's hash is
 * `EMPTY_TREE_ROOT` (SHA-256 of nothing, as RFC 9162 defines it; Go's tlog answers zeros instead).
 */
export async function treeHash(size: number, reader: HashReader): Promise<Uint8Array> {
  checkSize(size, 'size');
  if (size === 0) return EMPTY_TREE_ROOT;
  const hashes = await readAll(reader, subtreeIndexes(0, size, []));
  return foldRoots(hashes);
}

// Proofs ----------------------------------------------------------------------------------------

/** A proof as the API writes it: each hash in standard base64 (as checkpoints write root hashes). */
export function encodeProof(proof: readonly Uint8Array[]): string[] {
  return proof.map((hash) => Buffer.from(hash).toString('base64'));
}

/**
 * The inclusion proof (RFC 9162 §2.1.3.1 audit path, leaf's sibling first) of the leaf at `index`
 * in the tree of `size` leaves, from stored hashes in one reader call (Go's `ProveRecord`).
 * Throws `INPUT_TYPE` for arguments that are not sizes and `LOG_PROOF_INVALID` unless index < size.
 */
export async function proveInclusion(size: number, index: number, reader: HashReader): Promise<Uint8Array[]> {
  checkSize(size, 'size');
  checkCount(index, 'index');
  if (index >= size) {
    throw new SuyuanError('LOG_PROOF_INVALID', `An inclusion proof needs a leaf index below the tree size ${size}; got ${index}.`, { path: 'index', expected: `below ${size}`, received: String(index) });
  }
  const indexes = inclusionIndexes(0, size, index, []);
  const hashes = new HashQueue(await readAll(reader, indexes));
  return inclusionPath(0, size, index, hashes);
}

/**
 * Inclusion proofs of several leaves of the tree of `size` leaves, in the order of `indexes`, from
 * ONE reader call for all of them: the stored hashes they share (the upper tree) are read once.
 * Each proof equals `proveInclusion(size, index, reader)`.
 */
export async function proveInclusions(size: number, indexes: readonly number[], reader: HashReader): Promise<Uint8Array[][]> {
  checkSize(size, 'size');
  const needs = indexes.map((index, i) => {
    checkCount(index, `indexes[${i}]`);
    if (index >= size) {
      throw new SuyuanError('LOG_PROOF_INVALID', `An inclusion proof needs a leaf index below the tree size ${size}; got ${index}.`, { path: `indexes[${i}]`, expected: `below ${size}`, received: String(index) });
    }
    return inclusionIndexes(0, size, index, []);
  });
  const unique = [...new Set(needs.flat())];
  const read = await readAll(reader, unique);
  const byIndex = new Map(unique.map((index, i) => [index, read[i]!]));
  return indexes.map((index, i) => inclusionPath(0, size, index, new HashQueue(needs[i]!.map((need) => byIndex.get(need)!))));
}

/**
 * The consistency proof (RFC 9162 §2.1.4.1) from the tree of `oldSize` leaves to the tree of
 * `size` leaves, from stored hashes in one reader call (Go's `ProveTree`); empty when the sizes
 * are equal. Throws `LOG_PROOF_INVALID` for `oldSize` 0 (the empty tree needs no proof, and RFC
 * 9162 requires 0 < first) or `oldSize` > `size`.
 */
export async function proveConsistency(size: number, oldSize: number, reader: HashReader): Promise<Uint8Array[]> {
  checkSize(size, 'size');
  checkCount(oldSize, 'oldSize');
  if (oldSize < 1 || oldSize > size) {
    throw new SuyuanError('LOG_PROOF_INVALID', `A consistency proof needs an old size in 1 … ${size}; got ${oldSize}.`, { path: 'oldSize', expected: `integer in 1 … ${size}`, received: String(oldSize) });
  }
  const indexes = consistencyIndexes(0, size, oldSize, []);
  const hashes = new HashQueue(await readAll(reader, indexes));
  return consistencyPath(0, size, oldSize, hashes);
}

// The recursions of RFC 9162 §2.1, in two passes as in Go: first the stored hash indexes a result
// needs (…Indexes), then the result from those hashes, consumed in the same order (…Path, subtreeHash).

/**
 * Appends to `need` the stored hash indexes of the complete subtrees that [lo, hi) splits into,
 * largest first: the hashes MTH(D[lo:hi]) is computed from (Go's `subTreeIndex`).
 */
function subtreeIndexes(lo: number, hi: number, need: number[]): number[] {
  for (let start = lo; start < hi; ) {
    const { k, level } = largestSubtree(hi - start);
    need.push(storedHashIndex(level, start / k));
    start += k;
  }
  return need;
}

/** MTH(D[lo:hi]) from the hashes `subtreeIndexes(lo, hi)` asked for, taken from `hashes` (Go's `subTreeHash`). */
function subtreeHash(lo: number, hi: number, hashes: HashQueue): Uint8Array {
  const roots: Uint8Array[] = [];
  for (let start = lo; start < hi; start += largestSubtree(hi - start).k) roots.push(hashes.next());
  return foldRoots(roots);
}

/** The indexes `inclusionPath(lo, hi, n)` needs (Go's `leafProofIndex`). */
function inclusionIndexes(lo: number, hi: number, n: number, need: number[]): number[] {
  if (lo + 1 === hi) return need;
  const k = largestPowerOfTwoBelow(hi - lo);
  if (n < lo + k) {
    inclusionIndexes(lo, lo + k, n, need);
    return subtreeIndexes(lo + k, hi, need);
  }
  subtreeIndexes(lo, lo + k, need);
  return inclusionIndexes(lo + k, hi, n, need);
}

/** PATH(n, D[lo:hi]) of RFC 9162 §2.1.3.1, bottom-up (Go's `leafProof`). */
function inclusionPath(lo: number, hi: number, n: number, hashes: HashQueue): Uint8Array[] {
  if (lo + 1 === hi) return [];
  const k = largestPowerOfTwoBelow(hi - lo);
  if (n < lo + k) {
    const path = inclusionPath(lo, lo + k, n, hashes);
    path.push(subtreeHash(lo + k, hi, hashes));
    return path;
  }
  const sibling = subtreeHash(lo, lo + k, hashes);
  const path = inclusionPath(lo + k, hi, n, hashes);
  path.push(sibling);
  return path;
}

/** The indexes `consistencyPath(lo, hi, m)` needs (Go's `treeProofIndex`). */
function consistencyIndexes(lo: number, hi: number, m: number, need: number[]): number[] {
  if (m === hi) return lo === 0 ? need : subtreeIndexes(lo, hi, need);
  const k = largestPowerOfTwoBelow(hi - lo);
  if (m <= lo + k) {
    consistencyIndexes(lo, lo + k, m, need);
    return subtreeIndexes(lo + k, hi, need);
  }
  subtreeIndexes(lo, lo + k, need);
  return consistencyIndexes(lo + k, hi, m, need);
}

/**
 * SUBPROOF(m − lo, D[lo:hi], lo = 0) of RFC 9162 §2.1.4.1, bottom-up (Go's `treeProof`): the old
 * tree's boundary at m splits [lo, hi) until a subtree ends exactly at m; that subtree's hash is in
 * the proof unless it is the whole old tree (lo = 0), which the verifier already has.
 */
function consistencyPath(lo: number, hi: number, m: number, hashes: HashQueue): Uint8Array[] {
  if (m === hi) return lo === 0 ? [] : [subtreeHash(lo, hi, hashes)];
  const k = largestPowerOfTwoBelow(hi - lo);
  if (m <= lo + k) {
    const path = consistencyPath(lo, lo + k, m, hashes);
    path.push(subtreeHash(lo + k, hi, hashes));
    return path;
  }
  const left = subtreeHash(lo, lo + k, hashes);
  const path = consistencyPath(lo + k, hi, m, hashes);
  path.push(left);
  return path;
}

// Helpers ---------------------------------------------------------------------------------------

/** The hashes a reader returned, taken in order. */
class HashQueue {
  private position = 0;
  constructor(private readonly hashes: readonly Uint8Array[]) {}

  next(): Uint8Array {
    return this.hashes[this.position++]!;
  }
}

/**
 * Reads `indexes` in one reader call (none when there are none) and checks the answer: as many
 * 32-byte hashes as indexes, else `UNAVAILABLE` (the storage answered wrongly). Errors the reader
 * throws (`NOT_FOUND` for a missing hash) pass through unchanged.
 */
async function readAll(reader: HashReader, indexes: number[]): Promise<Uint8Array[]> {
  if (indexes.length === 0) return [];
  const hashes: unknown = await reader(indexes);
  if (!Array.isArray(hashes) || hashes.length !== indexes.length) {
    const received = Array.isArray(hashes) ? `${hashes.length} hashes` : describe(hashes);
    throw new SuyuanError('UNAVAILABLE', `The hash storage answered ${received} for ${indexes.length} stored hash indexes.`, { expected: `${indexes.length} hashes`, received });
  }
  hashes.forEach((hash: unknown, i) => {
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
      throw new SuyuanError('UNAVAILABLE', `The hash storage answered ${describe(hash)} for stored hash ${indexes[i]}, not a ${HASH_SIZE}-byte hash.`, { path: `hashes[${i}]`, expected: `${HASH_SIZE} bytes`, received: describe(hash) });
    }
  });
  return hashes as Uint8Array[];
}

/** The hash of a run of complete subtrees, left to right: right-associated node hashes, as MTH splits. */
function foldRoots(roots: readonly Uint8Array[]): Uint8Array {
  if (roots.length === 0) return EMPTY_TREE_ROOT;
  let hash = roots[roots.length - 1]!;
  for (let i = roots.length - 2; i >= 0; i--) hash = nodeHash(roots[i]!, hash);
  return hash;
}

/** The number of trailing zero bits of m ≥ 1 (exact up to 2^53, unlike 32-bit operators). */
function trailingZeros(m: number): number {
  let count = 0;
  for (let k = m; k % 2 === 0; k /= 2) count++;
  return count;
}

/** The largest power of two strictly below n ≥ 2: RFC 9162's k for splitting D[n]. */
function largestPowerOfTwoBelow(n: number): number {
  return largestSubtree(n - 1).k;
}

/** The largest complete subtree that fits in n ≥ 1 leaves: k = 2^level ≤ n < 2k. */
function largestSubtree(n: number): { k: number; level: number } {
  let k = 1;
  let level = 0;
  while (k * 2 <= n) {
    k *= 2;
    level++;
  }
  return { k, level };
}

function checkCount(value: number, path: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new SuyuanError('INPUT_TYPE', `${path} must be a non-negative integer; got ${describe(value)}.`, { path, expected: 'non-negative safe integer', received: describe(value) });
  }
}

function checkSize(value: number, path: string): void {
  checkCount(value, path);
  if (value > MAX_TREE_SIZE) {
    throw new SuyuanError('INPUT_TYPE', `${path} is at most ${MAX_TREE_SIZE} (2^52), the largest tree this log addresses; got ${value}.`, { path, expected: `at most ${MAX_TREE_SIZE}`, received: String(value) });
  }
}

function checkHash(value: unknown, path: string): void {
  if (!(value instanceof Uint8Array) || value.length !== HASH_SIZE) {
    throw new SuyuanError('INPUT_TYPE', `${path} must be a ${HASH_SIZE}-byte hash; got ${describe(value)}.`, { path, expected: `${HASH_SIZE}-byte Uint8Array`, received: describe(value) });
  }
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `${value}n (a bigint)`;
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}
