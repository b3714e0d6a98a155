/**
 * The C2SP tlog-tiles read endpoints: `/log/tile/<L>/<N>[.p/<W>]` (hash tiles) and
 * `/log/tile/entries/<N>[.p/<W>]` (entry bundles), served from the store. A full tile never changes
 * and is cached for a year; a partial tile of width W is served while the tree has at least W
 * nodes at that level (its bytes are then fixed too). A tile the tree does not have yet is 404.
 */
import { SuyuanError } from '@suyuan/core';
import type { Context } from 'hono';
import type { Store } from '../store/store.js';
import { encodeEntryBundle, hashTileIndexes, parseTilePath, tileWidth, TILE_WIDTH, type TilePath } from '../log/tiles.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The tile a request path (after `/log/`) names, or `NOT_FOUND`. */
export function decodeTileRequest(path: string): TilePath {
  const tile = parseTilePath(path);
  if (!tile) throw new SuyuanError('NOT_FOUND', 'Not a tile path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>] (c2sp.org/tlog-tiles).', {});
  return tile;
}

/** Answers a tile request for a tree of `size` entries. */
export async function serveTile(c: Context, tile: TilePath, size: number, store: Store): Promise<Response> {
  const available = tileWidth(size, tile);
  if (available < tile.width) {
    throw new SuyuanError('NOT_FOUND', `The tree of size ${size} has ${available === 0 ? 'no such tile yet' : `only ${available} of this tile's ${tile.width} nodes`}.`, {});
  }
  const bytes =
    tile.kind === 'entries'
      ? encodeEntryBundle((await store.readEntries(tile.index * TILE_WIDTH, tile.index * TILE_WIDTH + tile.width)).map((entry) => new TextEncoder().encode(entry.text)))
      : concat(await store.readHashes(hashTileIndexes(tile.level, tile.index, tile.width)));
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/octet-stream', 'cache-control': IMMUTABLE });
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
