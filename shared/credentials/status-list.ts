import { gzipSync } from 'node:zlib';
import type { Standing } from '../domain/certification';

/**
 * The W3C Bitstring Status List that publishes suspensions and revocations. One entry per certificate, 2 bits wide
 * (`statusPurpose: message`: valid, suspended, revoked, superseded): Open Badges 3.0's schema allows one `credentialStatus`, and a revocation list alone
 * cannot say "suspended" (a revocation bit may never be cleared again). 131,072 entries per list (the spec's
 * minimum), so fetching the list says nothing about whom a verifier is checking.
 */
export const LIST_ENTRIES = 131_072;
export const STATUS_SIZE = 2;
export const STATUS_MESSAGES = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'suspended' },
  { status: '0x2', message: 'revoked' },
  { status: '0x3', message: 'superseded' },
] as const;

/**
 * The status value a standing publishes; 0 (valid) is the list's default, so only the others are stored. A renewed
 * (superseded) certificate says so (3): its credential is no longer the one that counts, though it was never revoked.
 */
const STATUS_VALUES: Record<Standing, number> = { issued: 0, suspended: 1, revoked: 2, superseded: 3 };
export const statusValue = (standing: Standing): number => STATUS_VALUES[standing];

/**
 * The status a replaced credential's entry is left with when its certificate's credential is reissued (a legal name
 * change): superseded (3) — it is no longer the current credential, yet the certificate was not revoked, and a verifier
 * holding it is told exactly that — unless the certificate is revoked, whose entry never leaves revoked (2).
 */
export const replacedEntryValue = (standing: Standing): number =>
  standing === 'revoked' ? STATUS_VALUES.revoked : STATUS_VALUES.superseded;

/** Which list a certificate's status index is in, and its position there. */
export const listPosition = (index: number) => ({
  list: Math.floor(index / LIST_ENTRIES),
  position: index % LIST_ENTRIES,
});

/**
 * The encoded list: entry i's value in bits i·2 … i·2+1, most significant first, the first bit the left-most bit
 * of the first byte; gzipped; multibase base64url (`u`, no padding).
 */
export function encodeList(values: ReadonlyMap<number, number>): string {
  const bits = Buffer.alloc((LIST_ENTRIES * STATUS_SIZE) / 8);
  for (const [position, value] of values) {
    for (let b = 0; b < STATUS_SIZE; b++) {
      if (!((value >> (STATUS_SIZE - 1 - b)) & 1)) continue;
      const bit = position * STATUS_SIZE + b;
      bits[bit >> 3]! |= 0x80 >> (bit & 7);
    }
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}
