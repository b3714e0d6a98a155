/** Category profiles: the rules of the eight product categories, and checking records against them. */
import { SuyuanError } from '../../errors.js';
import type { Category } from '../extension.js';
import type { TraceRecord } from '../record.js';
import { BUILT_IN_PROFILES } from './categories.js';
import { ProfileSet, profileViolations, type ProfileViolation } from './profile.js';

export { BUILT_IN_PROFILES, edibleAgricultural, food, drug, agriculturalInput, specialEquipment, hazardousGoods, rareEarth, importExport } from './categories.js';
export { BUILT_IN_CHECKS } from './checks.js';
export type { ProfileCheck } from './checks.js';
export { readPath } from './field-path.js';
export { CategoryProfile, ProfileRule, ProfileSet, defineProfile, extendProfile, profileViolations, registerProfileCheck, profileCheck, ruleApplies } from './profile.js';
export type { ProfileViolation } from './profile.js';

/** The profiles records are checked against unless another `ProfileSet` is given. */
export const defaultProfiles = new ProfileSet(BUILT_IN_PROFILES);

/** Every violation of its category's profile by a record (empty when it complies or names no category). */
export function checkProfile(record: TraceRecord, profiles: ProfileSet = defaultProfiles): ProfileViolation[] {
  const category = (record as { 'suyuan:category'?: Category })['suyuan:category'];
  if (!category) return [];
  const profile = profiles.get(category);
  return profile ? profileViolations(record, profile) : [];
}

/** Throws `RECORD_PROFILE` naming the first violated field and listing every violated rule. */
export function assertProfile(record: TraceRecord, profiles: ProfileSet = defaultProfiles): void {
  const violations = checkProfile(record, profiles);
  if (violations.length === 0) return;
  const first = violations[0]!;
  throw new SuyuanError('RECORD_PROFILE', `The record breaks its ${String((record as Record<string, unknown>)['suyuan:category'])} profile: ${violations.map((v) => `${v.rule}: ${v.message}`).join('; ')}.`, {
    path: first.path,
    expected: first.message,
  });
}
