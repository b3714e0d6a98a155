/**
 * Interoperability: an independent implementation of the C2SP signed-note and tlog-checkpoint rules
 * and of RFC 6962 hashing, written here with node:crypto only (no code of this module), checks what
 * this module produces, and this module checks what it produces.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { rootHash } from './merkle.js';
import { generateNoteSigner, importNoteSigner, parseSignerKey, parseVerifierKey, signNote, verifyNote } from './signed-note.js';
import { expectOk } from './test-helpers.js';

// ——— The independent implementation ———

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function independentKeyId(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([0x01]), publicKey])).digest().subarray(0, 4);
}

function independentVkey(name: string, publicKey: Buffer): string {
  return `${name}+${independentKeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([0x01]), publicKey]).toString('base64')}`;
}

/** Verifies a note against one vkey by the C2SP rules; returns the text, or throws with the reason. */
function independentVerify(note: string, vkey: string): string {
  const [name, idHex, keyBase64] = [vkey.split('+')[0]!, vkey.split('+')[1]!, vkey.split('+').slice(2).join('+')];
  const key = Buffer.from(keyBase64, 'base64');
  if (key[0] !== 0x01 || key.length !== 33) throw new Error('not an Ed25519 vkey');
  const publicKey = key.subarray(1);
  if (independentKeyId(name, publicKey).toString('hex') !== idHex) throw new Error('vkey key ID mismatch');
  if (/[\x00-\x09\x0b-\x1f]/.test(note)) throw new Error('control character');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('no signature block');
  const text = note.slice(0, split + 1);
  let verified = false;
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const match = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (!match) throw new Error(`malformed signature line ${JSON.stringify(line)}`);
    const data = Buffer.from(match[2]!, 'base64');
    if (match[1] !== name || !data.subarray(0, 4).equals(Buffer.from(idHex, 'hex'))) continue;
    const keyObject = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
    if (!verify(null, Buffer.from(text, 'utf8'), keyObject, data.subarray(4))) throw new Error('invalid signature');
    verified = true;
  }
  if (!verified) throw new Error('no signature by the key');
  return text;
}

function independentSign(text: string, name: string, privateKey: KeyObject, publicKey: Buffer): string {
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  return `${text}\n\u2014 ${name} ${Buffer.concat([independentKeyId(name, publicKey), signature]).toString('base64')}\n`;
}

function independentCheckpoint(text: string): { origin: string; size: bigint; root: Buffer } {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3 || lines.some((l) => l === '')) throw new Error('malformed checkpoint');
  if (!/^(0|[1-9][0-9]*)$/.test(lines[1]!)) throw new Error('malformed size');
  const root = Buffer.from(lines[2]!, 'base64');
  if (root.length !== 32 || root.toString('base64') !== lines[2]) throw new Error('malformed root');
  return { origin: lines[0]!, size: BigInt(lines[1]!), root };
}

function independentRoot(entries: readonly Buffer[]): Buffer {
  const hash = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const mth = (list: readonly Buffer[]): Buffer => {
    if (list.length === 0) return hash();
    if (list.length === 1) return hash(Buffer.from([0]), list[0]!);
    let k = 1;
    while (k * 2 < list.length) k *= 2;
    return hash(Buffer.from([1]), mth(list.slice(0, k)), mth(list.slice(k)));
  };
  return mth(entries);
}

function nodeKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: Buffer.from(publicKey.export({ format: 'der', type: 'spki' }).subarray(12)), pkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

// ——— The tests ———

describe('interop with an independent node:crypto implementation of the C2SP rules', () => {
  it('a checkpoint signed by signNote verifies independently', async () => {
    const { signer } = await generateNoteSigner('log.suyuan.example');
    const entries = Array.from({ length: 13 }, (_, i) => Buffer.from(`jws-${i}`));
    const note = await signCheckpoint({ origin: 'log.suyuan.example', size: 13, rootHash: rootHash(entries) }, signer);
    // The independent side derives the vkey from the raw public key itself.
    expect(signer.verifierKey).toBe(independentVkey('log.suyuan.example', Buffer.from(signer.publicKey)));
    const text = independentVerify(note, signer.verifierKey);
    expect(independentCheckpoint(text)).toEqual({ origin: 'log.suyuan.example', size: 13n, root: independentRoot(entries) });
  });

  it('a checkpoint signed independently verifies with verifyCheckpoint', async () => {
    const { privateKey, publicKey } = nodeKeyPair();
    const entries = Array.from({ length: 6 }, (_, i) => Buffer.from(`record ${i}`));
    const text = `log.suyuan.example\n6\n${independentRoot(entries).toString('base64')}\n`;
    const note = independentSign(text, 'log.suyuan.example', privateKey, publicKey);
    const checkpoint = expectOk(await verifyCheckpoint(note, [parseVerifierKey(independentVkey('log.suyuan.example', publicKey))], { origin: 'log.suyuan.example' }));
    expect(checkpoint.size).toBe(6);
    expect(Buffer.from(checkpoint.rootHash)).toEqual(independentRoot(entries));
  });

  it('both sides write the same bytes for the same key (Ed25519 is deterministic)', async () => {
    const { privateKey, publicKey, pkcs8 } = nodeKeyPair();
    const signer = await importNoteSigner('log.suyuan.example', new Uint8Array(pkcs8));
    const text = 'log.suyuan.example\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n';
    expect(await signNote(text, signer)).toBe(independentSign(text, 'log.suyuan.example', privateKey, publicKey));
    // The Go reference's signer key format (PRIVATE+KEY+name+id+base64(0x01 ‖ seed)) gives the same signer.
    const seed = Buffer.from(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }).d!, 'base64url');
    const skey = `PRIVATE+KEY+log.suyuan.example+${independentKeyId('log.suyuan.example', publicKey).toString('hex')}+${Buffer.concat([Buffer.from([1]), seed]).toString('base64')}`;
    const fromSkey = await parseSignerKey(skey);
    expect(fromSkey.verifierKey).toBe(signer.verifierKey);
    expect(await signNote(text, fromSkey)).toBe(await signNote(text, signer));
  });

  it('agrees on random notes and keys (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((line) => !/[\x00-\x1f]/.test(line)), { minLength: 1, maxLength: 5 }),
        fc.stringMatching(/^[a-z0-9.\-/]{1,30}$/),
        async (lines, name) => {
          const text = `${lines.join('\n')}\n`;
          const { privateKey, publicKey, pkcs8 } = nodeKeyPair();
          const ours = await signNote(text, await importNoteSigner(name, new Uint8Array(pkcs8)));
          expect(independentVerify(ours, independentVkey(name, publicKey))).toBe(text);
          const theirs = independentSign(text, name, privateKey, publicKey);
          expect(theirs).toBe(ours);
          expect(expectOk(await verifyNote(theirs, [parseVerifierKey(independentVkey(name, publicKey))])).text).toBe(text);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('agrees on Merkle roots of random logs (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 70 }), (list) => {
        expect(Buffer.from(rootHash(list))).toEqual(independentRoot(list.map((entry) => Buffer.from(entry))));
      }),
    );
  });
});
