import { now } from '../clock';
import { config } from '../config/runtime';
import { statusEntries } from '../data/credential-status';
import { getStoredCredential, isCurrentCredential, storeCredential } from '../data/credentials';
import { getPerson } from '../data/people';
import { toCtIso } from '../domain/calendar/time';
import { type Certification, hasCredential } from '../domain/certification';
import { RuleBroken } from '../domain/errors';
import { issuerSigner } from '../credentials/issuer';
import { openBadgeCredential, statusListCredential } from '../credentials/open-badge';
import { signCredential } from '../credentials/signer';
import { encodeList } from '../credentials/status-list';
import { certificateFor } from './certificate-document';

/**
 * The certificate's Open Badges 3.0 credential (VC-JOSE JWT), signed on its first download and kept (one `kms:Sign`
 * per certificate, not per request). It carries the holder's name as the certificate, its PDF and its verification
 * page do — one name everywhere — and a salted hash of their email. Its standing is not in it (the status list says
 * that), so it never needs signing again unless ADS changes the holder's legal name, which reissues it (a new status
 * entry; the old JWT's entry says superseded). Only certifications this course
 * issued have one (an outside certification is another body's to issue).
 */
export async function credentialOf(number: string, holderSub?: string) {
  const cert = await certificateFor(number, holderSub);
  if (!hasCredential(cert) || cert.statusIndex === undefined)
    throw new RuleBroken('This certification has no credential.', [
      {
        field: 'number',
        code: 'no_credential',
        message:
          cert.source === 'course'
            ? 'issued before credentials were issued: it has no place in the status list'
            : 'recorded from an outside course: its credential is the awarding body’s to issue',
      },
    ]);
  const credential = openBadgeCredential(
    {
      number: cert.number,
      stage: cert.stage,
      holderName: cert.holderName,
      holderEmail: (await getPerson(cert.holderSub))?.email ?? '',
      issuedOn: cert.issuedOn,
      expiresOn: cert.expiresOn,
      statusIndex: cert.statusIndex,
    },
    config.publicBaseUrl,
  );
  const jwt = await signedOnce(cert, credential);
  // What the JWT says, read back from it: a kept JWT is what counts, even if the email has changed since.
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { number: cert.number, format: 'vc+jwt' as const, jwt, credential: payload };
}

/**
 * The stored JWT when it is the certificate's current credential (its name and status entry); otherwise signed now
 * and kept — the first download after a legal name change signs the reissued credential.
 */
async function signedOnce(cert: Certification, credential: object): Promise<string> {
  const stored = await getStoredCredential(cert.number);
  if (stored && isCurrentCredential(stored, cert)) return stored.jwt;
  const jwt = await signCredential(issuerSigner(), credential);
  await storeCredential(cert.number, {
    jwt,
    holderName: cert.holderName,
    statusIndex: cert.statusIndex,
    signedAt: toCtIso(now()),
  });
  return jwt;
}

/** The issuer's public keys (JWKS): what verifiers check a credential's signature with. */
export async function issuerKeys() {
  return { keys: [await issuerSigner().publicJwk()] };
}

/** One status list as a signed credential, built from its entries as they stand now. */
export async function statusList(list: number) {
  const credential = statusListCredential(list, encodeList(await statusEntries(list)), now(), config.publicBaseUrl);
  return signCredential(issuerSigner(), credential);
}
