/**
 * Industrial detonator code 工业雷管编码 (GA 441): 13 characters — enterprise (2) + year digit (1) +
 * month (2) + day (2) + feature character (1) + sequence (5). No check digit; month and day must form a
 * real date (any year, since only its last digit is coded).
 */
import { isRealDate } from '../../calendar.js';
import { defineScheme } from '../scheme.js';
import { passed, reading, rejection } from '../outcome.js';

const SHAPE = /^(\d{2})(\d)(\d{2})(\d{2})([0-9A-Z])(\d{5})$/;

export interface DetonatorFields {
  readonly enterpriseCode: string;
  /** The last digit of the year of manufacture. */
  readonly yearDigit: string;
  readonly month: number;
  readonly day: number;
  readonly featureCharacter: string;
  readonly sequence: string;
}

export const cnDetonator = defineScheme({
  id: 'cn-detonator',
  title: 'Industrial detonator code',
  titleZh: '工业雷管编码',
  read({ compact }) {
    const match = SHAPE.exec(compact.toUpperCase());
    if (!match) return undefined;
    const month = Number(match[3]);
    const day = Number(match[4]);
    // 2000 is a leap year, so 29 February is accepted: the coded year digit cannot exclude it.
    if (!isRealDate(2000, month, day)) {
      return rejection('shape', 'CODE_DATE', `Detonator code: month ${match[3]} and day ${match[4]} are not a real date.`, {
        scheme: 'cn-detonator',
        position: 3,
        expected: 'MMDD',
        received: match[3]! + match[4]!,
      });
    }
    return reading<'cn-detonator'>(
      'shape',
      match[0],
      { enterpriseCode: match[1]!, yearDigit: match[2]!, month, day, featureCharacter: match[5]!, sequence: match[6]! },
      [passed('date')],
    );
  },
});
