/**
 * The one shape every log verifier answers with. A verifier never throws for anything wrong with
 * the evidence (a proof, a note, a checkpoint, a bundle — whatever its bytes): it returns a failure
 * with a `reason` a user interface can map to a verdict, and the `SuyuanError` that explains it.
 * It throws a `SuyuanError` (`INPUT_TYPE`) only when the caller's own trust configuration is
 * unusable (a list of verifiers that is not a list, two different keys with one name and key ID).
 *
 * The success shape is the house `Result<T>` (`{ ok: true, value }`); a failure is a `Result`
 * failure (`{ ok: false, error }`) with a `reason` added.
 */
import { SuyuanError, isSuyuanError, type SuyuanErrorCode, type SuyuanErrorDetails } from '../errors.js';

/**
 * Why verification failed, from the verdict's point of view:
 * - `malformed` — the evidence is not well-formed (a hash of the wrong length, an index beyond the
 *   tree, a proof of the wrong length, a note or checkpoint that breaks its format) → *tampered*;
 * - `mismatch` — well-formed, but a proof does not lead to the root it claims → *tampered*;
 * - `bad-signature` — a signature by a trusted key does not verify → *tampered*;
 * - `untrusted` — no trusted key signed (or the origin or witness quorum is not the one trusted) →
 *   *unverified*;
 * - `unsupported` — the runtime cannot check a signature (no Ed25519 in WebCrypto) → *unsupported*.
 */
export type LogFailureReason = 'malformed' | 'mismatch' | 'bad-signature' | 'untrusted' | 'unsupported';

export interface LogFailure {
  readonly ok: false;
  readonly reason: LogFailureReason;
  readonly error: SuyuanError;
}

/** The answer of every log verifier: the verified statement, or why it could not be verified. */
export type LogVerification<T> = { readonly ok: true; readonly value: T } | LogFailure;

export function failure(reason: LogFailureReason, code: SuyuanErrorCode, message: string, details: SuyuanErrorDetails = {}, cause?: unknown): LogFailure {
  return { ok: false, reason, error: new SuyuanError(code, message, details, cause === undefined ? {} : { cause }) };
}

/** The failure for a `SuyuanError` a parser threw on the evidence. */
export function malformed(error: SuyuanError): LogFailure {
  return { ok: false, reason: 'malformed', error };
}

/**
 * Runs a verifier body; a `SuyuanError` escaping it becomes a `malformed` failure and anything else
 * an `unsupported` one — a verifier never throws on evidence.
 */
export async function guarded<T>(body: () => Promise<LogVerification<T>>): Promise<LogVerification<T>> {
  try {
    return await body();
  } catch (error) {
    if (isSuyuanError(error)) {
      if (error.code === 'INPUT_TYPE') throw error;
      return error.code === 'ALGORITHM_UNSUPPORTED' ? { ok: false, reason: 'unsupported', error } : malformed(error);
    }
    return failure('unsupported', 'ALGORITHM_UNSUPPORTED', 'The verification could not run: an unexpected error was raised while checking.', {}, error);
  }
}
