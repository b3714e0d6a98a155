/**
 * Selective disclosure of record fields, on the SD-JWT model (RFC 9901): a secret field leaves the
 * record, and a salted digest of it stays behind in the one Suyuan field `suyuan:sd`. The
 * *disclosure* — base64url of the JSON array `[salt, name, value]` — goes to those entitled to see
 * the field; whoever holds it can show that the signed record committed to exactly that value.
 *
 * ```ts
 * const { publicRecord, disclosures } = project(record, ['suyuan:customs', 'suyuan:product.registrationNumber']);
 * publicRecord['suyuan:sd'];          // 4 sorted digests: 2 real, 2 decoys
 * disclose(publicRecord, disclosures); // the full record again (each digest checked)
 * disclose(publicRecord, []);          // the public projection, without `suyuan:sd`
 * ```
 *
 * **Secret paths.** A path names a top-level property of the record (`quantityList`,
 * `bizTransactionList`, `destinationList`, `suyuan:customs`) or a property of a top-level object
 * (`suyuan:product.registrationNumber`, `ilmd.cbvmda:lotNumber`): the text before the first `.` is the
 * top-level name, the rest the member. A top-level name that itself contains `.` or `/` is written as
 * a JSON Pointer (RFC 6901) instead: `/https:~1~1ns.example.com~1field` or `/suyuan:product/name`.
 * Deeper paths and array elements are out of scope: hide the whole property. Paths must name fields
 * that are present; the same field twice, or a field and its parent object, is refused; so are
 * `type`, `eventID`, `@context`, `suyuan:sd` and `suyuan:previous`, which must stay public (the
 * event type, the identity, the meaning of the names, the digests themselves, the chain links). When
 * every member of an object is secret the empty object stays, so the disclosures have a place to go.
 *
 * **Disclosures.** The disclosure's claim name is the path as a JSON Pointer (`/suyuan:customs`,
 * `/suyuan:product/registrationNumber`): one Suyuan field holds every digest, so the name says where
 * the value goes back. The array is written as RFC 9901's examples write it — elements separated by
 * `", "` — with the value in RFC 8785 canonical form; so the RFC's `["_26bc4LT-ac6q2KI6cBW5es",
 * "family_name", "Möbius"]` gives the RFC's very disclosure and digest. The digest is base64url of
 * SHA-256 over the disclosure's ASCII text (RFC 9901 §4.2.3), never over a re-serialisation. Salts
 * are 128 random bits (§9.3).
 *
 * **Decoys.** The number of digests is rounded up to a multiple of the bucket (4 by default, at
 * least one bucket) with digests of random values (§4.2.5), so the public record tells only how
 * many buckets of secrets it has. Digests are sorted, so their order tells nothing either. A record
 * with no secrets has no `suyuan:sd` at all.
 *
 * **Checking.** `disclose` refuses (`DISCLOSURE_INVALID`) a disclosure that is not canonical
 * base64url of a three-element JSON array with string salt and name, whose digest is not in
 * `suyuan:sd`, that is given twice, that names a field the record already has or a parent that is not
 * an object, or a public-only field; and a `suyuan:sd` with a digest twice (RFC 9901 §7.1). It returns
 * the record with what was disclosed put back and `suyuan:sd` removed, validated as a record — with
 * all, some or none of the disclosures.
 */
import { sha256 } from '../crypto/sha256.js';
import { SuyuanError } from '../errors.js';
import type { TraceRecord } from '../records/record.js';
import type { RecordValidator } from './record-shape.js';
import { asciiBytes, decodeBase64url, decodeUtf8, encodeBase64url, encodeUtf8 } from './base64url.js';
import { canonicalize, compareCodeUnits } from './canonical-json.js';

/** The Suyuan field that holds the digests of secret fields. */
export const SD_FIELD = 'suyuan:sd';

/** Default bucket: the digest count is a multiple of this. */
export const DEFAULT_DIGEST_BUCKET = 4;

/** Top-level fields that are never secret. */
export const PUBLIC_ONLY_FIELDS: readonly string[] = ['type', 'eventID', '@context', SD_FIELD, 'suyuan:previous'];

export interface ProjectionOptions {
  /** The digest count is rounded up to a multiple of this (at least one bucket). Default 4. */
  bucket?: number;
  /** A new salt for each disclosure (default: 128 random bits, base64url). For tests. */
  salt?: () => string;
  /** A new decoy digest (default: base64url SHA-256 of 128 random bits). For tests. */
  decoy?: () => string;
}

/** A record's public projection and the disclosures of what it keeps secret. */
export interface Projection {
  publicRecord: Record<string, unknown>;
  disclosures: string[];
}

/** A decoded disclosure: where the value goes (`path` as tokens), and the value. */
export interface DecodedDisclosure {
  salt: string;
  /** The claim name: the field's path as a JSON Pointer. */
  name: string;
  path: [string] | [string, string];
  value: unknown;
}

function sdError(message: string, details: { path?: string; expected?: string; received?: string } = {}): SuyuanError {
  return new SuyuanError('DISCLOSURE_INVALID', message, details);
}

// ---------------------------------------------------------------------------------------------------
// Paths

const ESCAPED = /~(?![01])/;

/** Parses a secret path (`name`, `name.member`, or a JSON Pointer `/name`, `/name/member`) into its tokens. */
export function parseSecretPath(path: string): [string] | [string, string] {
  if (typeof path !== 'string' || path === '') throw sdError('A secret path is a non-empty string such as "suyuan:customs" or "suyuan:product.registrationNumber".', { expected: 'name or name.member' });
  let tokens: string[];
  if (path.startsWith('/')) {
    if (ESCAPED.test(path)) throw sdError(`The JSON Pointer ${JSON.stringify(path)} has a "~" that is not "~0" or "~1".`, { path, expected: 'RFC 6901 JSON Pointer' });
    tokens = path.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  } else {
    const dot = path.indexOf('.');
    tokens = dot < 0 ? [path] : [path.slice(0, dot), path.slice(dot + 1)];
  }
  if (tokens.length > 2 || tokens.some((token) => token === '')) {
    throw sdError(`The secret path ${JSON.stringify(path)} is not a top-level property or a property of a top-level object.`, { path, expected: 'name or name.member' });
  }
  if (PUBLIC_ONLY_FIELDS.includes(tokens[0]!)) {
    throw sdError(`"${tokens[0]}" stays public: ${PUBLIC_ONLY_FIELDS.join(', ')} cannot be kept secret.`, { path, expected: 'another field' });
  }
  return tokens as [string] | [string, string];
}

/** The JSON Pointer (RFC 6901) of path tokens: the claim name of a disclosure. */
export function secretPathPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

// ---------------------------------------------------------------------------------------------------
// Disclosures

/**
 * The disclosure of one object property, RFC 9901 §4.2.1: base64url of the UTF-8 JSON array
 * `[salt, name, value]`, written with `", "` between the elements (as the RFC's examples) and the
 * value in canonical form.
 */
export function makeDisclosure(salt: string, name: string, value: unknown): string {
  if (typeof salt !== 'string' || salt === '' || typeof name !== 'string') throw sdError('A disclosure has a non-empty string salt and a string name.', { expected: 'strings' });
  if (value === undefined) throw sdError('A disclosure discloses a value; undefined is none.', { path: name });
  return encodeBase64url(encodeUtf8(`[${canonicalize(salt)}, ${canonicalize(name)}, ${canonicalize(value)}]`));
}

/** The digest of a disclosure: base64url SHA-256 of its ASCII text (RFC 9901 §4.2.3). */
export function disclosureDigest(disclosure: string): string {
  const bytes = typeof disclosure === 'string' ? asciiBytes(disclosure) : undefined;
  if (!bytes) throw sdError('A disclosure is base64url text (ASCII).', { expected: 'base64url' });
  return encodeBase64url(sha256(bytes));
}

/** Decodes a disclosure of a record field; throws `DISCLOSURE_INVALID` saying what is wrong. */
export function decodeDisclosure(disclosure: string): DecodedDisclosure {
  const bytes = typeof disclosure === 'string' && disclosure !== '' ? decodeBase64url(disclosure) : undefined;
  if (!bytes) throw sdError('A disclosure is canonical base64url without padding.', { expected: 'base64url', received: typeof disclosure === 'string' ? disclosure.slice(0, 40) : typeof disclosure });
  const text = decodeUtf8(bytes);
  let array: unknown;
  try {
    array = text === undefined ? undefined : JSON.parse(text);
  } catch {
    array = undefined;
  }
  if (!Array.isArray(array)) throw sdError('A disclosure decodes to a UTF-8 JSON array [salt, name, value].', { expected: '[salt, name, value]' });
  if (array.length !== 3) {
    throw sdError(array.length === 2 ? 'Suyuan discloses object properties ([salt, name, value]), not array elements ([salt, value]).' : `A disclosure is [salt, name, value]; this array has ${array.length} elements.`, { expected: '[salt, name, value]' });
  }
  const [salt, name, value] = array as [unknown, unknown, unknown];
  if (typeof salt !== 'string' || salt === '') throw sdError('A disclosure\'s salt is a non-empty string.', { expected: 'string salt' });
  if (typeof name !== 'string' || !name.startsWith('/')) throw sdError('A disclosure\'s name is the JSON Pointer of the field it discloses ("/suyuan:customs").', { expected: 'JSON Pointer' });
  return { salt, name, path: parseSecretPath(name), value };
}

/** How many digests a record with `secrets` secret fields carries: a whole number of buckets, at least one. */
export function digestCount(secrets: number, bucket = DEFAULT_DIGEST_BUCKET): number {
  if (!Number.isSafeInteger(bucket) || bucket < 1) throw sdError(`A digest bucket is a positive integer; got ${String(bucket)}.`, { expected: 'positive integer' });
  if (secrets === 0) return 0;
  return Math.max(1, Math.ceil(secrets / bucket)) * bucket;
}

function randomBase64url(bytes: number): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

const newSalt = (): string => randomBase64url(16);
const newDecoy = (): string => encodeBase64url(sha256(crypto.getRandomValues(new Uint8Array(16))));

// ---------------------------------------------------------------------------------------------------
// Projecting and disclosing

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, name) && object[name] !== undefined;
}

/** Sets a member as a plain data property (a member named `__proto__` stays a member). */
function put(object: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of JSON data (refusing what is not JSON data, as canonicalisation does). */
function copyJson(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new SuyuanError('RECORD_INVALID', `${what} is a JSON object.`, { expected: 'object' });
  return JSON.parse(canonicalize(value)) as Record<string, unknown>;
}

/**
 * Removes the fields at `secretPaths` from `record` and puts their salted digests, with decoys, into
 * `suyuan:sd`. Returns the public projection and one disclosure per secret field (in path order).
 * `record` is not changed.
 */
export function project(record: unknown, secretPaths: readonly string[], options: ProjectionOptions = {}): Projection {
  const publicRecord = copyJson(record, 'A record');
  const total = digestCount(secretPaths.length, options.bucket ?? DEFAULT_DIGEST_BUCKET);
  if (secretPaths.length === 0) return { publicRecord, disclosures: [] };
  if (own(publicRecord, SD_FIELD)) throw sdError(`The record already has ${SD_FIELD}: it is a projection already; project the full record.`, { path: SD_FIELD });
  const paths = secretPaths.map(parseSecretPath);
  const pointers = paths.map(secretPathPointer);
  for (let i = 0; i < paths.length; i++) {
    const [top, member] = paths[i]!;
    if (pointers.indexOf(pointers[i]!) !== i) throw sdError(`The secret path ${JSON.stringify(secretPaths[i])} is given twice.`, { path: secretPaths[i] });
    if (member !== undefined && pointers.includes(secretPathPointer([top]))) {
      throw sdError(`"${top}" is secret as a whole, so ${JSON.stringify(secretPaths[i])} cannot be secret on its own.`, { path: secretPaths[i] });
    }
    if (!own(publicRecord, top)) throw sdError(`The record has no "${top}" to keep secret.`, { path: secretPaths[i] });
    if (member !== undefined) {
      const parent = publicRecord[top];
      if (!isPlainObject(parent)) throw sdError(`"${top}" is not an object, so it has no member "${member}"; keep "${top}" secret as a whole.`, { path: secretPaths[i] });
      if (!own(parent, member)) throw sdError(`The record has no "${top}"."${member}" to keep secret.`, { path: secretPaths[i] });
    }
  }
  const salt = options.salt ?? newSalt;
  const digests: string[] = [];
  const disclosures = paths.map(([top, member], i) => {
    const holder = member === undefined ? publicRecord : (publicRecord[top] as Record<string, unknown>);
    const name = member ?? top;
    const disclosure = makeDisclosure(salt(), pointers[i]!, holder[name]);
    delete holder[name];
    digests.push(disclosureDigest(disclosure));
    return disclosure;
  });
  const decoy = options.decoy ?? newDecoy;
  while (digests.length < total) digests.push(decoy());
  if (new Set(digests).size !== digests.length) throw sdError('Two digests of the projection are equal: salts and decoys must be fresh random values.', { path: SD_FIELD });
  put(publicRecord, SD_FIELD, digests.sort(compareCodeUnits));
  return { publicRecord, disclosures };
}

/** `disclose` with another record check (the verify path's light one: `lightRecordCheck`). */
export function discloseWith(validate: RecordValidator): (publicRecord: unknown, disclosures: readonly string[]) => TraceRecord {
  return (publicRecord, disclosures) => discloseRecord(publicRecord, disclosures, validate);
}

function discloseRecord(publicRecord: unknown, disclosures: readonly string[], validate: RecordValidator): TraceRecord {
  const record = copyJson(publicRecord, 'A public record');
  const listed = record[SD_FIELD] ?? [];
  if (!Array.isArray(listed) || !listed.every((digest) => typeof digest === 'string')) throw sdError(`${SD_FIELD} is a list of digests.`, { path: SD_FIELD, expected: 'array of strings' });
  const digests = new Set<string>(listed);
  if (digests.size !== listed.length) throw sdError(`${SD_FIELD} lists a digest twice (RFC 9901 §7.1 rejects it).`, { path: SD_FIELD });
  if (!Array.isArray(disclosures)) throw sdError('Disclosures are a list of strings.', { expected: 'array' });
  const used = new Set<string>();
  for (const [index, disclosure] of disclosures.entries()) {
    const at = `disclosures[${index}]`;
    if (typeof disclosure !== 'string' || asciiBytes(disclosure) === undefined) throw sdError(`${at} is not base64url text.`, { path: at, expected: 'base64url' });
    const digest = disclosureDigest(disclosure);
    if (!digests.has(digest)) throw sdError(`${at} matches no digest in ${SD_FIELD}: the record did not commit to it.`, { path: at, received: digest });
    if (used.has(digest)) throw sdError(`${at} is given twice.`, { path: at });
    used.add(digest);
    let decoded: DecodedDisclosure;
    try {
      decoded = decodeDisclosure(disclosure);
    } catch (error) {
      if (error instanceof SuyuanError) throw sdError(`${at}: ${error.message}`, { ...error.details, path: at });
      throw error;
    }
    const [top, member] = decoded.path;
    let holder: Record<string, unknown> = record;
    if (member !== undefined) {
      const parent = record[top];
      if (!isPlainObject(parent)) throw sdError(`${at} discloses "${top}"."${member}", but the record has no object "${top}".`, { path: at });
      holder = parent;
    }
    const name = member ?? top;
    if (own(holder, name)) throw sdError(`${at} discloses ${decoded.name}, which the record already has (RFC 9901 §7.1 rejects it).`, { path: at });
    put(holder, name, decoded.value);
  }
  delete record[SD_FIELD];
  return validate(record);
}

