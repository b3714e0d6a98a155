/**
 * Transparency log proofs (c2sp.org/tlog-proof@v1): an offline-verifiable bundle of an entry's
 * index, its Merkle inclusion proof and the signed checkpoint (with any witness cosignatures) it
 * is included in.
 *
 * ```
 * c2sp.org/tlog-proof@v1
 * extra <base64>            (optional, opaque, NOT authenticated)
 * index <decimal>
 * <base64 hash>             (zero or more: the leaf's sibling first, up to the root's child)
 *
 * <the checkpoint, a signed note, verbatim>
 * ```
 *
 * ```ts
 * const result = await verifyProofBundle(text, { entry: jwsBytes, verifiers: [platformKey], origin: 'log.suyuan.example' });
 * if (result.ok) result.value.checkpoint.size; // the entry is in this signed tree
 * ```
 */
import { SuyuanError, isSuyuanError, toResult, type Result } from '../errors.js';
import { verifyCheckpoint, parseCheckpoint, type VerifiedCheckpoint } from './checkpoint.js';
import { decodeBase64, encodeBase64, isBytes, isSize, parseDecimal, readText } from './encoding.js';
import { HASH_SIZE, leafHash as hashLeaf, verifyInclusion } from './merkle.js';
import { MAX_NOTE_LENGTH, parseSignedNote, type NoteVerifier, type VerifiedNoteSignature } from './signed-note.js';
import { failure, guarded, malformed, type LogVerification } from './verification.js';

export const PROOF_BUNDLE_HEADER = 'c2sp.org/tlog-proof@v1';
/** The most bytes a tlog-proof may have: a checkpoint note, the proof lines, and room for extra data. */
export const MAX_PROOF_BUNDLE_LENGTH = 2 * MAX_NOTE_LENGTH;
/** More proof lines than any tree this library can address has levels. */
const MAX_PROOF_LINES = 64;

/** A parsed tlog-proof. Parsed is not verified: `extra` is never authenticated, the checkpoint only once verified. */
export interface ProofBundle {
  /** Opaque application data; not authenticated — never trust it implicitly. */
  readonly extra?: Uint8Array;
  /** The zero-based index of the entry in the log. */
  readonly index: number;
  /** The inclusion proof, leaf's sibling first. */
  readonly proof: readonly Uint8Array[];
  /** The checkpoint, a signed note, exactly as in the bundle. */
  readonly checkpoint: string;
}

export interface VerifyProofBundleOptions {
  /** The logged entry (for Suyuan, the exact JWS bytes; a string is hashed as UTF-8). Give this or `leafHash`. */
  readonly entry?: Uint8Array | string;
  /** The entry's leaf hash, SHA-256(0x00 ‖ entry). Give this or `entry`. */
  readonly leafHash?: Uint8Array;
  /** The log's trusted keys: at least one of them must have signed the checkpoint. */
  readonly verifiers: readonly NoteVerifier[];
  /** The origin the checkpoint must be for. */
  readonly origin?: string;
  /** A witness policy: at least `quorum` of these (cosignature) keys must have cosigned. */
  readonly witnesses?: { readonly verifiers: readonly NoteVerifier[]; readonly quorum: number };
}

export interface VerifiedProofBundle {
  readonly index: number;
  readonly leafHash: Uint8Array;
  /** The verified checkpoint that includes the entry. */
  readonly checkpoint: VerifiedCheckpoint;
  /** The witness cosignatures that verified. */
  readonly witnesses: readonly VerifiedNoteSignature[];
  /** The bundle's extra data, unauthenticated. */
  readonly extra?: Uint8Array;
}

/** Reads a tlog-proof; throws `PROOF_BUNDLE_INVALID` (or the checkpoint's `NOTE_INVALID` / `CHECKPOINT_INVALID`). */
export function parseProofBundle(text: string | Uint8Array): ProofBundle {
  const input = readText(text, 'PROOF_BUNDLE_INVALID', 'tlog proof', MAX_PROOF_BUNDLE_LENGTH);
  let position = 0;
  let lineNumber = 0;
  const nextLine = (what: string): string => {
    const end = input.indexOf('\n', position);
    if (end < 0) throw new SuyuanError('PROOF_BUNDLE_INVALID', `The tlog proof ends before its ${what}.`, { position: input.length, expected: what });
    const line = input.slice(position, end);
    position = end + 1;
    lineNumber++;
    return line;
  };
  const lineError = (message: string, line: string, expected: string): SuyuanError =>
    new SuyuanError('PROOF_BUNDLE_INVALID', message, { position: position - line.length - 1, expected, received: line.slice(0, 60) });

  const header = nextLine('header');
  if (header !== PROOF_BUNDLE_HEADER) throw lineError(`A tlog proof starts with the line ${PROOF_BUNDLE_HEADER}.`, header, PROOF_BUNDLE_HEADER);
  let line = nextLine('index line');
  let extra: Uint8Array | undefined;
  if (line.startsWith('extra ')) {
    extra = decodeBase64(line.slice(6));
    if (!extra) throw lineError('The extra line of a tlog proof is "extra " and standard base64.', line, 'extra <base64>');
    line = nextLine('index line');
  }
  const index = line.startsWith('index ') ? parseDecimal(line.slice(6)) : undefined;
  if (index === undefined) throw lineError('A tlog proof has an index line: "index " and a decimal without leading zeros, at most 2^53 − 1.', line, 'index <decimal>');
  const proof: Uint8Array[] = [];
  for (;;) {
    line = nextLine('blank line before the checkpoint');
    if (line === '') break;
    const hash = decodeBase64(line);
    if (!hash || hash.length !== HASH_SIZE) throw lineError(`Proof line ${proof.length + 1} of the tlog proof is not standard base64 of a 32-byte hash.`, line, 'base64 of 32 bytes');
    proof.push(hash);
    if (proof.length > MAX_PROOF_LINES) throw lineError(`A tlog proof has at most ${MAX_PROOF_LINES} proof hashes.`, line, `at most ${MAX_PROOF_LINES} hashes`);
  }
  const checkpoint = input.slice(position);
  if (checkpoint === '') throw new SuyuanError('PROOF_BUNDLE_INVALID', 'A tlog proof ends with a checkpoint after the blank line; this one has none.', { position, expected: 'a signed checkpoint' });
  // The checkpoint must at least be a well-formed signed checkpoint; it is trusted only once verified.
  parseCheckpoint(parseSignedNote(checkpoint).text);
  return extra === undefined ? { index, proof, checkpoint } : { extra, index, proof, checkpoint };
}

/** `parseProofBundle` as a `Result`. */
export function tryParseProofBundle(text: string | Uint8Array): Result<ProofBundle> {
  return toResult(() => parseProofBundle(text));
}

/** Writes a tlog-proof; throws `PROOF_BUNDLE_INVALID` if a part is malformed. */
export function formatProofBundle(bundle: ProofBundle): string {
  if (typeof bundle !== 'object' || bundle === null) throw new SuyuanError('PROOF_BUNDLE_INVALID', 'A proof bundle is an object { index, proof, checkpoint }.', { expected: 'object' });
  const { extra, index, proof, checkpoint } = bundle;
  if (extra !== undefined && !isBytes(extra)) throw new SuyuanError('PROOF_BUNDLE_INVALID', 'The extra data of a proof bundle is a Uint8Array.', { path: 'extra' });
  if (!isSize(index)) throw new SuyuanError('PROOF_BUNDLE_INVALID', 'The index of a proof bundle is an integer in 0 … 2^53 − 1.', { path: 'index', received: String(index) });
  if (!Array.isArray(proof) || proof.length > MAX_PROOF_LINES || !proof.every((hash) => isBytes(hash, HASH_SIZE))) {
    throw new SuyuanError('PROOF_BUNDLE_INVALID', `The proof of a proof bundle is at most ${MAX_PROOF_LINES} hashes of 32 bytes.`, { path: 'proof' });
  }
  if (typeof checkpoint !== 'string') throw new SuyuanError('PROOF_BUNDLE_INVALID', 'The checkpoint of a proof bundle is a signed note (a string).', { path: 'checkpoint' });
  parseCheckpoint(parseSignedNote(checkpoint).text);
  const lines = [PROOF_BUNDLE_HEADER, ...(extra === undefined ? [] : [`extra ${encodeBase64(extra)}`]), `index ${index}`, ...proof.map((hash) => encodeBase64(hash)), ''];
  return lines.join('\n') + '\n' + checkpoint;
}

/**
 * Verifies a tlog-proof, as the spec's four steps: the leaf hash (from `entry` or `leafHash`); the
 * checkpoint signed by a trusted log key (and for `origin`, when given); the witness cosignatures
 * against the quorum, when a witness policy is given; the inclusion proof from the leaf to the
 * checkpoint's root. Never throws on the bundle; throws `INPUT_TYPE` on unusable options.
 */
export async function verifyProofBundle(bundle: string | Uint8Array | ProofBundle, options: VerifyProofBundleOptions): Promise<LogVerification<VerifiedProofBundle>> {
  if (typeof options !== 'object' || options === null) throw new SuyuanError('INPUT_TYPE', 'verifyProofBundle needs options { entry or leafHash, verifiers }.', { expected: 'options' });
  const { entry, leafHash, verifiers, origin, witnesses } = options;
  if ((entry === undefined) === (leafHash === undefined)) throw new SuyuanError('INPUT_TYPE', 'Give the logged entry or its leaf hash (one of the two).', { path: 'entry' });
  if (entry !== undefined && typeof entry !== 'string' && !isBytes(entry)) throw new SuyuanError('INPUT_TYPE', 'The entry is a Uint8Array or a string (hashed as UTF-8).', { path: 'entry' });
  if (!Array.isArray(verifiers) || verifiers.length === 0) throw new SuyuanError('INPUT_TYPE', 'verifyProofBundle needs at least one trusted log key.', { path: 'verifiers' });
  const witnessKeys = witnesses?.verifiers ?? [];
  const quorum = witnesses?.quorum ?? 0;
  if (witnesses !== undefined && (!Array.isArray(witnessKeys) || !Number.isInteger(quorum) || quorum < 0 || quorum > witnessKeys.length)) {
    throw new SuyuanError('INPUT_TYPE', 'A witness policy is { verifiers, quorum } with 0 ≤ quorum ≤ the number of witness keys.', { path: 'witnesses' });
  }

  return guarded(async () => {
    let parsed: ProofBundle;
    try {
      parsed = typeof bundle === 'string' || bundle instanceof Uint8Array ? parseProofBundle(bundle) : bundle;
      if (typeof parsed !== 'object' || parsed === null) throw new SuyuanError('PROOF_BUNDLE_INVALID', 'A proof bundle is a tlog-proof text or a parsed ProofBundle.', { expected: 'string, Uint8Array or ProofBundle' });
    } catch (error) {
      if (isSuyuanError(error)) return malformed(error);
      throw error;
    }
    // 1. The leaf hash.
    const leaf = leafHash ?? hashLeaf(entry!);
    // 2.–3. The checkpoint, signed by the log, cosigned by the witnesses (one note verification: a
    // failing signature by any trusted key, log or witness, rejects the note).
    const all = [...verifiers, ...witnessKeys];
    const checkpoint = await verifyCheckpoint(parsed.checkpoint, all, origin === undefined ? {} : { origin });
    if (!checkpoint.ok) return checkpoint;
    const signedBy = checkpoint.value.note.signatures;
    if (!signedBy.some((signature) => verifiers.includes(signature.verifier))) {
      return failure('untrusted', 'NOTE_UNVERIFIED', 'The checkpoint is not signed by a trusted log key (only by witnesses).', { path: 'checkpoint' });
    }
    const cosigned = signedBy.filter((signature) => witnessKeys.includes(signature.verifier) && !verifiers.includes(signature.verifier));
    if (cosigned.length < quorum) {
      return failure('untrusted', 'NOTE_UNVERIFIED', `The checkpoint has ${cosigned.length} valid witness cosignatures; the policy needs ${quorum}.`, {
        path: 'checkpoint',
        expected: `at least ${quorum}`,
        received: String(cosigned.length),
      });
    }
    // 4. The inclusion proof binds the leaf to the signed root.
    const included = verifyInclusion({ leafHash: leaf, index: parsed.index, treeSize: checkpoint.value.size, proof: parsed.proof, rootHash: checkpoint.value.rootHash });
    if (!included.ok) return included;
    const value: VerifiedProofBundle = { index: parsed.index, leafHash: leaf, checkpoint: checkpoint.value, witnesses: cosigned };
    return { ok: true, value: parsed.extra === undefined ? value : { ...value, extra: parsed.extra } };
  });
}
