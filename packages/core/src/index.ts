/**
 * `@suyuan/core`: pure, isomorphic building blocks of Suyuan: reading every product code a scanner
 * hands us (GS1 and China's traceability code schemes, through one front door, `parseCode`), and trace
 * records on EPCIS 2.0 with the eight category profiles, builders, the CBV event hash and the trace graph.
 */
export { SuyuanError, isSuyuanError, toResult, ERROR_CODES } from './errors.js';
export type { Result, SuyuanErrorCode, SuyuanErrorDetails } from './errors.js';
export type { Check, CheckStatus } from './checks.js';
export * from './codes/index.js';
export * from './gs1/index.js';
export * from './records/index.js';
export * from './trust/index.js';
export * from './log/index.js';
export { verifyTrace } from './verify/verify-trace.js';
export type { CheckStatus as TraceCheckStatus, SeenCheckpoint, TraceAnswer, TraceCheck, TraceVerification, Verdict, VerifiedTraceRecord, VerifyTraceOptions } from './verify/verify-trace.js';
export * from './verify/log-entries.js';
