/**
 * The codes a record names — every EPC and product class in its lists, its parent, its inputs and
 * outputs — in the canonical form core's trace graph uses (`traceNodeKey`: an EPC URN and the Digital
 * Link of the same thing give the same key), so the platform finds a record by any code on a package.
 */
import { traceNodeKey, type TraceRecord } from '@suyuan/core';

const ID_LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const;
const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'] as const;

/** The distinct canonical codes of the identifiers a record names, in the order they appear. */
export function recordCodes(record: TraceRecord): string[] {
  const event = record as Partial<Record<(typeof ID_LISTS)[number], readonly string[]>> &
    Partial<Record<(typeof QUANTITY_LISTS)[number], readonly { epcClass: string }[]>> & { parentID?: string };
  const ids: string[] = [];
  if (event.parentID) ids.push(event.parentID);
  for (const list of ID_LISTS) ids.push(...(event[list] ?? []));
  for (const list of QUANTITY_LISTS) ids.push(...(event[list] ?? []).map((quantity) => quantity.epcClass));
  return [...new Set(ids.map(canonicalCode))];
}

/** The canonical key of an identifier; one core cannot read (a private URI) stands for itself. */
function canonicalCode(id: string): string {
  try {
    return traceNodeKey(id);
  } catch {
    return id;
  }
}
