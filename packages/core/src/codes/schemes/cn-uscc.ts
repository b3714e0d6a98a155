/**
 * Unified social credit code 统一社会信用代码 (GB 32100-2015): 18 characters from
 * `0-9A-HJ-NPQRTUWXY` (no I, O, Z, S, V), the last a check character mod 31 over the first 17.
 */
import { defineScheme } from '../scheme.js';
import { passed, reading, rejection } from '../outcome.js';

export const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export interface UsccFields {
  /** The 18-character code. */
  readonly code: string;
  /** The 18th character, verified. */
  readonly checkCharacter: string;
}

/** The check character for the first 17 characters of a unified social credit code. */
export function usccCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARACTERS.indexOf(body[i]!) * WEIGHTS[i]!;
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

/** Whether `code` is a unified social credit code with a correct check character. */
export function isValidUscc(code: string): boolean {
  return SHAPE.test(code) && usccCheckCharacter(code) === code[17];
}

export const cnUscc = defineScheme({
  id: 'cn-uscc',
  title: 'Unified social credit code',
  titleZh: '统一社会信用代码',
  read({ compact }) {
    const code = compact.toUpperCase();
    if (!SHAPE.test(code)) return undefined;
    const expected = usccCheckCharacter(code);
    if (expected !== code[17]) {
      return rejection('check', 'CODE_CHECK_DIGIT', `Unified social credit code check character should be "${expected}", got "${code[17]}".`, {
        scheme: 'cn-uscc',
        position: 17,
        expected,
        received: code[17]!,
      });
    }
    return reading<'cn-uscc'>('check', code, { code, checkCharacter: code[17]! }, [passed('uscc-check-character')]);
  },
});
