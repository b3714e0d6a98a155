/**
 * `@suyuan/core`: pure, isomorphic building blocks of Suyuan. This release reads every product code a
 * scanner hands us: GS1 (element strings, Digital Link, EPC URNs, GTINs) and China's traceability
 * code schemes, through one front door, `parseCode`.
 */
export { SuyuanError, isSuyuanError, toResult, ERROR_CODES } from './errors.js';
export type { Result, SuyuanErrorCode, SuyuanErrorDetails } from './errors.js';
export type { Check, CheckStatus } from './checks.js';
export * from './codes/index.js';
export * from './gs1/index.js';
