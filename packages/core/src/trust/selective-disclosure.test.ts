import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import {
  DEFAULT_DIGEST_BUCKET,
  SD_FIELD,
  decodeDisclosure,
  digestCount,
  disclosureDigest,
  makeDisclosure,
  parseSecretPath,
  project,
  secretPathPointer,
} from './selective-disclosure.js';
import { disclose, tryDisclose } from './full-record.js';
import { flips, positions, sampleRecord } from './test-support.js';

/** RFC 9901 §4.2.1 and §4.2.3: the object-property disclosure example and its digest. */
const RFC9901_DISCLOSURE = {
  salt: '_26bc4LT-ac6q2KI6cBW5es',
  name: 'family_name',
  value: 'Möbius',
  disclosure: 'WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0',
  digest: 'X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0',
} as const;

/** RFC 9901 §4.2.1: other encodings of the same claim — valid, with other digests. */
const RFC9901_VARIANTS = [
  'WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNXHUwMGY2Yml1cyJd', // Möbius as \u00f6
  'WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsImZhbWlseV9uYW1lIiwiTcO2Yml1cyJd', // no spaces
  'WwoiXzI2YmM0TFQtYWM2cTJLSTZjQlc1ZXMiLAoiZmFtaWx5X25hbWUiLAoiTcO2Yml1cyIKXQ', // newlines
] as const;

/** RFC 9901 §4.2.2 and §4.2.3: an array-element disclosure and its digest. */
const RFC9901_ARRAY_ELEMENT = { disclosure: 'WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0', digest: 'w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs' } as const;

/** Deterministic salts and decoys for tests. */
function counters() {
  let salts = 0;
  let decoys = 0;
  return {
    salt: () => `salt-${String(++salts).padStart(4, '0')}-aaaaaaaaaaa`,
    decoy: () => Buffer.alloc(32, ++decoys).toString('base64url'),
  };
}

describe('disclosures (RFC 9901)', () => {
  it('reproduces the RFC 9901 §4.2.1 disclosure and its §4.2.3 digest from salt, name and value', () => {
    const disclosure = makeDisclosure(RFC9901_DISCLOSURE.salt, RFC9901_DISCLOSURE.name, RFC9901_DISCLOSURE.value);
    expect(disclosure).toBe(RFC9901_DISCLOSURE.disclosure);
    expect(disclosureDigest(disclosure)).toBe(RFC9901_DISCLOSURE.digest);
  });

  it('hashes the disclosure text as given, not its value: the RFC variants have other digests', () => {
    const digests = RFC9901_VARIANTS.map(disclosureDigest);
    expect(new Set([...digests, RFC9901_DISCLOSURE.digest]).size).toBe(4);
    for (const variant of RFC9901_VARIANTS) {
      expect(JSON.parse(Buffer.from(variant, 'base64url').toString())).toEqual([RFC9901_DISCLOSURE.salt, RFC9901_DISCLOSURE.name, RFC9901_DISCLOSURE.value]);
    }
    expect(disclosureDigest(RFC9901_ARRAY_ELEMENT.disclosure)).toBe(RFC9901_ARRAY_ELEMENT.digest);
  });

  it('writes values canonically, so equal values give equal disclosures', () => {
    const a = makeDisclosure('s', '/x', { b: 1.0, a: [4.5] });
    const b = makeDisclosure('s', '/x', { a: [4.50], b: 1 });
    expect(a).toBe(b);
    expect(Buffer.from(a, 'base64url').toString()).toBe('["s", "/x", {"a":[4.5],"b":1}]');
  });

  it('decodes what it makes, and refuses what is not a Suyuan disclosure', () => {
    const disclosure = makeDisclosure('salt', '/suyuan:product/registrationNumber', 'PD20123456');
    expect(decodeDisclosure(disclosure)).toEqual({ salt: 'salt', name: '/suyuan:product/registrationNumber', path: ['suyuan:product', 'registrationNumber'], value: 'PD20123456' });
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    for (const bad of [
      RFC9901_ARRAY_ELEMENT.disclosure, // an array element
      RFC9901_DISCLOSURE.disclosure, // its name is not a JSON Pointer
      `${b64('["s", "/a"]')}=`, // padding
      b64('{"s":1}'),
      b64('["s", "/a", 1, 2]'),
      b64('[1, "/a", 1]'),
      b64('["s", "/eventID", "x"]'), // a public-only field
      b64('["s", "/a/b/c", 1]'), // too deep
      b64('["s", "/a~2", 1]'), // bad pointer escape
      '',
    ]) {
      expectSuyuanError(() => decodeDisclosure(bad), 'DISCLOSURE_INVALID');
    }
  });
});

describe('secret paths', () => {
  it.each<[string, string[], string]>([
    ['quantityList', ['quantityList'], '/quantityList'],
    ['suyuan:product.registrationNumber', ['suyuan:product', 'registrationNumber'], '/suyuan:product/registrationNumber'],
    ['ilmd.cbvmda:lotNumber', ['ilmd', 'cbvmda:lotNumber'], '/ilmd/cbvmda:lotNumber'],
    ['/suyuan:customs', ['suyuan:customs'], '/suyuan:customs'],
    ['/https:~1~1ns.example.com~1field', ['https://ns.example.com/field'], '/https:~1~1ns.example.com~1field'],
    ['/a~0b/c.d', ['a~b', 'c.d'], '/a~0b/c.d'],
  ])('%s', (path, tokens, pointer) => {
    expect(parseSecretPath(path)).toEqual(tokens);
    expect(secretPathPointer(tokens)).toBe(pointer);
  });

  it.each(['', 'a.', '.a', '/a//b', '/a/b/c', 'type', 'eventID', '@context', 'suyuan:sd', 'suyuan:previous', '/eventID'])('refuses %j', (path) => {
    expectSuyuanError(() => parseSecretPath(path), 'DISCLOSURE_INVALID');
  });
});

describe('project and disclose', () => {
  const secrets = ['suyuan:customs', 'suyuan:product.registrationNumber', 'bizTransactionList', 'destinationList', 'quantityList'];

  it('removes the secret fields, leaves sorted digests with decoys, and does not touch the record', () => {
    const record = sampleRecord();
    const before = structuredClone(record);
    const { publicRecord, disclosures } = project(record, secrets);
    expect(record).toEqual(before);
    expect(disclosures).toHaveLength(5);
    for (const name of ['suyuan:customs', 'bizTransactionList', 'destinationList', 'quantityList']) expect(publicRecord).not.toHaveProperty([name]);
    expect(publicRecord['suyuan:product']).toEqual({ name: '丝苗米 5 kg', hsCode: '1006300000' });
    const digests = publicRecord[SD_FIELD] as string[];
    expect(digests).toHaveLength(8);
    expect([...digests].sort()).toEqual(digests);
    expect(new Set(digests).size).toBe(8);
    for (const digest of digests) expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const disclosure of disclosures) expect(digests).toContain(disclosureDigest(disclosure));
    // 128-bit salts, different each time.
    const salts = disclosures.map((d) => decodeDisclosure(d).salt);
    for (const salt of salts) expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(project(record, secrets).disclosures.map((d) => decodeDisclosure(d).salt)).not.toEqual(salts);
  });

  it('gives back the full record with all disclosures, and what was disclosed with some or none', () => {
    const record = sampleRecord();
    const { publicRecord, disclosures } = project(record, secrets);
    expect(disclose(publicRecord, disclosures)).toEqual(record);
    expect(disclose(publicRecord, [...disclosures].reverse())).toEqual(record);
    const { [SD_FIELD]: _digests, ...withoutDigests } = publicRecord;
    expect(disclose(publicRecord, [])).toEqual(withoutDigests);
    const some = disclose(publicRecord, [disclosures[0]!, disclosures[1]!]);
    expect(some['suyuan:customs']).toEqual(record['suyuan:customs']);
    expect(some['suyuan:product']).toEqual(record['suyuan:product']);
    expect(some).not.toHaveProperty('quantityList');
    expect(some).not.toHaveProperty(SD_FIELD);
  });

  it.each([
    [1, 4],
    [2, 4],
    [3, 4],
    [4, 4],
    [5, 8],
    [8, 8],
    [9, 12],
  ])('%i secret field(s) → %i digests: the count tells only the bucket', (secretCount, digests) => {
    expect(digestCount(secretCount)).toBe(digests);
    const record: Record<string, unknown> = { ...sampleRecord(), ilmd: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`example:f${i}`, i])) };
    const paths = Array.from({ length: secretCount }, (_, i) => `ilmd.example:f${i}`);
    const { publicRecord, disclosures } = project(record, paths);
    expect(publicRecord[SD_FIELD]).toHaveLength(digests);
    expect(disclosures).toHaveLength(secretCount);
  });

  it('has no suyuan:sd without secrets, and takes another bucket size', () => {
    expect(project(sampleRecord(), []).publicRecord).not.toHaveProperty(SD_FIELD);
    expect(digestCount(0)).toBe(0);
    expect(DEFAULT_DIGEST_BUCKET).toBe(4);
    expect(project(sampleRecord(), ['quantityList'], { bucket: 16 }).publicRecord[SD_FIELD]).toHaveLength(16);
    expect(project(sampleRecord(), ['quantityList'], { bucket: 1 }).publicRecord[SD_FIELD]).toHaveLength(1);
    expectSuyuanError(() => digestCount(1, 0), 'DISCLOSURE_INVALID');
  });

  it('is deterministic with given salts and decoys', () => {
    const a = project(sampleRecord(), secrets, counters());
    const b = project(sampleRecord(), secrets, counters());
    expect(a).toEqual(b);
  });

  it.each<[string, string[]]>([
    ['an absent field', ['suyuan:quota']],
    ['an absent member', ['suyuan:product.unitCode']],
    ['a member of a list', ['quantityList.0']],
    ['the same field twice', ['quantityList', '/quantityList']],
    ['a field and its parent', ['suyuan:customs', 'suyuan:customs.port']],
    ['a public-only field', ['eventID']],
  ])('refuses %s', (_name, paths) => {
    expectSuyuanError(() => project(sampleRecord(), paths), 'DISCLOSURE_INVALID');
  });

  it('refuses to project a projection, and decoys that repeat', () => {
    const { publicRecord } = project(sampleRecord(), ['quantityList']);
    expectSuyuanError(() => project(publicRecord, ['destinationList']), 'DISCLOSURE_INVALID', { path: SD_FIELD });
    expectSuyuanError(() => project(sampleRecord(), ['quantityList'], { decoy: () => 'A'.repeat(43) }), 'DISCLOSURE_INVALID');
  });

  it('refuses disclosures the record did not commit to, twice, or for fields it has', () => {
    const record = sampleRecord();
    const { publicRecord, disclosures } = project(record, secrets);
    const foreign = makeDisclosure('another-salt-aaaaaaaaaa', '/quantityList', record.quantityList);
    expectSuyuanError(() => disclose(publicRecord, [foreign]), 'DISCLOSURE_INVALID', { path: 'disclosures[0]' });
    expectSuyuanError(() => disclose(publicRecord, [disclosures[0]!, disclosures[0]!]), 'DISCLOSURE_INVALID', { path: 'disclosures[1]' });
    // A digest the signer listed, for a field the public record already has.
    const clash = makeDisclosure('s-aaaaaaaaaaaaaaaaaaaaa', '/action', 'ADD');
    const digests = [...(publicRecord[SD_FIELD] as string[]), disclosureDigest(clash)].sort();
    expectSuyuanError(() => disclose({ ...publicRecord, [SD_FIELD]: digests }, [clash]), 'DISCLOSURE_INVALID');
    // A member of an object the record does not have.
    const orphan = makeDisclosure('s-aaaaaaaaaaaaaaaaaaaaa', '/suyuan:quota/reference', 'Q');
    expectSuyuanError(() => disclose({ ...publicRecord, [SD_FIELD]: [disclosureDigest(orphan)] }, [orphan]), 'DISCLOSURE_INVALID');
    // A digest listed twice.
    const twice = [...(publicRecord[SD_FIELD] as string[])];
    twice[1] = twice[0]!;
    expectSuyuanError(() => disclose({ ...publicRecord, [SD_FIELD]: twice }, []), 'DISCLOSURE_INVALID', { path: SD_FIELD });
    expectSuyuanError(() => disclose({ ...publicRecord, [SD_FIELD]: 'x' }, []), 'DISCLOSURE_INVALID');
    expectSuyuanError(() => disclose(publicRecord, [42 as unknown as string]), 'DISCLOSURE_INVALID');
    expectSuyuanError(() => disclose(publicRecord, ['ü']), 'DISCLOSURE_INVALID');
  });

  it('validates the disclosed record, and keeps a disclosed "__proto__" a plain member', () => {
    const { publicRecord } = project(sampleRecord(), []);
    const bad = makeDisclosure('s-aaaaaaaaaaaaaaaaaaaaa', '/suyuan:category', 'toys');
    expectSuyuanError(() => disclose({ ...publicRecord, 'suyuan:category': undefined, [SD_FIELD]: [disclosureDigest(bad)] }, [bad]), 'RECORD_INVALID');
    const proto = makeDisclosure('s-aaaaaaaaaaaaaaaaaaaaa', '/__proto__', { polluted: true });
    const result = tryDisclose({ ...publicRecord, [SD_FIELD]: [disclosureDigest(proto)] }, [proto]);
    expect(result.ok).toBe(false); // not an EPCIS property name
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(publicRecord)).toBe(Object.prototype);
  });

  it('refuses every changed character of every disclosure (never a throw from tryDisclose)', () => {
    const { publicRecord, disclosures } = project(sampleRecord(), secrets);
    let checked = 0;
    for (const [index, disclosure] of disclosures.entries()) {
      for (const position of positions(disclosure)) {
        for (const changed of flips(disclosure, position)) {
          const others = disclosures.map((d, i) => (i === index ? changed : d));
          const result = tryDisclose(publicRecord, others);
          expect(result.ok).toBe(false);
          expect(!result.ok && result.error.code).toBe('DISCLOSURE_INVALID');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
