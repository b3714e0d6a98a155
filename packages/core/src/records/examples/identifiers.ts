/**
 * Identifiers for the example chains: GS1 keys with computed check digits (GS1 China company prefixes
 * 690–699) and unified social credit codes with computed check characters. Example data only.
 */
import { usccCheckCharacter } from '../../codes/schemes/cn-uscc.js';
import { gs1CheckDigit } from '../../gs1/check-digit.js';
import type { Party } from '../extension.js';

const withCheck = (body: string): string => body + gs1CheckDigit(body);

/** A GTIN-14 from a 7-digit company prefix and a 5-digit item reference. */
export const gtin = (companyPrefix: string, item: string, indicator = '0'): string => withCheck(indicator + companyPrefix + item);
/** A GLN from a 7-digit company prefix and a 5-digit location reference. */
export const gln = (companyPrefix: string, location: string): string => withCheck(companyPrefix + location);
/** An SSCC from an extension digit, a 7-digit company prefix and a 9-digit serial reference. */
export const sscc = (companyPrefix: string, serial: string, extension = '0'): string => withCheck(extension + companyPrefix + serial);

const DL = 'https://id.gs1.org';
/** A trade item instance: GTIN + serial. */
export const item = (gtin14: string, serial: string): string => `${DL}/01/${gtin14}/21/${serial}`;
/** A lot of a trade item: GTIN + batch. */
export const lot = (gtin14: string, batch: string): string => `${DL}/01/${gtin14}/10/${batch}`;
/** A logistic unit (case, pallet). */
export const logisticUnit = (sscc18: string): string => `${DL}/00/${sscc18}`;
/** A location. */
export const place = (gln13: string): string => `${DL}/414/${gln13}`;

/** A unified social credit code from its first 17 characters. */
export const uscc = (body: string): string => body + usccCheckCharacter(body);

export function enterprise(name: string, body: string): Omit<Party, 'role'> {
  return { uscc: uscc(body), name };
}
