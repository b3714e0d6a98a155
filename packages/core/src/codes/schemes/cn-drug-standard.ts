/**
 * National drug standard code 药品本位码: 14 digits, `86` (China) + `9` (drugs) + 5 enterprise
 * digits + 5 product digits + a GS1 mod-10 check digit. It is also a well-formed GTIN-14; read as a
 * drug standard code first, with the GTIN reading among the alternatives.
 */
import { gs1CheckDigit } from '../../gs1/check-digit.js';
import { defineScheme } from '../scheme.js';
import { passed, reading, rejection } from '../outcome.js';

const SHAPE = /^869\d{11}$/;

export interface DrugStandardFields {
  readonly enterpriseCode: string;
  readonly productCode: string;
  readonly checkDigit: string;
}

export const cnDrugStandard = defineScheme({
  id: 'cn-drug-standard',
  title: 'National drug standard code',
  titleZh: '药品本位码',
  read({ compact }) {
    if (!SHAPE.test(compact)) return undefined;
    const expected = String(gs1CheckDigit(compact.slice(0, 13)));
    if (expected !== compact[13]) {
      return rejection('check', 'CODE_CHECK_DIGIT', `National drug standard code check digit should be ${expected}, got ${compact[13]}.`, {
        scheme: 'cn-drug-standard',
        position: 13,
        expected,
        received: compact[13]!,
      });
    }
    return reading<'cn-drug-standard'>(
      'check',
      compact,
      { enterpriseCode: compact.slice(3, 8), productCode: compact.slice(8, 13), checkDigit: compact[13]! },
      [passed('csum')],
    );
  },
});
