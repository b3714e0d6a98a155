/**
 * Issuer ids, the `iss` of a signed record: `uscc:` and the issuer's 18-character unified social
 * credit code, or `gln:` and a 13-digit GLN for a party abroad — each with a correct check
 * character, so a typo cannot name another enterprise.
 *
 * ```ts
 * issuerId({ uscc: '91350100M000100Y43' }); // 'uscc:91350100M000100Y43'
 * isIssuerId('gln:9521141000007');          // true when the check digit is right
 * ```
 */
import { isValidUscc } from '../codes/schemes/cn-uscc.js';
import { SuyuanError } from '../errors.js';
import { isValidGln } from '../gs1/check-digit.js';

/** `uscc:<18 characters>` or `gln:<13 digits>`. */
export type IssuerId = `uscc:${string}` | `gln:${string}`;

/** Whether `value` is an issuer id with a valid unified social credit code or GLN. */
export function isIssuerId(value: unknown): value is IssuerId {
  if (typeof value !== 'string') return false;
  if (value.startsWith('uscc:')) return isValidUscc(value.slice(5));
  if (value.startsWith('gln:')) return isValidGln(value.slice(4));
  return false;
}

/** `value` as an issuer id, or a `CODE_FORMAT` error saying what an issuer id looks like. */
export function parseIssuerId(value: unknown): IssuerId {
  if (isIssuerId(value)) return value;
  throw new SuyuanError('CODE_FORMAT', `An issuer id is "uscc:" and a unified social credit code, or "gln:" and a GLN, each with a correct check character; got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value}.`, {
    expected: 'uscc:<18 characters> or gln:<13 digits>',
    ...(typeof value === 'string' ? { received: value.slice(0, 40) } : {}),
  });
}

/** The issuer id of a party: its unified social credit code when it has one, else its GLN. */
export function issuerId(party: { uscc?: string | undefined; gln?: string | undefined }): IssuerId {
  return parseIssuerId(party.uscc !== undefined ? `uscc:${party.uscc}` : party.gln !== undefined ? `gln:${party.gln}` : undefined);
}
