/**
 * The stored Merkle tree (tree.ts) against core's in-memory RFC 9162 functions and against known
 * answers: the stored-hash layout of Go's sumdb/tlog, the RFC 6962 eight-leaf test tree and the
 * CT reference tests' known proofs, every tree of 0–300 leaves built in random batches, every
 * proof of those trees, bigger trees, trees near the 2^52-leaf limit, bad arguments and storage faults.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_TREE_ROOT,
  SuyuanError,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type SuyuanErrorCode,
} from '@suyuan/core';
import tree from '../../../core/src/log/testdata/rfc6962-test-tree.json' with { type: 'json' };
import { KNOWN_CONSISTENCY_PROOFS, KNOWN_INCLUSION_PROOFS } from '../../../core/src/log/testdata/vectors.js';
import {
  MAX_TREE_SIZE,
  appendLeaves,
  encodeProof,
  proveConsistency,
  proveInclusion,
  proveInclusions,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  treeHash,
  type HashReader,
} from './tree.js';

// Fixtures --------------------------------------------------------------------------------------

/** A log kept in memory: the stored hashes by index, like the store's table, and every reader call. */
class MemoryLog {
  readonly hashes = new Map<number, Uint8Array>();
  readonly calls: number[][] = [];
  size = 0;

  readonly reader: HashReader = async (indexes) => {
    this.calls.push([...indexes]);
    return indexes.map((index) => {
      const hash = this.hashes.get(index);
      if (!hash) throw new SuyuanError('NOT_FOUND', `No stored hash ${index}.`);
      return hash;
    });
  };

  /** Appends leaf hashes as the sequencer does, refusing to overwrite a stored hash. */
  async append(leaves: readonly Uint8Array[]): Promise<Uint8Array> {
    const { hashes, rootHash: root } = await appendLeaves(this.size, leaves, this.reader);
    for (const { index, hash } of hashes) {
      if (this.hashes.has(index)) throw new Error(`stored hash ${index} written twice`);
      this.hashes.set(index, hash);
    }
    this.size += leaves.length;
    return root;
  }
}

const encoder = new TextEncoder();
const ENTRIES = Array.from({ length: 4097 }, (_, i) => encoder.encode(`entry ${i}`));
const LEAVES = ENTRIES.map((entry) => leafHash(entry));
/** core's rootHash of the first s entries, for every s ≤ 300. */
const ROOTS = Array.from({ length: 301 }, (_, size) => rootHash(ENTRIES.slice(0, size)));

/** A small deterministic PRNG (mulberry32), so the "random" batch splits are the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Splits `size` into batches of 1 … maxBatch leaves. */
function randomBatches(size: number, random: () => number, maxBatch: number): number[] {
  const batches: number[] = [];
  for (let rest = size; rest > 0; ) {
    const batch = Math.min(rest, 1 + Math.floor(random() * maxBatch));
    batches.push(batch);
    rest -= batch;
  }
  return batches;
}

/** A log of the first `size` entries, appended in the given batch sizes (one batch when omitted). */
async function buildLog(size: number, batches: readonly number[] = size === 0 ? [] : [size]): Promise<MemoryLog> {
  const log = new MemoryLog();
  for (const batch of batches) await log.append(LEAVES.slice(log.size, log.size + batch));
  expect(log.size).toBe(size);
  return log;
}

function popcount(n: number): number {
  let count = 0;
  for (let m = BigInt(n); m > 0n; m >>= 1n) count += Number(m & 1n);
  return count;
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
}

async function expectCode(action: () => unknown, code: SuyuanErrorCode): Promise<SuyuanError> {
  let thrown: unknown;
  try {
    await action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SuyuanError);
  expect((thrown as SuyuanError).code).toBe(code);
  return thrown as SuyuanError;
}

// Stored hash indexes ---------------------------------------------------------------------------

describe('stored hash indexes', () => {
  it('lay hashes out in the order leaves complete them (Go sumdb/tlog layout)', () => {
    // Leaf m stores its own hash, then the subtrees it completes, smallest first.
    const layout: [level: number, n: number][] = [
      [0, 0], // 0
      [0, 1], [1, 0], // 1, 2
      [0, 2], // 3
      [0, 3], [1, 1], [2, 0], // 4, 5, 6
      [0, 4], // 7
      [0, 5], [1, 2], // 8, 9
      [0, 6], // 10
      [0, 7], [1, 3], [2, 1], [3, 0], // 11 … 14
      [0, 8], // 15
    ];
    layout.forEach(([level, n], index) => {
      expect(storedHashIndex(level, n)).toBe(index);
      expect(splitStoredHashIndex(index)).toEqual({ level, n });
    });
  });

  it('round-trip for every index below 20,000 and every subtree of small trees', () => {
    for (let index = 0; index < 20_000; index++) {
      const { level, n } = splitStoredHashIndex(index);
      expect(storedHashIndex(level, n)).toBe(index);
    }
    for (let level = 0; level <= 12; level++) {
      for (let n = 0; n < 300; n++) expect(splitStoredHashIndex(storedHashIndex(level, n))).toEqual({ level, n });
    }
  });

  it('round-trip for any subtree of a tree of up to 2^52 leaves (property)', () => {
    const subtree = fc.integer({ min: 0, max: 52 }).chain((level) => fc.tuple(fc.constant(level), fc.integer({ min: 0, max: 2 ** (52 - level) - 1 })));
    fc.assert(
      fc.property(subtree, ([level, n]) => {
        const index = storedHashIndex(level, n);
        expect(Number.isSafeInteger(index)).toBe(true);
        expect(splitStoredHashIndex(index)).toEqual({ level, n });
      }),
      { numRuns: 2000 },
    );
  });

  it('reach exactly 2^53 − 2 for the root of the largest tree', () => {
    expect(storedHashIndex(52, 0)).toBe(2 ** 53 - 2);
    expect(splitStoredHashIndex(2 ** 53 - 2)).toEqual({ level: 52, n: 0 });
    expect(storedHashIndex(0, MAX_TREE_SIZE - 1)).toBe(2 ** 53 - 2 - 52);
    expect(storedHashCount(MAX_TREE_SIZE)).toBe(2 ** 53 - 1);
  });

  it('count 2n − popcount(n) hashes for a tree of n leaves', () => {
    for (let n = 0; n <= 5000; n++) expect(storedHashCount(n)).toBe(2 * n - popcount(n));
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_TREE_SIZE }), (n) => storedHashCount(n) === 2 * n - popcount(n)));
  });

  it('refuse coordinates outside a tree of 2^52 leaves with INPUT_TYPE', async () => {
    for (const [level, n] of [[-1, 0], [53, 0], [0.5, 0], [Number.NaN, 0], [0, -1], [0, 1.5], [0, Number.NaN], [0, 2 ** 52], [1, 2 ** 51], [52, 1], [0, 2 ** 53]] as const) {
      await expectCode(() => storedHashIndex(level, n), 'INPUT_TYPE');
    }
    for (const index of [-1, 1.5, Number.NaN, 2 ** 53 - 1, 2 ** 53, Number.POSITIVE_INFINITY]) await expectCode(() => splitStoredHashIndex(index), 'INPUT_TYPE');
    for (const size of [-1, 0.5, MAX_TREE_SIZE + 1]) await expectCode(() => storedHashCount(size), 'INPUT_TYPE');
    await expectCode(() => storedHashIndex('1' as unknown as number, 0), 'INPUT_TYPE');
  });
});

// Appending and root hashes ---------------------------------------------------------------------

describe('appendLeaves and treeHash', () => {
  it('give core rootHash for every size 0 … 300, appended in random batches', async () => {
    const random = prng(6962);
    for (let size = 0; size <= 300; size++) {
      const log = new MemoryLog();
      for (const batch of randomBatches(size, random, 1 + Math.floor(random() * 40))) {
        const root = await log.append(LEAVES.slice(log.size, log.size + batch));
        expect(root).toEqual(ROOTS[log.size]);
      }
      expect(log.size).toBe(size);
      expect(await treeHash(size, log.reader)).toEqual(ROOTS[size]);
      expect(log.hashes.size).toBe(storedHashCount(size));
      expect([...log.hashes.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: storedHashCount(size) }, (_, i) => i));
    }
  });

  it('treeHash gives every earlier root from the stored hashes of a bigger tree', async () => {
    const log = await buildLog(300, randomBatches(300, prng(1), 50));
    for (let size = 0; size <= 300; size++) expect(await treeHash(size, log.reader)).toEqual(ROOTS[size]);
    expect(await treeHash(0, log.reader)).toEqual(EMPTY_TREE_ROOT);
  });

  it('stores at (level, n) exactly the Merkle Tree Hash of leaves [n·2^level, (n+1)·2^level)', async () => {
    const log = await buildLog(300, randomBatches(300, prng(2), 64));
    for (const [index, hash] of log.hashes) {
      const { level, n } = splitStoredHashIndex(index);
      expect(hash).toEqual(rootHash(ENTRIES.slice(n * 2 ** level, (n + 1) * 2 ** level)));
    }
  });

  it('emit consecutive stored indexes from storedHashCount(fromSize), one reader call for the right edge', async () => {
    const log = await buildLog(0);
    for (const batch of [1, 2, 5, 1000, 24, 1065, 1]) {
      const fromSize = log.size;
      log.calls.length = 0;
      const { hashes, rootHash: root } = await appendLeaves(fromSize, LEAVES.slice(fromSize, fromSize + batch), log.reader);
      expect(hashes.map((h) => h.index)).toEqual(Array.from({ length: storedHashCount(fromSize + batch) - storedHashCount(fromSize) }, (_, i) => storedHashCount(fromSize) + i));
      // One call, for the roots of the old tree's complete subtrees (none for the empty tree).
      expect(log.calls).toEqual(fromSize === 0 ? [] : [[...log.calls[0]!]]);
      if (fromSize > 0) expect(log.calls[0]!.length).toBe(popcount(fromSize));
      for (const { index, hash } of hashes) log.hashes.set(index, hash);
      log.size += batch;
      expect(root).toEqual(rootHash(ENTRIES.slice(0, log.size)));
    }
    expect(log.size).toBe(2098);
  });

  it('answer the current root and no hashes for an empty batch', async () => {
    const log = await buildLog(77);
    expect(await appendLeaves(77, [], log.reader)).toEqual({ hashes: [], rootHash: ROOTS[77] });
    expect(await appendLeaves(0, [], log.reader)).toEqual({ hashes: [], rootHash: EMPTY_TREE_ROOT });
  });

  it.each([1000, 1024, 4095, 4096, 4097])('give core rootHash for %i leaves in random batches', async (size) => {
    const random = prng(size);
    const log = await buildLog(size, randomBatches(size, random, 1000));
    const expected = rootHash(ENTRIES.slice(0, size));
    expect(await treeHash(size, log.reader)).toEqual(expected);
    expect(log.hashes.size).toBe(2 * size - popcount(size));
  });

  it('build the same tree whatever the batch split (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 12 }), async (batches) => {
        const size = batches.reduce((a, b) => a + b, 0);
        fc.pre(size <= ENTRIES.length);
        const split = await buildLog(size, batches);
        const whole = await buildLog(size);
        expect(split.hashes).toEqual(whole.hashes);
        expect(await treeHash(size, split.reader)).toEqual(rootHash(ENTRIES.slice(0, size)));
      }),
      { numRuns: 15 },
    );
  });

  it('reproduce every root of the RFC 6962 test tree', async () => {
    const entries = tree.leafInputsHex.map(fromHex);
    const leaves = entries.map((entry) => leafHash(entry));
    expect(leaves).toEqual(tree.leafHashesHex.map(fromHex));
    const log = new MemoryLog();
    expect(await treeHash(0, log.reader)).toEqual(fromHex(tree.rootsBySize['0']));
    for (const leaf of leaves) {
      const root = await log.append([leaf]);
      expect(root).toEqual(fromHex(tree.rootsBySize[String(log.size) as keyof typeof tree.rootsBySize]));
    }
    for (let size = 0; size <= 8; size++) expect(await treeHash(size, log.reader)).toEqual(fromHex(tree.rootsBySize[String(size) as keyof typeof tree.rootsBySize]));
  });
});

// Proofs ----------------------------------------------------------------------------------------

describe('proveInclusion', () => {
  it('equals core inclusionProof for every leaf of every tree of 1 … 64 leaves', async () => {
    const log = await buildLog(64, randomBatches(64, prng(3), 10));
    for (let size = 1; size <= 64; size++) {
      for (let index = 0; index < size; index++) {
        expect(await proveInclusion(size, index, log.reader)).toEqual(inclusionProof(ENTRIES.slice(0, size), index).proof);
      }
    }
  });

  it('verifies with core verifyInclusion for every leaf of every tree of 1 … 300 leaves', async () => {
    const log = await buildLog(300, randomBatches(300, prng(4), 30));
    for (let size = 1; size <= 300; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await proveInclusion(size, index, log.reader);
        expect(verifyInclusion({ index, treeSize: size, proof, leafHash: LEAVES[index]!, rootHash: ROOTS[size]! }).ok).toBe(true);
      }
    }
  });

  it.each([300, 1000, 4097])('equals core inclusionProof for sampled leaves of %i leaves', async (size) => {
    const log = await buildLog(size, randomBatches(size, prng(size + 1), 700));
    const entries = ENTRIES.slice(0, size);
    const root = rootHash(entries);
    const random = prng(size + 2);
    const indexes = [0, 1, size - 2, size - 1, ...Array.from({ length: 12 }, () => Math.floor(random() * size))];
    for (const index of indexes) {
      const proof = await proveInclusion(size, index, log.reader);
      expect(proof).toEqual(inclusionProof(entries, index).proof);
      expect(verifyInclusion({ index, treeSize: size, proof, leafHash: LEAVES[index]!, rootHash: root }).ok).toBe(true);
    }
  });

  it('equals the known proofs of the CT reference tests', async () => {
    const log = new MemoryLog();
    await log.append(tree.leafHashesHex.map(fromHex));
    for (const known of KNOWN_INCLUSION_PROOFS) {
      expect(await proveInclusion(known.size, known.index, log.reader)).toEqual(known.proof.map(fromHex));
    }
  });

  it('reads its hashes in one call (none for a one-leaf tree)', async () => {
    const log = await buildLog(300);
    log.calls.length = 0;
    await proveInclusion(300, 123, log.reader);
    expect(log.calls).toHaveLength(1);
    log.calls.length = 0;
    expect(await proveInclusion(1, 0, log.reader)).toEqual([]);
    expect(log.calls).toHaveLength(0);
  });
});

describe('proveConsistency', () => {
  it('equals core consistencyProof for every pair of trees of 1 … 64 leaves', async () => {
    const log = await buildLog(64, randomBatches(64, prng(5), 10));
    for (let size = 1; size <= 64; size++) {
      for (let oldSize = 1; oldSize <= size; oldSize++) {
        expect(await proveConsistency(size, oldSize, log.reader)).toEqual(consistencyProof(ENTRIES.slice(0, size), oldSize).proof);
      }
    }
  });

  it('verifies with core verifyConsistency for every pair of trees of 1 … 300 leaves', async () => {
    const log = await buildLog(300, randomBatches(300, prng(6), 30));
    for (let size = 1; size <= 300; size++) {
      for (let oldSize = 1; oldSize <= size; oldSize++) {
        const proof = await proveConsistency(size, oldSize, log.reader);
        expect(verifyConsistency({ oldSize, newSize: size, proof, oldRoot: ROOTS[oldSize]!, newRoot: ROOTS[size]! }).ok).toBe(true);
      }
    }
  });

  it.each([300, 1000, 4097])('equals core consistencyProof for sampled old sizes of %i leaves', async (size) => {
    const log = await buildLog(size, randomBatches(size, prng(size + 3), 700));
    const entries = ENTRIES.slice(0, size);
    const root = rootHash(entries);
    const random = prng(size + 4);
    const oldSizes = [1, 2, size - 1, size, ...Array.from({ length: 10 }, () => 1 + Math.floor(random() * size))];
    for (const oldSize of oldSizes) {
      const proof = await proveConsistency(size, oldSize, log.reader);
      expect(proof).toEqual(consistencyProof(entries, oldSize).proof);
      const oldRoot = await treeHash(oldSize, log.reader);
      expect(verifyConsistency({ oldSize, newSize: size, proof, oldRoot, newRoot: root }).ok).toBe(true);
    }
  });

  it('equals the known proofs of the CT reference tests', async () => {
    const log = new MemoryLog();
    await log.append(tree.leafHashesHex.map(fromHex));
    for (const known of KNOWN_CONSISTENCY_PROOFS) {
      expect(await proveConsistency(known.newSize, known.oldSize, log.reader)).toEqual(known.proof.map(fromHex));
    }
  });

  it('reads its hashes in one call (none between equal sizes)', async () => {
    const log = await buildLog(300);
    log.calls.length = 0;
    await proveConsistency(300, 77, log.reader);
    expect(log.calls).toHaveLength(1);
    log.calls.length = 0;
    expect(await proveConsistency(300, 300, log.reader)).toEqual([]);
    expect(log.calls).toHaveLength(0);
  });
});

describe('proofs of random trees (property)', () => {
  it('equal core proofs for random sizes, leaves and old sizes', async () => {
    const scenario = fc
      .integer({ min: 1, max: 200 })
      .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 1, max: size }), fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 })));
    await fc.assert(
      fc.asyncProperty(scenario, async ([size, index, oldSize, splits]) => {
        const batches: number[] = [];
        let rest = size;
        for (const split of splits) if (rest > 0) rest -= batches[batches.push(Math.min(split, rest)) - 1]!;
        if (rest > 0) batches.push(rest);
        const log = await buildLog(size, batches);
        const entries = ENTRIES.slice(0, size);
        expect(await proveInclusion(size, index, log.reader)).toEqual(inclusionProof(entries, index).proof);
        expect(await proveConsistency(size, oldSize, log.reader)).toEqual(consistencyProof(entries, oldSize).proof);
      }),
      { numRuns: 60 },
    );
  });
});

describe('trees near the 2^52-leaf limit', () => {
  // A tree of identical leaves: every complete subtree at level L has the same hash, so a reader can
  // serve any stored hash of a tree of any size without storing it.
  const levelHashes = [leafHash('same')];
  for (let level = 1; level <= 52; level++) levelHashes.push(nodeHash(levelHashes[level - 1]!, levelHashes[level - 1]!));
  const reader: HashReader = async (indexes) => indexes.map((index) => levelHashes[splitStoredHashIndex(index).level]!);

  it('prove inclusion and consistency that core verifies', async () => {
    const sizes = [MAX_TREE_SIZE, MAX_TREE_SIZE - 1, 2 ** 51 + 2 ** 33 + 7, 2 ** 40 + 1];
    for (const size of sizes) {
      const root = await treeHash(size, reader);
      for (const index of [0, 1, size - 1, Math.floor(size / 3), 2 ** 32 + 1]) {
        const proof = await proveInclusion(size, index, reader);
        expect(verifyInclusion({ index, treeSize: size, proof, leafHash: levelHashes[0]!, rootHash: root })).toMatchObject({ ok: true });
      }
      for (const oldSize of [1, 2 ** 32 + 1, size - 1, Math.floor(size / 3) + 5]) {
        const proof = await proveConsistency(size, oldSize, reader);
        const oldRoot = await treeHash(oldSize, reader);
        expect(verifyConsistency({ oldSize, newSize: size, proof, oldRoot, newRoot: root })).toMatchObject({ ok: true });
      }
    }
    expect(await treeHash(MAX_TREE_SIZE, reader)).toEqual(levelHashes[52]);
  });

  it('append to a tree of 2^52 − 3 leaves up to the limit, not beyond', async () => {
    const fromSize = MAX_TREE_SIZE - 3;
    const { hashes, rootHash: root } = await appendLeaves(fromSize, [levelHashes[0]!, levelHashes[0]!, levelHashes[0]!], reader);
    expect(root).toEqual(levelHashes[52]);
    expect(hashes.at(-1)).toEqual({ index: 2 ** 53 - 2, hash: levelHashes[52] });
    expect(hashes).toHaveLength(storedHashCount(MAX_TREE_SIZE) - storedHashCount(fromSize));
    await expectCode(() => appendLeaves(MAX_TREE_SIZE, [levelHashes[0]!], reader), 'INPUT_TYPE');
  });
});

// Bad arguments and storage faults --------------------------------------------------------------

describe('bad arguments', () => {
  it('are refused with typed errors before any read', async () => {
    const log = await buildLog(10);
    log.calls.length = 0;
    const leaf = LEAVES[0]!;
    const cases: [() => unknown, SuyuanErrorCode][] = [
      [() => treeHash(-1, log.reader), 'INPUT_TYPE'],
      [() => treeHash(1.5, log.reader), 'INPUT_TYPE'],
      [() => treeHash(MAX_TREE_SIZE + 1, log.reader), 'INPUT_TYPE'],
      [() => proveInclusion(10, 10, log.reader), 'LOG_PROOF_INVALID'],
      [() => proveInclusion(0, 0, log.reader), 'LOG_PROOF_INVALID'],
      [() => proveInclusion(10, -1, log.reader), 'INPUT_TYPE'],
      [() => proveInclusion(10, 0.5, log.reader), 'INPUT_TYPE'],
      [() => proveInclusion(Number.NaN, 0, log.reader), 'INPUT_TYPE'],
      [() => proveConsistency(10, 0, log.reader), 'LOG_PROOF_INVALID'],
      [() => proveConsistency(10, 11, log.reader), 'LOG_PROOF_INVALID'],
      [() => proveConsistency(10, 1.5, log.reader), 'INPUT_TYPE'],
      [() => proveConsistency(-10, 1, log.reader), 'INPUT_TYPE'],
      [() => appendLeaves(-1, [leaf], log.reader), 'INPUT_TYPE'],
      [() => appendLeaves(10, [leaf.subarray(1)], log.reader), 'INPUT_TYPE'],
      [() => appendLeaves(10, [leaf, new Uint8Array(33)], log.reader), 'INPUT_TYPE'],
      [() => appendLeaves(10, ['x' as unknown as Uint8Array], log.reader), 'INPUT_TYPE'],
      [() => appendLeaves(10, leaf as unknown as Uint8Array[], log.reader), 'INPUT_TYPE'],
    ];
    for (const [action, code] of cases) await expectCode(action, code);
    expect(log.calls).toEqual([]);
  });
});

describe('storage faults', () => {
  const actions: [string, (reader: HashReader) => Promise<unknown>][] = [
    ['treeHash', (reader) => treeHash(300, reader)],
    ['proveInclusion', (reader) => proveInclusion(300, 5, reader)],
    ['proveConsistency', (reader) => proveConsistency(300, 5, reader)],
    ['appendLeaves', (reader) => appendLeaves(300, [LEAVES[300]!], reader)],
  ];

  it.each(actions)('%s reports a reader that answers too few, too many or malformed hashes', async (_, action) => {
    const log = await buildLog(300);
    const faulty: ((hashes: Uint8Array[]) => unknown)[] = [
      (hashes) => hashes.slice(1),
      (hashes) => [...hashes, hashes[0]],
      (hashes) => hashes.map((hash, i) => (i === 0 ? hash.subarray(0, 31) : hash)),
      (hashes) => hashes.map((hash, i) => (i === hashes.length - 1 ? Array.from(hash) : hash)),
      () => undefined,
      () => new Uint8Array(32),
    ];
    for (const fault of faulty) {
      const reader = (async (indexes: readonly number[]) => fault(await log.reader(indexes))) as HashReader;
      const error = await expectCode(() => action(reader), 'UNAVAILABLE');
      expect(error.message).toMatch(/hash storage/);
    }
  });

  it.each(actions)('%s passes on the reader’s own error (a missing hash)', async (_, action) => {
    const log = await buildLog(299);
    await expectCode(() => action(log.reader), 'NOT_FOUND');
  });
});

describe('proveInclusions', () => {
  it('gives every leaf the proof proveInclusion gives, with one reader call', async () => {
    for (const size of [1, 2, 7, 256, 300, 1000]) {
      const store = new Map<number, Uint8Array>();
      const leaves = Array.from({ length: size }, (_, i) => leafHash(`entry ${i}`));
      for (const { index, hash } of (await appendLeaves(0, leaves, async (ids) => ids.map((id) => store.get(id)!))).hashes) store.set(index, hash);
      let calls = 0;
      const reader = async (ids: readonly number[]) => {
        calls++;
        return ids.map((id) => store.get(id)!);
      };
      const indexes = [0, size - 1, Math.floor(size / 2), 0, Math.floor(size / 3)];
      const batch = await proveInclusions(size, indexes, reader);
      expect(calls).toBeLessThanOrEqual(1);
      for (const [i, index] of indexes.entries()) expect(batch[i]).toEqual(await proveInclusion(size, index, reader));
    }
  });

  it('refuses an index beyond the tree before reading', async () => {
    await expect(proveInclusions(5, [1, 5], async () => [])).rejects.toMatchObject({ code: 'LOG_PROOF_INVALID', details: { path: 'indexes[1]' } });
  });
});

describe('encodeProof', () => {
  it('writes each hash in standard base64, in order', () => {
    const hashes = [new Uint8Array(32).fill(0xfb), new Uint8Array(32).fill(1)];
    expect(encodeProof(hashes)).toEqual(['+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/s=', 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=']);
    expect(encodeProof([])).toEqual([]);
  });
});
