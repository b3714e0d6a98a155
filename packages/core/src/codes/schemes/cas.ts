/**
 * CAS Registry Number: 2–7 digits, 2 digits, a check digit, hyphen-separated. The check digit is
 * Σ(i·dᵢ) mod 10 with i counted from 1 at the rightmost body digit (`7732-18-5`, `64-17-5`).
 */
import { defineScheme } from '../scheme.js';
import { passed, reading, rejection } from '../outcome.js';

const SHAPE = /^(\d{2,7})-(\d{2})-(\d)$/;

export interface CasFields {
  readonly number: string;
  readonly checkDigit: string;
}

/** The CAS check digit of the body digits (without hyphens and without the check digit). */
export function casCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, weight = 1; i >= 0; i--, weight++) sum += (body.charCodeAt(i) - 48) * weight;
  return sum % 10;
}

export const cas = defineScheme({
  id: 'cas',
  title: 'CAS Registry Number',
  titleZh: 'CAS 登记号',
  read({ compact }) {
    const match = SHAPE.exec(compact);
    if (!match) return undefined;
    const body = match[1]! + match[2]!;
    const expected = String(casCheckDigit(body));
    if (expected !== match[3]) {
      return rejection('check', 'CODE_CHECK_DIGIT', `CAS number check digit should be ${expected}, got ${match[3]}.`, {
        scheme: 'cas',
        position: compact.length - 1,
        expected,
        received: match[3]!,
      });
    }
    return reading<'cas'>('check', compact, { number: compact, checkDigit: match[3]! }, [passed('cas-check-digit')]);
  },
});
