/**
 * Assertions shared by the tests of every module (imported by `*.test.ts` files only, never by the
 * library).
 */
import { expect } from 'vitest';
import { ERROR_CODES, SuyuanError, type SuyuanErrorCode, type SuyuanErrorDetails } from './errors.js';

/** Runs `fn`, asserting it throws a `SuyuanError` with a documented code, and returns the error. */
export function thrown(fn: () => unknown): SuyuanError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SuyuanError);
    expect(Object.keys(ERROR_CODES)).toContain((error as SuyuanError).code);
    return error as SuyuanError;
  }
  throw new Error('expected a SuyuanError, nothing was thrown');
}

/** Runs `fn`, asserting it throws a `SuyuanError` with `code` (and `details`, partially), and returns it. */
export function expectSuyuanError(fn: () => unknown, code: SuyuanErrorCode, details?: Partial<SuyuanErrorDetails>): SuyuanError {
  const error = thrown(fn);
  expect(error.code).toBe(code);
  if (details) expect(error.details).toMatchObject(details);
  return error;
}
