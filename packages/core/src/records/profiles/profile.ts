/**
 * Category profiles: which fields a record must carry at which step of a product's life. A profile is
 * data — rules with a condition (`when`), required field paths (`require`) and named checks (`check`)
 * — so a city adds a local rule without forking: `extendProfile(profile, rules)` or a new profile in a
 * `ProfileSet`. Checks are functions registered by name (`registerProfileCheck`).
 */
import { z } from 'zod';
import { SuyuanError } from '../../errors.js';
import type { EventType } from '../event.js';
import { ACTIVITIES, CATEGORIES, type Category } from '../extension.js';
import type { TraceRecord } from '../record.js';
import { BUILT_IN_CHECKS } from './checks.js';
import { readPath } from './field-path.js';

export { readPath };

const EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] as const;

/**
 * A field path into a record: property names separated by `.` (names may contain `:`), with
 * `[field=value]` to require an array element whose `field` equals `value`:
 * `suyuan:product.approvalNumber`, `ilmd.cbvmda:lotNumber`, `suyuan:parties[role=producer]`.
 */
export const FieldPath = z.string().regex(/^[^.[\]\s]+(\[[\w:-]+=[^\]]+\])?(\.[^.[\]\s]+(\[[\w:-]+=[^\]]+\])?)*$/, 'expected a field path such as suyuan:product.approvalNumber');

export const ProfileRule = z.strictObject({
  /** A stable id, `<category>.<what>`, e.g. `drug.approval-number`. */
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/),
  /** What the rule asks, in words a user can act on. */
  description: z.string().min(1),
  /** The records the rule applies to; all listed conditions must hold (none: every record of the category). */
  when: z
    .strictObject({
      activities: z.array(z.enum(ACTIVITIES)).min(1).optional(),
      types: z.array(z.enum(EVENT_TYPES)).min(1).optional(),
      bizSteps: z.array(z.string()).min(1).optional(),
      actions: z.array(z.enum(['OBSERVE', 'ADD', 'DELETE'])).min(1).optional(),
      productKinds: z.array(z.string()).min(1).optional(),
    })
    .optional(),
  /** Field paths that must be present and non-empty. */
  require: z.array(FieldPath).optional(),
  /** A named check (see `registerProfileCheck`) and its parameters. */
  check: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const CategoryProfile = z.strictObject({
  category: z.enum(CATEGORIES),
  title: z.string(),
  titleZh: z.string(),
  /** Which product kinds the category covers (`suyuan:productKind`), for documentation and checks. */
  productKinds: z.array(z.string()).optional(),
  rules: z.array(ProfileRule),
});

export type ProfileRule = z.infer<typeof ProfileRule>;
export type CategoryProfile = z.infer<typeof CategoryProfile>;

/** One broken rule: which rule, which field, and what it asks. */
export interface ProfileViolation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

export type { ProfileCheck } from './checks.js';
import type { ProfileCheck } from './checks.js';

const CHECKS = new Map<string, ProfileCheck>(Object.entries(BUILT_IN_CHECKS));

/** Registers a named check that profile rules can refer to with `check: name`. */
export function registerProfileCheck(name: string, check: ProfileCheck): void {
  if (!/^[a-z][a-z0-9-]*$/.test(name) || typeof check !== 'function') {
    throw new SuyuanError('INPUT_TYPE', 'A profile check needs a lower-case hyphenated name and a function.', { received: name });
  }
  CHECKS.set(name, check);
}

export function profileCheck(name: string): ProfileCheck | undefined {
  return CHECKS.get(name);
}

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Whether a rule applies to a record (its `when` conditions hold). */
export function ruleApplies(rule: ProfileRule, record: TraceRecord): boolean {
  const when = rule.when;
  if (!when) return true;
  const r = record as Record<string, unknown>;
  if (when.activities && !when.activities.includes(r['suyuan:activity'] as never)) return false;
  if (when.types && !when.types.includes(record.type as EventType)) return false;
  if (when.bizSteps && !when.bizSteps.includes(String(record.bizStep))) return false;
  if (when.actions && !when.actions.includes(r.action as 'OBSERVE')) return false;
  if (when.productKinds && !when.productKinds.includes(String(r['suyuan:productKind']))) return false;
  return true;
}

/** Every violation of `profile`'s rules by `record` (empty when it complies). */
export function profileViolations(record: TraceRecord, profile: CategoryProfile): ProfileViolation[] {
  const violations: ProfileViolation[] = [];
  for (const rule of profile.rules) {
    if (!ruleApplies(rule, record)) continue;
    for (const path of rule.require ?? []) {
      if (!present(readPath(record, path))) violations.push({ rule: rule.id, path, message: `${rule.description} (missing ${path})` });
    }
    if (rule.check) {
      const check = CHECKS.get(rule.check);
      if (!check) {
        violations.push({ rule: rule.id, path: '', message: `the profile names check "${rule.check}", which is not registered` });
        continue;
      }
      for (const found of check(record, rule.params ?? {})) violations.push({ rule: rule.id, path: found.path, message: `${rule.description}: ${found.message}` });
    }
  }
  return violations;
}

/** A profile with more rules (a city's local rules), validated. */
export function extendProfile(profile: CategoryProfile, rules: readonly ProfileRule[]): CategoryProfile {
  return defineProfile({ ...profile, rules: [...profile.rules, ...rules] });
}

/** Validates a profile definition (data from a file or an API). */
export function defineProfile(profile: unknown): CategoryProfile {
  const parsed = CategoryProfile.safeParse(profile);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SuyuanError('INPUT_TYPE', `The profile is not valid: ${issue.path.join('.')}: ${issue.message}.`, { path: issue.path.join('.') });
  }
  const ids = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (ids.has(rule.id)) throw new SuyuanError('INPUT_TYPE', `The profile has rule "${rule.id}" twice.`, { path: 'rules' });
    ids.add(rule.id);
  }
  return parsed.data;
}

/** The profiles to check records against, by category. */
export class ProfileSet {
  readonly #profiles = new Map<Category, CategoryProfile>();

  constructor(profiles: readonly CategoryProfile[] = []) {
    for (const profile of profiles) this.set(profile);
  }

  set(profile: CategoryProfile): this {
    this.#profiles.set(profile.category, defineProfile(profile));
    return this;
  }

  get(category: Category): CategoryProfile | undefined {
    return this.#profiles.get(category);
  }

  list(): CategoryProfile[] {
    return [...this.#profiles.values()];
  }
}
