/**
 * C2SP tlog-tiles (tiles.ts): the spec's own path and width examples, path round trips, hostile
 * paths, widths around tile boundaries, hash tiles read from a stored tree against node hashes
 * computed independently with core's rootHash, and entry bundles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuyuanError, leafHash, rootHash, type SuyuanErrorCode } from '@suyuan/core';
import {
  MAX_BUNDLE_ENTRY_LENGTH,
  TILE_HEIGHT,
  TILE_WIDTH,
  decodeEntryBundle,
  encodeEntryBundle,
  formatTilePath,
  hashTileIndexes,
  parseTilePath,
  tileWidth,
  type TilePath,
} from './tiles.js';
import { MAX_TREE_SIZE, appendLeaves, storedHashIndex, type HashReader } from './tree.js';

function expectCode(action: () => unknown, code: SuyuanErrorCode): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SuyuanError);
  expect((thrown as SuyuanError).code).toBe(code);
}

const hash = (level: number, index: number, width = TILE_WIDTH): TilePath => ({ kind: 'hash', level, index, width });
const entries = (index: number, width = TILE_WIDTH): TilePath => ({ kind: 'entries', index, width });

/** Every tile a tree of this size has, by walking the widths level by level. */
function tilesOf(size: number): TilePath[] {
  const tiles: TilePath[] = [];
  for (let level = 0; level <= 6; level++) {
    for (let index = 0; ; index++) {
      const width = tileWidth(size, { kind: 'hash', level, index });
      if (width === 0) break;
      tiles.push(hash(level, index, width));
    }
  }
  return tiles;
}

describe('tile paths', () => {
  it('encode the index as the spec example does: 1234067 → x001/x234/067', () => {
    expect(formatTilePath(hash(0, 1234067))).toBe('tile/0/x001/x234/067');
    expect(parseTilePath('tile/0/x001/x234/067')).toEqual(hash(0, 1234067));
    expect(formatTilePath(entries(1234067))).toBe('tile/entries/x001/x234/067');
  });

  it('round-trip the canonical forms of small, boundary and partial tiles', () => {
    const examples: [string, TilePath][] = [
      ['tile/0/000', hash(0, 0)],
      ['tile/0/005', hash(0, 5)],
      ['tile/0/999', hash(0, 999)],
      ['tile/0/x001/000', hash(0, 1000)],
      ['tile/0/x001/234', hash(0, 1234)],
      ['tile/1/x123/x456/789', hash(1, 123456789)],
      ['tile/0/x001/x000/000', hash(0, 1_000_000)],
      ['tile/2/000.p/1', hash(2, 0, 1)],
      ['tile/0/273.p/112', hash(0, 273, 112)],
      ['tile/1/001.p/17', hash(1, 1, 17)],
      ['tile/0/000.p/255', hash(0, 0, 255)],
      ['tile/6/000.p/16', hash(6, 0, 16)],
      ['tile/entries/000', entries(0)],
      ['tile/entries/000.p/5', entries(0, 5)],
      ['tile/entries/x017/x592/x186/x044/415.p/255', entries(2 ** 44 - 1, 255)],
      ['tile/entries/x017/x592/x186/x044/415', entries(2 ** 44 - 1)],
    ];
    for (const [path, tile] of examples) {
      expect(formatTilePath(tile)).toBe(path);
      expect(parseTilePath(path)).toEqual(tile);
    }
  });

  it('round-trip every tile of a tree of up to 2^52 leaves (property)', () => {
    const tile = fc.oneof(
      fc.record({ kind: fc.constant('hash' as const), level: fc.integer({ min: 0, max: 6 }), index: fc.nat(), width: fc.integer({ min: 1, max: 256 }) }),
      fc.record({ kind: fc.constant('entries' as const), index: fc.nat(), width: fc.integer({ min: 1, max: 256 }) }),
    );
    fc.assert(
      fc.property(tile, (t) => {
        const level = t.kind === 'hash' ? t.level : 0;
        const exists = (t.index * 256 + t.width) * 256 ** level <= MAX_TREE_SIZE;
        if (!exists) {
          expect(() => formatTilePath(t)).toThrow(SuyuanError);
          return;
        }
        const path = formatTilePath(t);
        expect(path).toMatch(/^tile\/(?:[0-6]|entries)\/(?:x\d{3}\/)*\d{3}(?:\.p\/[1-9]\d*)?$/);
        expect(parseTilePath(path)).toEqual(t);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 44 - 1 }), (index) => {
        const path = formatTilePath(entries(index));
        expect(parseTilePath(path)).toEqual(entries(index));
        expect(path.split('/').slice(2).join('').replaceAll('x', '')).toBe(String(index).padStart(Math.ceil(String(index).length / 3) * 3, '0'));
      }),
    );
  });

  it('refuse every non-canonical or hostile path', () => {
    const hostile = [
      '',
      'tile',
      'tile/',
      'tile/0',
      'tile/0/',
      'tile/0/../1',
      'tile/0/..',
      'tile/../0/000',
      'tile/entries/../0/000',
      'tile/0/x1/234',
      'tile/0/001.p/0',
      'tile/0/001.p/256',
      'tile/0/001.p/05',
      'tile/0/001.p/+5',
      'tile/0/001.p/-5',
      'tile/0/001.p/',
      'tile/0/001.p',
      'tile/0/001.p/5/6',
      'tile/0/001.P/5',
      'tile/0/%2e%2e/001',
      'tile/0/%30%30%30',
      'tile/%2e/000',
      'tile/0/００１', // full-width digits
      'tile/０/001',
      'tile/0/٠٠١', // Arabic-Indic digits
      'tile/0/0001',
      'tile/0/01',
      'tile/0/1',
      'tile/0/x001', // x on the last group
      'tile/0/001/234', // x missing
      'tile/0/x001/x234', // x on the last group
      'tile/0/x000/001', // leading zero group
      'tile/0/x000/x001/234',
      'tile/0/xx01/234',
      'tile/0/x01/234',
      'tile/0/x0001/234',
      'tile/00/000',
      'tile/01/000',
      'tile/64/000',
      'tile/99/000',
      'tile/-1/000',
      'tile/7/000', // no tree of at most 2^52 leaves has a level-7 hash
      'tile/6/000.p/17',
      'tile/6/001',
      'tile/entries/x017/x592/x186/x044/416', // beyond the largest tree
      'tile/0/000/',
      'tile/0//000',
      'tile//0/000',
      '/tile/0/000',
      'tile/0/000/extra',
      'tile/entries/000/extra',
      'tile/entries/000.p/5/',
      'tile/0/000?x=1',
      'tile/0/000#x',
      'tile/0/000\n',
      ' tile/0/000',
      'tile/0/000 ',
      'tile/0/00 0',
      'TILE/0/000',
      'tile/ENTRIES/000',
      'tile/entry/000',
      'tile/data/000',
      'tile\\0\\000',
      'tile/0\\000',
      'tile/0/000\u0000',
      'tile/0/1e3',
      'tile/0/0x1',
      `tile/0/${'x001/'.repeat(20)}000`,
    ];
    for (const path of hostile) expect(parseTilePath(path), JSON.stringify(path)).toBeUndefined();
    expect(parseTilePath(undefined as unknown as string)).toBeUndefined();
    expect(parseTilePath(7 as unknown as string)).toBeUndefined();
  });

  it('refuse to format a tile that is not one', () => {
    const bad: unknown[] = [
      hash(0, 0, 0),
      hash(0, 0, 257),
      hash(0, 0, 1.5),
      hash(-1, 0),
      hash(64, 0),
      hash(7, 0, 1),
      hash(0, -1),
      hash(0, 0.5),
      hash(0, 2 ** 44),
      entries(Number.NaN),
      { kind: 'data', index: 0, width: 256 },
      null,
    ];
    for (const tile of bad) expectCode(() => formatTilePath(tile as TilePath), 'INPUT_TYPE');
  });
});

describe('tile widths', () => {
  it('match the spec example: a tree of 70,000 leaves', () => {
    // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile, one
    // partial level 1 tile of width 17, and one partial level 2 tile of width 1".
    const tiles = tilesOf(70_000);
    expect(tiles.filter((t) => t.kind === 'hash' && t.level === 0 && t.width === 256)).toHaveLength(273);
    expect(tiles.filter((t) => t.kind === 'hash' && t.level === 0 && t.width < 256)).toEqual([hash(0, 273, 112)]);
    expect(tiles.filter((t) => t.kind === 'hash' && t.level === 1)).toEqual([hash(1, 0), hash(1, 1, 17)]);
    expect(tiles.filter((t) => t.kind === 'hash' && t.level >= 2)).toEqual([hash(2, 0, 1)]);
  });

  it('match the spec example: a tree of 256 leaves has a full level 0 tile and a level 1 tile of width 1', () => {
    expect(tilesOf(256)).toEqual([hash(0, 0), hash(1, 0, 1)]);
  });

  it('grow across tile boundaries at levels 0 – 2', () => {
    const width = (size: number, level: number, index: number) => tileWidth(size, { kind: 'hash', level, index });
    const table: [size: number, level: number, index: number, expected: number][] = [
      [0, 0, 0, 0],
      [1, 0, 0, 1],
      [255, 0, 0, 255],
      [255, 0, 1, 0],
      [255, 1, 0, 0],
      [256, 0, 0, 256],
      [256, 0, 1, 0],
      [256, 1, 0, 1],
      [257, 0, 0, 256],
      [257, 0, 1, 1],
      [257, 1, 0, 1],
      [511, 1, 0, 1],
      [512, 1, 0, 2],
      [65_535, 0, 255, 255],
      [65_535, 1, 0, 255],
      [65_535, 2, 0, 0],
      [65_536, 0, 255, 256],
      [65_536, 0, 256, 0],
      [65_536, 1, 0, 256],
      [65_536, 1, 1, 0],
      [65_536, 2, 0, 1],
      [65_537, 0, 256, 1],
      [65_537, 1, 1, 0],
      [65_537, 2, 0, 1],
      [65_537, 3, 0, 0],
      [16_777_216, 2, 0, 256],
      [16_777_216, 3, 0, 1],
      [MAX_TREE_SIZE, 6, 0, 16],
      [MAX_TREE_SIZE, 0, 2 ** 44 - 1, 256],
      [MAX_TREE_SIZE, 0, 2 ** 44, 0],
    ];
    for (const [size, level, index, expected] of table) expect(width(size, level, index), `size ${size}, level ${level}, tile ${index}`).toBe(expected);
  });

  it('give entry bundles the widths of level 0 tiles', () => {
    for (const size of [0, 1, 255, 256, 257, 65_536, 65_537, 70_000]) {
      for (const index of [0, 1, 255, 256, 273, 274]) {
        expect(tileWidth(size, { kind: 'entries', index })).toBe(tileWidth(size, { kind: 'hash', level: 0, index }));
      }
    }
  });

  it('cover ⌊size / 256^level⌋ hashes per level, full tiles then at most one partial (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_TREE_SIZE }), fc.integer({ min: 0, max: 6 }), (size, level) => {
        const hashes = Math.floor(size / 256 ** level);
        const last = Math.floor(hashes / 256);
        expect(tileWidth(size, { kind: 'hash', level, index: last })).toBe(hashes % 256);
        if (last > 0) expect(tileWidth(size, { kind: 'hash', level, index: last - 1 })).toBe(256);
        expect(tileWidth(size, { kind: 'hash', level, index: last + 1 })).toBe(0);
      }),
    );
  });

  it('refuse bad sizes and tiles', () => {
    expectCode(() => tileWidth(-1, { kind: 'hash', level: 0, index: 0 }), 'INPUT_TYPE');
    expectCode(() => tileWidth(1.5, { kind: 'hash', level: 0, index: 0 }), 'INPUT_TYPE');
    expectCode(() => tileWidth(MAX_TREE_SIZE + 1, { kind: 'entries', index: 0 }), 'INPUT_TYPE');
    expectCode(() => tileWidth(10, { kind: 'hash', index: 0 }), 'INPUT_TYPE');
    expectCode(() => tileWidth(10, { kind: 'hash', level: 64, index: 0 }), 'INPUT_TYPE');
    expectCode(() => tileWidth(10, { kind: 'hash', level: 0, index: -1 }), 'INPUT_TYPE');
    expectCode(() => tileWidth(10, { kind: 'tile' as 'hash', level: 0, index: 0 }), 'INPUT_TYPE');
  });
});

describe('hash tiles', () => {
  // The spec's example tree: 70,000 leaves, with full and partial tiles at levels 0 and 1 and a
  // partial tile at level 2.
  const SIZE = 70_000;
  const ENTRIES = Array.from({ length: SIZE }, (_, i) => new Uint8Array([i >>> 16, (i >>> 8) & 0xff, i & 0xff]));
  const stored = new Map<number, Uint8Array>();
  const reader: HashReader = async (indexes) => indexes.map((index) => stored.get(index)!);
  const ready = appendLeaves(
    0,
    ENTRIES.map((entry) => leafHash(entry)),
    reader,
  ).then(({ hashes }) => hashes.forEach(({ index, hash: h }) => stored.set(index, h)));

  /** The tile's bytes, served as the HTTP layer serves them: the stored hashes concatenated. */
  async function tileBytes(tile: TilePath & { kind: 'hash' }): Promise<Uint8Array> {
    await ready;
    const hashes = await reader(hashTileIndexes(tile.level, tile.index, tile.width));
    const bytes = new Uint8Array(hashes.length * 32);
    hashes.forEach((h, i) => bytes.set(h, i * 32));
    return bytes;
  }

  /** MTH(D[(n·256 + i)·256^l : (n·256 + i + 1)·256^l]) for i < width, by core, as the spec defines a tile. */
  function expectedTile(level: number, index: number, width: number): Uint8Array {
    const span = 256 ** level;
    const bytes = new Uint8Array(width * 32);
    for (let i = 0; i < width; i++) {
      const start = (index * 256 + i) * span;
      bytes.set(rootHash(ENTRIES.slice(start, start + span)), i * 32);
    }
    return bytes;
  }

  it('at level 0 are the leaf hashes', async () => {
    for (const tile of [hash(0, 0), hash(0, 1), hash(0, 272), hash(0, 273, 112)]) {
      expect(tileWidth(SIZE, tile)).toBe(tile.width);
      const bytes = await tileBytes(tile as TilePath & { kind: 'hash' });
      expect(bytes).toHaveLength(tile.width * 32);
      expect(bytes).toEqual(expectedTile(0, tile.index, tile.width));
    }
  });

  it('at level 1 hold the root of each full level-0 tile (entry j = MTH of leaves [j·256, (j+1)·256))', async () => {
    expect(await tileBytes({ kind: 'hash', level: 1, index: 0, width: 256 })).toEqual(expectedTile(1, 0, 256));
    expect(await tileBytes({ kind: 'hash', level: 1, index: 1, width: 17 })).toEqual(expectedTile(1, 1, 17));
    // The partial level-0 tile (273.p/112) is not hashed into level 1: width 17 stops at tile 272.
    expect(tileWidth(SIZE, { kind: 'hash', level: 1, index: 1 })).toBe(17);
  });

  it('at level 2 hold the root of the first 65,536 leaves', async () => {
    expect(await tileBytes({ kind: 'hash', level: 2, index: 0, width: 1 })).toEqual(rootHash(ENTRIES.slice(0, 65_536)));
  });

  it('of every width are prefixes of the full tile', async () => {
    const full = await tileBytes({ kind: 'hash', level: 0, index: 5, width: 256 });
    for (const width of [1, 2, 100, 255]) expect(await tileBytes({ kind: 'hash', level: 0, index: 5, width })).toEqual(full.subarray(0, width * 32));
  });

  it('name the stored hashes at tree height 8·level', () => {
    expect(hashTileIndexes(0, 0, 3)).toEqual([0, 1, 3]);
    expect(hashTileIndexes(1, 0, 2)).toEqual([storedHashIndex(8, 0), storedHashIndex(8, 1)]);
    expect(hashTileIndexes(2, 3, 256)).toEqual(Array.from({ length: 256 }, (_, i) => storedHashIndex(16, 3 * 256 + i)));
    // The last hash of the top tile of the largest tree covers its last 2^48 leaves, completed by the
    // tree's last leaf, whose own hash is stored just before it and the tree's root 4 places after.
    expect(hashTileIndexes(6, 0, 16).at(-1)).toBe(storedHashIndex(0, 2 ** 52 - 1) + 48);
    expect(hashTileIndexes(6, 0, 16).at(-1)).toBe(2 ** 53 - 2 - 4);
    expect(TILE_HEIGHT).toBe(8);
    expect(TILE_WIDTH).toBe(2 ** TILE_HEIGHT);
  });

  it('refuse tiles that are not tiles', () => {
    for (const [level, index, width] of [[0, 0, 0], [0, 0, 257], [-1, 0, 1], [7, 0, 1], [6, 0, 17], [0, -1, 1], [0, 2 ** 44, 1], [0.5, 0, 1]] as const) {
      expectCode(() => hashTileIndexes(level, index, width), 'INPUT_TYPE');
    }
  });
});

describe('entry bundles', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);

  it('are big-endian uint16 length-prefixed entries', () => {
    expect(encodeEntryBundle([bytes(0x61), bytes(), bytes(0x62, 0x63)])).toEqual(bytes(0x00, 0x01, 0x61, 0x00, 0x00, 0x00, 0x02, 0x62, 0x63));
    const big = new Uint8Array(0x1234).fill(7);
    expect(encodeEntryBundle([big]).subarray(0, 3)).toEqual(bytes(0x12, 0x34, 7));
    expect(encodeEntryBundle([])).toEqual(bytes());
  });

  it('round-trip up to 256 entries of up to 65,535 bytes', () => {
    const largest = new Uint8Array(MAX_BUNDLE_ENTRY_LENGTH).fill(0xab);
    expect(decodeEntryBundle(encodeEntryBundle([largest, bytes()]))).toEqual([largest, bytes()]);
    const many = Array.from({ length: 256 }, (_, i) => bytes(i));
    expect(decodeEntryBundle(encodeEntryBundle(many))).toEqual(many);
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 256 }), (list) => {
        expect(decodeEntryBundle(encodeEntryBundle(list))).toEqual(list);
      }),
      { numRuns: 200 },
    );
  });

  it('hash entry by entry to the level 0 tile', () => {
    const list = Array.from({ length: 40 }, (_, i) => new TextEncoder().encode(`entry ${i}`));
    expect(decodeEntryBundle(encodeEntryBundle(list)).map((entry) => leafHash(entry))).toEqual(list.map((entry) => leafHash(entry)));
  });

  it('decode into copies, not views of the bundle', () => {
    const bundle = encodeEntryBundle([bytes(1, 2, 3)]);
    const [entry] = decodeEntryBundle(bundle);
    bundle[2] = 9;
    expect(entry).toEqual(bytes(1, 2, 3));
  });

  it('refuse entries over 65,535 bytes, more than 256 entries, and non-bytes', () => {
    expectCode(() => encodeEntryBundle([new Uint8Array(MAX_BUNDLE_ENTRY_LENGTH + 1)]), 'INPUT_TOO_LONG');
    expectCode(() => encodeEntryBundle(Array.from({ length: 257 }, () => bytes())), 'INPUT_TOO_LONG');
    expectCode(() => encodeEntryBundle(['a' as unknown as Uint8Array]), 'INPUT_TYPE');
    expectCode(() => encodeEntryBundle(bytes(1) as unknown as Uint8Array[]), 'INPUT_TYPE');
    expectCode(() => decodeEntryBundle('0001' as unknown as Uint8Array), 'INPUT_TYPE');
  });

  it('refuse truncated bundles and bundles of more than 256 entries', () => {
    const good = encodeEntryBundle([bytes(1, 2, 3), bytes(4, 5)]);
    for (let cut = 1; cut < good.length; cut++) {
      if (cut === 5) continue; // the end of the first entry is a valid one-entry bundle
      expectCode(() => decodeEntryBundle(good.subarray(0, cut)), 'INPUT_TYPE');
    }
    expect(decodeEntryBundle(good.subarray(0, 5))).toEqual([bytes(1, 2, 3)]);
    expectCode(() => decodeEntryBundle(bytes(0x00)), 'INPUT_TYPE');
    expectCode(() => decodeEntryBundle(bytes(0xff, 0xff, 0x00)), 'INPUT_TYPE');
    expectCode(() => decodeEntryBundle(new Uint8Array(2 * 257)), 'INPUT_TYPE');
    expect(decodeEntryBundle(new Uint8Array(2 * 256))).toHaveLength(256);
    let error: unknown;
    try {
      decodeEntryBundle(bytes(0x00, 0x01, 0x61, 0x00, 0x05, 0x62));
    } catch (caught) {
      error = caught;
    }
    expect((error as SuyuanError).details.position).toBe(5);
  });
});
