import { describe, expect, it } from 'vitest';
import { SuyuanError } from '../errors.js';
import { CSET32, CSET82 } from './character-sets.js';
import {
  gs1CheckCharacters,
  gs1CheckDigit,
  hasValidCheckDigit,
  isValidGln,
  isValidGtin,
  isValidSscc,
  toGtin14,
} from './check-digit.js';
import { LINTERS } from './linters.js';
import scanVectors from './testdata/scan-vectors.json' with { type: 'json' };

function thrown(fn: () => unknown): SuyuanError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SuyuanError);
    return error as SuyuanError;
  }
  throw new Error('expected a SuyuanError, nothing was thrown');
}

/** Straight from GS1 General Specifications §7.9.1: weights 3,1,3,… from the rightmost data digit. */
function referenceCheckDigit(body: string): number {
  let sum = 0;
  [...body].reverse().forEach((d, i) => (sum += Number(d) * (i % 2 === 0 ? 3 : 1)));
  return (10 - (sum % 10)) % 10;
}

describe('gs1CheckDigit', () => {
  it('computes the worked example 0690123456789 → 2', () => {
    expect(gs1CheckDigit('0690123456789')).toBe(2);
    expect(hasValidCheckDigit('06901234567892')).toBe(true);
    expect(hasValidCheckDigit('06901234567893')).toBe(false);
  });

  it.each([
    ['9520123456788', 'GTIN-13'],
    ['09520123456788', 'GTIN-14'],
    ['0614141123452', 'GLN'],
    ['106141412345678908', 'SSCC'],
    ['006141411234567890', 'SSCC'],
    ['795260646688514634', 'GSRNP'],
    ['02345680', 'GTIN-8'],
    ['416000336108', 'GTIN-12'],
  ])('%s is a valid %s', (code) => {
    expect(gs1CheckDigit(code.slice(0, -1))).toBe(Number(code.slice(-1)));
    expect(hasValidCheckDigit(code)).toBe(true);
  });

  it('agrees with the textbook algorithm on many bodies of every key length', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (const length of [7, 11, 12, 13, 16, 17]) {
      for (let n = 0; n < 200; n++) {
        const body = Array.from({ length }, () => String(next() % 10)).join('');
        expect(gs1CheckDigit(body), body).toBe(referenceCheckDigit(body));
      }
    }
  });

  it('refuses bodies that are not digits', () => {
    for (const body of ['', '12a4', '０１２', '12 3', '-1']) {
      const error = thrown(() => gs1CheckDigit(body));
      expect(error.code).toBe('CODE_CHARSET');
    }
  });
});

describe('GS1 reference vectors (gs1-syntax-engine validateParity)', () => {
  it.each(scanVectors.validateParity.map((v) => [v.input, v] as const))('%s', (_input, v) => {
    expect(hasValidCheckDigit(v.input)).toBe(v.valid);
    expect(String(gs1CheckDigit(v.input.slice(0, -1)))).toBe(v.recomputedCheckDigit ?? v.input.slice(-1));
  });
});

describe('hasValidCheckDigit', () => {
  it('detects every single-character change of a valid GTIN-13', () => {
    const valid = '9520123456788';
    expect(hasValidCheckDigit(valid)).toBe(true);
    let mutations = 0;
    for (let i = 0; i < valid.length; i++) {
      for (const c of '0123456789Ax ') {
        if (c === valid[i]) continue;
        const mutated = valid.slice(0, i) + c + valid.slice(i + 1);
        expect(hasValidCheckDigit(mutated), mutated).toBe(false);
        expect(isValidGtin(mutated), mutated).toBe(false);
        mutations++;
      }
    }
    expect(mutations).toBe(13 * 12);
  });

  it('detects swaps of adjacent digits unless they differ by 5', () => {
    const valid = '9520123456788';
    for (let i = 0; i < valid.length - 1; i++) {
      const a = Number(valid[i]);
      const b = Number(valid[i + 1]);
      if (a === b) continue;
      const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
      expect(hasValidCheckDigit(swapped), swapped).toBe(Math.abs(a - b) === 5);
    }
  });

  it('needs at least two digits and digits only', () => {
    expect(hasValidCheckDigit('')).toBe(false);
    expect(hasValidCheckDigit('0')).toBe(false);
    expect(hasValidCheckDigit('00')).toBe(true);
    expect(hasValidCheckDigit('952012345678８')).toBe(false);
  });
});

describe('key validators', () => {
  it('accepts GTIN-8, -12, -13 and -14 and nothing else', () => {
    for (const gtin of ['02345680', '416000336108', '9520123456788', '09520123456788', '24012345678905']) {
      expect(isValidGtin(gtin), gtin).toBe(true);
    }
    // Valid check digits, wrong lengths.
    for (const code of ['00', '0000000000', '00000000000', '000000000000000', '106141412345678908']) {
      expect(hasValidCheckDigit(code), code).toBe(true);
      expect(isValidGtin(code), code).toBe(false);
    }
    expect(isValidGtin('09520123456789')).toBe(false);
  });

  it('checks GLNs and SSCCs by length and check digit', () => {
    expect(isValidGln('0614141123452')).toBe(true);
    expect(isValidGln('0614141123453')).toBe(false);
    expect(isValidGln('00614141123452')).toBe(false);
    expect(isValidSscc('106141412345678908')).toBe(true);
    expect(isValidSscc('106141412345678909')).toBe(false);
    expect(isValidSscc('06141412345678908')).toBe(false);
  });

  it('pads a GTIN to 14 digits', () => {
    expect(toGtin14('02345680')).toBe('00000002345680');
    expect(toGtin14('416000336108')).toBe('00416000336108');
    expect(toGtin14('9520123456788')).toBe('09520123456788');
    expect(toGtin14('09520123456788')).toBe('09520123456788');
    expect(thrown(() => toGtin14('9520123456789')).code).toBe('CODE_CHECK_DIGIT');
    expect(thrown(() => toGtin14('123')).code).toBe('CODE_CHECK_DIGIT');
  });
});

describe('gs1CheckCharacters (GMN check pair)', () => {
  const body = '1987654Ad4X4bL5ttr2310c';

  it('computes the GS1 General Specifications example 1987654Ad4X4bL5ttr2310c → 2K', () => {
    expect(gs1CheckCharacters(body)).toBe('2K');
    expect(LINTERS.csumalpha!(`${body}2K`)).toBeNull();
  });

  it('changes with every single-character substitution in the body', () => {
    for (let i = 0; i < body.length; i++) {
      for (const c of CSET82) {
        if (c === body[i]) continue;
        const mutated = body.slice(0, i) + c + body.slice(i + 1);
        expect(gs1CheckCharacters(mutated), mutated).not.toBe('2K');
      }
    }
  });

  it('agrees with the csumalpha syntax test on a range of bodies', () => {
    for (let length = 1; length <= 23; length++) {
      const data = Array.from({ length }, (_, i) => CSET82[(i * 37 + length) % CSET82.length]).join('');
      const pair = gs1CheckCharacters(data);
      expect(pair).toMatch(new RegExp(`^[${CSET32}]{2}$`));
      expect(LINTERS.csumalpha!(data + pair), data).toBeNull();
      const wrong = pair[1] === '2' ? `${pair[0]}3` : `${pair[0]}2`;
      expect(LINTERS.csumalpha!(data + wrong), data).not.toBeNull();
    }
  });

  it('refuses bodies longer than 23 characters or outside CSET 82', () => {
    expect(thrown(() => gs1CheckCharacters('A'.repeat(24))).code).toBe('CODE_LENGTH');
    const error = thrown(() => gs1CheckCharacters('ABC DEF'));
    expect(error.code).toBe('CODE_CHARSET');
    expect(error.details.position).toBe(3);
    expect(thrown(() => gs1CheckCharacters('AB😀')).code).toBe('CODE_CHARSET');
  });
});
