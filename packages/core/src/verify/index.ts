/**
 * `@suyuan/core/verify`: what a reader needs to check a trace for themselves — the verdict from a
 * platform's answer (`verifyTrace`), and the verifiers it is built from: record signatures and
 * disclosures, Merkle proofs, C2SP signed notes, checkpoints and tlog-proof bundles. Records are
 * checked lightly here (event type, time, digests: `lightRecordCheck`), without the full schema, so
 * that a browser bundle stays small; the main entry's `verifyRecord` applies the full record schema.
 */
import { lightRecordCheck } from '../trust/record-shape.js';
import { verifyRecordWith } from '../trust/verify-record.js';

export { verifyTrace } from './verify-trace.js';
export type { CheckStatus, SeenCheckpoint, TraceAnswer, TraceCheck, TraceVerification, Verdict, VerifiedTraceRecord, VerifyTraceOptions } from './verify-trace.js';
export { formatKeyEntry, parseKeyEntry, keyHistoriesFrom, formatRecallNotice, parseRecallNotice, RECALL_NOTICE_HEADER } from './log-entries.js';
export type { KeyAction, KeyEntry, RecallNotice } from './log-entries.js';
export { verifyChain, verifyRecordWith } from '../trust/verify-record.js';
export { lightRecordCheck } from '../trust/record-shape.js';
export type { RecordValidator } from '../trust/record-shape.js';
export { discloseWith } from '../trust/selective-disclosure.js';
/** `verifyRecord` of the verify path: the signature, key, canonical payload and event hash, with the light record check. */
export const verifyRecord = /* @__PURE__ */ verifyRecordWith(lightRecordCheck);
export { historyKeyResolver, keyValidAt } from '../trust/key-history.js';
export { leafHash, verifyInclusion, verifyConsistency } from '../log/merkle.js';
export { parseSignedNote, parseVerifierKey, verifyNote } from '../log/signed-note.js';
export { parseCheckpoint, verifyCheckpoint } from '../log/checkpoint.js';
export { parseProofBundle, verifyProofBundle } from '../log/proof-bundle.js';
export { SuyuanError, isSuyuanError } from '../errors.js';
