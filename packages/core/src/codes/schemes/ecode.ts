/**
 * Ecode (GB/T 31866-2023): a version, a numbering-system identifier (NSI) and a master code. The
 * lengths per version are not public, so an Ecode cannot be told from other digit strings: it is read
 * only when asked for (`parseCode(input, { scheme: 'ecode' })`), as an opaque identifier of digits
 * and letters whose first character is the version. Version 0 is reserved for GS1 codes.
 */
import { defineScheme } from '../scheme.js';
import { notChecked, reading } from '../outcome.js';

const SHAPE = /^(\d)([0-9A-Za-z]+)$/;

export interface EcodeFields {
  readonly version: string;
  /** The NSI and master code, not split (their lengths per version are not public). */
  readonly body: string;
  /** Version 0 is reserved for GS1 codes. */
  readonly gs1Reserved: boolean;
}

export const ecode = defineScheme({
  id: 'ecode',
  title: 'Ecode',
  titleZh: '物联网统一标识 Ecode',
  explicitOnly: true,
  read({ compact }) {
    const match = SHAPE.exec(compact);
    if (!match) return undefined;
    return reading<'ecode'>('shape', compact, { version: match[1]!, body: match[2]!, gs1Reserved: match[1] === '0' }, [
      notChecked('ecode-structure', 'the Ecode lengths per version are not public; the code is kept opaque'),
    ]);
  },
});
