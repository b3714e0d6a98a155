/** JSON given as text or as a value: the one place records and documents are parsed from text. */
import { SuyuanError, type SuyuanErrorCode } from '../errors.js';

/** `input` itself, or `input` parsed when it is a string of at most `maxLength` characters. */
export function fromJsonText(input: unknown, what: string, maxLength: number, invalidCode: SuyuanErrorCode): unknown {
  if (typeof input !== 'string') return input;
  if (input.length > maxLength) {
    throw new SuyuanError('INPUT_TOO_LONG', `${what} may have at most ${maxLength} characters of JSON.`, { expected: `at most ${maxLength} characters` });
  }
  try {
    return JSON.parse(input);
  } catch (cause) {
    throw new SuyuanError(invalidCode, `${what} is not valid JSON.`, {}, { cause });
  }
}
