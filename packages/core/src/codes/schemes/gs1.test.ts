import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../../gs1/check-digit.js';
import { parseCode } from '../parse-code.js';
import { codeInput, expectReading, expectRejection, expectSuyuanError, readAs, refGs1CheckDigit, singleSubstitutions, toFullWidth } from '../test-helpers.js';
import { gs1 } from './gs1.js';

const GTINS: [string, string][] = [
  ['96385074', 'GTIN-8'],
  ['036000291452', 'GTIN-12 (UPC-A)'],
  ['6901234567892', 'GTIN-13'],
  ['6901010012349', 'GTIN-13'],
  ['06901234567892', 'GTIN-14'],
  ['16901234567899', 'GTIN-14 with indicator 1'],
];

describe('gs1 scheme', () => {
  it('computes the worked example: 0690123456789 → check digit 2', () => {
    expect(refGs1CheckDigit('0690123456789')).toBe('2');
    expect(gs1CheckDigit('0690123456789')).toBe(2);
    const parsed = parseCode('06901234567892');
    expect(parsed.scheme).toBe('gs1');
    expect(parsed.canonical).toBe('(01)06901234567892');
  });

  describe('bare GTINs (check evidence)', () => {
    it.each(GTINS)('reads %s (%s)', (code) => {
      expect(refGs1CheckDigit(code.slice(0, -1))).toBe(code.at(-1));
      const gtin = code.padStart(14, '0');
      const reading = expectReading(gs1, code);
      expect(reading.evidence).toBe('check');
      expect(reading.canonical).toBe(`(01)${gtin}`);
      expect(reading.fields).toEqual({ form: 'gtin', elements: [{ ai: '01', value: gtin }], key: { ai: '01', value: gtin }, gtin });
      expect(reading.checks).toContainEqual({ check: 'csum', ai: '01', status: 'passed' });
      expect(reading.checks.every((c) => c.status !== 'failed')).toBe(true);
    });

    describe('every single-digit substitution is rejected (mod 10 with weights 3,1 detects them all)', () => {
      it.each(GTINS)('%s (%s)', (code) => {
        const mutants = singleSubstitutions(code, '0123456789');
        expect(mutants).toHaveLength(code.length * 9);
        for (const { mutant } of mutants) {
          const rejection = expectRejection(gs1, mutant, 'CODE_CHECK_DIGIT');
          expect(rejection.evidence).toBe('check');
          expect(rejection.error.details).toMatchObject({ ai: '01', linter: 'csum', gs1Error: 'INCORRECT_CHECK_DIGIT', position: code.length - 1 });
          expectSuyuanError(() => parseCode(mutant, { scheme: 'gs1' }), 'CODE_CHECK_DIGIT', { ai: '01' });
        }
      });
    });

    it.each([
      ['7 digits', '9638507'],
      ['9 digits', '963850745'],
      ['10 digits', '0360002914'],
      ['11 digits', '03600029145'],
    ])('does not read %s as a GTIN', (_label, text) => {
      expect(readAs(gs1, text)).toBeUndefined();
    });

    it.each([
      ['full-width digits', toFullWidth('6901234567892')],
      ['spaces (as printed under the bars)', '6 901234 567892'],
      ['CRLF', '6901234567892\r\n'],
    ])('reads a GTIN with %s', (_label, text) => {
      const parsed = parseCode(text);
      expect(parsed.scheme).toBe('gs1');
      expect(parsed.canonical).toBe('(01)06901234567892');
    });
  });

  describe('element strings', () => {
    it('reads a bracketed (human-readable) element string as marker evidence', () => {
      const reading = expectReading(gs1, '(01)06901234567892(17)261231(10)ABC123(21)XYZ');
      expect(reading.evidence).toBe('marker');
      expect(reading.canonical).toBe('(01)06901234567892(17)261231(10)ABC123(21)XYZ');
      expect(reading.fields.form).toBe('element-string');
      expect(reading.fields.gtin).toBe('06901234567892');
      expect(reading.fields.key).toEqual({ ai: '01', value: '06901234567892' });
      expect(reading.fields.elements.map((e) => e.ai)).toEqual(['01', '17', '10', '21']);
    });

    it.each([
      ['a GS character', '010690123456789210ABC\x1d21XYZ'],
      ['<GS>', '010690123456789210ABC<GS>21XYZ'],
      ['{GS}', '010690123456789210ABC{GS}21XYZ'],
      ['a textual \\x1d', '010690123456789210ABC\\x1d21XYZ'],
      ['a leading ^ (FNC1)', '^010690123456789210ABC\x1d21XYZ'],
    ])('reads a raw element string with %s as marker evidence', (_label, text) => {
      const reading = expectReading(gs1, text);
      expect(reading.evidence).toBe('marker');
      expect(reading.canonical).toBe('(01)06901234567892(10)ABC(21)XYZ');
    });

    it('reads a bare raw element string opening with a key whose check digit passes, as check evidence', () => {
      const reading = expectReading(gs1, '010690123456789210ABC');
      expect(reading.evidence).toBe('check');
      expect(reading.canonical).toBe('(01)06901234567892(10)ABC');
      const sscc = expectReading(gs1, '00106141412345678908');
      expect(sscc.canonical).toBe('(00)106141412345678908');
      expect(sscc.fields.key).toEqual({ ai: '00', value: '106141412345678908' });
    });

    it('does not guess a bare raw element string whose key check digit fails', () => {
      expect(readAs(gs1, '0106901234567891')).toBeUndefined();
      expect(readAs(gs1, '010690123456789110ABC')).toBeUndefined();
      expect(parseCode('010690123456789110ABC').scheme).toBe('unknown');
    });

    it('rejects a bracketed element string with a bad check digit or date', () => {
      expect(expectRejection(gs1, '(01)06901234567891', 'CODE_CHECK_DIGIT').evidence).toBe('marker');
      expect(expectRejection(gs1, '(01)06901234567892(17)261332', 'CODE_DATE').evidence).toBe('marker');
      expectSuyuanError(() => parseCode('(01)06901234567892(17)261332'), 'CODE_DATE', { ai: '17' });
    });

    it('reads full-width brackets and digits', () => {
      expect(parseCode(toFullWidth('(01)06901234567892(10)ABC')).canonical).toBe('(01)06901234567892(10)ABC');
    });
  });

  describe('GS1 Digital Link', () => {
    it('reads a Digital Link URI as marker evidence', () => {
      const reading = expectReading(gs1, 'https://id.gs1.org/01/06901234567892/10/AB%2F1?17=261231&foo=bar');
      expect(reading.evidence).toBe('marker');
      expect(reading.canonical).toBe('https://id.gs1.org/01/06901234567892/10/AB%2F1?17=261231&foo=bar');
      expect(reading.fields.form).toBe('digital-link');
      expect(reading.fields.elements).toEqual([
        { ai: '01', value: '06901234567892' },
        { ai: '10', value: 'AB/1' },
        { ai: '17', value: '261231' },
      ]);
      expect(reading.fields.digitalLink).toEqual({ stem: 'https://id.gs1.org', unknownParams: [['foo', 'bar']], compressed: false });
    });

    it('leaves other URLs to the other schemes', () => {
      expect(readAs(gs1, 'https://example.com/trace?code=91350100M000100Y43')).toBeUndefined();
    });

    it('rejects a Digital Link with a bad check digit', () => {
      expect(expectRejection(gs1, 'https://id.gs1.org/01/06901234567891', 'CODE_CHECK_DIGIT').evidence).toBe('marker');
    });
  });

  it('reads an EPC URN as marker evidence', () => {
    const reading = expectReading(gs1, 'urn:epc:id:sgtin:0614141.112345.400');
    expect(reading.evidence).toBe('marker');
    expect(reading.fields.form).toBe('epc-urn');
    expect(reading.fields.gtin).toBe('10614141123459');
    expect(reading.fields.epc).toEqual({ kind: 'id', scheme: 'sgtin', companyPrefix: '0614141' });
    expect(expectRejection(gs1, 'urn:epc:id:sgtin:0614141.112345', 'CODE_EPC_URN').evidence).toBe('marker');
  });

  describe('scanner symbology identifiers', () => {
    it.each([
      [']d2', 'gs1-datamatrix'],
      [']Q3', 'gs1-qr'],
      [']C1', 'gs1-128'],
      [']e0', 'gs1-databar'],
    ])('%s carries an element string (%s)', (aim, symbology) => {
      const input = codeInput(`${aim}010690123456789210ABC\x1d21XYZ`);
      expect(input.scan?.symbology).toBe(symbology);
      const reading = gs1.read(input);
      expect(reading && !('error' in reading) && reading.canonical).toBe('(01)06901234567892(10)ABC(21)XYZ');
      expect(reading?.evidence).toBe('marker');
    });

    it(']E0 carries an EAN-13 and ]E4 an EAN-8', () => {
      const ean13 = gs1.read(codeInput(']E06901234567892'));
      expect(ean13 && !('error' in ean13) && ean13.fields).toMatchObject({ form: 'gtin', gtin: '06901234567892' });
      const ean8 = gs1.read(codeInput(']E496385074'));
      expect(ean8 && !('error' in ean8) && ean8.fields).toMatchObject({ form: 'gtin', gtin: '00000096385074' });
    });

    it('a GS1 carrier whose data is not an element string is rejected as marker evidence', () => {
      const outcome = gs1.read(codeInput(']d2ABC'));
      expect(outcome && 'error' in outcome && outcome.evidence).toBe('marker');
    });
  });
});
