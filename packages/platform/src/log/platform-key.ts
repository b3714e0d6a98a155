/**
 * The platform's log key: the Ed25519 key that signs its checkpoints and recall notices, kept in the
 * data directory as a signer key in the format of Go's `golang.org/x/mod/sumdb/note` —
 * `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte seed)>` — so the same file works with the
 * Go tooling of the transparency-log ecosystem. The file is created on first start with mode 0600
 * and never rewritten; its public half (the C2SP verifier key, `<name>+<hex key ID>+<base64>`) is
 * what clients pin.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNoteSigner, parseSignerKey, SuyuanError, type NoteSigner } from '@suyuan/core';

/** Where the signer key lives inside a data directory. */
export const LOG_KEY_FILE = 'log-key';

/** The PKCS #8 DER of an Ed25519 private key is a fixed 16-byte prefix and the 32-byte seed. */
const PKCS8_ED25519_LENGTH = 48;

/** The signer key text of a freshly generated key pair. */
async function formatSignerKey(signer: NoteSigner, privateKey: CryptoKey): Promise<string> {
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey));
  if (pkcs8.length !== PKCS8_ED25519_LENGTH) throw new SuyuanError('KEY_INVALID', 'The runtime exported an Ed25519 key in an unexpected PKCS #8 form.', {});
  const seed = new Uint8Array(33);
  seed[0] = signer.type;
  seed.set(pkcs8.subarray(16), 1);
  return `PRIVATE+KEY+${signer.name}+${signer.keyId.toString(16).padStart(8, '0')}+${Buffer.from(seed).toString('base64')}`;
}

/**
 * The log key of a data directory for the log `origin`: read when the file exists (its name must be
 * the origin), created otherwise. Returns the signer and whether it was created now.
 */
export async function loadOrCreateLogKey(dataDir: string, origin: string): Promise<{ signer: NoteSigner; created: boolean }> {
  const file = join(dataDir, LOG_KEY_FILE);
  if (existsSync(file)) {
    const signer = await parseSignerKey(readFileSync(file, 'utf8').trim());
    if (signer.name !== origin) {
      throw new SuyuanError('KEY_INVALID', `The log key in ${file} is for the log "${signer.name}", not "${origin}": a log keeps its origin for life.`, { expected: origin, received: signer.name });
    }
    return { signer, created: false };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { signer, keyPair } = await generateNoteSigner(origin, { extractable: true });
  writeFileSync(file, `${await formatSignerKey(signer, keyPair.privateKey)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { signer: await parseSignerKey(readFileSync(file, 'utf8').trim()), created: true };
}
