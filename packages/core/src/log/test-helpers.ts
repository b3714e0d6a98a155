/** Helpers shared by the log module's tests (imported by `*.test.ts` files only). */
import { expect } from 'vitest';
import { ERROR_CODES, SuyuanError } from '../errors.js';
import type { LogFailureReason, LogVerification } from './verification.js';

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(hex.match(/../g)?.map((byte) => parseInt(byte, 16)) ?? []);
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A copy of `bytes` with the byte at `i` XOR `mask`. */
export function flipped(bytes: Uint8Array, i: number, mask = 0x01): Uint8Array {
  const copy = bytes.slice();
  copy[i]! ^= mask;
  return copy;
}

/** Asserts a verification failed (with `reason`, when given) with a documented SuyuanError. */
export function expectFailure(result: LogVerification<unknown>, reason?: LogFailureReason): void {
  if (result.ok) throw new Error('expected the verification to fail, it succeeded');
  expect(result.error).toBeInstanceOf(SuyuanError);
  expect(Object.keys(ERROR_CODES)).toContain(result.error.code);
  if (reason) expect(result.reason).toBe(reason);
}

/** Runs a verifier that must neither throw nor succeed. */
export async function expectRejected(run: () => LogVerification<unknown> | Promise<LogVerification<unknown>>): Promise<void> {
  let result: LogVerification<unknown>;
  try {
    result = await run();
  } catch (error) {
    throw new Error(`the verifier threw instead of answering a failure: ${String(error)}`, { cause: error });
  }
  expectFailure(result);
}

export function expectOk<T>(result: LogVerification<T>): T {
  if (!result.ok) throw new Error(`expected the verification to succeed; it failed (${result.reason}): ${result.error.code} ${result.error.message}`);
  return result.value;
}
