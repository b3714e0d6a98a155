/**
 * Veterinary drug QR code 兽药二维码 (MOA announcement 2210): 24 digits — 1–8 application date
 * YYYYMMDD, 9–13 enterprise id, 14–24 random. No check digit; the date must be a real date.
 * Packaging levels are linked parent → child in the trace system, not inside the code.
 */
import { isRealDate, isoDate } from '../../calendar.js';
import { defineScheme } from '../scheme.js';
import { passed, reading, rejection } from '../outcome.js';

const SHAPE = /^(\d{4})(\d{2})(\d{2})(\d{5})(\d{11})$/;

export interface VetDrugFields {
  /** The application date, `YYYY-MM-DD`. */
  readonly applicationDate: string;
  readonly enterpriseId: string;
  readonly random: string;
}

export const cnVetDrug = defineScheme({
  id: 'cn-vet-drug',
  title: 'Veterinary drug QR code',
  titleZh: '兽药二维码追溯码',
  read({ compact }) {
    const match = SHAPE.exec(compact);
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (year < 1900 || !isRealDate(year, month, day)) {
      return rejection('shape', 'CODE_DATE', `Veterinary drug code: ${match[1]}${match[2]}${match[3]} is not a real application date (YYYYMMDD).`, {
        scheme: 'cn-vet-drug',
        position: 0,
        expected: 'YYYYMMDD',
      });
    }
    return reading<'cn-vet-drug'>(
      'shape',
      compact,
      { applicationDate: isoDate(year, month, day), enterpriseId: match[4]!, random: match[5]! },
      [passed('date')],
    );
  },
});
