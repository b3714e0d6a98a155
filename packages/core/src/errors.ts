/**
 * One error family for all of Suyuan. Every error has a stable `code` (documented in
 * `docs/errors.md`), a message saying what was wrong and what was expected, and structured
 * `details` that a user interface can point with (the character position, the AI, the field path).
 */

/** Every stable error code, with the one-line meaning documented for users. */
export const ERROR_CODES = {
  INPUT_TYPE: 'The input is not of the expected type (for example not a string).',
  INPUT_EMPTY: 'The input is empty after normalisation.',
  INPUT_TOO_LONG: 'The input is longer than the limit for this kind of data.',
  CODE_FORMAT: 'The code does not have the structure its scheme requires.',
  CODE_CHARSET: 'A character is not allowed at this place (for example a letter in a numeric field).',
  CODE_LENGTH: 'A field or code is too short or too long.',
  CODE_CHECK_DIGIT: 'A check digit or check character does not match the data.',
  CODE_DATE: 'A date or time field is not a real date or time.',
  CODE_VALUE: 'A field has a value outside the values its standard allows (a code list, a range).',
  CODE_AI_UNKNOWN: 'An application identifier is not in the GS1 syntax dictionary.',
  CODE_AI_REQUIRED: 'An application identifier requires another one that is missing (GS1 req= rule).',
  CODE_AI_EXCLUSIVE: 'Two application identifiers may not appear together (GS1 ex= rule).',
  CODE_AI_DUPLICATE: 'An application identifier appears twice with different values (in a Digital Link, twice at all).',
  CODE_DIGITAL_LINK: 'A GS1 Digital Link URI is malformed (path, key qualifiers, query).',
  CODE_PERCENT_ENCODING: 'A percent-encoded sequence is malformed or decodes to invalid UTF-8.',
  CODE_COMPRESSION: 'A compressed GS1 Digital Link URI cannot be decompressed.',
  CODE_EPC_URN: 'An EPC URN (GS1 Tag Data Standard) is malformed or cannot be converted.',
  CODE_SCHEME_UNKNOWN: 'The requested code scheme is not registered.',
  CODE_SCHEME_REGISTRY: 'A code scheme cannot be registered (duplicate id or invalid definition).',
  RECORD_INVALID: 'A trace record is not a valid EPCIS 2.0 event with valid Suyuan fields.',
  RECORD_PROFILE: 'A trace record breaks a rule of its product category profile.',
  EPCIS_DOCUMENT_INVALID: 'An EPCIS document is malformed (not an EPCISDocument with an event list).',
  KEY_INVALID: 'A key is malformed, of an unsupported type, or does not match its algorithm or key id.',
  KEY_UNKNOWN: 'No key with this key id is known for the issuer.',
  KEY_NOT_VALID: "The key was not valid at the record's log position (not yet registered, rotated out or revoked).",
  ALGORITHM_UNSUPPORTED: 'The runtime lacks the signature algorithm (for example Ed25519 in an older browser).',
  JWS_FORMAT: 'A signed record is not a well-formed Suyuan JWS (segments, base64url, header, typ, canonical payload).',
  SIGNATURE_INVALID: "A signature does not verify with the issuer's key.",
  EVENT_HASH_MISMATCH: "The event hash in a signed record's header (or its eventID) does not match the record.",
  RECORD_TOO_LARGE: 'A signed record is larger than 64 KiB.',
  DISCLOSURE_INVALID: 'A selective disclosure is malformed or matches no digest of the record, or a field cannot be kept secret.',
  CHAIN_BROKEN: "A record's suyuan:previous link points at no earlier record of the chain.",
  LOG_PROOF_INVALID: 'A Merkle inclusion or consistency proof is malformed or does not lead to the root hash it claims.',
  CHECKPOINT_INVALID: 'A log checkpoint is malformed (origin, tree size, root hash, extension lines) or is not for the expected origin.',
  NOTE_INVALID: 'A signed note, its signature lines or a verifier key is malformed (C2SP signed-note format).',
  NOTE_UNVERIFIED: 'A signed note carries no signature by a trusted key (or not enough trusted witness cosignatures).',
  NOTE_SIGNATURE_INVALID: 'A signature on a signed note by a trusted key does not verify: the note was altered.',
  PROOF_BUNDLE_INVALID: 'A transparency log proof (c2sp.org/tlog-proof@v1) is malformed.',
  UNAUTHORIZED: 'A request carries no API token, or one that is unknown or revoked.',
  FORBIDDEN: "The request's API token lacks the scope for this action, or is for another issuer.",
  NOT_FOUND: 'The thing asked for does not exist (an issuer, a key, a record, a log entry or tile, a route).',
  CONFLICT: 'The thing to create exists already (an issuer, a key, a token).',
  ISSUER_SUSPENDED: 'The issuer is suspended by the operator and may not submit records.',
  LOG_CONFLICT: 'The log grew under this writer: another process appended first (only one sequencer may append).',
  REQUEST_TOO_LARGE: 'A request body or batch is larger than the platform accepts.',
  RATE_LIMITED: 'Too many requests or records for this token in this time window; retry after the time given.',
  REQUEST_INVALID: 'A request is malformed: not JSON, not UTF-8, or not the shape the API describes.',
  UNAVAILABLE: 'The platform cannot serve this now (read-only replica, shutting down, storage failure); retry later.',
  INTERNAL: 'The platform failed in a way it did not expect; the failure is logged on the server.',
} as const;

export type SuyuanErrorCode = keyof typeof ERROR_CODES;

/** Structured details of an error; each field is present when it applies. */
export interface SuyuanErrorDetails {
  /** 0-based character position in the (normalised) input where the problem was found. */
  position?: number;
  /** The GS1 application identifier involved. */
  ai?: string;
  /** The path of the field involved, for structured input (`fields.batch`, `epcList[2]`). */
  path?: string;
  /** What was expected, in words or as a pattern. */
  expected?: string;
  /** What was received (possibly shortened). */
  received?: string;
  /** The code scheme involved. */
  scheme?: string;
  /** The GS1 syntax-test (linter) that failed. */
  linter?: string;
  /** GS1's own name for a syntax-test failure, e.g. `INCORRECT_CHECK_DIGIT`. */
  gs1Error?: string;
  /** Schemes the input fits by shape alone when a stronger scheme's check failed (`parseCode`). */
  candidates?: string[];
}

export class SuyuanError extends Error {
  override readonly name = 'SuyuanError';
  readonly code: SuyuanErrorCode;
  readonly details: SuyuanErrorDetails;

  constructor(
    code: SuyuanErrorCode,
    message: string,
    details: SuyuanErrorDetails = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = details;
  }

  toJSON(): { name: string; code: SuyuanErrorCode; message: string; details: SuyuanErrorDetails } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

export function isSuyuanError(value: unknown): value is SuyuanError {
  return value instanceof SuyuanError;
}

/** The outcome of every `try…` function: a value or the error that `…` would have thrown. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SuyuanError };

/** Runs `fn`, returning its value or the `SuyuanError` it threw; any other throw is a bug and propagates. */
export function toResult<T>(fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (isSuyuanError(error)) return { ok: false, error };
    throw error;
  }
}

/** Shortens untrusted input for inclusion in an error message. */
export function excerpt(value: string, max = 40): string {
  const chars = Array.from(value);
  const shown = chars.length > max ? `${chars.slice(0, max).join('')}…` : value;
  return JSON.stringify(shown);
}
