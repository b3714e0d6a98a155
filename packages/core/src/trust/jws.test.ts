import { describe, expect, it } from 'vitest';
import { signCompactJws, splitCompactJws, verifyCompactJws } from './jws.js';
import { generateSigningKey, importSigningKey, SIGNING_ALGORITHMS } from './keys.js';
import { RFC7515_A3, describeCryptoPaths } from './test-support.js';

/** RFC 8037 Appendix A.4/A.5: Ed25519 is deterministic, so this exact JWS is reproduced. */
const RFC8037_A4 = {
  privateJwk: { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
  header: { alg: 'EdDSA' },
  payload: 'Example of Ed25519 signing',
  jws: 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
} as const;

/** RFC 7515 Appendix A.3: an ES256 JWS (ECDSA is randomised: verified, not reproduced). */
const RFC7515_A3_JWS = {
  jws:
    'eyJhbGciOiJFUzI1NiJ9' +
    '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
    '.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q',
  payload: '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}',
} as const;

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describeCryptoPaths(() => {
  describe('compact JWS: RFC vectors', () => {
    it('reproduces the RFC 8037 A.4 Ed25519 JWS exactly, and verifies it (A.5)', async () => {
      const key = await importSigningKey(RFC8037_A4.privateJwk);
      expect(await signCompactJws({ ...RFC8037_A4.header }, RFC8037_A4.payload, key)).toBe(RFC8037_A4.jws);
      const verified = await verifyCompactJws(RFC8037_A4.jws, key.publicJwk);
      expect(verified).toMatchObject({ ok: true, header: RFC8037_A4.header });
      expect(verified.ok && text(verified.payload)).toBe(RFC8037_A4.payload);
    });

    it('verifies the RFC 7515 A.3 ES256 JWS with the A.3 key, and signs verifiable JWS with it', async () => {
      const verified = await verifyCompactJws(RFC7515_A3_JWS.jws, RFC7515_A3.publicJwk);
      expect(verified).toMatchObject({ ok: true, header: { alg: 'ES256' } });
      expect(verified.ok && text(verified.payload)).toBe(RFC7515_A3_JWS.payload);
      const key = await importSigningKey(RFC7515_A3.privateJwk);
      const jws = await signCompactJws({ alg: 'ES256' }, RFC7515_A3_JWS.payload, key);
      expect(jws.split('.')[2]).toHaveLength(86); // 64 bytes r ‖ s, not DER
      expect((await verifyCompactJws(jws, RFC7515_A3.publicJwk)).ok).toBe(true);
    });

    it('refuses the vectors with the wrong key, a changed payload or the other algorithm', async () => {
      expect(await verifyCompactJws(RFC7515_A3_JWS.jws, { kty: 'OKP', crv: 'Ed25519', x: RFC8037_A4.privateJwk.x })).toMatchObject({ ok: false, code: 'KEY_INVALID' });
      const other = await generateSigningKey('ES256');
      expect(await verifyCompactJws(RFC7515_A3_JWS.jws, other.publicJwk)).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
      const [h, , s] = RFC8037_A4.jws.split('.');
      const changed = `${h}.${Buffer.from('Example of Ed25519 signinG').toString('base64url')}.${s}`;
      expect(await verifyCompactJws(changed, { kty: 'OKP', crv: 'Ed25519', x: RFC8037_A4.privateJwk.x })).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
    });
  });

  describe('compact JWS: structure', () => {
    it.each([
      ['not a string', 42],
      ['two segments', 'eyJhbGciOiJFZERTQSJ9.e30'],
      ['four segments', 'eyJhbGciOiJFZERTQSJ9.e30.e30.e30'],
      ['an empty payload', 'eyJhbGciOiJFZERTQSJ9..AAAA'],
      ['padding', 'eyJhbGciOiJFZERTQSJ9.e30=.AAAA'],
      ['standard base64 characters', 'eyJhbGciOiJFZERTQSJ9.e3+/.AAAA'],
      ['stray bits in a last character', 'eyJhbGciOiJFZERTQSJ9.e31.AAAA'],
      ['a header that is not JSON', `${Buffer.from('{alg:EdDSA}').toString('base64url')}.e30.AAAA`],
      ['a header that is an array', `${Buffer.from('["EdDSA"]').toString('base64url')}.e30.AAAA`],
      ['a header without alg', `${Buffer.from('{"typ":"JWT"}').toString('base64url')}.e30.AAAA`],
      ['a header that is not UTF-8', `${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.e30.AAAA`],
    ])('refuses %s', (_name, jws) => {
      expect(splitCompactJws(jws).ok).toBe(false);
    });

    it('signs headers as canonical JSON and refuses a header alg that is not the key\'s', async () => {
      for (const alg of SIGNING_ALGORITHMS) {
        const key = await generateSigningKey(alg);
        const jws = await signCompactJws({ typ: 'x', alg, a: [1, 2] }, new Uint8Array([0, 1, 2]), key);
        expect(Buffer.from(jws.split('.')[0]!, 'base64url').toString()).toBe(`{"a":[1,2],"alg":"${alg}","typ":"x"}`);
        expect((await verifyCompactJws(jws, key.publicJwk)).ok).toBe(true);
        await expect(signCompactJws({ alg: alg === 'EdDSA' ? 'ES256' : 'EdDSA' }, 'x', key)).rejects.toMatchObject({ code: 'KEY_INVALID' });
      }
      const key = await generateSigningKey('EdDSA');
      await expect(signCompactJws({ alg: 'EdDSA', bad: Number.NaN }, 'x', key)).rejects.toMatchObject({ code: 'INPUT_TYPE' });
    });
  });
});
