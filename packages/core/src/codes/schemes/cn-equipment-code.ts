/**
 * Special equipment code 特种设备代码: 18 digits — equipment type (4) + manufacturer (5: 2 area +
 * 3 sequence from the manufacturing licence) + year of manufacture (4) + sequence (5). No check digit.
 */
import { defineScheme } from '../scheme.js';
import { reading, rejection } from '../outcome.js';

const SHAPE = /^(\d{4})((\d{2})(\d{3}))(\d{4})(\d{5})$/;

export interface EquipmentCodeFields {
  readonly equipmentType: string;
  readonly manufacturerCode: string;
  readonly manufacturerArea: string;
  readonly year: number;
  readonly sequence: string;
}

export const cnEquipmentCode = defineScheme({
  id: 'cn-equipment-code',
  title: 'Special equipment code',
  titleZh: '特种设备代码',
  read({ compact }) {
    const match = SHAPE.exec(compact);
    if (!match) return undefined;
    const year = Number(match[5]);
    if (year < 1900 || year > 2099) {
      return rejection('shape', 'CODE_DATE', `Special equipment code: ${match[5]} is not a year of manufacture.`, {
        scheme: 'cn-equipment-code',
        position: 9,
        expected: 'a year 1900–2099',
        received: match[5]!,
      });
    }
    return reading<'cn-equipment-code'>('shape', compact, {
      equipmentType: match[1]!,
      manufacturerCode: match[2]!,
      manufacturerArea: match[3]!,
      year,
      sequence: match[6]!,
    });
  },
});
