import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import schema from '../fixtures/open-badges/ob_v3p0_achievementcredential_schema.json';

/**
 * Checks of a credential with code this project did not write: `jose` verifies the JWT against the issuer's JWKS
 * fetched over HTTP, ajv validates it against the published Open Badges 3.0 schema, and Digital Bazaar's
 * `decodeList` reads the status list.
 */
export async function verifyCredentialJwt(jwt: string, jwksUrl: string) {
  const { payload, protectedHeader } = await jwtVerify(jwt, createRemoteJWKSet(new URL(jwksUrl)), {
    algorithms: ['ES256'],
    typ: 'vc+jwt',
  });
  return { payload: payload as Record<string, any>, header: protectedHeader };
}

const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validateOb3 = ajv.compile(schema);

/** The schema's errors for a credential (none when it conforms). */
export function openBadgesErrors(credential: unknown) {
  return validateOb3(credential) ? [] : (validateOb3.errors ?? []);
}

/**
 * An entry's 2-bit status in a status list JWT (0 valid, 1 suspended, 2 revoked), read by Digital Bazaar's
 * `decodeList` in a child process (ESM only); also the list's length in bits.
 */
export function statusAt(statusListJwt: string, position: number): { value: number; bits: number } {
  const subject = decodeJwt(statusListJwt).credentialSubject as { encodedList: string };
  const out = JSON.parse(
    execFileSync(
      process.execPath,
      [join(process.cwd(), 'test/support/status-read.mjs'), subject.encodedList, '2', String(position)],
      {
        encoding: 'utf8',
      },
    ),
  ) as { length: number; bits: string[] };
  return { value: Number.parseInt(out.bits[0]!, 2), bits: out.length };
}
