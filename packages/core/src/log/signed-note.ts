/**
 * C2SP signed notes (c2sp.org/signed-note): a text signed by one or more keys, the envelope of log
 * checkpoints.
 *
 * ```ts
 * const { signer } = await generateNoteSigner('log.suyuan.example');
 * const note = await signNote('hello\n', signer);      // 'hello\n\n— log.suyuan.example AbCd…=\n'
 * const verifier = parseVerifierKey(signer.verifierKey); // 'log.suyuan.example+1a2b3c4d+AQ…'
 * const result = await verifyNote(note, [verifier]);   // { ok: true, value: { text: 'hello\n', … } }
 * ```
 *
 * The rules, from the spec:
 * - a note is valid UTF-8 with no ASCII control character but newline (so CRLF is malformed); the
 *   text ends with a newline and is separated from the signature lines by the *last* blank line;
 * - a signature line is `— <key name> <base64(key ID ‖ signature)>` (U+2014 and U+0020 exactly);
 *   a key name is non-empty with no Unicode space (White_Space) and no `+`;
 * - a signature whose name *and* key ID do not both match a trusted key is ignored — a lookalike
 *   name, a right name with another key ID, a right key ID with another name — and never counts;
 * - every signature by a trusted key is verified, and one that fails rejects the whole note
 *   (`bad-signature`); repeated signatures by one key count once; no verified signature by a trusted
 *   key means `untrusted`. At most 100 signature lines and 1 MiB per note are read.
 *
 * Ed25519 (type 0x01) is the signature type for notes; Ed25519 checkpoint cosignatures
 * (type 0x04, c2sp.org/tlog-cosignature) can be verified too. Other types are `ALGORITHM_UNSUPPORTED`.
 */
import { SuyuanError, isSuyuanError, toResult, type Result } from '../errors.js';
import { sha256 } from '../crypto/sha256.js';
import { ED25519_PUBLIC_KEY_SIZE, exportPublicKey, generateKeyPair, importPrivateKey, importPublicKey, pkcs8FromSeed, sign, verifySignature } from './ed25519.js';
import { concatBytes, decodeBase64, encodeBase64, equalBytes, hex32, isBytes, readText, utf8 } from './encoding.js';
import { failure, malformed, type LogVerification } from './verification.js';

/** The most bytes a note may have; notes are small (a checkpoint is a few hundred bytes). */
export const MAX_NOTE_LENGTH = 1 << 20;
/** The most signature lines read from a note (the spec asks for at least 16). */
export const MAX_NOTE_SIGNATURES = 100;

/** Signature type bytes this library knows (c2sp.org/signed-note "Signature types"). */
export const NOTE_SIGNATURE_TYPE = {
  /** Ed25519 over the note text. */
  ed25519: 0x01,
  /** Timestamped Ed25519 checkpoint cosignature (c2sp.org/tlog-cosignature). */
  cosignatureEd25519: 0x04,
} as const;

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  /** The uint32 key ID: the first four bytes of the signature line's data, big-endian. */
  readonly keyId: number;
  /** The signature proper: what follows the key ID. */
  readonly signature: Uint8Array;
}

/** A parsed note: its text (ending in a newline) and its signature lines. Parsed is not verified. */
export interface SignedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A trusted key: signatures whose name and key ID match it are verified with it. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** The signature type byte (0x01 Ed25519, 0x04 Ed25519 cosignature). */
  readonly type: number;
  readonly publicKey: Uint8Array;
  /** Whether `signature` (without the key ID) is a valid signature of the note text. */
  verify(text: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** A key that signs notes (Ed25519, type 0x01). */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
  /** The verifier key (`name+keyid+base64`) to publish for this signer. */
  readonly verifierKey: string;
  sign(text: Uint8Array): Promise<Uint8Array>;
}

export interface VerifiedNoteSignature extends NoteSignature {
  readonly verifier: NoteVerifier;
  /** The POSIX time a cosignature (type 0x04) states; absent for plain signatures. */
  readonly timestamp?: number;
}

/** A note whose text a trusted key vouches for. */
export interface VerifiedNote {
  readonly text: string;
  /** The signatures by trusted keys, all verified, one per key. */
  readonly signatures: readonly VerifiedNoteSignature[];
  /** The signatures by unknown keys (ignored), and any a trusted key's runtime could not check. */
  readonly unverified: readonly NoteSignature[];
}

const SIGNATURE_PREFIX = '\u2014 ';
/** A Unicode space (the White_Space property, as Go's unicode.IsSpace), `+`, a control character or a lone surrogate. */
const NOT_IN_KEY_NAME = /[\p{White_Space}+\u0000-\u001F\uD800-\uDFFF]/u;

/** Whether `name` may be a key name: non-empty, no Unicode space, no `+`, no control character. */
export function isNoteKeyName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && !NOT_IN_KEY_NAME.test(name);
}

/** The key ID: the first four bytes, big-endian, of SHA-256(key name ‖ 0x0A ‖ type ‖ public key). */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  if (!isNoteKeyName(name)) throw new SuyuanError('NOTE_INVALID', `${JSON.stringify(name)} is not a key name: it must be non-empty, without spaces or '+'.`, { path: 'name' });
  const hash = sha256(concatBytes(utf8(name), new Uint8Array([0x0a, type]), publicKey));
  return ((hash[0]! << 24) | (hash[1]! << 16) | (hash[2]! << 8) | hash[3]!) >>> 0;
}

/** Reads a signed note (string or UTF-8 bytes) without verifying it; throws `NOTE_INVALID` if malformed. */
export function parseSignedNote(note: string | Uint8Array): SignedNote {
  const message = readText(note, 'NOTE_INVALID', 'signed note', MAX_NOTE_LENGTH);
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new SuyuanError('NOTE_INVALID', 'A signed note has a blank line between its text and its signature lines; this one has none.', { expected: 'text, blank line, signature lines' });
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block === '') throw new SuyuanError('NOTE_INVALID', 'A signed note ends with at least one signature line; this one has none after its last blank line.', { position: message.length, expected: '— <name> <signature>' });
  if (!block.endsWith('\n')) throw new SuyuanError('NOTE_INVALID', 'A signed note ends with a newline; this one does not.', { position: message.length, expected: 'newline at the end' });
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new SuyuanError('NOTE_INVALID', `A signed note has at most ${MAX_NOTE_SIGNATURES} signature lines here; this one has ${lines.length}.`, { expected: `at most ${MAX_NOTE_SIGNATURES}`, received: String(lines.length) });
  let position = split + 2;
  const signatures = lines.map((line, i) => {
    const signature = parseSignatureLine(line, i, position);
    position += line.length + 1;
    return signature;
  });
  return { text, signatures };
}

/** `parseSignedNote` as a `Result`. */
export function tryParseSignedNote(note: string | Uint8Array): Result<SignedNote> {
  return toResult(() => parseSignedNote(note));
}

function parseSignatureLine(line: string, i: number, position: number): NoteSignature {
  const path = `signatures[${i}]`;
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    throw new SuyuanError('NOTE_INVALID', `Signature line ${i + 1} must start with an em dash (U+2014) and a space.`, { path, position, expected: '— <name> <signature>', received: line.slice(0, 12) });
  }
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  if (space < 0 || !isNoteKeyName(name)) {
    throw new SuyuanError('NOTE_INVALID', `Signature line ${i + 1} has no valid key name (non-empty, no spaces, no '+') followed by a space and the signature.`, { path, position, expected: '— <name> <signature>' });
  }
  const data = decodeBase64(rest.slice(space + 1));
  if (!data || data.length < 5) {
    throw new SuyuanError('NOTE_INVALID', `The signature of line ${i + 1} is not standard base64 of a 4-byte key ID and a signature.`, { path, position: position + SIGNATURE_PREFIX.length + space + 1, expected: 'base64(key ID ‖ signature)' });
  }
  const keyId = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
  return { name, keyId, signature: data.slice(4) };
}

/** Writes a note: its text, a blank line, one line per signature. Throws `NOTE_INVALID` if it could not be read back. */
export function formatSignedNote(note: SignedNote): string {
  const text = noteText(note?.text);
  if (!Array.isArray(note.signatures) || note.signatures.length === 0 || note.signatures.length > MAX_NOTE_SIGNATURES) {
    throw new SuyuanError('NOTE_INVALID', `A signed note has 1 to ${MAX_NOTE_SIGNATURES} signatures.`, { path: 'signatures' });
  }
  return text + '\n' + note.signatures.map((signature, i) => signatureLine(signature, i)).join('');
}

function signatureLine(signature: NoteSignature, i: number): string {
  const { name, keyId, signature: bytes } = signature;
  if (!isNoteKeyName(name) || !isKeyId(keyId) || !isBytes(bytes) || bytes.length === 0) {
    throw new SuyuanError('NOTE_INVALID', `Signature ${i} needs a key name (no spaces, no '+'), a uint32 key ID and non-empty signature bytes.`, { path: `signatures[${i}]` });
  }
  const id = new Uint8Array([keyId >>> 24, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff]);
  return `${SIGNATURE_PREFIX}${name} ${encodeBase64(concatBytes(id, bytes))}\n`;
}

function noteText(text: unknown): string {
  const checked = readText(text, 'NOTE_INVALID', 'note text', MAX_NOTE_LENGTH);
  if (typeof text !== 'string' || !checked.endsWith('\n')) throw new SuyuanError('NOTE_INVALID', 'A note text is a string that ends with a newline.', { expected: 'text ending in \\n' });
  return checked;
}

function isKeyId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/** Signs `text` (which must end with a newline) with one or more signers; returns the signed note. */
export async function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): Promise<string> {
  const body = noteText(text);
  const list: readonly NoteSigner[] = Array.isArray(signers) ? signers : [signers as NoteSigner];
  if (list.length === 0) throw new SuyuanError('INPUT_TYPE', 'signNote needs at least one signer.', { expected: 'a NoteSigner' });
  const seen = new Set<string>();
  const bytes = utf8(body);
  const signatures: NoteSignature[] = [];
  for (const [i, signer] of list.entries()) {
    if (typeof signer !== 'object' || signer === null || !isNoteKeyName(signer.name) || !isKeyId(signer.keyId) || typeof signer.sign !== 'function') {
      throw new SuyuanError('INPUT_TYPE', `Signer ${i} is not a NoteSigner (a key name without spaces or '+', a uint32 key ID, a sign function).`, { path: `signers[${i}]` });
    }
    const key = `${signer.name}+${hex32(signer.keyId)}`;
    if (seen.has(key)) throw new SuyuanError('INPUT_TYPE', `Two signers are the key ${key}.`, { path: `signers[${i}]` });
    seen.add(key);
    const signature = await signer.sign(bytes);
    if (!isBytes(signature) || signature.length === 0) throw new SuyuanError('INPUT_TYPE', `Signer ${key} returned no signature bytes.`, { path: `signers[${i}]` });
    signatures.push({ name: signer.name, keyId: signer.keyId, signature });
  }
  return formatSignedNote({ text: body, signatures });
}

/**
 * Verifies a signed note against trusted keys. Never throws on the note (see `verification.ts`);
 * throws `INPUT_TYPE` only if `verifiers` is not a list of verifiers, or holds two different keys
 * with the same name and key ID.
 */
export async function verifyNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): Promise<LogVerification<VerifiedNote>> {
  const trusted = trustedKeys(verifiers);
  let parsed: SignedNote;
  try {
    parsed = parseSignedNote(note);
  } catch (error) {
    if (isSuyuanError(error)) return malformed(error);
    throw error;
  }
  const text = utf8(parsed.text);
  const verified: VerifiedNoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenUnknown = new Set<string>();
  let notChecked: SuyuanError | undefined;
  for (const [i, signature] of parsed.signatures.entries()) {
    const key = `${signature.name}+${hex32(signature.keyId)}`;
    const verifier = trusted.get(key);
    if (!verifier) {
      // Unknown keys are ignored; identical lines are listed once.
      const line = `${key}+${encodeBase64(signature.signature)}`;
      if (!seenUnknown.has(line)) unverified.push(signature);
      seenUnknown.add(line);
      continue;
    }
    // A trusted key's signature is always verified, repeats too: any failure rejects the note.
    let valid: boolean;
    try {
      valid = (await verifier.verify(text, signature.signature)) === true;
    } catch (error) {
      notChecked ??= isSuyuanError(error)
        ? error
        : new SuyuanError('ALGORITHM_UNSUPPORTED', `The signature by ${key} could not be checked.`, { path: `signatures[${i}]` }, { cause: error });
      unverified.push(signature);
      continue;
    }
    if (!valid) {
      return failure('bad-signature', 'NOTE_SIGNATURE_INVALID', `The signature by the trusted key ${key} does not verify: the note was altered after signing.`, {
        path: `signatures[${i}]`,
        received: key,
      });
    }
    if (verified.some((seen) => seen.verifier === verifier)) continue;
    verified.push(verifier.type === NOTE_SIGNATURE_TYPE.cosignatureEd25519 ? { ...signature, verifier, timestamp: cosignatureTime(signature.signature) } : { ...signature, verifier });
  }
  if (verified.length === 0) {
    if (notChecked) return { ok: false, reason: 'unsupported', error: notChecked };
    const names = [...trusted.keys()].join(', ') || 'none';
    return failure('untrusted', 'NOTE_UNVERIFIED', `No signature on the note is by a trusted key (trusted: ${names}).`, { expected: names });
  }
  return { ok: true, value: { text: parsed.text, signatures: verified, unverified } };
}

/** The trusted keys by `name+keyid`; one key listed twice is fine, two keys under one name and ID are not. */
function trustedKeys(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier> {
  if (!Array.isArray(verifiers)) throw new SuyuanError('INPUT_TYPE', 'The trusted keys are an array of NoteVerifier (see parseVerifierKey).', { expected: 'NoteVerifier[]' });
  const keys = new Map<string, NoteVerifier>();
  for (const [i, verifier] of verifiers.entries()) {
    if (typeof verifier !== 'object' || verifier === null || !isNoteKeyName(verifier.name) || !isKeyId(verifier.keyId) || typeof verifier.verify !== 'function') {
      throw new SuyuanError('INPUT_TYPE', `Trusted key ${i} is not a NoteVerifier (a key name without spaces or '+', a uint32 key ID, a verify function).`, { path: `verifiers[${i}]` });
    }
    const key = `${verifier.name}+${hex32(verifier.keyId)}`;
    const known = keys.get(key);
    if (known && known !== verifier && !(known.type === verifier.type && isBytes(known.publicKey) && isBytes(verifier.publicKey) && equalBytes(known.publicKey, verifier.publicKey))) {
      throw new SuyuanError('INPUT_TYPE', `Two different trusted keys are named ${key}: a signature could not be attributed.`, { path: `verifiers[${i}]`, received: key });
    }
    if (!known) keys.set(key, verifier);
  }
  return keys;
}

/** Reads a verifier key `<name>+<hex key ID>+<base64(type ‖ public key)>`; throws `NOTE_INVALID` or `ALGORITHM_UNSUPPORTED`. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  if (typeof vkey !== 'string' || vkey.length > 4096) throw new SuyuanError('NOTE_INVALID', 'A verifier key is a string <name>+<key ID>+<key>.', { expected: '<name>+<hex key ID>+<base64 key>' });
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) throw new SuyuanError('NOTE_INVALID', 'A verifier key has three parts joined by "+": name, key ID, key.', { expected: '<name>+<hex key ID>+<base64 key>' });
  const name = vkey.slice(0, first);
  const id = vkey.slice(first + 1, second);
  const key = decodeBase64(vkey.slice(second + 1));
  if (!isNoteKeyName(name)) throw new SuyuanError('NOTE_INVALID', 'The name of a verifier key must be non-empty, without spaces or "+".', { path: 'name', position: 0 });
  if (!/^[0-9a-f]{8}$/.test(id)) throw new SuyuanError('NOTE_INVALID', 'The key ID of a verifier key is 8 lower-case hex digits.', { path: 'keyId', position: first + 1, received: id.slice(0, 16) });
  if (!key || key.length < 2) throw new SuyuanError('NOTE_INVALID', 'The key of a verifier key is standard base64 of a type byte and a public key.', { path: 'key', position: second + 1 });
  const type = key[0]!;
  if (type !== NOTE_SIGNATURE_TYPE.ed25519 && type !== NOTE_SIGNATURE_TYPE.cosignatureEd25519) {
    throw new SuyuanError('ALGORITHM_UNSUPPORTED', `Verifier keys of signature type 0x${type.toString(16).padStart(2, '0')} are not supported; Ed25519 (0x01) and Ed25519 cosignatures (0x04) are.`, {
      path: 'key',
      received: `0x${type.toString(16).padStart(2, '0')}`,
    });
  }
  const publicKey = key.slice(1);
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) throw new SuyuanError('NOTE_INVALID', `An Ed25519 public key is ${ED25519_PUBLIC_KEY_SIZE} bytes; this one is ${publicKey.length}.`, { path: 'key', received: `${publicKey.length} bytes` });
  const verifier = noteVerifier(name, publicKey, type);
  if (hex32(verifier.keyId) !== id) throw new SuyuanError('NOTE_INVALID', `The key ID ${id} does not match the name and key (it is ${hex32(verifier.keyId)}).`, { path: 'keyId', expected: hex32(verifier.keyId), received: id });
  return verifier;
}

/** Writes the verifier key of an Ed25519 public key: `<name>+<hex key ID>+<base64(type ‖ key)>`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array, type: number = NOTE_SIGNATURE_TYPE.ed25519): string {
  if (!isBytes(publicKey, ED25519_PUBLIC_KEY_SIZE)) throw new SuyuanError('NOTE_INVALID', `An Ed25519 public key is ${ED25519_PUBLIC_KEY_SIZE} bytes.`, { path: 'publicKey' });
  return `${name}+${hex32(noteKeyId(name, type, publicKey))}+${encodeBase64(concatBytes(new Uint8Array([type]), publicKey))}`;
}

/**
 * A trusted Ed25519 key from its name and 32-byte public key: type 0x01 verifies note signatures,
 * type 0x04 verifies tlog-cosignature v1 cosignatures (over `cosignature/v1`, `time <t>`, the text).
 */
export function noteVerifier(name: string, publicKey: Uint8Array, type: number = NOTE_SIGNATURE_TYPE.ed25519): NoteVerifier {
  if (!isBytes(publicKey, ED25519_PUBLIC_KEY_SIZE)) throw new SuyuanError('NOTE_INVALID', `An Ed25519 public key is ${ED25519_PUBLIC_KEY_SIZE} bytes.`, { path: 'publicKey' });
  if (type !== NOTE_SIGNATURE_TYPE.ed25519 && type !== NOTE_SIGNATURE_TYPE.cosignatureEd25519) {
    throw new SuyuanError('ALGORITHM_UNSUPPORTED', 'Only Ed25519 (0x01) and Ed25519 cosignature (0x04) keys are supported.', { received: String(type) });
  }
  const keyBytes = publicKey.slice();
  const keyId = noteKeyId(name, type, keyBytes);
  let imported: Promise<CryptoKey> | undefined;
  return {
    name,
    keyId,
    type,
    publicKey: keyBytes,
    async verify(text, signature) {
      if (!isBytes(text) || !isBytes(signature)) return false;
      let message = text;
      let bytes = signature;
      if (type === NOTE_SIGNATURE_TYPE.cosignatureEd25519) {
        // struct { u64 timestamp; opaque ed25519_signature[64]; }, over "cosignature/v1\ntime <t>\n" ‖ text.
        const time = cosignatureTime(signature);
        if (time === undefined || signature.length !== 72) return false;
        message = concatBytes(utf8(`cosignature/v1\ntime ${time}\n`), text);
        bytes = signature.subarray(8);
      }
      imported ??= importPublicKey(keyBytes);
      return verifySignature(await imported, bytes, message);
    },
  };
}

/** The timestamp of a cosignature, if it is at most 2^53 − 1 (later ones — past year 285 million — are refused). */
function cosignatureTime(signature: Uint8Array): number | undefined {
  if (signature.length < 8) return undefined;
  const high = ((signature[0]! << 24) | (signature[1]! << 16) | (signature[2]! << 8) | signature[3]!) >>> 0;
  const low = ((signature[4]! << 24) | (signature[5]! << 16) | (signature[6]! << 8) | signature[7]!) >>> 0;
  const time = high * 2 ** 32 + low;
  return Number.isSafeInteger(time) ? time : undefined;
}

/** A note signer from an Ed25519 WebCrypto key pair. */
export async function createNoteSigner(name: string, keyPair: CryptoKeyPair): Promise<NoteSigner> {
  if (!isNoteKeyName(name)) throw new SuyuanError('NOTE_INVALID', `${JSON.stringify(name)} is not a key name: it must be non-empty, without spaces or '+'.`, { path: 'name' });
  if (typeof keyPair !== 'object' || keyPair === null || !keyPair.privateKey || !keyPair.publicKey) {
    throw new SuyuanError('INPUT_TYPE', 'A note signer needs an Ed25519 CryptoKeyPair.', { expected: 'CryptoKeyPair' });
  }
  return signerFrom(name, keyPair.privateKey, await exportPublicKey(keyPair.publicKey));
}

/** A note signer from an Ed25519 private key in PKCS #8 (DER bytes). */
export async function importNoteSigner(name: string, pkcs8: Uint8Array): Promise<NoteSigner> {
  if (!isNoteKeyName(name)) throw new SuyuanError('NOTE_INVALID', `${JSON.stringify(name)} is not a key name: it must be non-empty, without spaces or '+'.`, { path: 'name' });
  if (!isBytes(pkcs8)) throw new SuyuanError('INPUT_TYPE', 'A PKCS #8 private key is a Uint8Array.', { expected: 'Uint8Array' });
  const { privateKey, publicKey } = await importPrivateKey(pkcs8);
  return signerFrom(name, privateKey, publicKey);
}

/**
 * A note signer from a signer key in the golang.org/x/mod/sumdb/note format,
 * `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte seed)>` (what Go's `note.GenerateKey` writes).
 */
export async function parseSignerKey(skey: string): Promise<NoteSigner> {
  const parts = typeof skey === 'string' ? skey.split('+') : [];
  // The base64 part may itself contain '+': rejoin everything after the fourth '+'.
  const [p, k, name, id] = parts;
  const seed = decodeBase64(parts.slice(4).join('+'));
  if (p !== 'PRIVATE' || k !== 'KEY' || !isNoteKeyName(name) || !id || !/^[0-9a-f]{8}$/.test(id) || !seed || seed.length !== 33 || seed[0] !== NOTE_SIGNATURE_TYPE.ed25519) {
    throw new SuyuanError('NOTE_INVALID', 'A signer key is PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte Ed25519 seed)>.', { expected: 'PRIVATE+KEY+<name>+<key ID>+<key>' });
  }
  const signer = await importNoteSigner(name, pkcs8FromSeed(seed.subarray(1)));
  if (hex32(signer.keyId) !== id) throw new SuyuanError('NOTE_INVALID', `The key ID ${id} of the signer key does not match its name and key (it is ${hex32(signer.keyId)}).`, { path: 'keyId', expected: hex32(signer.keyId), received: id });
  return signer;
}

/** Generates a new Ed25519 key pair and its note signer. `extractable` lets the private key be exported (to store it). */
export async function generateNoteSigner(name: string, options: { extractable?: boolean } = {}): Promise<{ signer: NoteSigner; keyPair: CryptoKeyPair }> {
  if (!isNoteKeyName(name)) throw new SuyuanError('NOTE_INVALID', `${JSON.stringify(name)} is not a key name: it must be non-empty, without spaces or '+'.`, { path: 'name' });
  const keyPair = await generateKeyPair(options.extractable === true);
  return { signer: await createNoteSigner(name, keyPair), keyPair };
}

function signerFrom(name: string, privateKey: CryptoKey, publicKey: Uint8Array): NoteSigner {
  const type = NOTE_SIGNATURE_TYPE.ed25519;
  return {
    name,
    keyId: noteKeyId(name, type, publicKey),
    type,
    publicKey,
    verifierKey: formatVerifierKey(name, publicKey, type),
    sign: (text) => sign(privateKey, text),
  };
}
