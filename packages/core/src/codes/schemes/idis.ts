/**
 * Industrial-internet identifier 工业互联网标识 (Handle / IDIS): `<prefix>/<suffix>`, the prefix
 * `88.<industry>.<enterprise>` dot-separated, the suffix free-form (e.g. `88.1000.2/mm`). Also found
 * inside a resolver URL (`https://<resolver>/88.1000.2/mm`). No check digit.
 */
import { defineScheme } from '../scheme.js';
import { reading } from '../outcome.js';

const PREFIX = /^88(?:\.[0-9A-Za-z]+){2,}$/;
const IN_URL = /^https?:\/\/[^/?#]+\/(?:[^?#]*\/)?(88(?:\.[0-9A-Za-z]+){2,})\/([^?#]+)/i;

export interface IdisFields {
  /** The identifier prefix, e.g. `88.1000.2`. */
  readonly prefix: string;
  /** The industry code: the prefix's second part. */
  readonly industry: string;
  /** The rest of the prefix: the enterprise (and any sub-prefix). */
  readonly enterprise: string;
  readonly suffix: string;
}

function fields(prefix: string, suffix: string): IdisFields {
  const [, industry, ...enterprise] = prefix.split('.');
  return { prefix, industry: industry!, enterprise: enterprise.join('.'), suffix };
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export const idis = defineScheme({
  id: 'idis',
  title: 'Industrial-internet identifier (Handle)',
  titleZh: '工业互联网标识',
  read({ compact }) {
    const inUrl = IN_URL.exec(compact);
    if (inUrl) {
      const suffix = decode(inUrl[2]!);
      if (suffix === undefined || suffix === '') return undefined;
      return reading<'idis'>('marker', `${inUrl[1]}/${suffix}`, fields(inUrl[1]!, suffix));
    }
    const slash = compact.indexOf('/');
    if (slash < 0) return undefined;
    const prefix = compact.slice(0, slash);
    const suffix = compact.slice(slash + 1);
    if (!PREFIX.test(prefix) || suffix === '') return undefined;
    return reading<'idis'>('marker', `${prefix}/${suffix}`, fields(prefix, suffix));
  },
});
