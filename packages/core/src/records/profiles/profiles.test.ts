import { describe, expect, it } from 'vitest';
import { exampleChains } from '../examples/chains.js';
import { parseRecord, type TraceRecord } from '../record.js';
import { readPath } from './field-path.js';
import { BUILT_IN_PROFILES, checkProfile, assertProfile, defaultProfiles, ProfileSet, extendProfile, defineProfile, registerProfileCheck } from './index.js';
import { profileViolations, ruleApplies, type CategoryProfile, type ProfileRule } from './profile.js';
import { expectSuyuanError } from '../../test-support.js';

const chains = exampleChains();
const records = chains.flatMap((chain) => chain.records);

/** A deep copy of `record` without the value at `path` (for `[field=value]`, without that element). */
function without(record: TraceRecord, path: string): TraceRecord {
  const copy = structuredClone(record) as Record<string, unknown>;
  const steps = path.split('.');
  let parent: Record<string, unknown> = copy;
  for (const [index, step] of steps.entries()) {
    const match = /^([^[]+)(?:\[([^=]+)=([^\]]+)\])?$/.exec(step)!;
    const last = index === steps.length - 1;
    const value = parent[match[1]!];
    if (match[2] !== undefined) {
      const list = value as Record<string, unknown>[];
      const at = list.findIndex((item) => String(item[match[2]!]) === match[3]);
      if (last) {
        list.splice(at, 1);
        return copy as TraceRecord;
      }
      parent = list[at]!;
    } else if (last) {
      delete parent[match[1]!];
    } else {
      parent = value as Record<string, unknown>;
    }
  }
  return copy as TraceRecord;
}

function applicable(profile: CategoryProfile, rule: ProfileRule): TraceRecord[] {
  return records.filter((r) => r['suyuan:category'] === profile.category && ruleApplies(rule, r));
}

/** Valid sample values for required fields that no example chain exercises. */
const SAMPLES: Record<string, (kind: string | undefined) => unknown> = {
  approvalNumber: (kind) => (kind === 'veterinary-drug' ? '兽药字(2026)190001' : '国药准字H44020001'),
  registrationNumber: () => 'FR-2026-0001',
  unitCode: (kind) => (kind === 'veterinary-drug' ? '202403150012300000012345' : 'QL2024A0001'),
};
const DAY = '2026-06-01';

/** Makes `record` carry the field at `path` with a valid value. */
function satisfy(record: Record<string, unknown>, path: string): void {
  const party = (record['suyuan:parties'] as { uscc?: string; name: string }[])[0]!;
  const filter = /^([^[]+)\[([^=]+)=([^\]]+)\]$/.exec(path);
  if (filter) {
    const [, list, field, value] = filter as unknown as [string, string, string, string];
    const element =
      list === 'suyuan:parties'
        ? { uscc: party.uscc, name: party.name, [field]: value }
        : list === 'suyuan:licences'
          ? { [field]: value, number: 'L-2026-0001', holder: party.uscc }
          : { [field]: value, result: 'pass', date: DAY };
    record[list] = [...((record[list] as unknown[]) ?? []), element];
  } else if (path.startsWith('suyuan:product.')) {
    const key = path.slice('suyuan:product.'.length);
    record['suyuan:product'] = { ...(record['suyuan:product'] as object), [key]: SAMPLES[key]!(record['suyuan:productKind'] as string | undefined) };
  } else if (path === 'destinationList' || path === 'sourceList') {
    const end = path === 'sourceList' ? 'source' : 'destination';
    record[path] = [{ type: 'owning_party', [end]: 'https://id.gs1.org/414/6901234000016' }];
  } else if (path === 'suyuan:inspections') {
    record[path] = [{ kind: 'release-test', result: 'pass', date: DAY }];
  } else {
    throw new Error(`no sample value for ${path}`);
  }
}

/** A record of the category to which `rule` applies and which meets its requirements: from a chain, or made from one. */
function exampleFor(profile: CategoryProfile, rule: ProfileRule): TraceRecord {
  const found = applicable(profile, rule).find((r) => rule.require!.every((path) => readPath(r, path) !== undefined));
  if (found) return found;
  const base = structuredClone(records.find((r) => r['suyuan:category'] === profile.category)!) as Record<string, unknown>;
  if (rule.when?.activities) base['suyuan:activity'] = rule.when.activities[0];
  if (rule.when?.productKinds && base['suyuan:productKind'] !== rule.when.productKinds[0]) {
    base['suyuan:productKind'] = rule.when.productKinds[0];
    delete base['suyuan:product'];
  }
  for (const path of rule.require!) if (readPath(base, path) === undefined) satisfy(base, path);
  const made = parseRecord(base);
  expect(ruleApplies(rule, made)).toBe(true);
  return made;
}

describe('the built-in category profiles', () => {
  it('cover all eight categories, and every example chain passes its profile', () => {
    expect(BUILT_IN_PROFILES.map((p) => p.category).sort()).toEqual(
      ['agricultural-input', 'drug', 'edible-agricultural', 'food', 'hazardous-goods', 'import-export', 'rare-earth', 'special-equipment'],
    );
    expect(chains.map((c) => c.category).sort()).toEqual(BUILT_IN_PROFILES.map((p) => p.category).sort());
    for (const record of records) expect(checkProfile(record), `${record['suyuan:category']} ${record['suyuan:activity']}`).toEqual([]);
  });

  for (const profile of BUILT_IN_PROFILES) {
    describe(profile.category, () => {
      for (const rule of profile.rules.filter((r) => r.require?.length)) {
        it(`${rule.id}: removing each required field is a violation naming it`, () => {
          const complete = exampleFor(profile, rule);
          expect(profileViolations(complete, { ...profile, rules: [rule] }), `${rule.id} on its complete example`).toEqual([]);
          for (const path of rule.require!) {
            const broken = without(complete, path);
            const violations = checkProfile(broken);
            expect(violations.some((v) => v.rule === rule.id && v.path === path), `${rule.id} without ${path}`).toBe(true);
          }
        });
      }
    });
  }
});

describe('named checks', () => {
  const find = (category: string, activity: string): TraceRecord =>
    structuredClone(records.find((r) => r['suyuan:category'] === category && r['suyuan:activity'] === activity)!);

  it('pesticide: the 32-digit code must agree with the registration number', () => {
    const made = find('agricultural-input', 'process');
    made['suyuan:product']!.registrationNumber = 'PD20120002';
    expect(checkProfile(made).map((v) => v.rule)).toContain('agricultural-input.pesticide.registration');
    made['suyuan:product']!.registrationNumber = 'WP20120001';
    expect(checkProfile(made).some((v) => v.message.includes('registration type'))).toBe(true);
  });

  it('rare earth: outputs beyond the inputs, or a loss beyond the tolerance, do not balance; production beyond the quota fails', () => {
    const separated = find('rare-earth', 'transform') as Extract<TraceRecord, { type: 'TransformationEvent' }>;
    const tooMuch = structuredClone(separated);
    tooMuch.outputQuantityList![0]!.quantity = 40;
    expect(checkProfile(tooMuch).map((v) => v.rule)).toContain('rare-earth.transform.balance');
    const lost = structuredClone(separated);
    lost.outputQuantityList![1]!.quantity = 60;
    expect(checkProfile(lost).map((v) => v.rule)).toContain('rare-earth.transform.balance');
    const overQuota = structuredClone(separated);
    overQuota['suyuan:quota']!.usedBefore = 1_450;
    expect(checkProfile(overQuota).map((v) => v.rule)).toEqual(['rare-earth.transform.quota']);
  });

  it('hazardous goods: every holder must hold a licence', () => {
    const moved = find('hazardous-goods', 'transport');
    moved['suyuan:licences'] = moved['suyuan:licences']!.filter((l) => l.type !== 'hazardous-goods-transport');
    const violations = checkProfile(moved);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: 'hazardous-goods.holders.licensed', path: 'suyuan:parties[0]' });
  });

  it('hazardous goods: a CAS number with a wrong check digit is refused', () => {
    const made = find('hazardous-goods', 'process');
    made['suyuan:product']!.casNumber = '64-17-6';
    expect(checkProfile(made).map((v) => v.rule)).toEqual(['hazardous-goods.codes']);
  });

  it('special equipment: an overdue inspection stops use', () => {
    const inUse = find('special-equipment', 'use');
    inUse['suyuan:inspections'] = [{ ...inUse['suyuan:inspections']![0]!, nextDue: '2026-06-01' }];
    expect(checkProfile(inUse).map((v) => v.rule)).toContain('special-equipment.use.registration');
  });

  it('drug: packing into an item-level parent breaks the hierarchy; a bad trace code is refused', () => {
    const cased = find('drug', 'pack');
    cased['suyuan:product'] = { packagingLevel: 'item' };
    expect(checkProfile(cased).map((v) => v.rule)).toContain('drug.pack.hierarchy');
    const made = find('drug', 'process');
    made['suyuan:product']!.unitCode = '12345';
    expect(checkProfile(made).map((v) => v.rule)).toContain('drug.trace-code');
  });

  it('food: an expiry before production is refused', () => {
    const milled = find('food', 'transform') as Extract<TraceRecord, { type: 'TransformationEvent' }>;
    milled.ilmd!['cbvmda:itemExpirationDate'] = '2026-01-01';
    expect(checkProfile(milled).map((v) => v.rule)).toEqual(['food.production.expiry']);
  });
});

describe('extending profiles', () => {
  it('a city adds a local rule without forking; assertProfile names the field and the rule', () => {
    const local = extendProfile(defaultProfiles.get('edible-agricultural')!, [
      { id: 'edible-agricultural.huizhou.origin-certificate', description: 'Huizhou lychees carry a geographical-indication certificate', when: { activities: ['harvest'] }, require: ['suyuan:certificates[scheme=geographical-indication]'] },
    ]);
    const profiles = new ProfileSet(BUILT_IN_PROFILES).set(local);
    const harvested = records.find((r) => r['suyuan:activity'] === 'harvest' && r['suyuan:category'] === 'edible-agricultural')!;
    expect(checkProfile(harvested)).toEqual([]);
    const error = expectSuyuanError(() => assertProfile(harvested, profiles), 'RECORD_PROFILE', { path: 'suyuan:certificates[scheme=geographical-indication]' });
    expect(error.message).toContain('edible-agricultural.huizhou.origin-certificate');
  });

  it('custom named checks run; an unknown check name is itself a violation', () => {
    registerProfileCheck('always-night', (record) => (record.eventTime.slice(11, 13) < '18' ? [{ path: 'eventTime', message: 'recorded by day' }] : []));
    const profile = defineProfile({ category: 'food', title: 't', titleZh: 't', rules: [{ id: 'food.night', description: 'night only', check: 'always-night' }, { id: 'food.ghost', description: 'ghost', check: 'no-such-check' }] });
    const milled = records.find((r) => r['suyuan:category'] === 'food')!;
    expect(profileViolations(milled, profile).map((v) => v.rule)).toEqual(['food.night', 'food.ghost']);
  });

  it('refuses malformed profiles and duplicate rule ids', () => {
    expectSuyuanError(() => defineProfile({ category: 'food', title: 't', titleZh: 't', rules: [{ id: 'Bad Id', description: 'x' }] }), 'INPUT_TYPE');
    expectSuyuanError(() => defineProfile({ category: 'nope', title: 't', titleZh: 't', rules: [] }), 'INPUT_TYPE');
    expectSuyuanError(
      () => defineProfile({ category: 'food', title: 't', titleZh: 't', rules: [{ id: 'food.a', description: 'x' }, { id: 'food.a', description: 'y' }] }),
      'INPUT_TYPE',
    );
  });
});
