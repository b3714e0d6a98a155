/**
 * What every verification in `trust` answers with when it fails, and how a verifier finds an issuer's
 * key: the types shared by `verifyRecord`, `verifyChain` and the key history.
 */
import type { SuyuanErrorCode } from '../errors.js';
import type { PublicJwk } from './keys.js';

/** The check that failed, so a user interface can say which step of verification refused the record. */
export type VerificationCheck = 'format' | 'header' | 'key' | 'signature' | 'canonical' | 'record' | 'event-hash' | 'disclosure' | 'chain';

/** Why a verification failed: a documented error code, a message in words, and the check that refused. */
export interface VerificationFailure {
  code: SuyuanErrorCode;
  message: string;
  check: VerificationCheck;
}

/**
 * The answer of a key resolver: the issuer's public key for the `kid` (a JWK; only its RFC 7638
 * members are used, and its thumbprint must equal the `kid`), or why there is none —
 * `{ reason }` with `KEY_UNKNOWN` or `KEY_NOT_VALID` (check `'key'`). `undefined` means unknown.
 */
export type KeyResolution = { jwk: PublicJwk | Record<string, unknown> } | { reason: VerificationFailure };

/**
 * Finds the public key of issuer `issuer` (`uscc:…` / `gln:…`) with key id `kid`. Whether the key was
 * valid when the record was made is the resolver's decision, by log position (see `keyValidAt` and
 * `historyKeyResolver`), never by the record's own `iat`. It may be async (a fetch); if it throws,
 * the verification fails with `KEY_UNKNOWN` instead of throwing.
 */
export type KeyResolver = (kid: string, issuer: string) => KeyResolution | undefined | Promise<KeyResolution | undefined>;
