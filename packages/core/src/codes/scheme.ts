/**
 * A code scheme reads one kind of code. `parseCode` asks every registered scheme to read the
 * normalised input and picks among the readings by the strength of their evidence.
 */
import type { Check } from '../checks.js';
import type { SuyuanError } from '../errors.js';
import type { ScanData } from '../gs1/scan-data.js';
import type { SchemeFields } from './fields.js';

/**
 * How strongly a reading is supported, strongest first:
 * - `marker`: the input carries an explicit marker of the scheme (a symbology identifier, a URL
 *   structure, separators, a prefix such as `MA.` or `88.`);
 * - `check`: a check digit or check character of the scheme passed (or, for a rejection, failed);
 * - `shape`: the input only has the scheme's length and character classes.
 */
export type Evidence = 'marker' | 'check' | 'shape';

export const EVIDENCE_RANK: Record<Evidence, number> = { marker: 3, check: 2, shape: 1 };

/** What a scheme is given: the input, normalised as `normaliseCodeInput` describes. */
export interface CodeInput {
  /** The caller's input, untouched. */
  readonly original: string;
  /** Normalised text: trimmed, full-width → half-width, NFC, GS spellings → `\x1d`, line breaks kept as `\n`. */
  readonly text: string;
  /** `text` without any whitespace: what single-line schemes read. */
  readonly compact: string;
  /** The symbology the scanner announced, when the input began with an AIM symbology identifier. */
  readonly scan?: ScanData;
}

/** A successful reading of the input by one scheme. */
export interface SchemeReading<S extends keyof SchemeFields = keyof SchemeFields> {
  readonly evidence: Evidence;
  /** The code in its canonical written form. */
  readonly canonical: string;
  readonly fields: SchemeFields[S];
  readonly checks: Check[];
}

/** The input has the scheme's shape, but one of its checks failed. */
export interface SchemeRejection {
  readonly evidence: Evidence;
  readonly error: SuyuanError;
}

export interface CodeScheme<S extends keyof SchemeFields = keyof SchemeFields> {
  readonly id: S;
  /** A short English title, e.g. "Unified social credit code". */
  readonly title: string;
  /** The Chinese title, when the scheme is Chinese, e.g. "统一社会信用代码". */
  readonly titleZh?: string;
  /** Only read when asked for by `options.scheme` or `options.schemes`, never detected on its own. */
  readonly explicitOnly?: boolean;
  /** Reads the input: a reading, a rejection, or `undefined` when the input is not of this scheme's shape. */
  read(input: CodeInput): SchemeReading<S> | SchemeRejection | undefined;
}

export function isRejection(outcome: SchemeReading | SchemeRejection): outcome is SchemeRejection {
  return 'error' in outcome;
}

/** Defines a scheme with its id's field type checked. */
export function defineScheme<S extends keyof SchemeFields>(scheme: CodeScheme<S>): CodeScheme<S> {
  return scheme;
}
