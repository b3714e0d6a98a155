/**
 * Pesticide label unit code 农药标签二维码 (MOA announcement 2579): a trace URL chosen by the
 * enterprise carrying a 32-digit unit code — position 1 registration type (1 PD, 2 WP, 3 temporary),
 * 2–7 the last six digits of the registration number, 8 production type (1 own, 2 contract
 * processing, 3 contract repacking), 9–11 product specification code, 12–32 random. No check digit.
 * URL-wrapped codes reach this scheme through `parseCode`'s URL unwrapping.
 */
import { defineScheme } from '../scheme.js';
import { reading } from '../outcome.js';

const SHAPE = /^([123])(\d{6})([123])(\d{3})(\d{21})$/;

export const PESTICIDE_REGISTRATION_TYPES = { '1': 'PD', '2': 'WP', '3': 'temporary' } as const;
export const PESTICIDE_PRODUCTION_TYPES = { '1': 'own', '2': 'contract-processing', '3': 'contract-repacking' } as const;

export interface PesticideFields {
  /** PD (正式登记), WP (卫生用农药) or temporary (临时登记). */
  readonly registrationType: (typeof PESTICIDE_REGISTRATION_TYPES)[keyof typeof PESTICIDE_REGISTRATION_TYPES];
  /** The last six digits of the pesticide registration number (e.g. PD20`123456`). */
  readonly registrationNumberDigits: string;
  readonly productionType: (typeof PESTICIDE_PRODUCTION_TYPES)[keyof typeof PESTICIDE_PRODUCTION_TYPES];
  readonly specificationCode: string;
  readonly random: string;
}

export const cnPesticide = defineScheme({
  id: 'cn-pesticide',
  title: 'Pesticide label unit code',
  titleZh: '农药标签二维码单元识别代码',
  read({ compact }) {
    const match = SHAPE.exec(compact);
    if (!match) return undefined;
    const [, type, registration, production, specification, random] = match;
    return reading<'cn-pesticide'>('shape', compact, {
      registrationType: PESTICIDE_REGISTRATION_TYPES[type as '1'],
      registrationNumberDigits: registration!,
      productionType: PESTICIDE_PRODUCTION_TYPES[production as '1'],
      specificationCode: specification!,
      random: random!,
    });
  },
});
