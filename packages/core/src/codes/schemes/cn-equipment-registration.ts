/**
 * Special equipment registration code 特种设备注册代码 (e.g. on elevators): 20 digits — category (4;
 * its first digit 1 boiler, 2 pressure vessel, 3 elevator, 4 crane, 5 amusement ride, 8 pipeline) +
 * GB/T 2260 area code (6) + registration year and month YYYYMM (6) + sequence (4). No check digit.
 */
import { defineScheme } from '../scheme.js';
import { reading, rejection } from '../outcome.js';

const SHAPE = /^([123458]\d{3})(\d{6})(\d{4})(\d{2})(\d{4})$/;

export const EQUIPMENT_CATEGORIES = {
  '1': 'boiler',
  '2': 'pressure-vessel',
  '3': 'elevator',
  '4': 'crane',
  '5': 'amusement-ride',
  '8': 'pipeline',
} as const;

export interface EquipmentRegistrationFields {
  readonly categoryCode: string;
  readonly category: (typeof EQUIPMENT_CATEGORIES)[keyof typeof EQUIPMENT_CATEGORIES];
  readonly areaCode: string;
  /** Year and month of registration, `YYYY-MM`. */
  readonly registered: string;
  readonly sequence: string;
}

export const cnEquipmentRegistration = defineScheme({
  id: 'cn-equipment-registration',
  title: 'Special equipment registration code',
  titleZh: '特种设备注册代码',
  read({ compact }) {
    const match = SHAPE.exec(compact);
    if (!match) return undefined;
    const [, categoryCode, areaCode, year, month, sequence] = match as unknown as [string, string, string, string, string, string];
    if (Number(year) < 1900 || Number(month) < 1 || Number(month) > 12) {
      return rejection('shape', 'CODE_DATE', `Equipment registration code: ${year}${month} is not a year and month (YYYYMM).`, {
        scheme: 'cn-equipment-registration',
        position: 10,
        expected: 'YYYYMM',
        received: year + month,
      });
    }
    return reading<'cn-equipment-registration'>('shape', compact, {
      categoryCode,
      category: EQUIPMENT_CATEGORIES[categoryCode[0] as '1'],
      areaCode,
      registered: `${year}-${month}`,
      sequence,
    });
  },
});
