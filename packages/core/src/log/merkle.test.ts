/**
 * RFC 9162 Merkle trees: the RFC 6962 eight-leaf test tree (every root, every inclusion proof, every
 * consistency proof, the CT reference tests' known proofs), exhaustive trees up to 40 leaves,
 * random trees, trees of up to 2^53 − 1 leaves (identical leaves make their hashes computable), and
 * the corruptions of the CT reference tests plus every single-byte change of every hash.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuyuanError } from '../errors.js';
import { expectSuyuanError } from '../test-support.js';
import {
  EMPTY_TREE_ROOT,
  consistencyProof,
  consistencyProofLength,
  inclusionProof,
  inclusionProofLength,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyProofInput,
  type InclusionProofInput,
} from './merkle.js';
import { expectFailure, expectOk, expectRejected, flipped, fromHex, toHex } from './test-helpers.js';
import tree from './testdata/rfc6962-test-tree.json' with { type: 'json' };
import { KNOWN_CONSISTENCY_PROOFS, KNOWN_INCLUSION_PROOFS } from './testdata/vectors.js';

const entries = tree.leafInputsHex.map(fromHex);
const roots = Object.fromEntries(Object.entries(tree.rootsBySize).map(([size, hex]) => [Number(size), fromHex(hex)]));
const SOME_HASH = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');

/** Every input of an inclusion proof for leaf `index` of the first `size` entries of `list`. */
function inclusionInput(list: readonly Uint8Array[], index: number, size: number): InclusionProofInput {
  const first = list.slice(0, size);
  return { ...inclusionProof(first, index), leafHash: leafHash(first[index]!), rootHash: rootHash(first) };
}

function consistencyInput(list: readonly Uint8Array[], oldSize: number, newSize: number): ConsistencyProofInput {
  return { ...consistencyProof(list.slice(0, newSize), oldSize), oldRoot: rootHash(list.slice(0, oldSize)), newRoot: rootHash(list.slice(0, newSize)) };
}

/** The CT reference tests' corruptions of a valid inclusion proof (transparency-dev/merkle corruptInclusionProof). */
function corruptInclusion(input: InclusionProofInput): [string, InclusionProofInput][] {
  const { index, treeSize, proof, rootHash: root } = input;
  const probes: [string, InclusionProofInput][] = [
    ['index − 1', { ...input, index: index - 1 }],
    ['index + 1', { ...input, index: index + 1 }],
    ['index ^ 2', { ...input, index: index ^ 2 }],
    ['size × 2', { ...input, treeSize: treeSize * 2 }],
    ['size ÷ 2', { ...input, treeSize: Math.floor(treeSize / 2) }],
    ['wrong leaf', { ...input, leafHash: new TextEncoder().encode('WrongLeaf') }],
    ['empty root', { ...input, rootHash: EMPTY_TREE_ROOT }],
    ['random root', { ...input, rootHash: SOME_HASH }],
    ['trailing garbage', { ...input, proof: [...proof, new Uint8Array(0)] }],
    ['trailing root', { ...input, proof: [...proof, root] }],
    ['preceding garbage', { ...input, proof: [new Uint8Array(0), ...proof] }],
    ['preceding root', { ...input, proof: [root, ...proof] }],
  ];
  if (proof.length > 0) probes.push(['removed component', { ...input, proof: proof.slice(0, -1) }]);
  if (proof.length > 1) probes.push(['inserted component', { ...input, proof: [proof[0]!, SOME_HASH, ...proof.slice(1)] }]);
  return probes;
}

function corruptConsistency(input: ConsistencyProofInput): [string, ConsistencyProofInput][] {
  const { oldSize, newSize, oldRoot, newRoot, proof } = input;
  const probes: [string, ConsistencyProofInput][] = [
    ['old size − 1', { ...input, oldSize: oldSize - 1 }],
    ['old size + 1', { ...input, oldSize: oldSize + 1 }],
    ['old size ^ 2', { ...input, oldSize: oldSize ^ 2 }],
    ['new size × 2', { ...input, newSize: newSize * 2 }],
    ['new size ÷ 2', { ...input, newSize: Math.floor(newSize / 2) }],
    ['wrong old root', { ...input, oldRoot: new TextEncoder().encode('WrongRoot') }],
    ['wrong new root', { ...input, newRoot: new TextEncoder().encode('WrongRoot') }],
    ['swapped roots', { ...input, oldRoot: newRoot, newRoot: oldRoot }],
    ['empty proof', { ...input, proof: [] }],
    ['trailing garbage', { ...input, proof: [...proof, new Uint8Array(0)] }],
    ['trailing old root', { ...input, proof: [...proof, oldRoot] }],
    ['trailing new root', { ...input, proof: [...proof, newRoot] }],
    ['preceding garbage', { ...input, proof: [new Uint8Array(0), ...proof] }],
    ['preceding old root', { ...input, proof: [oldRoot, ...proof] }],
    ['preceding new root', { ...input, proof: [newRoot, ...proof] }],
    ['preceding proof[0]', { ...input, proof: [proof[0]!, ...proof] }],
    ['truncated proof', { ...input, proof: proof.slice(0, -1) }],
  ];
  return probes;
}

describe('leaf and node hashes', () => {
  it('hash a leaf as SHA-256(0x00 ‖ data) and a node as SHA-256(0x01 ‖ left ‖ right)', () => {
    const sha = (...parts: Uint8Array[]) => new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
    for (const [i, entry] of entries.entries()) {
      expect(toHex(leafHash(entry))).toBe(tree.leafHashesHex[i]);
      expect(leafHash(entry)).toEqual(sha(new Uint8Array([0]), entry));
    }
    const [a, b] = [leafHash(entries[0]!), leafHash(entries[1]!)];
    expect(nodeHash(a, b)).toEqual(sha(new Uint8Array([1]), a, b));
    expect(toHex(nodeHash(a, b))).toBe(tree.rootsBySize['2']);
  });

  it('hash a string entry as its UTF-8 bytes (a JWS is logged as its exact bytes)', () => {
    expect(leafHash('eyJhbGciOiJFZERTQSJ9.e30.sig')).toEqual(leafHash(new TextEncoder().encode('eyJhbGciOiJFZERTQSJ9.e30.sig')));
  });

  it('refuse anything that is not bytes, with a SuyuanError', () => {
    expectSuyuanError(() => leafHash(42 as unknown as Uint8Array), 'INPUT_TYPE');
    expectSuyuanError(() => nodeHash(new Uint8Array(31), new Uint8Array(32)), 'INPUT_TYPE');
  });
});

describe('the RFC 6962 eight-leaf test tree', () => {
  it.each(Object.keys(tree.rootsBySize).map(Number))('has the reference root for size %i', (size) => {
    expect(toHex(rootHash(entries.slice(0, size)))).toBe(tree.rootsBySize[String(size) as keyof typeof tree.rootsBySize]);
  });

  it('has SHA-256 of nothing as the empty root', () => {
    expect(toHex(EMPTY_TREE_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootHash([])).toEqual(EMPTY_TREE_ROOT);
  });

  const pairs = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((size) => Array.from({ length: size }, (_, index) => [index, size] as const));
  it.each(pairs)('generates and verifies the inclusion proof of leaf %i in size %i', (index, size) => {
    const input = inclusionInput(entries, index, size);
    expect(input.rootHash).toEqual(roots[size]);
    expect(input.proof).toHaveLength(inclusionProofLength(index, size));
    expect(expectOk(verifyInclusion(input))).toEqual({ index, treeSize: size, leafHash: input.leafHash, rootHash: roots[size] });
  });

  const sizePairs = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((newSize) => Array.from({ length: newSize }, (_, m) => [m + 1, newSize] as const));
  it.each(sizePairs)('generates and verifies the consistency proof from size %i to %i', (oldSize, newSize) => {
    const input = consistencyInput(entries, oldSize, newSize);
    expect(input.oldRoot).toEqual(roots[oldSize]);
    expect(input.newRoot).toEqual(roots[newSize]);
    expect(input.proof).toHaveLength(oldSize === newSize ? 0 : consistencyProofLength(oldSize, newSize));
    expectOk(verifyConsistency(input));
  });

  it.each(KNOWN_INCLUSION_PROOFS)('matches the known inclusion proof of leaf $index in size $size', ({ index, size, proof }) => {
    expect(inclusionProof(entries.slice(0, size), index).proof.map(toHex)).toEqual(proof);
    expectOk(verifyInclusion({ index, treeSize: size, proof: proof.map(fromHex), leafHash: leafHash(entries[index]!), rootHash: roots[size]! }));
  });

  it.each(KNOWN_CONSISTENCY_PROOFS)('matches the known consistency proof from $oldSize to $newSize', ({ oldSize, newSize, proof }) => {
    expect(consistencyProof(entries.slice(0, newSize), oldSize).proof.map(toHex)).toEqual(proof);
    expectOk(verifyConsistency({ oldSize, newSize, proof: proof.map(fromHex), oldRoot: roots[oldSize]!, newRoot: roots[newSize]! }));
  });

  it.each(pairs)('rejects every corruption of the inclusion proof of leaf %i in size %i', (index, size) => {
    const input = inclusionInput(entries, index, size);
    for (const [name, probe] of corruptInclusion(input)) {
      const result = verifyInclusion(probe);
      expect(result.ok, name).toBe(false);
      expectFailure(result);
    }
    // Any single changed byte of any proof hash, of the leaf hash, of the root.
    for (let h = 0; h < input.proof.length; h++) {
      for (let i = 0; i < 32; i++) {
        const proof = input.proof.map((hash, j) => (j === h ? flipped(hash, i) : hash));
        expectFailure(verifyInclusion({ ...input, proof }), 'mismatch');
      }
    }
    for (let i = 0; i < 32; i++) {
      expectFailure(verifyInclusion({ ...input, leafHash: flipped(input.leafHash, i, 0x80) }), 'mismatch');
      expectFailure(verifyInclusion({ ...input, rootHash: flipped(input.rootHash, i, 0x80) }), 'mismatch');
    }
  });

  it.each(sizePairs.filter(([m, n]) => m < n))('rejects every corruption of the consistency proof from %i to %i', (oldSize, newSize) => {
    const input = consistencyInput(entries, oldSize, newSize);
    for (const [name, probe] of corruptConsistency(input)) {
      const result = verifyConsistency(probe);
      expect(result.ok, name).toBe(false);
      expectFailure(result);
    }
    for (let h = 0; h < input.proof.length; h++) {
      for (let i = 0; i < 32; i++) {
        const proof = input.proof.map((hash, j) => (j === h ? flipped(hash, i, 0x10) : hash));
        expectFailure(verifyConsistency({ ...input, proof }), 'mismatch');
      }
    }
    for (let i = 0; i < 32; i++) {
      expectFailure(verifyConsistency({ ...input, oldRoot: flipped(input.oldRoot, i) }), 'mismatch');
      expectFailure(verifyConsistency({ ...input, newRoot: flipped(input.newRoot, i) }), 'mismatch');
    }
  });
});

describe('verifyConsistency edge cases (the CT reference table, with Suyuan’s decisions)', () => {
  const root1 = SOME_HASH;
  const root2 = leafHash(new Uint8Array([2]));
  it.each([
    // [oldSize, newSize, oldRoot, newRoot, proof, ok]
    ['equal sizes, different roots', 1, 1, root1, root2, [], false],
    ['equal sizes, equal roots', 1, 1, root2, root2, [], true],
    ['equal sizes, equal roots, but a proof', 1, 1, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [EMPTY_TREE_ROOT], false],
    ['from size 0 (refused: nothing to prove)', 0, 1, root1, root2, [], false],
    ['from size 0 to 0 (refused)', 0, 0, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [], false],
    ['time travel 1 → 0', 1, 0, root1, root2, [], false],
    ['time travel 2 → 1', 2, 1, root1, root2, [], false],
    ['empty proof 1 → 2', 1, 2, root1, root2, [], false],
  ] as const)('%s', (_name, oldSize, newSize, oldRoot, newRoot, proof, ok) => {
    const result = verifyConsistency({ oldSize, newSize, oldRoot, newRoot, proof });
    expect(result.ok).toBe(ok);
    if (!ok) expectFailure(result);
  });

  it('names the reason for size 0', () => {
    const result = verifyConsistency({ oldSize: 0, newSize: 5, oldRoot: EMPTY_TREE_ROOT, newRoot: roots[5]!, proof: [] });
    expectFailure(result, 'malformed');
    if (!result.ok) expect(result.error).toMatchObject({ code: 'LOG_PROOF_INVALID', details: { path: 'oldSize' } });
  });
});

describe('exhaustive trees up to 40 leaves', () => {
  const list = Array.from({ length: 40 }, (_, i) => new TextEncoder().encode(`entry ${i}`));
  it('verifies every inclusion proof, of the length the formula gives', () => {
    for (let size = 1; size <= 40; size++) {
      for (let index = 0; index < size; index++) {
        const input = inclusionInput(list, index, size);
        expect(input.proof.length).toBe(inclusionProofLength(index, size));
        expectOk(verifyInclusion(input));
        // A proof for one leaf never proves its neighbour.
        if (index + 1 < size) expectFailure(verifyInclusion({ ...input, leafHash: leafHash(list[index + 1]!) }), 'mismatch');
      }
    }
  });

  it('verifies every consistency proof, and no proof between mismatched sizes', () => {
    for (let newSize = 1; newSize <= 40; newSize++) {
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const input = consistencyInput(list, oldSize, newSize);
        expectOk(verifyConsistency(input));
        if (oldSize < newSize) {
          expect(input.proof.length).toBe(consistencyProofLength(oldSize, newSize));
          // The same proof, claimed for a tree of another size, fails.
          if (oldSize + 1 < newSize) expectFailure(verifyConsistency({ ...input, oldSize: oldSize + 1, oldRoot: rootHash(list.slice(0, oldSize + 1)) }));
        }
      }
    }
  });

  it('rejects a consistency proof against a forked history', () => {
    const forked = [...list.slice(0, 10), new TextEncoder().encode('rewritten'), ...list.slice(11, 20)];
    const input = consistencyInput(list, 12, 20);
    expectFailure(verifyConsistency({ ...input, newRoot: rootHash(forked) }), 'mismatch');
  });
});

describe('random trees (property)', () => {
  it('verifies generated proofs and rejects them with a changed bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 1, max: size }), fc.nat(), fc.integer({ min: 0, max: 7 }))),
        ([size, index, oldSize, pick, bit]) => {
          const list = Array.from({ length: size }, (_, i) => new Uint8Array([i & 0xff, i >> 8, 7]));
          const inclusion = inclusionInput(list, index, size);
          expect(verifyInclusion(inclusion).ok).toBe(true);
          const consistency = consistencyInput(list, oldSize, size);
          expect(verifyConsistency(consistency).ok).toBe(true);
          if (inclusion.proof.length > 0) {
            const h = pick % inclusion.proof.length;
            const proof = inclusion.proof.map((hash, j) => (j === h ? flipped(hash, pick % 32, 1 << bit) : hash));
            expect(verifyInclusion({ ...inclusion, proof }).ok).toBe(false);
          }
          if (consistency.proof.length > 0) {
            const h = pick % consistency.proof.length;
            const proof = consistency.proof.map((hash, j) => (j === h ? flipped(hash, pick % 32, 1 << bit) : hash));
            expect(verifyConsistency({ ...consistency, proof }).ok).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('computes proof lengths as the bit formulas of the CT reference code', () => {
    const bitLength = (x: number) => 32 - Math.clz32(x);
    const ones = (x: number) => x.toString(2).replaceAll('0', '').length;
    const trailingZeros = (x: number) => 31 - Math.clz32(x & -x);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2 ** 30 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n - 1 }))), ([n, m]) => {
        const inclusion = (index: number, size: number) => {
          const inner = bitLength(index ^ (size - 1));
          return inner + ones(index >>> inner);
        };
        expect(inclusionProofLength(m, n)).toBe(inclusion(m, n));
        const shift = trailingZeros(m);
        expect(consistencyProofLength(m, n)).toBe(inclusion(m - 1, n) - shift + (m === 2 ** shift ? 0 : 1));
      }),
    );
  });
});

/**
 * A tree whose leaves are all equal: the hash of a subtree depends on its size only, so the root and
 * any proof of a tree of up to 2^53 − 1 leaves take O(log² n) hashes. It checks the verifiers'
 * arithmetic beyond 32 bits (where `>>` would silently truncate).
 */
describe('trees of up to 2^53 − 1 leaves', () => {
  const leaf = leafHash(new TextEncoder().encode('same'));
  const memo = new Map<number, Uint8Array>();
  const split = (n: number) => {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  };
  const mth = (n: number): Uint8Array => {
    if (n === 1) return leaf;
    const known = memo.get(n);
    if (known) return known;
    const k = split(n);
    const hash = nodeHash(mth(k), mth(n - k));
    memo.set(n, hash);
    return hash;
  };
  const path = (m: number, n: number): Uint8Array[] => {
    if (n === 1) return [];
    const k = split(n);
    return m < k ? [...path(m, k), mth(n - k)] : [...path(m - k, n - k), mth(k)];
  };
  const subproof = (m: number, n: number, complete: boolean): Uint8Array[] => {
    if (m === n) return complete ? [] : [mth(n)];
    const k = split(n);
    return m <= k ? [...subproof(m, k, complete), mth(n - k)] : [...subproof(m - k, n - k, false), mth(k)];
  };
  const sizes = [2 ** 53 - 1, 2 ** 53 - 2, 2 ** 52 + 1, 2 ** 40 + 12345, 2 ** 33 + 7, 2 ** 32 + 1, 2 ** 32, 2 ** 31 + 3, 2 ** 31 - 1];

  it.each(sizes)('verifies inclusion proofs in a tree of %i leaves', (size) => {
    for (const index of [0, 1, 2 ** 31, 2 ** 32 - 1, Math.floor(size / 3), size - 2, size - 1].filter((i) => i < size)) {
      const proof = path(index, size);
      expect(proof.length).toBe(inclusionProofLength(index, size));
      expectOk(verifyInclusion({ index, treeSize: size, proof, leafHash: leaf, rootHash: mth(size) }));
      // The same path claimed for a neighbour whose path differs fails.
      if (index + 1 < size && inclusionProofLength(index + 1, size) === proof.length) {
        const other = path(index + 1, size);
        if (other.some((hash, i) => toHex(hash) !== toHex(proof[i]!))) expectFailure(verifyInclusion({ index: index + 1, treeSize: size, proof, leafHash: leaf, rootHash: mth(size) }));
      }
      expectFailure(verifyInclusion({ index, treeSize: size, proof: proof.map((hash, i) => (i === proof.length - 1 ? flipped(hash, 5) : hash)), leafHash: leaf, rootHash: mth(size) }), 'mismatch');
    }
  });

  it.each(sizes)('verifies consistency proofs into a tree of %i leaves', (size) => {
    for (const oldSize of [1, 2, 3, 2 ** 31 + 1, 2 ** 32, Math.floor(size / 2) + 1, size - 1].filter((m) => m < size)) {
      const proof = subproof(oldSize, size, true);
      expect(proof.length).toBe(consistencyProofLength(oldSize, size));
      expectOk(verifyConsistency({ oldSize, newSize: size, proof, oldRoot: mth(oldSize), newRoot: mth(size) }));
      expectFailure(verifyConsistency({ oldSize, newSize: size, proof: proof.map((hash, i) => (i === 0 ? flipped(hash, 0) : hash)), oldRoot: mth(oldSize), newRoot: mth(size) }));
    }
  });
});

describe('hostile inputs', () => {
  const valid = inclusionInput(entries, 3, 7);
  const validConsistency = consistencyInput(entries, 3, 7);
  const odd: unknown[] = [-1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 63, 2n ** 63n, 3n, '3', null, undefined, {}, [], true];

  it.each(odd)('rejects the index or tree size %s without throwing', async (value) => {
    await expectRejected(() => verifyInclusion({ ...valid, index: value as number }));
    await expectRejected(() => verifyInclusion({ ...valid, treeSize: value as number }));
    await expectRejected(() => verifyConsistency({ ...validConsistency, oldSize: value as number }));
    await expectRejected(() => verifyConsistency({ ...validConsistency, newSize: value as number }));
  });

  const badHashes: unknown[] = [new Uint8Array(31), new Uint8Array(33), new Uint8Array(0), Array.from(valid.rootHash), toHex(valid.rootHash), null, undefined, 0, new Uint16Array(16), valid.rootHash.buffer];
  it.each(badHashes.map((hash, i) => [i, hash]))('rejects malformed hash #%i (a leaf, a root, a proof hash) as malformed', async (_i, hash) => {
    for (const result of [
      verifyInclusion({ ...valid, leafHash: hash as Uint8Array }),
      verifyInclusion({ ...valid, rootHash: hash as Uint8Array }),
      verifyInclusion({ ...valid, proof: [hash as Uint8Array, ...valid.proof.slice(1)] }),
      verifyConsistency({ ...validConsistency, oldRoot: hash as Uint8Array }),
      verifyConsistency({ ...validConsistency, newRoot: hash as Uint8Array }),
      verifyConsistency({ ...validConsistency, proof: [hash as Uint8Array, ...validConsistency.proof.slice(1)] }),
    ]) {
      expectFailure(result, 'malformed');
      if (!result.ok) expect(result.error.code).toBe('LOG_PROOF_INVALID');
    }
  });

  it.each([null, undefined, 42, 'proof', {}, [1, 2, 3], { length: 3 }])('rejects the proof %s without throwing', async (proof) => {
    await expectRejected(() => verifyInclusion({ ...valid, proof: proof as Uint8Array[] }));
    await expectRejected(() => verifyConsistency({ ...validConsistency, proof: proof as Uint8Array[] }));
  });

  it.each([null, undefined, 42, 'x', []])('rejects the whole input %s without throwing', async (input) => {
    await expectRejected(() => verifyInclusion(input as unknown as InclusionProofInput));
    await expectRejected(() => verifyConsistency(input as unknown as ConsistencyProofInput));
  });

  it('rejects an index beyond the tree, an empty tree, and an overlong proof before hashing', () => {
    expectFailure(verifyInclusion({ ...valid, index: 7 }), 'malformed');
    expectFailure(verifyInclusion({ ...valid, index: 0, treeSize: 0, proof: [] }), 'malformed');
    expectFailure(verifyInclusion({ ...valid, proof: Array.from({ length: 10_000 }, () => SOME_HASH) }), 'malformed');
    expectFailure(verifyInclusion({ ...valid, treeSize: 2 ** 53 - 1, index: 2 ** 53 - 2 }), 'malformed');
  });

  it('refuses to generate proofs for impossible indices and sizes, with a SuyuanError', () => {
    for (const index of [-1, 8, 1.5, NaN]) expectSuyuanError(() => inclusionProof(entries, index), 'LOG_PROOF_INVALID');
    for (const size of [0, 9, -1, 2.5]) expectSuyuanError(() => consistencyProof(entries, size), 'LOG_PROOF_INVALID');
    expectSuyuanError(() => rootHash('abc' as unknown as Uint8Array[]), 'INPUT_TYPE');
    expect(() => inclusionProof([], 0)).toThrow(SuyuanError);
  });
});
