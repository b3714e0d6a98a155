/**
 * C2SP signed notes: the spec's example, the golang.org/x/mod/sumdb/note vectors (verification, and
 * byte-for-byte signing with its private key), the spec's rules about unknown and lookalike keys,
 * hostile notes, every single-byte change of a signed note, and runtimes without Ed25519.
 */
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SuyuanError } from '../errors.js';
import { expectSuyuanError, thrown } from '../test-support.js';
import { encodeBase64 } from './encoding.js';
import {
  MAX_NOTE_SIGNATURES,
  NOTE_SIGNATURE_TYPE,
  createNoteSigner,
  formatSignedNote,
  formatVerifierKey,
  generateNoteSigner,
  importNoteSigner,
  isNoteKeyName,
  noteKeyId,
  noteVerifier,
  parseSignedNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  tryParseSignedNote,
  verifyNote,
  type NoteVerifier,
} from './signed-note.js';
import { expectFailure, expectOk, expectRejected, flipped, utf8 } from './test-helpers.js';
import { GO_NOTE, SIGNED_NOTE_EXAMPLE, SIGNED_NOTE_POEM } from './testdata/vectors.js';

const peter = parseVerifierKey(GO_NOTE.peterVkey);
const enoch = parseVerifierKey(GO_NOTE.enochVkey);
const { text, peterSig, enochSig } = GO_NOTE;

/** An Ed25519 key made with node:crypto, and a function signing raw messages with it. */
function nodeKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  return { publicKey: raw, sign: (message: Uint8Array) => new Uint8Array(nodeSign(null, message, privateKey)), pkcs8: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })) };
}

/** A signature line for `name` with key ID `keyId` over `noteText`, made with node:crypto. */
function line(name: string, keyId: number, signature: Uint8Array): string {
  const id = new Uint8Array([keyId >>> 24, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff]);
  return `— ${name} ${encodeBase64(new Uint8Array([...id, ...signature]))}\n`;
}

describe('the C2SP signed-note example', () => {
  it('verifies with its verifier key', async () => {
    const verifier = parseVerifierKey(SIGNED_NOTE_EXAMPLE.vkey);
    expect(verifier).toMatchObject({ name: 'example.com/foo', keyId: SIGNED_NOTE_EXAMPLE.keyId, type: NOTE_SIGNATURE_TYPE.ed25519 });
    expect(formatVerifierKey(verifier.name, verifier.publicKey)).toBe(SIGNED_NOTE_EXAMPLE.vkey);
    expect(noteKeyId('example.com/foo', 0x01, verifier.publicKey)).toBe(0x530d903a);
    const verified = expectOk(await verifyNote(SIGNED_NOTE_EXAMPLE.note, [verifier]));
    expect(verified.text).toBe(SIGNED_NOTE_EXAMPLE.text);
    expect(verified.signatures).toHaveLength(1);
    expect(verified.signatures[0]).toMatchObject({ name: 'example.com/foo', keyId: 0x530d903a, verifier });
  });

  it('parses the opening example, whose text has an empty line, and whose key is not published', async () => {
    const note = parseSignedNote(SIGNED_NOTE_POEM.note);
    expect(note.text).toBe(SIGNED_NOTE_POEM.text);
    expect(note.signatures).toEqual([{ name: SIGNED_NOTE_POEM.name, keyId: SIGNED_NOTE_POEM.keyId, signature: expect.any(Uint8Array) }]);
    expect(note.signatures[0]!.signature).toHaveLength(64);
    expect(formatSignedNote(note)).toBe(SIGNED_NOTE_POEM.note);
    // Without its key it is unverified, never verified.
    expectFailure(await verifyNote(SIGNED_NOTE_POEM.note, [peter]), 'untrusted');
  });
});

describe('golang.org/x/mod/sumdb/note vectors', () => {
  it('signs exactly as Go does (Ed25519 is deterministic)', async () => {
    const signer = await parseSignerKey(GO_NOTE.peterSkey);
    expect(signer).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3, verifierKey: GO_NOTE.peterVkey });
    expect(await signNote(text, signer)).toBe(`${text}\n${peterSig}`);
  });

  it('verifies one signature and ignores the unknown one', async () => {
    const verified = expectOk(await verifyNote(`${text}\n${peterSig}${enochSig}`, [peter]));
    expect(verified.text).toBe(text);
    expect(verified.signatures.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(verified.unverified.map((s) => [s.name, s.keyId])).toEqual([['EnochRoot', 0xaf0cfe78]]);
  });

  it('verifies both when both keys are trusted', async () => {
    const verified = expectOk(await verifyNote(`${text}\n${peterSig}${enochSig}`, [peter, enoch]));
    expect(verified.signatures.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(verified.unverified).toEqual([]);
  });

  it('is untrusted when no key is trusted', async () => {
    const result = await verifyNote(`${text}\n${peterSig}${enochSig}`, []);
    expectFailure(result, 'untrusted');
    if (!result.ok) expect(result.error.code).toBe('NOTE_UNVERIFIED');
  });

  it('refuses two different keys under one name and key ID, but not one key listed twice', async () => {
    const impostor: NoteVerifier = { ...enoch, publicKey: new Uint8Array(32), verify: async () => true };
    await expect(verifyNote(`${text}\n${enochSig}`, [enoch, peter, impostor])).rejects.toMatchObject({ code: 'INPUT_TYPE' });
    expectOk(await verifyNote(`${text}\n${peterSig}`, [enoch, peter, enoch]));
    expectOk(await verifyNote(`${text}\n${peterSig}`, [peter, parseVerifierKey(GO_NOTE.peterVkey)]));
  });

  it('reads at most 100 signature lines', async () => {
    expectFailure(await verifyNote(`${text}\n${peterSig.repeat(MAX_NOTE_SIGNATURES + 1)}`, [peter]), 'malformed');
    expectFailure(await verifyNote(`${text}\n${peterSig.repeat(MAX_NOTE_SIGNATURES + 1)}`, []), 'malformed');
    expect(expectOk(await verifyNote(`${text}\n${peterSig.repeat(MAX_NOTE_SIGNATURES)}`, [peter])).signatures).toHaveLength(1);
  });

  it('rejects the whole note when a trusted signature is invalid', async () => {
    const result = await verifyNote(`${text}\n${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`, [peter]);
    expectFailure(result, 'bad-signature');
    if (!result.ok) expect(result.error).toMatchObject({ code: 'NOTE_SIGNATURE_INVALID', details: { received: 'PeterNeumann+c74f20a3' } });
  });

  it('counts repeated signatures once and lists repeated unknown ones once', async () => {
    const enochABCD = `${enochSig.slice(0, 60)}ABCD${enochSig.slice(60)}`;
    const verified = expectOk(await verifyNote(`${text}\n${peterSig}${peterSig}${enochSig}${enochSig}${enochABCD}`, [peter]));
    expect(verified.signatures).toHaveLength(1);
    expect(verified.unverified).toHaveLength(2);
  });

  it.each([
    ['no signature block', text],
    ['a blank line and nothing', `${text}\n`],
    ['no final newline', `${text}\n${peterSig.slice(0, -1)}`],
    ['a control character', `\x01${text}\n${peterSig}`],
    ['a bad name', `${text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`],
    ['an unexpected line', `${text}\n${peterSig}Unexpected line.\n`],
  ])('rejects a malformed note: %s', async (_name, note) => {
    const result = await verifyNote(note, [peter]);
    expectFailure(result, 'malformed');
    if (!result.ok) expect(result.error.code).toBe('NOTE_INVALID');
  });

  it('rejects invalid UTF-8 (Go: "\\xff" before the text)', async () => {
    const bytes = new Uint8Array([0xff, ...utf8(`${text}\n${peterSig}`)]);
    expectFailure(await verifyNote(bytes, [peter]), 'malformed');
    expectOk(await verifyNote(utf8(`${text}\n${peterSig}`), [peter]));
  });

  it('refuses every substring and every one-character change of a verifier key', () => {
    const vkey = GO_NOTE.peterVkey;
    for (let i = 0; i <= vkey.length; i++) {
      for (let j = i + 1; j <= vkey.length; j++) {
        if (i === 0 && j === vkey.length) continue;
        thrown(() => parseVerifierKey(vkey.slice(i, j)));
      }
    }
    for (let i = 0; i < vkey.length; i++) {
      thrown(() => parseVerifierKey(vkey.slice(0, i) + String.fromCharCode(vkey.charCodeAt(i) + 1) + vkey.slice(i + 1)));
    }
    expectSuyuanError(() => parseVerifierKey(GO_NOTE.badVkeys[0]), 'NOTE_INVALID');
    expectSuyuanError(() => parseVerifierKey(GO_NOTE.badVkeys[1]), 'ALGORITHM_UNSUPPORTED');
  });

  it('refuses every substring and every one-character change of a signer key', async () => {
    const skey = GO_NOTE.peterSkey;
    const attempts: string[] = [];
    for (let i = 0; i < skey.length; i++) attempts.push(skey.slice(0, i) + String.fromCharCode(skey.charCodeAt(i) + 1) + skey.slice(i + 1));
    for (let j = 1; j < skey.length; j++) attempts.push(skey.slice(0, j), skey.slice(j));
    for (const attempt of attempts) await expect(parseSignerKey(attempt), attempt).rejects.toBeInstanceOf(SuyuanError);
  });
});

describe('what the spec says about keys', () => {
  it('ignores a signature by another key with the trusted name (a rotated or forged key)', async () => {
    const other = nodeKey();
    const keyId = noteKeyId('PeterNeumann', 0x01, other.publicKey);
    const note = `${text}\n${line('PeterNeumann', keyId, other.sign(utf8(text)))}`;
    const result = await verifyNote(note, [peter]);
    expectFailure(result, 'untrusted');
    expect(parseSignedNote(note).signatures[0]!.keyId).not.toBe(peter.keyId);
  });

  it('ignores a signature with the trusted key ID under another name', async () => {
    const other = nodeKey();
    const note = `${text}\n${line('PeterNeumann2', peter.keyId, other.sign(utf8(text)))}`;
    expectFailure(await verifyNote(note, [peter]), 'untrusted');
  });

  it.each([
    ['Cyrillic е', 'example.com/foo'.replace('e', '\u0435')],
    ['fullwidth solidus', 'example.com\uFF0Ffoo'],
    ['zero-width space', 'example.com/\u200Bfoo'],
    ['trailing dot', 'example.com./foo'],
    ['upper case', 'Example.com/foo'],
  ])('ignores a valid signature under a lookalike name (%s)', async (_name, lookalike) => {
    expect(isNoteKeyName(lookalike)).toBe(true);
    const key = nodeKey();
    const note = `${SIGNED_NOTE_EXAMPLE.text}\n${line(lookalike, noteKeyId(lookalike, 0x01, key.publicKey), key.sign(utf8(SIGNED_NOTE_EXAMPLE.text)))}`;
    expectFailure(await verifyNote(note, [parseVerifierKey(SIGNED_NOTE_EXAMPLE.vkey)]), 'untrusted');
  });

  it.each([
    ['no-break space', 'example.com/\u00A0foo'],
    ['em space', 'example.com/\u2003foo'],
    ['ideographic space', 'example.com/\u3000foo'],
    ['next line', 'example.com/\u0085foo'],
    ['tab', 'example.com/\tfoo'],
    ['plus', 'example.com/+foo'],
    ['empty', ''],
    ['lone surrogate', 'example.com/\uD800'],
  ])('rejects a key name with a %s', async (_name, name) => {
    expect(isNoteKeyName(name)).toBe(false);
    expectFailure(await verifyNote(`${text}\n— ${name} ${peterSig.split(' ')[2]}`, [peter]), 'malformed');
    expect(() => noteKeyId(name, 1, new Uint8Array(32))).toThrow(SuyuanError);
  });

  it.each([
    ['a hyphen', '- '],
    ['an en dash', '\u2013 '],
    ['a horizontal bar', '\u2015 '],
    ['a minus sign', '\u2212 '],
    ['no space', '\u2014'],
    ['two spaces', '\u2014  '],
    ['a no-break space', '\u2014\u00A0'],
  ])('rejects a signature line that starts with %s instead of "— "', async (_name, prefix) => {
    expectFailure(await verifyNote(`${text}\n${prefix}${peterSig.slice(2)}`, [peter]), 'malformed');
  });

  it('separates the text at the last blank line: a blank line inside the block moves lines into the text', async () => {
    // The first signature becomes text; the text no longer matches what Peter signed.
    expectFailure(await verifyNote(`${text}\n${enochSig}\n${peterSig}`, [peter]), 'bad-signature');
    expectFailure(await verifyNote(`${text}\n${peterSig}\n${enochSig}`, [peter]), 'untrusted');
    // An extra blank line before the signatures joins the text.
    expectFailure(await verifyNote(`${text}\n\n${peterSig}`, [peter]), 'bad-signature');
  });

  it('rejects a note when one trusted signature fails even if another verifies', async () => {
    const bad = `${enochSig.slice(0, 60)}ABCD${enochSig.slice(60)}`;
    expectFailure(await verifyNote(`${text}\n${peterSig}${bad}`, [peter, enoch]), 'bad-signature');
  });

  it('accepts 16 signatures, one of them trusted', async () => {
    const lines = Array.from({ length: 15 }, (_, i) => {
      const key = nodeKey();
      return line(`witness${i}.example`, noteKeyId(`witness${i}.example`, 1, key.publicKey), key.sign(utf8(text)));
    });
    const verified = expectOk(await verifyNote(`${text}\n${lines.join('')}${peterSig}`, [peter]));
    expect(verified.unverified).toHaveLength(15);
  });
});

describe('signing', () => {
  it('round-trips a generated signer through its verifier key', async () => {
    const { signer, keyPair } = await generateNoteSigner('log.suyuan.example');
    expect(keyPair.privateKey.extractable).toBe(false);
    const vkey = parseVerifierKey(signer.verifierKey);
    expect(vkey).toMatchObject({ name: 'log.suyuan.example', keyId: signer.keyId, publicKey: signer.publicKey });
    const note = await signNote('hello\n', signer);
    expect(note).toMatch(/^hello\n\n— log\.suyuan\.example [A-Za-z0-9+/]{91}=\n$/);
    expect(expectOk(await verifyNote(note, [vkey])).text).toBe('hello\n');
    expectOk(await verifyNote(note, [noteVerifier('log.suyuan.example', signer.publicKey)]));
  });

  it('imports a PKCS #8 key and a key pair to the same signer', async () => {
    const key = nodeKey();
    const imported = await importNoteSigner('a.example', key.pkcs8);
    expect(imported.publicKey).toEqual(key.publicKey);
    const { keyPair } = await generateNoteSigner('b.example', { extractable: true });
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keyPair.privateKey));
    const fromPair = await createNoteSigner('b.example', keyPair);
    const fromPkcs8 = await importNoteSigner('b.example', pkcs8);
    expect(fromPkcs8.verifierKey).toBe(fromPair.verifierKey);
    expect(await signNote('x\n', fromPkcs8)).toBe(await signNote('x\n', fromPair));
  });

  it('signs with several signers, each verifiable', async () => {
    const a = (await generateNoteSigner('a.example')).signer;
    const b = (await generateNoteSigner('b.example')).signer;
    const note = await signNote('two\n', [a, b]);
    expect(parseSignedNote(note).signatures.map((s) => s.name)).toEqual(['a.example', 'b.example']);
    expectOk(await verifyNote(note, [parseVerifierKey(b.verifierKey)]));
  });

  it('refuses text that could not be read back, and bad signers', async () => {
    const { signer } = await generateNoteSigner('a.example');
    for (const bad of ['no newline', '', 'crlf\r\n', 'nul\0\n', 'lone \uD800\n']) await expect(signNote(bad, signer)).rejects.toMatchObject({ code: 'NOTE_INVALID' });
    await expect(signNote('x\n', [])).rejects.toMatchObject({ code: 'INPUT_TYPE' });
    await expect(signNote('x\n', [signer, signer])).rejects.toMatchObject({ code: 'INPUT_TYPE' });
    await expect(signNote('x\n', { ...signer, name: 'bad name' })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
    await expect(generateNoteSigner('bad+name')).rejects.toMatchObject({ code: 'NOTE_INVALID' });
    await expect(importNoteSigner('a.example', new Uint8Array(10))).rejects.toBeInstanceOf(SuyuanError);
  });

  it('parses and formats notes symmetrically', () => {
    const note = `${text}\n${peterSig}${enochSig}`;
    expect(formatSignedNote(parseSignedNote(note))).toBe(note);
    expect(tryParseSignedNote('nope').ok).toBe(false);
    expect(() => formatSignedNote({ text, signatures: [] })).toThrow(SuyuanError);
  });
});

describe('Ed25519 cosignatures (c2sp.org/tlog-cosignature, type 0x04)', () => {
  const checkpoint = 'example.com/log\n10\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  function cosign(key: ReturnType<typeof nodeKey>, name: string, time: bigint, message = checkpoint) {
    const stamp = new Uint8Array(8);
    new DataView(stamp.buffer).setBigUint64(0, time);
    const signature = key.sign(utf8(`cosignature/v1\ntime ${time}\n${message}`));
    return line(name, noteKeyId(name, 0x04, key.publicKey), new Uint8Array([...stamp, ...signature]));
  }

  it('verifies a cosignature and reports its timestamp', async () => {
    const key = nodeKey();
    const witness = parseVerifierKey(formatVerifierKey('witness.example/w1', key.publicKey, 0x04));
    expect(witness.type).toBe(0x04);
    const verified = expectOk(await verifyNote(`${checkpoint}\n${cosign(key, 'witness.example/w1', 1679315147n)}`, [witness]));
    expect(verified.signatures[0]!.timestamp).toBe(1679315147);
  });

  it('rejects a cosignature whose timestamp or key type was changed', async () => {
    const key = nodeKey();
    const witness = noteVerifier('witness.example/w1', key.publicKey, 0x04);
    const good = cosign(key, 'witness.example/w1', 1679315147n);
    const data = Uint8Array.from(atob(good.split(' ')[2]!.trim()), (c) => c.charCodeAt(0));
    expectFailure(await verifyNote(`${checkpoint}\n${line('witness.example/w1', witness.keyId, flipped(data, 11).slice(4))}`, [witness]), 'bad-signature');
    // A plain Ed25519 key (type 0x01) has another key ID: the cosignature is not its signature.
    expectFailure(await verifyNote(`${checkpoint}\n${good}`, [noteVerifier('witness.example/w1', key.publicKey)]), 'untrusted');
    // Timestamps above 2^53 − 1 are refused (the spec lets verifiers refuse future timestamps).
    expectFailure(await verifyNote(`${checkpoint}\n${cosign(key, 'witness.example/w1', 2n ** 63n - 1n)}`, [witness]), 'bad-signature');
  });
});

describe('tampering and hostile notes', () => {
  it('never verifies a note with any byte changed (three bit patterns per byte)', async () => {
    // One trusted signature, one unknown: every changed byte breaks the text, the trusted signature,
    // or the note's form — except bytes of the unknown signature, which is ignored either way.
    const note = utf8(`${text}\n${peterSig}${enochSig}`);
    const unknownFrom = note.length - utf8(enochSig).length;
    for (let i = 0; i < unknownFrom; i++) {
      for (const mask of [0x01, 0x20, 0x80]) {
        const result = await verifyNote(flipped(note, i, mask), [peter]);
        expect(result.ok, `byte ${i} ^ ${mask}`).toBe(false);
        expectFailure(result);
      }
    }
    for (let i = unknownFrom; i < note.length; i++) {
      const result = await verifyNote(flipped(note, i), [peter]);
      if (result.ok) expect(result.value.text).toBe(text);
    }
  });

  it('with two trusted signatures, a changed byte fails or drops the changed signature, never the text', async () => {
    const note = utf8(`${text}\n${peterSig}${enochSig}`);
    for (let i = 0; i < note.length; i++) {
      for (const mask of [0x01, 0x20, 0x80]) {
        const result = await verifyNote(flipped(note, i, mask), [peter, enoch]);
        if (!result.ok) {
          expectFailure(result);
          continue;
        }
        // Only a renamed or re-keyed line can pass: it becomes an unknown signature and no longer counts.
        expect(result.value.text).toBe(text);
        expect(result.value.signatures).toHaveLength(1);
        expect(result.value.unverified).toHaveLength(1);
      }
    }
  });

  it('never verifies a note with a line removed or a text line repeated', async () => {
    const lines = `${text}\n${peterSig}`.split('\n');
    for (let i = 0; i < lines.length - 1; i++) {
      await expectRejected(() => verifyNote([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), [peter]));
      if (i < 3) await expectRejected(() => verifyNote([...lines.slice(0, i), lines[i], ...lines.slice(i)].join('\n'), [peter]));
    }
  });

  it.each([
    ['CRLF line endings', `${text}\n${peterSig}`.replaceAll('\n', '\r\n')],
    ['a CR before the signature', `${text}\r\n${peterSig}`],
    ['a byte-order mark', `\uFEFF${text}\n${peterSig}`],
    ['a NUL', `${text}\n${peterSig}\0`],
    ['a lone surrogate', `\uDC00${text}\n${peterSig}`],
    ['base64 with a space', `${text}\n${peterSig.slice(0, 40)} ${peterSig.slice(40)}`],
    ['base64 without padding', `${text}\n${peterSig.replace('=\n', '\n')}`],
    ['base64url', `${text}\n${peterSig.replace('/', '_')}`],
    ['a 4-byte signature', `${text}\n— PeterNeumann x08gow==\n`],
    ['an empty signature', `${text}\n— PeterNeumann \n`],
    ['garbage', 'garbage'],
    ['nothing', ''],
    ['only newlines', '\n\n\n'],
    ['truncated', `${text}\n${peterSig}`.slice(0, 130)],
    ['over 1 MiB', `${'a'.repeat(1 << 20)}\n\n${peterSig}`],
  ])('rejects %s without throwing', async (_name, note) => {
    await expectRejected(() => verifyNote(note, [peter]));
  });

  it.each([null, undefined, 42, {}, ['a'], new Uint16Array(4)])('rejects a non-text note %s as malformed', async (note) => {
    expectFailure(await verifyNote(note as unknown as string, [peter]), 'malformed');
  });

  it.each([null, 'peter', [null], [{ name: 'x' }], [{ ...peter, name: 'bad name' }], [{ ...peter, keyId: -1 }]])('throws INPUT_TYPE for an unusable trust list %#', async (verifiers) => {
    await expect(verifyNote(`${text}\n${peterSig}`, verifiers as unknown as NoteVerifier[])).rejects.toMatchObject({ code: 'INPUT_TYPE' });
  });

  it('treats a custom verifier that throws as unable to check, not as a crash', async () => {
    const broken: NoteVerifier = { ...peter, verify: () => Promise.reject(new TypeError('boom')) };
    const result = await verifyNote(`${text}\n${peterSig}`, [broken]);
    expectFailure(result, 'unsupported');
  });
});

describe('runtimes without Ed25519', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('answers unsupported when there is no WebCrypto', async () => {
    vi.stubGlobal('crypto', undefined);
    const result = await verifyNote(`${text}\n${peterSig}`, [parseVerifierKey(GO_NOTE.peterVkey)]);
    expectFailure(result, 'unsupported');
    if (!result.ok) expect(result.error.code).toBe('ALGORITHM_UNSUPPORTED');
    await expect(generateNoteSigner('a.example')).rejects.toMatchObject({ code: 'ALGORITHM_UNSUPPORTED' });
  });

  it('answers unsupported when WebCrypto does not know Ed25519', async () => {
    const notSupported = () => Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    vi.stubGlobal('crypto', { subtle: { importKey: notSupported, verify: notSupported, sign: notSupported, generateKey: notSupported, exportKey: notSupported } });
    const result = await verifyNote(`${text}\n${peterSig}`, [parseVerifierKey(GO_NOTE.peterVkey)]);
    expectFailure(result, 'unsupported');
    // An unknown key is still only untrusted: nothing needed checking.
    expectFailure(await verifyNote(`${text}\n${enochSig}`, [parseVerifierKey(GO_NOTE.peterVkey)]), 'untrusted');
    await expect(parseSignerKey(GO_NOTE.peterSkey)).rejects.toMatchObject({ code: 'ALGORITHM_UNSUPPORTED' });
  });
});
