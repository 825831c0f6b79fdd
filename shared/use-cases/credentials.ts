import { now } from '../clock';
import { config } from '../config/runtime';
import { statusEntries } from '../data/credential-status';
import { getCertificate } from '../data/certifications';
import { getPerson } from '../data/people';
import { lifecycleSettings } from '../data/settings';
import { ctDate } from '../domain/calendar/time';
import type { Certification } from '../domain/certification';
import { NotFound, RuleBroken } from '../domain/errors';
import { issuerSigner } from '../credentials/issuer';
import { openBadgeCredential, statusListCredential } from '../credentials/open-badge';
import { signCredential } from '../credentials/signer';
import { encodeList } from '../credentials/status-list';
import { certificateView } from './certifications/views';

/**
 * A certificate for one of its readers: the holder (`holderSub` given: someone else's answers as not found, its
 * existence not revealed), ADS, or anyone at its public address.
 */
async function certificateFor(number: string, holderSub?: string): Promise<Certification> {
  const cert = await getCertificate(number);
  if (!cert || (holderSub !== undefined && cert.holderSub !== holderSub)) throw new NotFound('The certificate');
  return cert;
}

/**
 * The certificate's Open Badges 3.0 credential, signed now (VC-JOSE JWT) with the holder's name as their profile
 * has it today — so a legal name change is carried by the next credential — and a salted hash of their email.
 * Only certifications this course issued have one (an outside certification is another body's to issue).
 */
export async function credentialOf(number: string, holderSub?: string) {
  const cert = await certificateFor(number, holderSub);
  if (cert.source !== 'course' || cert.statusIndex === undefined)
    throw new RuleBroken('This certification has no credential.', [
      {
        field: 'number',
        code: 'no_credential',
        message:
          cert.source === 'course'
            ? 'issued before credentials were issued; ADS can reissue it'
            : 'recorded from an outside course: its credential is the awarding body’s to issue',
      },
    ]);
  const person = await getPerson(cert.holderSub);
  const credential = openBadgeCredential(
    {
      number: cert.number,
      stage: cert.stage,
      holderName: person?.name ?? cert.holderName,
      holderEmail: person?.email ?? '',
      issuedOn: cert.issuedOn,
      expiresOn: cert.expiresOn,
      statusIndex: cert.statusIndex,
    },
    config.publicBaseUrl,
  );
  return {
    number: cert.number,
    format: 'vc+jwt' as const,
    jwt: await signCredential(issuerSigner(), credential),
    credential,
  };
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

/** What the certificate document shows: the certificate as it stands today (a revoked one says so). */
export async function certificateDocument(number: string, holderSub?: string) {
  const cert = await certificateFor(number, holderSub);
  return certificateView(cert, ctDate(now()), await lifecycleSettings());
}
