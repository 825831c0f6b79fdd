import { randomBytes } from 'node:crypto';

/** Crockford's base-32 symbols, in value order. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base32 of `bytes` random bytes: unguessable, unambiguous when read aloud or typed from paper. */
export const randomCode = (bytes: number): string => crockford(randomBytes(bytes));

/** Crockford base32 of the bytes given. */
export function crockford(buffer: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buffer) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

/** Record ids: a readable prefix and 80 random bits, e.g. `it-7QJ3Z0K8D2M4X9VB`. */
export const newId = (prefix: string): string => `${prefix}-${randomCode(10)}`;
