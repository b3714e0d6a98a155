/** Small constructors for scheme outcomes, so each scheme module reads as its rules. */
import type { Check } from '../checks.js';
import { SuyuanError, type SuyuanErrorCode, type SuyuanErrorDetails } from '../errors.js';
import type { SchemeFields } from './fields.js';
import type { Evidence, SchemeReading, SchemeRejection } from './scheme.js';

export function reading<S extends keyof SchemeFields>(
  evidence: Evidence,
  canonical: string,
  fields: SchemeFields[S],
  checks: Check[] = [],
): SchemeReading<S> {
  return { evidence, canonical, fields, checks };
}

export function rejection(
  evidence: Evidence,
  code: SuyuanErrorCode,
  message: string,
  details: SuyuanErrorDetails = {},
): SchemeRejection {
  return { evidence, error: new SuyuanError(code, message, details) };
}

/** A check that cannot run because its algorithm is not public. */
export function notChecked(check: string, note: string): Check {
  return { check, status: 'not-checked', note };
}

export function passed(check: string): Check {
  return { check, status: 'passed' };
}
