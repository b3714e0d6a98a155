/**
 * A small in-memory transparency log for tests (imported by `*.test.ts` only): append entries, sign
 * checkpoints with a platform note key, hand out C2SP tlog-proof bundles and consistency proofs —
 * the evidence a platform answers with.
 */
import { encodeBase64 } from '../log/encoding.js';
import { consistencyProof, inclusionProof, rootHash } from '../log/merkle.js';
import { formatProofBundle } from '../log/proof-bundle.js';
import { signCheckpoint } from '../log/checkpoint.js';
import { formatVerifierKey, generateNoteSigner, type NoteSigner } from '../log/signed-note.js';
import type { SigningKey } from '../trust/keys.js';
import { formatKeyEntry } from './log-entries.js';

export class TestLog {
  readonly entries: string[] = [];
  private constructor(
    readonly origin: string,
    readonly signer: NoteSigner,
    readonly verifierKey: string,
  ) {}

  static async create(origin = 'log.suyuan.example'): Promise<TestLog> {
    const { signer, keyPair } = await generateNoteSigner(origin, { extractable: true });
    const raw = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', keyPair.publicKey));
    return new TestLog(origin, signer, formatVerifierKey(origin, raw));
  }

  append(entry: string): number {
    this.entries.push(entry);
    return this.entries.length - 1;
  }

  registerKey(issuer: string, key: SigningKey): number {
    return this.append(formatKeyEntry({ action: 'register', iss: issuer as `uscc:${string}`, kid: key.kid, jwk: key.publicJwk }));
  }

  revokeKey(issuer: string, key: SigningKey): number {
    return this.append(formatKeyEntry({ action: 'revoke', iss: issuer as `uscc:${string}`, kid: key.kid }));
  }

  /** A tlog-proof bundle for the entry at `index` under a checkpoint of the first `size` entries. */
  async proof(index: number, size = this.entries.length): Promise<string> {
    const tree = this.entries.slice(0, size);
    const checkpoint = await signCheckpoint({ origin: this.origin, size, rootHash: rootHash(tree) }, this.signer);
    return formatProofBundle({ index, proof: inclusionProof(tree, index).proof, checkpoint });
  }

  seen(size = this.entries.length): { origin: string; size: number; rootHash: string } {
    return { origin: this.origin, size, rootHash: encodeBase64(rootHash(this.entries.slice(0, size))) };
  }

  consistency(oldSize: number): { oldSize: number; proof: string[] } {
    return { oldSize, proof: consistencyProof(this.entries, oldSize).proof.map(encodeBase64) };
  }
}
