/**
 * The named checks the built-in category profiles use. Each reads a record and returns what it finds
 * wrong, with the field path; profiles refer to them by name (`check: 'quantities-balance'`).
 */
import { toResult } from '../../errors.js';
import { parseCode, type CodeSchemeId } from '../../codes/parse-code.js';
import type { QuantityElement } from '../event.js';
import type { TraceRecord } from '../record.js';
import { readPath } from './field-path.js';

/** A named check: returns what it finds wrong in a record (empty when the record passes). */
export type ProfileCheck = (record: TraceRecord, params: Record<string, unknown>) => { path: string; message: string }[];

type Found = ReturnType<ProfileCheck>;
const asRecord = (record: TraceRecord): Record<string, unknown> => record as Record<string, unknown>;

/** Each `path: [schemes]` in params, when present, must parse as one of the schemes (check digits included). */
const codesValid: ProfileCheck = (record, params) => {
  const found: Found = [];
  for (const [path, schemes] of Object.entries(params)) {
    const value = readPath(record, path);
    if (value === undefined) continue;
    const allowed = (Array.isArray(schemes) ? schemes : [schemes]) as CodeSchemeId[];
    const parsed = toResult(() => parseCode(String(value), { schemes: allowed }));
    if (!parsed.ok) found.push({ path, message: parsed.error.message });
    else if (!allowed.includes(parsed.value.scheme)) found.push({ path, message: `expected a code of scheme ${allowed.join(' or ')}` });
  }
  return found;
};

/** At least one party has one of `params.roles`. */
const partyRole: ProfileCheck = (record, params) => {
  const roles = (params.roles as string[] | undefined) ?? [];
  const parties = asRecord(record)['suyuan:parties'] as { role: string }[] | undefined;
  return parties?.some((party) => roles.includes(party.role)) ? [] : [{ path: 'suyuan:parties', message: `a party with role ${roles.join(' or ')} is named` }];
};

/**
 * A pesticide's 32-digit unit code (MOA announcement 2579) agrees with its registration number: the
 * registration type digit (1 PD, 2 WP, 3 temporary) and the number's last six digits.
 */
const pesticideCodeMatchesRegistration: ProfileCheck = (record) => {
  const unitCode = readPath(record, 'suyuan:product.unitCode');
  const registration = readPath(record, 'suyuan:product.registrationNumber');
  if (typeof unitCode !== 'string' || typeof registration !== 'string') return [];
  const parsed = toResult(() => parseCode(unitCode, { scheme: 'cn-pesticide' }));
  if (!parsed.ok || parsed.value.scheme !== 'cn-pesticide') return [{ path: 'suyuan:product.unitCode', message: 'the unit code is not a 32-digit pesticide code' }];
  const fields = parsed.value.fields;
  const number = registration.replace(/\s/g, '').toUpperCase();
  const found: Found = [];
  const digits = /(\d{6})$/.exec(number)?.[1];
  if (digits !== fields.registrationNumberDigits) {
    found.push({ path: 'suyuan:product.unitCode', message: `the code's registration digits ${fields.registrationNumberDigits} do not match registration number ${registration}` });
  }
  const type = number.startsWith('PD') ? 'PD' : number.startsWith('WP') ? 'WP' : number.startsWith('LS') ? 'temporary' : undefined;
  if (type !== undefined && type !== fields.registrationType) {
    found.push({ path: 'suyuan:product.unitCode', message: `the code says registration type ${fields.registrationType}, the registration number ${type}` });
  }
  return found;
};

/** Every party (but those in `params.except` roles) holds a licence of one of `params.types`. */
const licenceForEveryHolder: ProfileCheck = (record, params) => {
  const types = (params.types as string[] | undefined) ?? [];
  const except = (params.except as string[] | undefined) ?? [];
  const r = asRecord(record);
  const parties = (r['suyuan:parties'] as { uscc?: string; gln?: string; name: string; role: string }[] | undefined) ?? [];
  const licences = (r['suyuan:licences'] as { type: string; holder?: string }[] | undefined) ?? [];
  const found: Found = [];
  parties.forEach((party, index) => {
    if (except.includes(party.role)) return;
    const id = party.uscc ?? party.gln;
    if (!licences.some((licence) => licence.holder === id && (types.length === 0 || types.includes(licence.type)))) {
      found.push({ path: `suyuan:parties[${index}]`, message: `${party.name} (${party.role}) holds no licence of type ${types.join(', ')} in suyuan:licences` });
    }
  });
  return found;
};

function totals(list: readonly QuantityElement[] | undefined): Map<string, number> {
  const sums = new Map<string, number>();
  for (const item of list ?? []) {
    if (item.quantity === undefined) continue;
    const uom = item.uom ?? 'EA';
    sums.set(uom, (sums.get(uom) ?? 0) + item.quantity);
  }
  return sums;
}

/**
 * A transformation's input and output quantities balance: for each unit, outputs do not exceed inputs
 * and differ from them by at most `params.tolerance` (a fraction; default 0.02).
 */
const quantitiesBalance: ProfileCheck = (record, params) => {
  if (record.type !== 'TransformationEvent') return [];
  const tolerance = typeof params.tolerance === 'number' ? params.tolerance : 0.02;
  const inputs = totals(record.inputQuantityList);
  const outputs = totals(record.outputQuantityList);
  if (inputs.size === 0 || outputs.size === 0) return [{ path: 'inputQuantityList', message: 'inputs and outputs are stated as quantities' }];
  const found: Found = [];
  for (const [uom, output] of outputs) {
    const input = inputs.get(uom);
    if (input === undefined) {
      found.push({ path: 'outputQuantityList', message: `outputs in ${uom} have no input in ${uom} to balance against` });
    } else if (output > input * (1 + 1e-9) || (input - output) / input > tolerance) {
      found.push({ path: 'outputQuantityList', message: `${output} ${uom} out for ${input} ${uom} in does not balance (tolerance ${tolerance * 100}%)` });
    }
  }
  return found;
};

/** The quantity produced stays within the production quota (`suyuan:quota`). */
const withinQuota: ProfileCheck = (record) => {
  const quota = asRecord(record)['suyuan:quota'] as { amount: number; usedBefore: number; uom: string; reference: string } | undefined;
  if (!quota) return [];
  const list = record.type === 'TransformationEvent' ? record.outputQuantityList : record.type === 'ObjectEvent' ? record.quantityList : undefined;
  const produced = totals(list).get(quota.uom) ?? 0;
  return quota.usedBefore + produced > quota.amount
    ? [{ path: 'suyuan:quota', message: `${quota.usedBefore} + ${produced} ${quota.uom} exceeds quota ${quota.reference} of ${quota.amount} ${quota.uom}` }]
    : [];
};

/** A passed inspection whose next due date is not before the event's date. */
const inspectionCurrent: ProfileCheck = (record) => {
  const inspections = (asRecord(record)['suyuan:inspections'] as { result: string; nextDue?: string }[] | undefined) ?? [];
  const day = record.eventTime.slice(0, 10);
  return inspections.some((inspection) => inspection.result === 'pass' && inspection.nextDue !== undefined && inspection.nextDue >= day)
    ? []
    : [{ path: 'suyuan:inspections', message: `no passed inspection is valid on ${day} (nextDue on or after it)` }];
};

/** An expiry date (`ilmd.cbvmda:itemExpirationDate`), when given, is after the event. */
const expiryAfterEvent: ProfileCheck = (record) => {
  const expiry = readPath(record, 'ilmd.cbvmda:itemExpirationDate');
  if (typeof expiry !== 'string') return [];
  return expiry.slice(0, 10) > record.eventTime.slice(0, 10) ? [] : [{ path: 'ilmd.cbvmda:itemExpirationDate', message: `expiry ${expiry} is not after the event` }];
};

/** Packing aggregates into a case or pallet: the parent's packaging level is above item level. */
const aggregationHierarchy: ProfileCheck = (record) => {
  if (record.type !== 'AggregationEvent' || record.action !== 'ADD') return [];
  const level = readPath(record, 'suyuan:product.packagingLevel');
  const found: Found = [];
  if (level !== 'case' && level !== 'pallet' && level !== 'inner-pack') {
    found.push({ path: 'suyuan:product.packagingLevel', message: 'the parent is an inner pack, case or pallet' });
  }
  if (!record.childEPCs?.length && !record.childQuantityList?.length) found.push({ path: 'childEPCs', message: 'the packed children are named' });
  return found;
};

export const BUILT_IN_CHECKS: Record<string, ProfileCheck> = {
  'codes-valid': codesValid,
  'party-role': partyRole,
  'pesticide-code-matches-registration': pesticideCodeMatchesRegistration,
  'licence-for-every-holder': licenceForEveryHolder,
  'quantities-balance': quantitiesBalance,
  'within-quota': withinQuota,
  'inspection-current': inspectionCurrent,
  'expiry-after-event': expiryAfterEvent,
  'aggregation-hierarchy': aggregationHierarchy,
};
