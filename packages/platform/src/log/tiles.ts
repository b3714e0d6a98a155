/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the static encoding in which the platform serves
 * its Merkle tree and its entries. Pure functions: tile paths (parse and format), tile widths for a
 * tree size, the stored hashes a hash tile is made of, and entry bundles.
 *
 * - **Hash tiles** (spec "Merkle Tree"): `tile/<L>/<N>[.p/<W>]`. The N-th tile at level L holds
 *   the W ≤ 256 consecutive hashes MTH(D[(N·256 + i)·256^L : (N·256 + i + 1)·256^L]), i < W:
 *   the hashes of the complete subtrees at tree height 8·L with node indexes N·256 … N·256 + W − 1.
 *   Level 0 tiles hold leaf hashes. A full tile is 256 hashes (8,192 bytes); a partial tile
 *   (`.p/<W>`, 1 ≤ W ≤ 255) is the right edge of a tree whose size ends inside it.
 * - **Entry bundles** (spec "Log entries"): `tile/entries/<N>[.p/<W>]`, the entries whose leaf
 *   hashes form level-0 tile N, each as a big-endian uint16 length and the entry's bytes.
 * - **Paths** (spec "Merkle Tree"): N in zero-padded 3-digit groups, all but the last prefixed
 *   with `x` (1234067 → `x001/x234/067`); L and W decimal with no leading zeros.
 *
 * This module addresses the tiles of trees of at most `MAX_TREE_SIZE` (2^52) leaves, the limit of
 * `tree.ts`; the spec's levels 0–63 are all well-formed, but only levels 0–6 have tiles in such a
 * tree, and a tile no such tree has is refused like any other malformed path.
 */
import { SuyuanError } from '@suyuan/core';
import { MAX_TREE_SIZE, storedHashIndex } from './tree.js';

/** The height of a tile: each tile is a subtree of 8 levels (spec "Merkle Tree"). */
export const TILE_HEIGHT = 8;

/** The width of a full tile and of a full entry bundle: 2^TILE_HEIGHT = 256 hashes or entries. */
export const TILE_WIDTH = 256;

/** The largest entry an entry bundle can hold: its length is a uint16. */
export const MAX_BUNDLE_ENTRY_LENGTH = 0xffff;

/** A hash tile or an entry bundle, as its path names it. `width` is 256 for a full tile, 1 … 255 for a partial one. */
export type TilePath =
  | { kind: 'hash'; level: number; index: number; width: number }
  | { kind: 'entries'; index: number; width: number };

/** The highest tile level the spec's path syntax allows ("between 0 and 63"). */
const MAX_PATH_LEVEL = 63;

/** Longer than any path of a tile this module addresses (`tile/entries/x017/x592/x186/x044/415.p/255` is 42). */
const MAX_PATH_LENGTH = 64;

/**
 * The shape of a canonical tile path: `tile/`, a level without leading zeros or `entries`, the
 * 3-digit groups of the index (each but the last with `x`), an optional `.p/` width without
 * leading zeros. ASCII digits only (`[0-9]`, never `\d` with Unicode semantics).
 */
const TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

// Paths -----------------------------------------------------------------------------------------

/**
 * The tile a path names (the path as it follows the log's prefix, e.g. `tile/0/x001/x234/067` or
 * `tile/entries/000.p/5`), or `undefined` for anything that is not exactly the path
 * `formatTilePath` writes for a tile some tree of at most 2^52 leaves has: leading zeros, a
 * missing or extra `x` or group, a width of 0 or ≥ 256 or with leading zeros, a level above 63,
 * `..`, percent-escapes, extra or missing slashes, non-ASCII digits, anything before or after.
 * Never throws: an HTTP layer answers 404 for `undefined`.
 */
export function parseTilePath(path: string): TilePath | undefined {
  if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH) return undefined;
  const match = TILE_PATH.exec(path);
  if (!match) return undefined;
  const [, levelText, indexText, widthText] = match;
  const index = Number(indexText!.replaceAll('x', '').replaceAll('/', ''));
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= TILE_WIDTH) return undefined; // a partial tile is 1 … 255 wide
  const tile: TilePath = levelText === 'entries' ? { kind: 'entries', index, width } : { kind: 'hash', level: Number(levelText), index, width };
  if (tileProblem(tile) !== undefined) return undefined;
  // The grammar admits a leading zero group (`x000/001`), which the round trip refuses.
  return formatTilePath(tile) === path ? tile : undefined;
}

/** The path of a tile, as it follows the log's prefix: `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`. Throws `INPUT_TYPE` for a tile no tree of at most 2^52 leaves has. */
export function formatTilePath(tile: TilePath): string {
  const problem = tileProblem(tile);
  if (problem !== undefined) throw new SuyuanError('INPUT_TYPE', `Not a tile: ${problem}`, { expected: 'a hash tile { kind, level, index, width } or an entry bundle { kind, index, width }' });
  const level = tile.kind === 'entries' ? 'entries' : String(tile.level);
  const partial = tile.width === TILE_WIDTH ? '' : `.p/${tile.width}`;
  return `tile/${level}/${formatTileIndex(tile.index)}${partial}`;
}

/** N in zero-padded 3-digit groups, all but the last prefixed with `x`: 1234067 → `x001/x234/067`, 5 → `005`. */
function formatTileIndex(index: number): string {
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

/** What is wrong with `tile`, or `undefined` when some tree of at most 2^52 leaves has it. */
function tileProblem(tile: TilePath): string | undefined {
  if (typeof tile !== 'object' || tile === null || (tile.kind !== 'hash' && tile.kind !== 'entries')) return "kind is 'hash' or 'entries'.";
  const level = tile.kind === 'hash' ? tile.level : 0;
  if (!isInteger(level) || level > MAX_PATH_LEVEL) return `the level is an integer in 0 … ${MAX_PATH_LEVEL}; got ${String(level)}.`;
  if (!isInteger(tile.index)) return `the index is a non-negative integer; got ${String(tile.index)}.`;
  if (!isInteger(tile.width) || tile.width < 1 || tile.width > TILE_WIDTH) return `the width is an integer in 1 … ${TILE_WIDTH}; got ${String(tile.width)}.`;
  // The tree this tile first appears in: its last hash covers leaves up to (index·256 + width)·256^level.
  if ((tile.index * TILE_WIDTH + tile.width) * leavesPerHash(level) > MAX_TREE_SIZE) {
    return `tile ${tile.index} of width ${tile.width} at level ${level} needs a tree of more than ${MAX_TREE_SIZE} (2^52) leaves.`;
  }
  return undefined;
}

// Widths and contents ---------------------------------------------------------------------------

/**
 * The width of a tile (or entry bundle, which has the width of level-0 tile `index`) in the tree
 * of `size` leaves: 256 when full, 1 … 255 when it is the partial right-edge tile, 0 when the tree
 * has no hash of it yet (spec "Partial Tiles": the partial tile at level l of a tree of size s has
 * ⌊s / 256^l⌋ mod 256 hashes, and empty tiles do not exist). A hash tile needs its `level`.
 */
export function tileWidth(size: number, tile: { kind: 'hash' | 'entries'; level?: number; index: number }): number {
  if (!isInteger(size) || size > MAX_TREE_SIZE) {
    throw new SuyuanError('INPUT_TYPE', `A tree size is an integer in 0 … ${MAX_TREE_SIZE}; got ${String(size)}.`, { path: 'size', expected: `integer in 0 … ${MAX_TREE_SIZE}`, received: String(size) });
  }
  if (typeof tile !== 'object' || tile === null || (tile.kind !== 'hash' && tile.kind !== 'entries')) {
    throw new SuyuanError('INPUT_TYPE', "A tile is { kind: 'hash', level, index } or { kind: 'entries', index }.", { path: 'tile', expected: "kind 'hash' or 'entries'" });
  }
  const level = tile.kind === 'entries' ? 0 : tile.level;
  if (level === undefined || !isInteger(level) || level > MAX_PATH_LEVEL) {
    throw new SuyuanError('INPUT_TYPE', `A hash tile's level is an integer in 0 … ${MAX_PATH_LEVEL}; got ${String(level)}.`, { path: 'tile.level', expected: `integer in 0 … ${MAX_PATH_LEVEL}`, received: String(level) });
  }
  if (!isInteger(tile.index)) {
    throw new SuyuanError('INPUT_TYPE', `A tile index is a non-negative integer; got ${String(tile.index)}.`, { path: 'tile.index', expected: 'non-negative safe integer', received: String(tile.index) });
  }
  // The complete subtrees at height 8·level: one per 256^level leaves.
  const hashes = Math.floor(size / leavesPerHash(level));
  const start = tile.index * TILE_WIDTH;
  if (hashes >= start + TILE_WIDTH) return TILE_WIDTH;
  return hashes > start ? hashes - start : 0;
}

/**
 * The stored hash indexes (see `tree.ts`) whose hashes, concatenated in this order, are the bytes
 * of hash tile `index` at `level` of `width` hashes. Hash i of the tile is the complete subtree at
 * tree height 8·level with node index index·256 + i, stored at `storedHashIndex(8·level, index·256 + i)`.
 * Throws `INPUT_TYPE` for a tile no tree of at most 2^52 leaves has.
 */
export function hashTileIndexes(level: number, index: number, width: number): number[] {
  const tile: TilePath = { kind: 'hash', level, index, width };
  const problem = tileProblem(tile);
  if (problem !== undefined) throw new SuyuanError('INPUT_TYPE', `Not a hash tile: ${problem}`, { expected: 'level, index and width of a hash tile' });
  const indexes: number[] = [];
  for (let i = 0; i < width; i++) indexes.push(storedHashIndex(TILE_HEIGHT * level, index * TILE_WIDTH + i));
  return indexes;
}

/** The number of leaves under one hash of a level-`level` tile: 256^level. */
function leavesPerHash(level: number): number {
  return TILE_WIDTH ** level;
}

// Entry bundles ---------------------------------------------------------------------------------

/**
 * An entry bundle (spec "Log entries"): each entry as a big-endian uint16 length followed by its
 * bytes, in log order. Throws `INPUT_TOO_LONG` for an entry longer than 65,535 bytes or more than
 * 256 entries, `INPUT_TYPE` for anything but an array of `Uint8Array`.
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(entries)) throw new SuyuanError('INPUT_TYPE', 'The entries of a bundle are an array of Uint8Array.', { path: 'entries', expected: 'array' });
  if (entries.length > TILE_WIDTH) {
    throw new SuyuanError('INPUT_TOO_LONG', `An entry bundle holds at most ${TILE_WIDTH} entries; got ${entries.length}.`, { path: 'entries', expected: `at most ${TILE_WIDTH}`, received: String(entries.length) });
  }
  let length = 0;
  entries.forEach((entry: unknown, i) => {
    if (!(entry instanceof Uint8Array)) throw new SuyuanError('INPUT_TYPE', `Bundle entry ${i} is not a Uint8Array.`, { path: `entries[${i}]`, expected: 'Uint8Array' });
    if (entry.length > MAX_BUNDLE_ENTRY_LENGTH) {
      throw new SuyuanError('INPUT_TOO_LONG', `Bundle entry ${i} is ${entry.length} bytes; an entry bundle's uint16 length allows at most ${MAX_BUNDLE_ENTRY_LENGTH}.`, { path: `entries[${i}]`, expected: `at most ${MAX_BUNDLE_ENTRY_LENGTH} bytes`, received: `${entry.length} bytes` });
    }
    length += 2 + entry.length;
  });
  const bundle = new Uint8Array(length);
  let offset = 0;
  for (const entry of entries) {
    bundle[offset] = entry.length >>> 8;
    bundle[offset + 1] = entry.length & 0xff;
    bundle.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return bundle;
}

/**
 * The entries of an entry bundle, each a fresh copy. Strict: throws `INPUT_TYPE` (with the byte
 * `position`) when a length prefix or an entry runs past the end of the bytes or there are more
 * than 256 entries. Empty bytes are an empty bundle (which no log serves: empty tiles do not exist).
 */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  if (!(bytes instanceof Uint8Array)) throw new SuyuanError('INPUT_TYPE', 'An entry bundle is a Uint8Array.', { expected: 'Uint8Array' });
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (entries.length === TILE_WIDTH) {
      throw new SuyuanError('INPUT_TYPE', `An entry bundle holds at most ${TILE_WIDTH} entries; this one has more.`, { position: offset, expected: `at most ${TILE_WIDTH} entries` });
    }
    if (bytes.length - offset < 2) {
      throw new SuyuanError('INPUT_TYPE', `The entry bundle is truncated: entry ${entries.length} has ${bytes.length - offset} of its 2 length bytes.`, { position: offset, expected: 'a 2-byte big-endian length', received: `${bytes.length - offset} bytes` });
    }
    const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
    const start = offset + 2;
    if (bytes.length - start < length) {
      throw new SuyuanError('INPUT_TYPE', `The entry bundle is truncated: entry ${entries.length} is ${length} bytes but only ${bytes.length - start} remain.`, { position: start, expected: `${length} bytes`, received: `${bytes.length - start} bytes` });
    }
    entries.push(bytes.slice(start, start + length));
    offset = start + length;
  }
  return entries;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
