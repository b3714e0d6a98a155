/**
 * The trust model of Suyuan records: issuers' keys and their validity by log position, RFC 8785
 * canonical JSON, selective disclosure of secret fields (the SD-JWT model), and signed records —
 * a compact JWS over the canonical public projection — with their verification.
 */
export { canonicalize, canonicalizeToBytes, isCanonicalJson, MAX_CANONICAL_DEPTH } from './canonical-json.js';
export type { JsonValue } from './canonical-json.js';
export { isIssuerId, issuerId, parseIssuerId } from './issuer.js';
export type { IssuerId } from './issuer.js';
export {
  SIGNING_ALGORITHMS,
  algorithmOf,
  exportPublicJwk,
  exportSigningKeyJwk,
  generateSigningKey,
  importPublicKeyPem,
  importSigningKey,
  importSigningKeyPem,
  importVerificationKey,
  jwkThumbprint,
  parsePublicJwk,
} from './keys.js';
export type { Ed25519PublicJwk, KeyOptions, P256PublicJwk, PublicJwk, SigningAlgorithm, SigningKey } from './keys.js';
export { SIGNATURE_LENGTH, signCompactJws, splitCompactJws, verifyCompactJws } from './jws.js';
export type { CompactJwsParts } from './jws.js';
export { historyKeyResolver, keyValidAt, parseKeyHistory } from './key-history.js';
export type { KeyHistory, KeyHistoryEntry, KeyStatus, KeyValidity } from './key-history.js';
export {
  DEFAULT_DIGEST_BUCKET,
  PUBLIC_ONLY_FIELDS,
  SD_FIELD,
  decodeDisclosure,
  digestCount,
  discloseWith,
  disclosureDigest,
  makeDisclosure,
  parseSecretPath,
  project,
  secretPathPointer,
} from './selective-disclosure.js';
export type { DecodedDisclosure, Projection, ProjectionOptions } from './selective-disclosure.js';
export { MAX_SIGNED_RECORD_LENGTH, RECORD_JWS_TYPE, recordEventHash, signRecord, verifyChain, verifyRecord, verifyRecordWith } from './sign-record.js';
export { lightRecordCheck } from './record-shape.js';
export type { RecordValidator } from './record-shape.js';
export type {
  ChainRecord,
  ChainVerification,
  RecordHeader,
  RejectedRecord,
  SignRecordOptions,
  SignedRecord,
  VerifiedRecord,
  VerifyRecordOptions,
} from './sign-record.js';
export type { KeyResolution, KeyResolver, VerificationCheck, VerificationFailure } from './verification.js';
export { disclose, parseExactRecord, tryDisclose } from './full-record.js';
