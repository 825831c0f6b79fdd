import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { handler as backfill } from '../../functions/jobs/credential-backfill';
import { dynamo } from '../../shared/data/client';
import { reserveStatusIndexes } from '../../shared/data/credential-status';
import { newCertificateNumber } from '../../shared/domain/certificate-number';
import { seedCertificate } from '../support/certificates';
import { statusAt, verifyCredentialJwt } from '../support/credentials';
import { useTestStack } from '../support/local-stack';
import { readPdf } from '../support/pdf';

/**
 * Credentials after they are issued, over HTTP through the local gateway with real tokens, checked by code this
 * project did not write: `jose` verifies each JWT against the JWKS fetched over HTTP, Digital Bazaar's `decodeList`
 * reads the status list fetched over HTTP. A legal name change reissues the credential (README, "Certificates and
 * credentials"); the backfill gives certificates issued before credentials existed theirs.
 */
const stack = useTestStack();
const jwks = () => `${stack().url}/.well-known/jwks.json`;

const subjectName = (payload: Record<string, any>) =>
  (payload.credentialSubject.identifier as { identityType: string; identityHash: string }[]).find(
    (i) => i.identityType === 'name',
  )?.identityHash;

/** The value a credential's own status entry has in the list it names, as a verifier reads it. */
async function statusOf(payload: Record<string, any>) {
  const { statusListCredential, statusListIndex } = payload.credentialStatus as Record<string, string>;
  const list = await stack().fetch(new URL(statusListCredential!).pathname);
  return statusAt(list.text, Number(statusListIndex)).value;
}

const pdfText = async (number: string, token: string) =>
  (
    await readPdf(
      Buffer.from(
        await (
          await fetch(`${stack().url}/me/certifications/${number}/certificate.pdf`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).arrayBuffer(),
      ),
    )
  ).text;

describe('a legal name change reissues the credential', () => {
  it('the holder downloads a new JWT with the new name; the old one still verifies but its status says superseded', async () => {
    const ads = await stack().token('ads-staff');
    const me = await stack().token('applicant');
    const sub = decodeJwt(me).sub!;
    const authorised = await stack().fetch('/ads/providers/self-hired/supervisors', {
      method: 'POST',
      token: ads,
      json: { name: 'Lee', email: 'lee@summit.example.org', reason: 'Employer of record, confirmed' },
    });
    expect(authorised.status).toBe(201);
    const profile = await stack().fetch('/me/profile', {
      method: 'PUT',
      token: me,
      json: {
        name: 'Morgan Ashby',
        jobTitle: 'Employment specialist',
        position: 'direct-service',
        providerId: null,
        supervisor: { name: 'Lee', email: 'lee@summit.example.org' },
      },
    });
    expect(profile.status).toBe(200);
    const cert = await seedCertificate({
      holderSub: sub,
      holderName: 'Morgan Ashby',
      issuedOn: '2026-09-01',
      expiresOn: '2029-09-01',
      course: { statusIndex: await reserveStatusIndexes(1) },
    });
    const before = (await stack().fetch(`/me/certifications/${cert.number}/credential`, { token: me })).body.jwt;
    const old = await verifyCredentialJwt(before, jwks());
    expect([subjectName(old.payload), await statusOf(old.payload)]).toEqual(['Morgan Ashby', 0]);

    const changed = await stack().fetch(`/ads/people/${sub}/legal-name`, {
      method: 'POST',
      token: ads,
      json: { name: 'Morgan Ashby-Reyes', reason: 'Court order of name change, seen by ADS' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.reissued).toEqual([cert.number]);

    const after = (await stack().fetch(`/me/certifications/${cert.number}/credential`, { token: me })).body.jwt;
    expect(after).not.toBe(before);
    const reissued = await verifyCredentialJwt(after, jwks());
    expect(subjectName(reissued.payload)).toBe('Morgan Ashby-Reyes');
    expect(reissued.payload.credentialStatus.statusListIndex).not.toBe(old.payload.credentialStatus.statusListIndex);
    expect(await statusOf(reissued.payload)).toBe(0);
    // The old JWT is still the issuer's (its signature verifies) but no longer current: superseded (3).
    const stillSigned = await verifyCredentialJwt(before, jwks());
    expect(await statusOf(stillSigned.payload)).toBe(3);
    // The public copy is the reissued one too.
    expect((await stack().fetch(`/verify/${cert.number}/credential`)).body.jwt).toBe(after);

    // The page and the PDF render the certificate as it is now.
    const page = await stack().fetch(`/verify/${cert.number}`, { headers: { accept: 'text/html' } });
    expect(page.text).toContain('Morgan Ashby-Reyes');
    expect(await pdfText(cert.number, me)).toContain('Morgan Ashby-Reyes');
  });
});

describe('the credential backfill', () => {
  /** A course certification as written before credentials existed: no status index, no write stamp. */
  async function oldShapeCertificate(holderName: string, standing: 'issued' | 'suspended') {
    const number = newCertificateNumber();
    const sub = `holder-${number.slice(-4)}`;
    await dynamo.send(
      new PutCommand({
        TableName: process.env.TABLE_NAME,
        Item: {
          pk: `CERTIFICATE#${number}`,
          sk: '#CERTIFICATE',
          type: 'certificate',
          number,
          holderSub: sub,
          holderName,
          stage: 'discovery',
          source: 'course',
          iterationId: 'it-0000000000000001',
          applicationId: 'ap-0000000000000001',
          issuedOn: '2025-06-02',
          expiresOn: '2028-06-02',
          standing,
          providerRegions: [],
          history: [{ at: '2025-06-02T10:00:00.000-04:00', action: 'issued', by: 'ads-staff-0' }],
          createdAt: '2025-06-02T10:00:00.000-04:00',
          version: standing === 'issued' ? 1 : 2,
          gsi1pk: 'PROVIDER#NONE#CERTIFICATES',
          gsi1sk: `${holderName.toLowerCase()}#${number}`,
          gsi2pk: `PERSON#${sub}`,
          gsi2sk: `CERTIFICATE#discovery#2025-06-02#${number}`,
          gsi3pk: 'EXPIRY',
          gsi3sk: `2028-06-02#${number}`,
          gsi4pk: 'HOLDER_NAMES',
          gsi4sk: `${holderName.toLowerCase()}#${number}`,
        },
      }),
    );
    return number;
  }

  it('issues credentials to certificates issued before them, once: verifiable, with their standing in the list', async () => {
    const active = await oldShapeCertificate('Jo Early', 'issued');
    const suspended = await oldShapeCertificate('Kim Early', 'suspended');
    const none = await stack().fetch(`/verify/${active}/credential`);
    expect([none.status, none.body.errors?.[0]?.code]).toEqual([422, 'no_credential']);

    const first = await backfill({});
    expect(first).toMatchObject({ given: 2, left: 0 });
    const second = await backfill({});
    expect(second).toMatchObject({ given: 0, left: 0 });

    const checked = new Map<string, number>();
    for (const number of [active, suspended]) {
      const answer = await stack().fetch(`/verify/${number}/credential`);
      expect(answer.status).toBe(200);
      const { payload } = await verifyCredentialJwt(answer.body.jwt, jwks());
      expect(payload.credentialSubject.licenseNumber).toBe(number);
      checked.set(number, await statusOf(payload));
    }
    expect(Object.fromEntries(checked)).toEqual({ [active]: 0, [suspended]: 1 });
    const page = await stack().fetch(`/verify/${active}`, { headers: { accept: 'text/html' } });
    expect(page.text).toContain(`/verify/${active}/credential`);
  });
});
