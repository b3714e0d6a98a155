/**
 * The GS1 Barcode Syntax Tests ("linters") that the syntax dictionary names, one function each,
 * following GS1's reference implementation (gs1-syntax-engine, `src/c-lib/syntax/lint_*.c`, Apache-2.0):
 * the same acceptance rules, the same GS1 error names, the same reported offsets. A linter sees one
 * component of an AI's value; character set and length of the component are checked before it runs.
 */
import type { SuyuanErrorCode } from '../errors.js';
import { daysInMonth, gs1FullYear } from '../calendar.js';
import { CSET32, CSET82 } from './character-sets.js';
import { ISO3166_ALPHA2, ISO3166_NUMERIC } from './code-lists/iso3166.js';
import { ISO4217_NUMERIC } from './code-lists/iso4217.js';
import { PACKAGE_TYPES } from './code-lists/package-type.js';

/** Why a linter rejected its data: GS1's error name, our code, and where (offset, length) in the data. */
export interface LintFailure {
  /** GS1's name for the error, e.g. `INCORRECT_CHECK_DIGIT` (`GS1_LINTER_` prefix dropped). */
  readonly gs1Error: string;
  readonly code: SuyuanErrorCode;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

export type Linter = (data: string) => LintFailure | null;

const MESSAGES: Record<string, [SuyuanErrorCode, string]> = {
  NON_DIGIT_CHARACTER: ['CODE_CHARSET', 'a non-digit character was found where a digit is expected'],
  INVALID_CSET82_CHARACTER: ['CODE_CHARSET', 'a character outside GS1 CSET 82 was found'],
  TOO_SHORT_FOR_CHECK_DIGIT: ['CODE_LENGTH', 'the data is too short to carry a check digit'],
  INCORRECT_CHECK_DIGIT: ['CODE_CHECK_DIGIT', 'the check digit is incorrect'],
  TOO_SHORT_FOR_CHECK_PAIR: ['CODE_LENGTH', 'the data is too short to carry a check-character pair'],
  TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION: ['CODE_LENGTH', 'the data is too long for the check-character pair'],
  INCORRECT_CHECK_PAIR: ['CODE_CHECK_DIGIT', 'the check-character pair is incorrect'],
  TOO_SHORT_FOR_GCP: ['CODE_LENGTH', 'the data is too short to start with a GS1 Company Prefix'],
  INVALID_GCP_PREFIX: ['CODE_VALUE', 'the GS1 Company Prefix is invalid (its first four characters must be digits)'],
  DATE_TOO_SHORT: ['CODE_LENGTH', 'the date is too short'],
  DATE_TOO_LONG: ['CODE_LENGTH', 'the date is too long'],
  ILLEGAL_MONTH: ['CODE_DATE', 'the month is not 01 to 12'],
  ILLEGAL_DAY: ['CODE_DATE', 'the day does not exist in that month'],
  HOUR_TOO_SHORT: ['CODE_LENGTH', 'the hour is too short'],
  HOUR_TOO_LONG: ['CODE_LENGTH', 'the hour is too long'],
  ILLEGAL_HOUR: ['CODE_DATE', 'the hour is not 00 to 23'],
  MINUTE_TOO_SHORT: ['CODE_LENGTH', 'the minute is too short'],
  MINUTE_TOO_LONG: ['CODE_LENGTH', 'the minute is too long'],
  ILLEGAL_MINUTE: ['CODE_DATE', 'the minute is not 00 to 59'],
  SECOND_TOO_SHORT: ['CODE_LENGTH', 'the second is too short'],
  SECOND_TOO_LONG: ['CODE_LENGTH', 'the second is too long'],
  ILLEGAL_SECOND: ['CODE_DATE', 'the second is not 00 to 59'],
  HOUR_WITH_MINUTE_TOO_SHORT: ['CODE_LENGTH', 'the time (HHMI) is too short'],
  HOUR_WITH_MINUTE_TOO_LONG: ['CODE_LENGTH', 'the time (HHMI) is too long'],
  NOT_ISO3166: ['CODE_VALUE', 'not an ISO 3166-1 numeric country code'],
  NOT_ISO3166_OR_999: ['CODE_VALUE', 'not an ISO 3166-1 numeric country code or 999'],
  NOT_ISO3166_ALPHA2: ['CODE_VALUE', 'not an ISO 3166-1 alpha-2 country code'],
  NOT_ISO4217: ['CODE_VALUE', 'not an ISO 4217 numeric currency code'],
  INVALID_MEDIA_TYPE: ['CODE_VALUE', 'not an AIDC media type (01–10, 80–99)'],
  INVALID_PACKAGE_TYPE: ['CODE_VALUE', 'not a GS1 package type code'],
  IMPORTER_IDX_MUST_BE_ONE_CHARACTER: ['CODE_LENGTH', 'the importer index must be one character'],
  INVALID_IMPORT_IDX_CHARACTER: ['CODE_CHARSET', 'not a valid importer index character'],
  INVALID_BIOLOGICAL_SEX_CODE: ['CODE_VALUE', 'not an ISO/IEC 5218 biological sex code (0, 1, 2 or 9)'],
  NOT_ZERO_OR_ONE: ['CODE_VALUE', 'must be 0 or 1'],
  INVALID_WINDING_DIRECTION: ['CODE_VALUE', 'the winding direction must be 0, 1 or 9'],
  INVALID_PERCENT_SEQUENCE: ['CODE_VALUE', 'a "%" must be followed by two hexadecimal digits'],
  LATITUDE_INVALID_LENGTH: ['CODE_LENGTH', 'a latitude has 10 digits'],
  INVALID_LATITUDE: ['CODE_VALUE', 'the latitude is out of range (at most 1800000000)'],
  LONGITUDE_INVALID_LENGTH: ['CODE_LENGTH', 'a longitude has 10 digits'],
  INVALID_LONGITUDE: ['CODE_VALUE', 'the longitude is out of range (at most 3600000000)'],
  NOT_HYPHEN: ['CODE_VALUE', 'must be a hyphen'],
  ILLEGAL_ZERO_VALUE: ['CODE_VALUE', 'the value may not be zero'],
  NOT_ZERO: ['CODE_VALUE', 'must be zero'],
  ILLEGAL_ZERO_PREFIX: ['CODE_VALUE', 'the value may not start with zero'],
  REQUIRES_NON_DIGIT_CHARACTER: ['CODE_VALUE', 'the value must contain a non-digit character'],
  INVALID_LENGTH_FOR_PIECE_OF_TOTAL: ['CODE_LENGTH', 'piece and total must have the same number of digits'],
  ZERO_PIECE_NUMBER: ['CODE_VALUE', 'the piece number may not be zero'],
  ZERO_TOTAL_PIECES: ['CODE_VALUE', 'the total number of pieces may not be zero'],
  PIECE_NUMBER_EXCEEDS_TOTAL: ['CODE_VALUE', 'the piece number exceeds the total'],
  POSITION_IN_SEQUENCE_MALFORMED: ['CODE_FORMAT', 'a position in sequence is written <position>/<end>'],
  POSITION_EXCEEDS_END: ['CODE_VALUE', 'the position exceeds the end of the sequence'],
  IBAN_TOO_SHORT: ['CODE_LENGTH', 'the IBAN is too short'],
  IBAN_TOO_LONG: ['CODE_LENGTH', 'the IBAN is too long'],
  ILLEGAL_IBAN_COUNTRY_CODE: ['CODE_VALUE', 'the IBAN does not start with an ISO 3166-1 alpha-2 country code'],
  INVALID_IBAN_CHARACTER: ['CODE_CHARSET', 'an IBAN has upper-case letters and digits only'],
  INCORRECT_IBAN_CHECKSUM: ['CODE_CHECK_DIGIT', 'the IBAN check digits are incorrect'],
  COUPON_EXCESS_DATA: ['CODE_FORMAT', 'the coupon has data after its last field'],
  COUPON_EXPIRATION_BEFORE_START: ['CODE_DATE', 'the coupon expires before it starts'],
};

function fail(gs1Error: string, offset: number, length: number): LintFailure {
  const known = MESSAGES[gs1Error];
  if (known) return { gs1Error, code: known[0], offset, length, message: known[1] };
  // Coupon errors name their field: COUPON_TRUNCATED_OFFER_CODE → "coupon: truncated offer code".
  const words = gs1Error.toLowerCase().replace(/^coupon_/, '').replaceAll('_', ' ').replace('exipiration', 'expiration');
  const code: SuyuanErrorCode = /date/.test(words)
    ? 'CODE_DATE'
    : /truncated|too short|missing/.test(words)
      ? 'CODE_LENGTH'
      : 'CODE_VALUE';
  return { gs1Error, code, offset, length, message: `coupon: ${words}` };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function firstNonDigit(data: string, from = 0, to = data.length): number {
  for (let i = from; i < to; i++) if (!isDigit(data.charCodeAt(i))) return i;
  return -1;
}

function allZero(data: string): boolean {
  for (let i = 0; i < data.length; i++) if (data.charCodeAt(i) !== 48) return false;
  return true;
}

// ---- check digits ----

export const csum: Linter = (data) => {
  const n = data.length;
  if (n === 0) return fail('TOO_SHORT_FOR_CHECK_DIGIT', 0, 0);
  let sum = 0;
  let weight = n % 2 === 0 ? 3 : 1;
  for (let i = 0; i < n - 1; i++) {
    const c = data.charCodeAt(i);
    if (!isDigit(c)) return fail('NON_DIGIT_CHARACTER', i, 1);
    sum += (c - 48) * weight;
    weight = 4 - weight;
  }
  const last = data.charCodeAt(n - 1);
  if (!isDigit(last)) return fail('NON_DIGIT_CHARACTER', n - 1, 1);
  return (10 - (sum % 10)) % 10 === last - 48 ? null : fail('INCORRECT_CHECK_DIGIT', n - 1, 1);
};

const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113,
  127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251,
  257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317, 331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397,
  401, 409, 419, 421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509,
];

export const csumalpha: Linter = (data) => {
  const n = data.length;
  if (n > PRIMES.length + 2) return fail('TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION', 0, n);
  if (n < 2) return fail('TOO_SHORT_FOR_CHECK_PAIR', 0, n);
  let sum = 0;
  for (let i = 0; i < n - 2; i++) {
    const value = CSET82.indexOf(data[i]!);
    if (value < 0) return fail('INVALID_CSET82_CHARACTER', i, 1);
    sum += value * PRIMES[n - 3 - i]!;
  }
  sum %= 1021;
  return data[n - 2] === CSET32[sum >> 5] && data[n - 1] === CSET32[sum & 31] ? null : fail('INCORRECT_CHECK_PAIR', n - 2, 2);
};

// ---- GS1 Company Prefix position ----

/**
 * The GS1 Company Prefix starts at the first character: at least four characters, the first four
 * digits. Whether the prefix is actually allocated needs GS1's prefix data; it is not checked here.
 */
export const gcppos1: Linter = (data) => {
  if (data.length < 4) return fail('TOO_SHORT_FOR_GCP', 0, data.length);
  const bad = firstNonDigit(data, 0, 4);
  return bad >= 0 ? fail('INVALID_GCP_PREFIX', bad, 1) : null;
};

/** The GS1 Company Prefix starts at the second character (after an indicator or extension digit). */
export const gcppos2: Linter = (data) => {
  if (data.length < 2) return fail('TOO_SHORT_FOR_GCP', 0, data.length);
  const inner = gcppos1(data.slice(1));
  return inner ? { ...inner, offset: inner.offset + 1 } : null;
};

// ---- dates and times ----

function dateLength(data: string, expected: number): LintFailure | null {
  if (data.length < expected) return fail('DATE_TOO_SHORT', 0, data.length);
  if (data.length > expected) return fail('DATE_TOO_LONG', 0, data.length);
  const bad = firstNonDigit(data);
  return bad >= 0 ? fail('NON_DIGIT_CHARACTER', bad, 1) : null;
}

function checkDate(year: number, data: string, monthAt: number, zeroDayAllowed: boolean): LintFailure | null {
  const month = Number(data.slice(monthAt, monthAt + 2));
  if (month < 1 || month > 12) return fail('ILLEGAL_MONTH', monthAt, 2);
  const day = Number(data.slice(monthAt + 2, monthAt + 4));
  if (day > daysInMonth(year, month) || (day === 0 && !zeroDayAllowed)) return fail('ILLEGAL_DAY', monthAt + 2, 2);
  return null;
}

/** YYYYMMDD where DD may be 00 (day not stated). */
export const yyyymmd0: Linter = (data) => dateLength(data, 8) ?? checkDate(Number(data.slice(0, 4)), data, 4, true);
export const yyyymmdd: Linter = (data) => dateLength(data, 8) ?? checkDate(Number(data.slice(0, 4)), data, 4, false);
/** YYMMDD where DD may be 00; the century follows GS1's sliding window. */
export const yymmd0: Linter = (data) => dateLength(data, 6) ?? checkDate(gs1FullYear(Number(data.slice(0, 2))), data, 2, true);
export const yymmdd: Linter = (data) => dateLength(data, 6) ?? checkDate(gs1FullYear(Number(data.slice(0, 2))), data, 2, false);

function twoDigitUnit(unit: 'HOUR' | 'MINUTE' | 'SECOND', max: number): Linter {
  return (data) => {
    if (data.length < 2) return fail(`${unit}_TOO_SHORT`, 0, data.length);
    if (data.length > 2) return fail(`${unit}_TOO_LONG`, 0, data.length);
    const bad = firstNonDigit(data);
    if (bad >= 0) return fail('NON_DIGIT_CHARACTER', bad, 1);
    return Number(data) > max ? fail(`ILLEGAL_${unit}`, 0, 2) : null;
  };
}

export const hh = twoDigitUnit('HOUR', 23);
export const mi = twoDigitUnit('MINUTE', 59);
export const ss = twoDigitUnit('SECOND', 59);

export const hhmi: Linter = (data) => {
  if (data.length < 4) return fail('HOUR_WITH_MINUTE_TOO_SHORT', 0, data.length);
  if (data.length > 4) return fail('HOUR_WITH_MINUTE_TOO_LONG', 0, data.length);
  const hour = hh(data.slice(0, 2));
  if (hour) return hour;
  const minute = mi(data.slice(2));
  return minute ? { ...minute, offset: minute.offset + 2 } : null;
};

// ---- code lists ----

function inList(list: ReadonlySet<string>, length: number, error: string, pattern: RegExp): Linter {
  return (data) => (data.length === length && pattern.test(data) && list.has(data) ? null : fail(error, 0, data.length));
}

const THREE_DIGITS = /^\d{3}$/;
export const iso3166 = inList(ISO3166_NUMERIC, 3, 'NOT_ISO3166', THREE_DIGITS);
export const iso3166999: Linter = (data) => (data === '999' || !iso3166(data) ? null : fail('NOT_ISO3166_OR_999', 0, data.length));
export const iso3166alpha2 = inList(ISO3166_ALPHA2, 2, 'NOT_ISO3166_ALPHA2', /^[A-Z]{2}$/);
export const iso4217 = inList(ISO4217_NUMERIC, 3, 'NOT_ISO4217', THREE_DIGITS);
export const packagetype: Linter = (data) => (PACKAGE_TYPES.has(data) ? null : fail('INVALID_PACKAGE_TYPE', 0, data.length));

export const mediatype: Linter = (data) => {
  if (data.length !== 2 || firstNonDigit(data) >= 0) return fail('INVALID_MEDIA_TYPE', 0, data.length);
  const value = Number(data);
  return (value >= 1 && value <= 10) || value >= 80 ? null : fail('INVALID_MEDIA_TYPE', 0, 2);
};

const IMPORTER_INDEX = /^[-0-9A-Z_a-z]$/;
export const importeridx: Linter = (data) => {
  if (data.length !== 1) return fail('IMPORTER_IDX_MUST_BE_ONE_CHARACTER', 0, data.length);
  return IMPORTER_INDEX.test(data) ? null : fail('INVALID_IMPORT_IDX_CHARACTER', 0, 1);
};

function oneOf(characters: string, error: string): Linter {
  return (data) => {
    if (data.length !== 1) return fail(error, 0, data.length);
    return characters.includes(data) ? null : fail(error, 0, 1);
  };
}

export const iso5218 = oneOf('0129', 'INVALID_BIOLOGICAL_SEX_CODE');
export const yesno = oneOf('01', 'NOT_ZERO_OR_ONE');
export const winding = oneOf('019', 'INVALID_WINDING_DIRECTION');

// ---- other formats ----

const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

export const pcenc: Linter = (data) => {
  const n = data.length;
  for (let i = 0; i < n; i++) {
    if (data.charCodeAt(i) !== 0x25) continue;
    if (i + 2 >= n) return fail('INVALID_PERCENT_SEQUENCE', i, n - i);
    if (!isHex(data.charCodeAt(i + 1)) || !isHex(data.charCodeAt(i + 2))) return fail('INVALID_PERCENT_SEQUENCE', i, 3);
    i += 2;
  }
  return null;
};

function coordinate(kind: 'LATITUDE' | 'LONGITUDE', max: number): Linter {
  return (data) => {
    if (data.length !== 10) return fail(`${kind}_INVALID_LENGTH`, 0, data.length);
    const bad = firstNonDigit(data);
    if (bad >= 0) return fail('NON_DIGIT_CHARACTER', bad, 1);
    return Number(data) > max ? fail(`INVALID_${kind}`, 0, 10) : null;
  };
}

export const latitude = coordinate('LATITUDE', 1_800_000_000);
export const longitude = coordinate('LONGITUDE', 3_600_000_000);

export const hyphen: Linter = (data) => (data.length > 0 && /^-+$/.test(data) ? null : fail('NOT_HYPHEN', 0, data.length));

export const nonzero: Linter = (data) => {
  const bad = firstNonDigit(data);
  if (bad >= 0) return fail('NON_DIGIT_CHARACTER', bad, 1);
  return allZero(data) ? fail('ILLEGAL_ZERO_VALUE', 0, data.length) : null;
};

export const zero: Linter = (data) => (data.length > 0 && allZero(data) ? null : fail('NOT_ZERO', 0, data.length));

export const nozeroprefix: Linter = (data) => {
  if (data.charCodeAt(0) === 48) return fail('ILLEGAL_ZERO_PREFIX', 0, 1);
  const bad = firstNonDigit(data);
  return bad >= 0 ? fail('NON_DIGIT_CHARACTER', bad, 1) : null;
};

export const hasnondigit: Linter = (data) =>
  firstNonDigit(data) >= 0 ? null : fail('REQUIRES_NON_DIGIT_CHARACTER', 0, data.length);

export const pieceoftotal: Linter = (data) => {
  const bad = firstNonDigit(data);
  if (bad >= 0) return fail('NON_DIGIT_CHARACTER', bad, 1);
  const n = data.length;
  if (n === 0 || n % 2 === 1) return fail('INVALID_LENGTH_FOR_PIECE_OF_TOTAL', 0, n);
  const piece = data.slice(0, n / 2);
  const total = data.slice(n / 2);
  if (allZero(piece)) return fail('ZERO_PIECE_NUMBER', 0, n / 2);
  if (allZero(total)) return fail('ZERO_TOTAL_PIECES', n / 2, n / 2);
  return piece > total ? fail('PIECE_NUMBER_EXCEEDS_TOTAL', 0, n) : null;
};

export const posinseqslash: Linter = (data) => {
  const n = data.length;
  let s = 0;
  while (s < n && isDigit(data.charCodeAt(s))) s++;
  if (s === 0 || s >= n - 1 || data[s] !== '/' || firstNonDigit(data, s + 1) >= 0) {
    return fail('POSITION_IN_SEQUENCE_MALFORMED', 0, n);
  }
  const position = data.slice(0, s);
  const end = data.slice(s + 1);
  if (position[0] === '0') return fail('ILLEGAL_ZERO_PREFIX', 0, s);
  if (end[0] === '0') return fail('ILLEGAL_ZERO_PREFIX', s + 1, n - s - 1);
  const exceeds = position.length > end.length || (position.length === end.length && position > end);
  return exceeds ? fail('POSITION_EXCEEDS_END', 0, n) : null;
};

export const iban: Linter = (data) => {
  const n = data.length;
  if (n < 4) return fail('IBAN_TOO_SHORT', 0, n);
  if (iso3166alpha2(data.slice(0, 2))) return fail('ILLEGAL_IBAN_COUNTRY_CODE', 0, 2);
  if (n > 34) return fail('IBAN_TOO_LONG', 0, n);
  if (n <= 10) return fail('IBAN_TOO_SHORT', 0, n);
  let checksum = 0;
  for (let k = 0; k < n; k++) {
    const i = (k + 4) % n;
    const c = data.charCodeAt(i);
    let value: number;
    if (isDigit(c)) value = c - 48;
    else if (c >= 65 && c <= 90) value = c - 55;
    else return fail('INVALID_IBAN_CHARACTER', i, 1);
    checksum = (checksum * (value < 10 ? 10 : 100) + value) % 97;
  }
  return checksum === 1 ? null : fail('INCORRECT_IBAN_CHECKSUM', 2, 2);
};

// ---- coupons (North American coupon code, AI 8110; positive offer file coupon, AI 8112) ----

/** Reads a coupon left to right, reporting GS1's errors (`COUPON_…`) at GS1's positions. */
class CouponCursor {
  p = 0;
  constructor(readonly data: string) {}

  /** One indicator digit among `allowed`: `MISSING_<field>` at the end, `INVALID_<invalid>` otherwise. */
  digit(field: string, invalid: string, allowed: string): string | LintFailure {
    const n = this.data.length;
    if (this.p >= n) return fail(`COUPON_MISSING_${field}`, 0, n);
    const c = this.data[this.p]!;
    if (!allowed.includes(c)) return fail(`COUPON_INVALID_${invalid}`, this.p, 1);
    this.p++;
    return c;
  }

  /** `length` digits; `error` when fewer remain. */
  take(length: number, error: string): string | LintFailure {
    const n = this.data.length;
    if (this.p + length > n) return this.p === n ? fail(`COUPON_${error}`, 0, n) : fail(`COUPON_${error}`, this.p, n - this.p);
    const value = this.data.slice(this.p, this.p + length);
    this.p += length;
    return value;
  }

  /** A GCP of `length` digits, which must also pass gcppos1. */
  gcp(length: number, error: string): string | LintFailure {
    const start = this.p;
    const value = this.take(length, error);
    if (failed(value)) return value;
    const bad = gcppos1(value);
    return bad ? { ...bad, offset: start, length } : value;
  }

  /** The next digit is `indicator`: consume it and report true. */
  optional(indicator: string): boolean {
    if (this.data[this.p] !== indicator) return false;
    this.p++;
    return true;
  }

  end(): LintFailure | null {
    const n = this.data.length;
    return this.p === n ? null : fail('COUPON_EXCESS_DATA', this.p, n - this.p);
  }
}

function failed(value: string | LintFailure | null): value is LintFailure {
  return typeof value === 'object' && value !== null;
}

/** A purchase requirement: VLI, requirement, code, family code, and for the 2nd and 3rd a GCP. */
function purchaseRequirement(c: CouponCursor, ordinal: '1ST' | '2ND' | '3RD'): LintFailure | null {
  const name = `${ordinal}_PURCHASE`;
  const vli = c.digit(`${name}_REQUIREMENT_VLI`, `${name}_REQUIREMENT_LENGTH`, '12345');
  if (failed(vli)) return vli;
  const requirement = c.take(Number(vli), `TRUNCATED_${name}_REQUIREMENT`);
  if (failed(requirement)) return requirement;
  const code = c.digit(`${name}_REQUIREMENT_CODE`, `${name}_REQUIREMENT_CODE`, '012349');
  if (failed(code)) return code;
  const family = c.take(3, `TRUNCATED_${name}_FAMILY_CODE`);
  if (failed(family)) return family;
  if (ordinal === '1ST') return null;
  const gcpVli = c.digit(`${name}_GCP_VLI`, `${name}_GCP_LENGTH`, '01234569');
  if (failed(gcpVli) || gcpVli === '9') return failed(gcpVli) ? gcpVli : null;
  const gcp = c.gcp(Number(gcpVli) + 6, `TRUNCATED_${name}_GCP`);
  return failed(gcp) ? gcp : null;
}

function couponDate(c: CouponCursor, kind: 'EXPIRATION' | 'START'): string | LintFailure {
  const start = c.p;
  const date = c.take(6, `TOO_SHORT_FOR_${kind}_DATE`);
  if (failed(date)) return date;
  // GS1's reference spells this error name EXIPIRATION; the name is kept as GS1 has it.
  return yymmdd(date) ? fail(kind === 'EXPIRATION' ? 'COUPON_INVALID_EXIPIRATION_DATE' : 'COUPON_INVALID_START_DATE', start, 6) : date;
}

function couponSteps(data: string, steps: ((c: CouponCursor) => LintFailure | null)[]): LintFailure | null {
  const bad = firstNonDigit(data);
  if (bad >= 0) return fail('NON_DIGIT_CHARACTER', bad, 1);
  const c = new CouponCursor(data);
  for (const step of steps) {
    const failure = step(c);
    if (failure) return failure;
  }
  return c.end();
}

const field =
  (read: (c: CouponCursor) => string | LintFailure | null) =>
  (c: CouponCursor): LintFailure | null => {
    const value = read(c);
    return failed(value) ? value : null;
  };

export const couponcode: Linter = (data) => {
  let expiry: string | undefined;
  return couponSteps(data, [
    field((c) => {
      const vli = c.digit('GCP_VLI', 'GCP_LENGTH', '0123456');
      return failed(vli) ? vli : c.gcp(Number(vli) + 6, 'TRUNCATED_GCP');
    }),
    field((c) => c.take(6, 'TRUNCATED_OFFER_CODE')),
    field((c) => {
      const vli = c.digit('SAVE_VALUE_VLI', 'SAVE_VALUE_LENGTH', '12345');
      return failed(vli) ? vli : c.take(Number(vli), 'TRUNCATED_SAVE_VALUE');
    }),
    (c) => purchaseRequirement(c, '1ST'),
    (c) => {
      if (!c.optional('1')) return null;
      const rules = c.digit('ADDITIONAL_PURCHASE_RULES_CODE', 'ADDITIONAL_PURCHASE_RULES_CODE', '0123');
      return failed(rules) ? rules : purchaseRequirement(c, '2ND');
    },
    (c) => (c.optional('2') ? purchaseRequirement(c, '3RD') : null),
    (c) => {
      if (!c.optional('3')) return null;
      const date = couponDate(c, 'EXPIRATION');
      if (failed(date)) return date;
      expiry = date;
      return null;
    },
    (c) => {
      if (!c.optional('4')) return null;
      const startAt = c.p;
      const date = couponDate(c, 'START');
      if (failed(date)) return date;
      // GS1 compares the raw YYMMDD strings.
      return expiry !== undefined && date > expiry ? fail('COUPON_EXPIRATION_BEFORE_START', startAt - 8, 14) : null;
    },
    field((c) => {
      if (!c.optional('5')) return null;
      const vli = c.digit('SERIAL_NUMBER_VLI', 'SERIAL_NUMBER_VLI', '0123456789');
      return failed(vli) ? vli : c.take(Number(vli) + 6, 'TRUNCATED_SERIAL_NUMBER');
    }),
    field((c) => {
      if (!c.optional('6')) return null;
      const vli = c.digit('RETAILER_GCP_OR_GLN_VLI', 'RETAILER_GCP_OR_GLN_LENGTH', '1234567');
      return failed(vli) ? vli : c.gcp(Number(vli) + 6, 'TRUNCATED_RETAILER_GCP_OR_GLN');
    }),
    field((c) => {
      if (!c.optional('9')) return null;
      return (
        [
          c.digit('SAVE_VALUE_CODE', 'SAVE_VALUE_CODE', '01256'),
          c.digit('SAVE_VALUE_APPLIES_TO_ITEM', 'SAVE_VALUE_APPLIES_TO_ITEM', '012'),
          c.digit('STORE_COUPON_FLAG', 'STORE_COUPON_FLAG', '0123456789'),
          c.digit('DONT_MULTIPLY_FLAG', 'DONT_MULTIPLY_FLAG', '01'),
        ].find(failed) ?? null
      );
    }),
  ]);
};

export const couponposoffer: Linter = (data) =>
  couponSteps(data, [
    field((c) => c.digit('FORMAT_CODE', 'FORMAT_CODE', '01')),
    field((c) => {
      const vli = c.digit('FUNDER_VLI', 'FUNDER_LENGTH', '0123456');
      return failed(vli) ? vli : c.take(Number(vli) + 6, 'TRUNCATED_FUNDER');
    }),
    field((c) => c.take(6, 'TRUNCATED_OFFER_CODE')),
    field((c) => {
      const vli = c.digit('SERIAL_NUMBER_VLI', 'SERIAL_NUMBER_VLI', '0123456789');
      return failed(vli) ? vli : c.take(Number(vli) + 6, 'TRUNCATED_SERIAL_NUMBER');
    }),
  ]);

/** Every linter the GS1 syntax dictionary names, by name. */
export const LINTERS: Readonly<Record<string, Linter>> = {
  couponcode,
  couponposoffer,
  csum,
  csumalpha,
  gcppos1,
  gcppos2,
  hasnondigit,
  hh,
  hhmi,
  hyphen,
  iban,
  importeridx,
  iso3166,
  iso3166999,
  iso3166alpha2,
  iso4217,
  iso5218,
  latitude,
  longitude,
  mediatype,
  mi,
  nonzero,
  nozeroprefix,
  packagetype,
  pcenc,
  pieceoftotal,
  posinseqslash,
  ss,
  winding,
  yesno,
  yymmd0,
  yymmdd,
  yyyymmd0,
  yyyymmdd,
  zero,
};

/** Runs the named linter: `null` when it passes, the failure, or `'not-checked'` for a linter this version lacks. */
export function runLinter(name: string, data: string): LintFailure | null | 'not-checked' {
  const linter = LINTERS[name];
  return linter ? linter(data) : 'not-checked';
}
