/**
 * Drug trace code 药品追溯码 in its 20-character form (NMPA/T 1002-2019), which the legacy drug
 * electronic supervision code 电子监管码 shares: the first 7 digits identify the drug (药品标识码),
 * then the production identification (serial), then check characters. The check algorithm is
 * proprietary and cannot be verified offline, so it is reported `not-checked`. In practice the codes
 * start with `8` (`^8\d{19}$`), and only those are recognised.
 *
 * The split of the last 13 digits into 9 serial and 4 check digits is the legacy code's published
 * layout (positions 8–16 and 17–20).
 *
 * The GS1 form of a drug trace code (GS1 DataMatrix with (01)(17)(10)(21)) is read by the `gs1` scheme.
 */
import { defineScheme } from '../scheme.js';
import { notChecked, reading } from '../outcome.js';

const SHAPE = /^8\d{19}$/;

export interface DrugTraceFields {
  /** Digits 1–7: the drug identification code 药品标识码 (product resource code in the legacy code). */
  readonly drugIdentificationCode: string;
  /** Digits 8–16: the production identification (serial). */
  readonly serial: string;
  /** Digits 17–20: the check characters (proprietary algorithm; not verified). */
  readonly checkCharacters: string;
}

export const cnDrugTrace = defineScheme({
  id: 'cn-drug-trace',
  title: 'Drug trace code (20-digit form)',
  titleZh: '药品追溯码',
  read({ compact }) {
    if (!SHAPE.test(compact)) return undefined;
    return reading<'cn-drug-trace'>(
      'shape',
      compact,
      { drugIdentificationCode: compact.slice(0, 7), serial: compact.slice(7, 16), checkCharacters: compact.slice(16) },
      [notChecked('nmpa-check-characters', 'the check algorithm of the 20-digit drug trace code is proprietary')],
    );
  },
});
