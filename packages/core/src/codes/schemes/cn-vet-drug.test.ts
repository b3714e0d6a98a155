import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectRejection, readAs, toFullWidth } from '../test-helpers.js';
import { cnVetDrug } from './cn-vet-drug.js';

describe('cn-vet-drug: veterinary drug QR code (MOA announcement 2210)', () => {
  it.each([
    ['201701050012312345678901', '2017-01-05', '00123', '12345678901'],
    ['202002299999900000000000', '2020-02-29', '99999', '00000000000'],
  ])('reads %s', (code, applicationDate, enterpriseId, random) => {
    expect(expectReading(cnVetDrug, code)).toEqual({
      evidence: 'shape',
      canonical: code,
      fields: { applicationDate, enterpriseId, random },
      checks: [{ check: 'date', status: 'passed' }],
    });
    expect(parseCode(code).scheme).toBe('cn-vet-drug');
  });

  it.each([
    ['29 February of a common year', '202102290012312345678901'],
    ['30 February', '202302300012312345678901'],
    ['month 13', '201713050012312345678901'],
    ['day 00', '201701000012312345678901'],
    ['year 1899', '189901050012312345678901'],
  ])('rejects %s as not a real application date', (_label, code) => {
    const rejection = expectRejection(cnVetDrug, code, 'CODE_DATE');
    expect(rejection.evidence).toBe('shape');
    expect(rejection.error.details).toMatchObject({ scheme: 'cn-vet-drug', position: 0, expected: 'YYYYMMDD' });
  });

  it.each([
    ['23 digits', '20170105001231234567890'],
    ['25 digits', '2017010500123123456789012'],
    ['a letter', '20170105001231234567890A'],
  ])('is not read with %s', (_label, text) => {
    expect(readAs(cnVetDrug, text)).toBeUndefined();
  });

  it('is read with full-width digits and spaces', () => {
    expect(parseCode(toFullWidth('20170105 00123 12345678901')).canonical).toBe('201701050012312345678901');
  });
});
