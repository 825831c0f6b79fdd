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

/** An entry's 2-bit status in a status list JWT: 0 valid, 1 suspended, 2 revoked. */
export async function statusAt(statusListJwt: string, position: number): Promise<number> {
  const { decodeList } = await import('@digitalbazaar/vc-bitstring-status-list');
  const subject = decodeJwt(statusListJwt).credentialSubject as { encodedList: string };
  const list = await decodeList({ encodedList: subject.encodedList });
  return (Number(list.getStatus(position * 2)) << 1) | Number(list.getStatus(position * 2 + 1));
}
