import { createHash, createPublicKey } from 'node:crypto';

/** An EC P-256 public key as a JWK, with the fields RFC 7638 hashes and the ones a verifier reads. */
export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

/**
 * An ECDSA signature as KMS returns it (ASN.1 DER, `SEQUENCE { INTEGER r, INTEGER s }`) in the form JWS needs
 * (RFC 7518 §3.4: r and s as fixed-size unsigned big-endian integers, concatenated). DER integers are minimal and
 * signed, so each may be shorter than the size or carry one leading zero byte.
 */
export function derToRaw(der: Uint8Array, size = 32): Buffer {
  const bytes = Buffer.from(der);
  let at = 0;
  const expect = (tag: number) => {
    if (bytes[at++] !== tag) throw new Error('not a DER ECDSA signature');
  };
  const length = () => {
    const first = bytes[at++]!;
    if (first < 0x80) return first;
    const n = first & 0x7f;
    let value = 0;
    for (let i = 0; i < n; i++) value = (value << 8) | bytes[at++]!;
    return value;
  };
  const integer = () => {
    expect(0x02);
    const n = length();
    let value = bytes.subarray(at, at + n);
    at += n;
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new Error('DER integer longer than the curve size');
    return Buffer.concat([Buffer.alloc(size - value.length), value]);
  };
  expect(0x30);
  const total = length();
  if (at + total !== bytes.length) throw new Error('DER sequence length does not match');
  const r = integer();
  const s = integer();
  if (at !== bytes.length) throw new Error('trailing bytes after the DER signature');
  return Buffer.concat([r, s]);
}

/** The RFC 7638 thumbprint of a P-256 key: SHA-256 of its required members in lexical order, base64url. */
export const thumbprint = (jwk: Pick<EcPublicJwk, 'crv' | 'x' | 'y'>) =>
  createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y }))
    .digest('base64url');

/**
 * A public key as KMS's GetPublicKey returns it (DER SubjectPublicKeyInfo) as a JWK, read by node:crypto; its key
 * id is the given prefix and its thumbprint, so the id changes when the key does.
 */
export function spkiToJwk(spki: Uint8Array, kidPrefix: string): EcPublicJwk {
  const jwk = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('not a P-256 public key');
  const key = { crv: 'P-256' as const, x: jwk.x, y: jwk.y };
  return { kty: 'EC', ...key, kid: `${kidPrefix}${thumbprint(key)}`, alg: 'ES256', use: 'sig' };
}
