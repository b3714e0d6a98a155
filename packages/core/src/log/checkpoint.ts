/**
 * Log checkpoints (c2sp.org/tlog-checkpoint): the signed head of a Merkle tree — the log's origin,
 * its size and its root hash — as the text of a signed note.
 *
 * ```ts
 * const note = await signCheckpoint({ origin: 'log.suyuan.example', size: 8, rootHash }, signer);
 * const result = await verifyCheckpoint(note, [platformKey], { origin: 'log.suyuan.example' });
 * if (result.ok) result.value.size; // 8, vouched for by the platform key
 * ```
 *
 * The note text is at least three non-empty lines: the origin, the tree size in decimal without
 * leading zeros, the base64 root hash (32 bytes), then optional non-empty extension lines. A tree
 * of size 0 must carry the empty tree's root. Sizes above 2^53 − 1 are refused (a JS number holds
 * no more exactly; no log is near it). The text is only read after its signature is verified.
 */
import { SuyuanError, isSuyuanError, toResult, type Result } from '../errors.js';
import { decodeBase64, encodeBase64, equalBytes, isBytes, isSize, parseDecimal, readText } from './encoding.js';
import { EMPTY_TREE_ROOT, HASH_SIZE } from './merkle.js';
import { MAX_NOTE_LENGTH, signNote, verifyNote, type NoteSigner, type NoteVerifier, type VerifiedNote } from './signed-note.js';
import { failure, guarded, malformed, type LogVerification } from './verification.js';

/** The head of a log's Merkle tree at one size. */
export interface Checkpoint {
  /** The log's identity, e.g. `log.suyuan.example`. */
  readonly origin: string;
  /** The number of leaves. */
  readonly size: number;
  /** The RFC 9162 Merkle Tree Hash of those leaves. */
  readonly rootHash: Uint8Array;
  /** Extension lines, opaque (their use is not recommended). */
  readonly extensions: readonly string[];
}

/** A checkpoint whose note a trusted key signed. */
export interface VerifiedCheckpoint extends Checkpoint {
  /** The verified note: the text and which trusted keys signed it. */
  readonly note: VerifiedNote;
}

export interface VerifyCheckpointOptions {
  /** The origin the checkpoint must be for; other origins are `untrusted`. */
  readonly origin?: string;
}

/** Reads a checkpoint note text (the note's text, ending in a newline; not the signatures); throws `CHECKPOINT_INVALID`. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string') throw new SuyuanError('CHECKPOINT_INVALID', 'A checkpoint is the text of a signed note (a string).', { expected: 'string' });
  const body = readText(text, 'CHECKPOINT_INVALID', 'checkpoint', MAX_NOTE_LENGTH);
  if (!body.endsWith('\n')) throw new SuyuanError('CHECKPOINT_INVALID', 'A checkpoint text ends with a newline.', { position: body.length, expected: 'newline at the end' });
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new SuyuanError('CHECKPOINT_INVALID', `A checkpoint has at least three lines (origin, size, root hash); this one has ${lines.length}.`, { expected: 'origin, size, root hash' });
  let position = 0;
  for (const [i, line] of lines.entries()) {
    if (line === '') throw new SuyuanError('CHECKPOINT_INVALID', `Line ${i + 1} of the checkpoint is empty; every line of a checkpoint is non-empty.`, { position, path: lineName(i) });
    position += line.length + 1;
  }
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  const size = parseDecimal(sizeLine);
  if (size === undefined) {
    throw new SuyuanError('CHECKPOINT_INVALID', 'The second line of a checkpoint is the tree size: a decimal without sign or leading zeros, at most 2^53 − 1.', {
      path: 'size',
      position: origin.length + 1,
      expected: 'decimal without leading zeros, at most 9007199254740991',
      received: sizeLine.slice(0, 40),
    });
  }
  const rootHash = decodeBase64(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE) {
    throw new SuyuanError('CHECKPOINT_INVALID', 'The third line of a checkpoint is the root hash: standard base64 of 32 bytes.', {
      path: 'rootHash',
      position: origin.length + sizeLine.length + 2,
      expected: 'base64 of 32 bytes',
      received: rootLine.slice(0, 60),
    });
  }
  if (size === 0 && !equalBytes(rootHash, EMPTY_TREE_ROOT)) {
    throw new SuyuanError('CHECKPOINT_INVALID', 'A checkpoint of size 0 carries the root hash of the empty tree (SHA-256 of nothing).', { path: 'rootHash', expected: encodeBase64(EMPTY_TREE_ROOT) });
  }
  return { origin, size, rootHash, extensions };
}

/** `parseCheckpoint` as a `Result`. */
export function tryParseCheckpoint(text: string): Result<Checkpoint> {
  return toResult(() => parseCheckpoint(text));
}

/** Writes a checkpoint note text; throws `CHECKPOINT_INVALID` if it would not read back the same. */
export function formatCheckpoint(checkpoint: { origin: string; size: number; rootHash: Uint8Array; extensions?: readonly string[] }): string {
  if (typeof checkpoint !== 'object' || checkpoint === null) throw new SuyuanError('CHECKPOINT_INVALID', 'A checkpoint is an object { origin, size, rootHash }.', { expected: 'object' });
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (!isSize(size)) throw new SuyuanError('CHECKPOINT_INVALID', 'A checkpoint size is an integer in 0 … 2^53 − 1.', { path: 'size', received: String(size) });
  if (!isBytes(rootHash, HASH_SIZE)) throw new SuyuanError('CHECKPOINT_INVALID', 'A checkpoint root hash is 32 bytes.', { path: 'rootHash' });
  if (!Array.isArray(extensions)) throw new SuyuanError('CHECKPOINT_INVALID', 'Checkpoint extensions are an array of lines.', { path: 'extensions' });
  const text = [origin, String(size), encodeBase64(rootHash), ...extensions].join('\n') + '\n';
  const read = parseCheckpoint(text);
  if (read.origin !== origin || read.extensions.length !== extensions.length || read.extensions.some((line, i) => line !== extensions[i])) {
    throw new SuyuanError('CHECKPOINT_INVALID', 'A checkpoint origin and extension lines are single non-empty lines.', { path: 'origin' });
  }
  return text;
}

/** Formats and signs a checkpoint: the signed note a log publishes. */
export function signCheckpoint(checkpoint: Parameters<typeof formatCheckpoint>[0], signers: NoteSigner | readonly NoteSigner[]): Promise<string> {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Verifies a signed checkpoint: a trusted key must have signed the note (`verifyNote`'s rules), then
 * the text must be a well-formed checkpoint, for `options.origin` when given. Never throws on the
 * note; answers the checkpoint or a typed failure.
 */
export async function verifyCheckpoint(note: string | Uint8Array, verifiers: readonly NoteVerifier[], options: VerifyCheckpointOptions = {}): Promise<LogVerification<VerifiedCheckpoint>> {
  const expectedOrigin = options.origin;
  if (expectedOrigin !== undefined && typeof expectedOrigin !== 'string') throw new SuyuanError('INPUT_TYPE', 'The expected origin is a string.', { path: 'origin' });
  return guarded(async () => {
    const verified = await verifyNote(note, verifiers);
    if (!verified.ok) return verified;
    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(verified.value.text);
    } catch (error) {
      if (isSuyuanError(error)) return malformed(error);
      throw error;
    }
    if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
      return failure('untrusted', 'CHECKPOINT_INVALID', `The checkpoint is for the log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(expectedOrigin)}.`, {
        path: 'origin',
        expected: expectedOrigin,
        received: checkpoint.origin.slice(0, 80),
      });
    }
    return { ok: true, value: { ...checkpoint, note: verified.value } };
  });
}

function lineName(i: number): string {
  return ['origin', 'size', 'rootHash'][i] ?? `extensions[${i - 3}]`;
}
