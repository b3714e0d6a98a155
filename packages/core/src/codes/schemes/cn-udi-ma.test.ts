import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectRejection, readAs, toFullWidth } from '../test-helpers.js';
import { cnUdiMa } from './cn-udi-ma.js';

const NOT_CHECKED = { check: 'ma-check-character', status: 'not-checked', note: 'the MA check algorithm is not public' };

describe('cn-udi-ma: medical device UDI in the MA form', () => {
  it('reads the device identifier alone, with the check character not checked', () => {
    expect(expectReading(cnUdiMa, 'MA.156.M0.100001.10000011')).toEqual({
      evidence: 'marker',
      canonical: 'MA.156.M0.100001.10000011',
      fields: { registrantCode: '100001', packagingLevel: '1', itemCode: '000001', checkCharacter: '1' },
      checks: [NOT_CHECKED],
    });
  });

  it('reads every production identifier', () => {
    const reading = expectReading(cnUdiMa, 'MA.156.M0.AB12CD.2X0Y0Z99.LBATCH-01.M200131.V261231.SSN/0001.DST_77');
    expect(reading.fields).toEqual({
      registrantCode: 'AB12CD',
      packagingLevel: '2',
      itemCode: 'X0Y0Z9',
      checkCharacter: '9',
      batch: 'BATCH-01',
      productionDate: '2020-01-31',
      expiryDate: '2026-12-31',
      serial: 'SN/0001',
      sterilisationBatch: 'ST_77',
    });
    expect(reading.checks).toEqual([NOT_CHECKED, { check: 'date', status: 'passed' }, { check: 'date', status: 'passed' }]);
    expect(reading.canonical).toBe('MA.156.M0.AB12CD.2X0Y0Z99.LBATCH-01.M200131.V261231.SSN/0001.DST_77');
  });

  it('reads E as the expiry date too', () => {
    expect(expectReading(cnUdiMa, 'MA.156.M0.100001.10000011.E261231').fields.expiryDate).toBe('2026-12-31');
  });

  it('reads lower case, with the identifier and letters in upper case and values kept', () => {
    const reading = expectReading(cnUdiMa, 'ma.156.m0.ab12cd.2x0y0z99.lbatch.e261231');
    expect(reading.canonical).toBe('MA.156.M0.AB12CD.2X0Y0Z99.Lbatch.E261231');
    expect(reading.fields).toMatchObject({ registrantCode: 'AB12CD', itemCode: 'X0Y0Z9', batch: 'batch' });
  });

  it('is read by parseCode before the generic MA / IDcode scheme', () => {
    const parsed = parseCode(toFullWidth('MA.156.M0.100001.10000011.L123'));
    expect(parsed.scheme).toBe('cn-udi-ma');
    expect(parsed.canonical).toBe('MA.156.M0.100001.10000011.L123');
    expect(parsed.alternatives).toBeUndefined();
  });

  it.each([
    ['a short registrant', 'MA.156.M0.10001.10000011'],
    ['a 7-character item part', 'MA.156.M0.100001.1000001'],
    ['a 9-character item part', 'MA.156.M0.100001.100000111'],
    ['an empty production identifier', 'MA.156.M0.100001.10000011..L1'],
  ])('rejects %s as CODE_FORMAT at marker level', (_label, text) => {
    const rejection = expectRejection(cnUdiMa, text, 'CODE_FORMAT');
    expect(rejection.evidence).toBe('marker');
    expect(rejection.error.details.scheme).toBe('cn-udi-ma');
  });

  it.each([
    ['an unknown letter', 'MA.156.M0.100001.10000011.X12', 26],
    ['a value with a space-free but forbidden character', 'MA.156.M0.100001.10000011.L1+2', 26],
    ['a value of 41 characters', `MA.156.M0.100001.10000011.L${'1'.repeat(41)}`, 26],
    ['the expiry date twice (V and E)', 'MA.156.M0.100001.10000011.V261231.E261231', 34],
    ['the batch twice', 'MA.156.M0.100001.10000011.L1.L2', 29],
  ])('rejects %s as CODE_FORMAT with its position', (_label, text, position) => {
    expect(expectRejection(cnUdiMa, text, 'CODE_FORMAT').error.details).toMatchObject({ scheme: 'cn-udi-ma', position });
  });

  it.each([
    ['month 13', 'MA.156.M0.100001.10000011.M261332'],
    ['31 April', 'MA.156.M0.100001.10000011.V260431'],
    ['4 digits', 'MA.156.M0.100001.10000011.M2612'],
    ['7 digits', 'MA.156.M0.100001.10000011.M2612311'],
    ['letters', 'MA.156.M0.100001.10000011.MAB1231'],
  ])('rejects a date with %s', (_label, text) => {
    const rejection = expectRejection(cnUdiMa, text, 'CODE_DATE');
    expect(rejection.evidence).toBe('marker');
    expect(rejection.error.details).toMatchObject({ scheme: 'cn-udi-ma', position: 27, expected: 'YYMMDD' });
  });

  it.each(['MA.156.1003.16291', 'MA.156.M1.100001.10000011', 'MB.156.M0.100001.10000011'])('leaves %s to other schemes', (text) => {
    expect(readAs(cnUdiMa, text)).toBeUndefined();
  });
});
