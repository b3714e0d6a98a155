import { thrown } from '../test-support.js';
import { describe, expect, it } from 'vitest';
import { toResult } from '../errors.js';
import { formatElementString, type Gs1Element } from './element-string.js';
import { parseScanData, tryParseScanData, type ScanData, type Symbology } from './scan-data.js';
import scanJson from './testdata/scan-vectors.json' with { type: 'json' };

interface ProcessVector {
  shouldSucceed: boolean;
  scanData: string;
  expectSym: string;
  expectDataStr: string;
  note: string | null;
}

const vectors = (scanJson as unknown as { processScanData: ProcessVector[] }).processScanData;
const GS = '\x1d';


function engineElementString(elements: readonly Gs1Element[]): string {
  return `^${formatElementString(elements, { style: 'raw', separator: '^', checkAssociations: false })}`;
}

/** The engine's symbology enum for what we report (it cannot tell GS1 from plain QR/DM apart by name). */
const ENGINE_SYMBOLOGY: Partial<Record<Symbology, string>> = {
  qr: 'QR',
  'gs1-qr': 'QR',
  datamatrix: 'DM',
  'gs1-datamatrix': 'DM',
  'gs1-databar': 'DataBarExpanded',
  'gs1-128': 'GS1_128_CCA',
  'ean-13': 'EAN13',
  'upc-a': 'EAN13',
  'ean-8': 'EAN8',
};

/**
 * Deliberate deviations from gs1-syntax-engine's processScanData:
 * - input without a symbology identifier is not an error: it is returned as symbology `none`;
 * - any well-formed AIM identifier is accepted; those we do not know are symbology `other`, plain data.
 */
const DEVIATIONS: Record<string, ScanData> = {
  '': { symbology: 'none', aimId: '', data: '' },
  ABC: { symbology: 'none', aimId: '', data: 'ABC' },
  ']XX': { symbology: 'other', aimId: ']XX', data: '' },
};

describe('GS1 syntax-engine scan-data vectors (scandata.c)', () => {
  it('lists only deviations that exist among the vectors, each refused by the engine', () => {
    for (const input of Object.keys(DEVIATIONS)) {
      expect(vectors.find((v) => v.scanData === input)?.shouldSucceed, JSON.stringify(input)).toBe(false);
    }
    expect(vectors.length).toBeGreaterThan(40);
  });

  it.each(vectors.filter((v) => !(v.scanData in DEVIATIONS)).map((v) => [JSON.stringify(v.scanData), v] as const))('%s', (_s, v) => {
    const result = tryParseScanData(v.scanData);
    if (!v.shouldSucceed) {
      expect(result.ok, v.note ?? '').toBe(false);
      return;
    }
    expect(result.ok ? undefined : result.error.message).toBeUndefined();
    if (!result.ok) return;
    const scan = result.value;
    expect(scan.aimId).toBe(v.scanData.slice(0, 3));
    expect(ENGINE_SYMBOLOGY[scan.symbology]).toBe(v.expectSym);
    const bar = v.expectDataStr.indexOf('|');
    if (v.expectDataStr.startsWith('^')) {
      // GS1 data: the engine's dataStr is our elements; our data is what followed the identifier.
      expect(engineElementString(scan.elements!)).toBe(v.expectDataStr);
      expect(scan.data).toBe(v.scanData.slice(3));
    } else if (/^E[04]$/.test(v.scanData.slice(1, 3))) {
      // EAN/UPC: a GTIN as (01), then any composite component after "|".
      const primary = bar < 0 ? v.expectDataStr : v.expectDataStr.slice(0, bar);
      const composite = bar < 0 ? '' : v.expectDataStr.slice(bar + 1).slice(1);
      expect(scan.elements![0]).toEqual({ ai: '01', value: primary.padStart(14, '0') });
      expect(engineElementString(scan.elements!)).toBe(`^01${primary.padStart(14, '0')}${composite}`);
    } else {
      // Plain data: the engine escapes a leading "\…^" with one more "\"; we return the data as sent.
      expect(scan.data.replace(/^(\\*\^)/, '\\$1')).toBe(v.expectDataStr);
      const dl = /dlAIbuffer == '([^']*)'/.exec(v.note ?? '')?.[1] ?? '';
      if (dl === '') expect(scan.elements).toBeUndefined();
      else expect(engineElementString(scan.elements!)).toBe(dl);
    }
  });

  it.each(Object.entries(DEVIATIONS))('deliberate deviation: %j', (input, expected) => {
    expect(parseScanData(input)).toEqual(expected);
  });
});

describe('parseScanData beyond the engine', () => {
  it.each([
    [']C0ABC-123', 'code-128', undefined],
    [']J0TEXT', 'dotcode', undefined],
    [`]J1010952012345678810ABC${GS}21S`, 'gs1-dotcode', [
      { ai: '01', value: '09520123456788' },
      { ai: '10', value: 'ABC' },
      { ai: '21', value: 'S' },
    ]],
    [']I109520123456788', 'itf-14', [{ ai: '01', value: '09520123456788' }]],
    [']A0CODE39', 'other', undefined],
    [']L2PDF', 'other', undefined],
    [']E00614141123452', 'upc-a', [{ ai: '01', value: '00614141123452' }]],
  ] as const)('%j → %s', (input, symbology, elements) => {
    const scan = parseScanData(input);
    expect(scan.symbology).toBe(symbology);
    expect(scan.aimId).toBe(input.slice(0, 3));
    expect(scan.data).toBe(input.slice(3));
    expect(scan.elements).toEqual(elements);
  });

  it('reads a Digital Link from any plain carrier, and keeps a plain URL that is not one as plain data', () => {
    expect(parseScanData(']Q1https://id.gs1.org/01/09520123456788/10/L1').elements).toEqual([
      { ai: '01', value: '09520123456788' },
      { ai: '10', value: 'L1' },
    ]);
    expect(parseScanData(']C0https://id.gs1.org/01/09520123456788').elements).toEqual([{ ai: '01', value: '09520123456788' }]);
    // Deliberate deviation: the engine fails setScanData when a URL in the data is no Digital Link.
    for (const url of ['https://example.com/about', 'https://id.gs1.org/01/09520123456789', 'http://a/b/c?d=e']) {
      expect(parseScanData(`]Q1${url}`)).toEqual({ symbology: 'qr', aimId: ']Q1', data: url });
    }
  });

  it('only identifies the symbology with elements: false', () => {
    expect(parseScanData(`]d2010952012345678810ABC`, { elements: false })).toEqual({
      symbology: 'gs1-datamatrix',
      aimId: ']d2',
      data: '010952012345678810ABC',
    });
    // No element parsing, so invalid GS1 data is not noticed …
    expect(parseScanData(`]d2019999`, { elements: false }).elements).toBeUndefined();
    expect(parseScanData(']Q1https://id.gs1.org/01/09520123456788', { elements: false }).elements).toBeUndefined();
    // … but an EAN/UPC check digit always is.
    expect(thrown(() => parseScanData(']E09520123456789', { elements: false })).code).toBe('CODE_CHECK_DIGIT');
  });

  it.each([
    ['', 'none'],
    [']', 'CODE_FORMAT'],
    [']C', 'CODE_FORMAT'],
    [']C1', 'CODE_FORMAT'],
    [']1A', 'CODE_FORMAT'],
    [']!!data', 'CODE_FORMAT'],
    [`]C1^0109520123456788`, 'CODE_FORMAT'],
    [`]C10109520123456788^10A`, 'CODE_FORMAT'],
    [']C10109520123456789', 'CODE_CHECK_DIGIT'],
    [']C110ABC', 'CODE_AI_REQUIRED'],
    [']d2899', 'CODE_AI_UNKNOWN'],
    [']I10952012345678', 'CODE_CHECK_DIGIT'],
    [']I109520123456789', 'CODE_CHECK_DIGIT'],
    [']E09520123456788|99X', 'CODE_FORMAT'],
    [']E09520123456788|]e0', 'CODE_FORMAT'],
    [']E09520123456788|]e0899', 'CODE_AI_UNKNOWN'],
    [']E4０２３４５６７３', 'CODE_FORMAT'],
  ] as const)('%j → %s', (input, expected) => {
    const result = toResult(() => parseScanData(input));
    if (expected === 'none') {
      expect(result.ok && result.value.symbology).toBe('none');
      return;
    }
    expect(result.ok ? undefined : result.error.code).toBe(expected);
  });

  it('points at the "^" that a GS1 carrier may not hold', () => {
    expect(thrown(() => parseScanData(']C10109520123456788^10A')).details.position).toBe(19);
  });

  it.each([null, undefined, 42, {}, [']C1'], new String(']C1x')])('refuses the non-string %j with INPUT_TYPE', (input) => {
    expect(thrown(() => parseScanData(input as unknown as string)).code).toBe('INPUT_TYPE');
  });
});
