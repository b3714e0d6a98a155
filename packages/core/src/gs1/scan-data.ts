/**
 * What a barcode reader sends with AIM symbology identifiers enabled (ISO/IEC 15424): `]` + code
 * character + modifier, then the data. GS1 carriers (`]C1`, `]e0`, `]d2`, `]Q3`, `]J1`) carry element
 * strings with GS separators; `]E0`/`]E4` carry an EAN/UPC (a GTIN, optionally `|]e0` and a composite
 * component); plain carriers (`]d1`, `]Q1`, `]J0`, `]C0` …) carry text, which may be a GS1 Digital Link URI.
 * Follows GS1's syntax engine (`scandata.c`), except that a plain URL that is not a Digital Link is
 * kept as plain data rather than rejected.
 */
import { SuyuanError, excerpt, toResult, type Result } from '../errors.js';
import { hasValidCheckDigit } from './check-digit.js';
import { parseDigitalLink } from './digital-link.js';
import { parseElementString, type Gs1Element } from './element-string.js';

export type Symbology =
  | 'gs1-datamatrix'
  | 'gs1-qr'
  | 'gs1-128'
  | 'gs1-databar'
  | 'gs1-dotcode'
  | 'datamatrix'
  | 'qr'
  | 'dotcode'
  | 'code-128'
  | 'ean-13'
  | 'ean-8'
  | 'upc-a'
  | 'itf-14'
  | 'other'
  | 'none';

export interface ScanData {
  readonly symbology: Symbology;
  /** The AIM symbology identifier as sent (`]d2`), or `''` when there was none. */
  readonly aimId: string;
  /** The data after the identifier; for GS1 carriers the raw element string with GS separators. */
  readonly data: string;
  /** The GS1 elements, when the data is GS1 (element string, EAN/UPC, ITF-14 or Digital Link). */
  readonly elements?: Gs1Element[];
}

export interface ScanDataOptions {
  /** Parse GS1 elements (default `true`); `false` only identifies the symbology and strips the identifier. */
  elements?: boolean;
}

const GS1_CARRIERS: Record<string, Symbology> = { C1: 'gs1-128', e0: 'gs1-databar', d2: 'gs1-datamatrix', Q3: 'gs1-qr', J1: 'gs1-dotcode' };
const PLAIN_CARRIERS: Record<string, Symbology> = { d1: 'datamatrix', Q1: 'qr', J0: 'dotcode', C0: 'code-128' };

function scanError(message: string, details: ConstructorParameters<typeof SuyuanError>[2] = {}): SuyuanError {
  return new SuyuanError('CODE_FORMAT', message, details);
}

/** Reads scanner output; see the module comment. Input without an identifier is symbology `none`. */
export function parseScanData(scan: string, options: ScanDataOptions = {}): ScanData {
  if (typeof scan !== 'string') throw new SuyuanError('INPUT_TYPE', 'Scan data must be a string.', { expected: 'string' });
  const withElements = options.elements !== false;
  if (!scan.startsWith(']')) return { symbology: 'none', aimId: '', data: scan };
  if (scan.length < 3) throw scanError('A symbology identifier is "]" followed by two characters.', { position: 0, received: scan });
  const aimId = scan.slice(0, 3);
  const id = scan.slice(1, 3);
  const data = scan.slice(3);

  const gs1 = GS1_CARRIERS[id];
  if (gs1) {
    if (data === '') throw scanError(`${aimId} announces GS1 data, but none follows.`, { position: 3 });
    if (data.includes('^')) throw scanError('GS1 scan data may not contain "^": FNC1 is sent as GS.', { position: 3 + data.indexOf('^') });
    return { symbology: gs1, aimId, data, ...(withElements ? { elements: parseElementString(`^${data}`) } : {}) };
  }
  if (id === 'E0' || id === 'E4') return eanUpc(aimId, data, withElements);
  if (id === 'I1') {
    if (!/^\d{14}$/.test(data) || !hasValidCheckDigit(data)) {
      throw new SuyuanError('CODE_CHECK_DIGIT', `ITF-14 data must be a GTIN-14 with a correct check digit, got ${excerpt(data)}.`, { position: 3 });
    }
    return { symbology: 'itf-14', aimId, data, ...(withElements ? { elements: [{ ai: '01', value: data }] } : {}) };
  }
  const plain = PLAIN_CARRIERS[id];
  const symbology: Symbology = plain ?? (/^[A-Za-z][0-9A-Za-z]$/.test(id) ? 'other' : 'none');
  if (symbology === 'none') throw scanError(`${excerpt(aimId)} is not an AIM symbology identifier.`, { position: 0, received: aimId });
  if (withElements && /^https?:\/\//i.test(data)) {
    const link = toResult(() => parseDigitalLink(data));
    if (link.ok) return { symbology, aimId, data, elements: link.value.elements };
  }
  return { symbology, aimId, data };
}

/** `parseScanData` returning a result instead of throwing. */
export function tryParseScanData(scan: string, options: ScanDataOptions = {}): Result<ScanData> {
  return toResult(() => parseScanData(scan, options));
}

function eanUpc(aimId: string, data: string, withElements: boolean): ScanData {
  const length = aimId === ']E4' ? 8 : 13;
  const bar = data.indexOf('|');
  const primary = bar < 0 ? data : data.slice(0, bar);
  if (primary.length !== length || !/^\d+$/.test(primary)) {
    throw scanError(`${aimId} data must be ${length} digits, got ${excerpt(primary)}.`, { position: 3, expected: `${length} digits` });
  }
  if (!hasValidCheckDigit(primary)) {
    throw new SuyuanError('CODE_CHECK_DIGIT', `The check digit of ${primary} is incorrect.`, { position: 3 + length - 1, ai: '01' });
  }
  const symbology: Symbology = length === 8 ? 'ean-8' : primary.startsWith('0') ? 'upc-a' : 'ean-13';
  let composite: Gs1Element[] = [];
  if (bar >= 0) {
    const rest = data.slice(bar + 1);
    if (!rest.startsWith(']e0') || rest.length === 3) {
      throw scanError('Data after an EAN/UPC must be "|]e0" followed by its composite component.', { position: 3 + bar });
    }
    if (withElements) composite = parseElementString(`^${rest.slice(3)}`, { checkAssociations: false });
  }
  const elements = withElements ? [{ ai: '01', value: primary.padStart(14, '0') }, ...composite] : undefined;
  return { symbology, aimId, data, ...(elements ? { elements } : {}) };
}
