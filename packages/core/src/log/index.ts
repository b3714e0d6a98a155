/**
 * Log proofs: the pure verifiers for Suyuan's transparency log. The platform appends the exact JWS
 * bytes of every record to an RFC 9162 Merkle log and publishes C2SP checkpoints signed with its
 * Ed25519 key; with these functions anyone can check, offline, that a record is in the log
 * (`verifyInclusion`, `verifyProofBundle`), that the log only grew (`verifyConsistency`), and that
 * the platform signed the tree head (`verifyCheckpoint`, `verifyNote`).
 *
 * Every `verify…` function answers a `LogVerification`: `{ ok: true, value }` or
 * `{ ok: false, reason, error }`, and never throws on evidence — see `verification.ts` for the
 * reasons and how they map to verdicts. No zod, no Node built-ins: this module is part of the light
 * `verify` path a browser widget imports.
 */
export type { LogFailure, LogFailureReason, LogVerification } from './verification.js';
export {
  EMPTY_TREE_ROOT,
  HASH_SIZE,
  consistencyProof,
  consistencyProofLength,
  inclusionProof,
  inclusionProofLength,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
export type { ConsistencyProof, ConsistencyProofInput, InclusionProof, InclusionProofInput, VerifiedConsistency, VerifiedInclusion } from './merkle.js';
export {
  MAX_NOTE_LENGTH,
  MAX_NOTE_SIGNATURES,
  NOTE_SIGNATURE_TYPE,
  createNoteSigner,
  formatSignedNote,
  formatVerifierKey,
  generateNoteSigner,
  importNoteSigner,
  isNoteKeyName,
  noteKeyId,
  noteVerifier,
  parseSignedNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  tryParseSignedNote,
  verifyNote,
} from './signed-note.js';
export type { NoteSignature, NoteSigner, NoteVerifier, SignedNote, VerifiedNote, VerifiedNoteSignature } from './signed-note.js';
export { formatCheckpoint, parseCheckpoint, signCheckpoint, tryParseCheckpoint, verifyCheckpoint } from './checkpoint.js';
export type { Checkpoint, VerifiedCheckpoint, VerifyCheckpointOptions } from './checkpoint.js';
export { MAX_PROOF_BUNDLE_LENGTH, PROOF_BUNDLE_HEADER, formatProofBundle, parseProofBundle, tryParseProofBundle, verifyProofBundle } from './proof-bundle.js';
export type { ProofBundle, VerifiedProofBundle, VerifyProofBundleOptions } from './proof-bundle.js';

