import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { derToRaw, spkiToJwk, thumbprint } from '../../shared/credentials/keys';
import { encodeList, LIST_ENTRIES, replacedEntryValue, statusValue } from '../../shared/credentials/status-list';
import { gunzipSync } from 'node:zlib';

/**
 * KMS cannot run locally: the two conversions its answers go through are checked against node:crypto, which
 * produces both forms itself (DER and IEEE P1363 signatures; SPKI and JWK public keys).
 */
describe('DER → raw (r‖s) signatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('gives the signature node:crypto verifies as IEEE P1363, for many signatures (short and padded integers)', () => {
    for (let i = 0; i < 200; i++) {
      const data = Buffer.from(`message ${i}`);
      const der = sign('sha256', data, privateKey);
      const raw = derToRaw(der);
      expect(raw).toHaveLength(64);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
  });

  it('pads a short r with zeros and strips the sign byte of a high one', () => {
    const r = Buffer.alloc(31, 0x11);
    const s = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(32, 0xff)]);
    const der = Buffer.concat([
      Buffer.from([0x30, 2 + r.length + 2 + s.length, 0x02, r.length]),
      r,
      Buffer.from([0x02, s.length]),
      s,
    ]);
    expect(derToRaw(der).toString('hex')).toBe(`00${'11'.repeat(31)}${'ff'.repeat(32)}`);
  });

  it('refuses what is not a DER signature', () => {
    expect(() => derToRaw(Buffer.alloc(64))).toThrow('not a DER ECDSA signature');
    expect(() => derToRaw(Buffer.from([0x30, 0x05, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]))).toThrow('length');
  });
});

describe('SPKI → JWK', () => {
  it('gives the key node:crypto exports, with an RFC 7638 thumbprint as the key id', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = spkiToJwk(
      publicKey.export({ format: 'der', type: 'spki' }),
      'https://x.example/.well-known/jwks.json#',
    );
    const expected = publicKey.export({ format: 'jwk' });
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: expected.x, y: expected.y, alg: 'ES256', use: 'sig' });
    expect(jwk.kid).toBe(`https://x.example/.well-known/jwks.json#${thumbprint(jwk)}`);
    expect(createPublicKey({ key: { ...jwk }, format: 'jwk' }).export({ format: 'der', type: 'spki' })).toEqual(
      publicKey.export({ format: 'der', type: 'spki' }),
    );
  });

  it('matches the RFC 7638 example thumbprint form (members crv, kty, x, y in order)', () => {
    // RFC 7638 §3.1 hashes exactly the required members, lexically ordered, no whitespace.
    expect(thumbprint({ crv: 'P-256', x: 'a', y: 'b' })).toBe(
      require('node:crypto')
        .createHash('sha256')
        .update('{"crv":"P-256","kty":"EC","x":"a","y":"b"}')
        .digest('base64url'),
    );
  });

  it('refuses a key on another curve', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    expect(() => spkiToJwk(publicKey.export({ format: 'der', type: 'spki' }), '')).toThrow('not a P-256');
  });
});

describe('the status list encoding', () => {
  it('is multibase base64url of gzip, 2 bits per entry, the first entry the left-most bits', () => {
    const encoded = encodeList(
      new Map([
        [0, 2],
        [3, 1],
        [LIST_ENTRIES - 1, 3],
      ]),
    );
    expect(encoded.startsWith('u')).toBe(true);
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits).toHaveLength((LIST_ENTRIES * 2) / 8);
    expect(bits[0]).toBe(0b1000_0001);
    expect(bits.at(-1)).toBe(0b0000_0011);
    expect(bits.subarray(1, -1).every((b) => b === 0)).toBe(true);
  });
});

describe('the status a standing publishes, and what a replaced credential keeps', () => {
  it('valid 0, suspended 1, revoked 2, superseded 3; a credential replaced by a reissue says superseded, unless revoked', () => {
    const standings = ['issued', 'suspended', 'revoked', 'superseded'] as const;
    expect(standings.map(statusValue)).toEqual([0, 1, 2, 3]);
    expect(standings.map(replacedEntryValue)).toEqual([3, 3, 2, 3]);
  });
});
