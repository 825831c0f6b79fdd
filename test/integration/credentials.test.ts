import { createLocalJWKSet, jwtVerify } from 'jose';
import { JSDOM } from 'jsdom';
import { setLocalClock } from '../../shared/clock';
import { reserveStatusIndexes } from '../../shared/data/credential-status';
import { listPosition } from '../../shared/credentials/status-list';
import { certificationRoutes } from '../../shared/http/routes/certifications';
import { certificatePdfRoutes as pdf, credentialRoutes as c } from '../../shared/http/routes/credentials';
import { registryRoutes as r } from '../../shared/http/routes/registry';
import { violations } from '../support/axe';
import { seedCertificate } from '../support/certificates';
import { useClockReset } from '../support/clock';
import { openBadgesErrors, statusAt } from '../support/credentials';
import { newApplicant, saveProfile } from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();
// The seeded certificates run 2026–2029: read them while they are active, whatever the date the suite runs on.
beforeEach(() => setLocalClock(new Date('2027-06-15T10:00:00-04:00')));

/**
 * Certificates and credentials through the handlers (README, "Certificates and credentials"): whose PDF and
 * credential each caller may have, outside certifications (no credential), the public credential and what the
 * verification page offers, and the keys and status list as verifiers receive them. The whole run, over HTTP with
 * outside verifiers, is in `test/e2e/course-run.test.ts`.
 */
const holder = newApplicant('Rosa Díaz-Moreno');
const other = newApplicant('Olu Other');

async function courseCertificate(standing: 'issued' | 'suspended' | 'revoked' = 'issued') {
  return seedCertificate({
    holderSub: holder.sub,
    holderName: holder.name,
    expiresOn: '2029-09-01',
    issuedOn: '2026-09-01',
    standing,
    course: { statusIndex: await reserveStatusIndexes(1) },
  });
}

const outsideCertificate = () =>
  seedCertificate({ holderSub: holder.sub, holderName: holder.name, expiresOn: '2029-09-01' });

beforeAll(async () => {
  await saveProfile(holder, null);
  await saveProfile(other, null);
});

const problem = (answer: { status: number; headers: Record<string, string> }) => [
  answer.status,
  answer.headers['content-type'],
];

describe('the certificate PDF', () => {
  it("the holder's own and ADS's for anyone; someone else's or an unknown number is not found", async () => {
    const cert = await courseCertificate();
    const own = await invoke(pdf.myCertificatePdf, { as: holder, params: { number: cert.number } });
    expect([own.status, own.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(own.headers['content-disposition']).toContain(`${cert.number}.pdf`);
    expect(
      Buffer.from(own.body as string, 'base64')
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    const byAds = await invoke(pdf.certificatePdf, { as: ads, params: { number: cert.number } });
    expect([byAds.status, byAds.headers['content-type']]).toEqual([200, 'application/pdf']);

    const notTheirs = await invoke(pdf.myCertificatePdf, { as: other, params: { number: cert.number } });
    expect(problem(notTheirs)).toEqual([404, 'application/problem+json']);
    const unknown = await invoke(pdf.certificatePdf, { as: ads, params: { number: 'CT-CE-0000-0000-0000-0000' } });
    expect(problem(unknown)).toEqual([404, 'application/problem+json']);
    const outside = await outsideCertificate();
    const outsidePdf = await invoke(pdf.myCertificatePdf, { as: holder, params: { number: outside.number } });
    expect(outsidePdf.status).toBe(200);
  });

  it('refuses a number that is not one, naming the field', async () => {
    const bad = await invoke(pdf.certificatePdf, { as: ads, params: { number: 'nope' } });
    expect(problem(bad)).toEqual([400, 'application/problem+json']);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['path.number']);
  });
});

describe('the credential', () => {
  it("is the holder's, signed once and kept: the same JWT on every download, verified against the served keys", async () => {
    const cert = await courseCertificate();
    const first = await invoke(c.myCredential, { as: holder, params: { number: cert.number } });
    expect(first.status).toBe(200);
    const again = await invoke(c.myCredential, { as: holder, params: { number: cert.number } });
    // ES256 signatures are randomized: an identical JWT is the one kept, not a second signature.
    expect(again.body.jwt).toBe(first.body.jwt);

    const jwks = await invoke(c.issuerKeys);
    const { payload } = await jwtVerify(first.body.jwt, createLocalJWKSet(jwks.body), {
      algorithms: ['ES256'],
      typ: 'vc+jwt',
    });
    expect(payload).toEqual(first.body.credential);
    expect(openBadgesErrors(payload)).toEqual([]);
    const subject = payload.credentialSubject as { identifier: { identityType: string; identityHash: string }[] };
    // The name the certificate, its PDF and its page carry; the email only as a salted hash.
    expect(subject.identifier.find((i) => i.identityType === 'name')?.identityHash).toBe(holder.name);
    expect(first.text).not.toContain(holder.email);
  });

  it("someone else's is not found; the public one is the same credential, found however the number is typed", async () => {
    const cert = await courseCertificate();
    const notTheirs = await invoke(c.myCredential, { as: other, params: { number: cert.number } });
    expect(problem(notTheirs)).toEqual([404, 'application/problem+json']);
    const own = await invoke(c.myCredential, { as: holder, params: { number: cert.number } });
    const typed = cert.number.replace(/-/g, ' ').toLowerCase();
    const open = await invoke(c.publicCredential, { params: { number: typed } });
    expect([open.status, open.body.number, open.body.jwt]).toEqual([200, cert.number, own.body.jwt]);
    const unknown = await invoke(c.publicCredential, { params: { number: 'CT-CE-0000-0000-0000-0000' } });
    expect(problem(unknown)).toEqual([404, 'application/problem+json']);
  });

  it('an outside certification has none: 422 no_credential, to the holder and the public alike', async () => {
    const outside = await outsideCertificate();
    for (const answer of [
      await invoke(c.myCredential, { as: holder, params: { number: outside.number } }),
      await invoke(c.publicCredential, { params: { number: outside.number } }),
    ]) {
      expect(problem(answer)).toEqual([422, 'application/problem+json']);
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          field: 'path.number',
          code: 'no_credential',
          message: expect.stringMatching(/outside/),
        }),
      ]);
    }
  });
});

describe('the verification page offers the credential and the keys', () => {
  const dom = (html: string) => new JSDOM(html).window.document;

  it.each([
    ['issued', 'Status: Active'],
    ['suspended', 'Status: Suspended'],
    ['revoked', 'Status: Revoked'],
  ] as const)(
    '%s: the stage summary, the credential link and the issuer keys; the status said plainly',
    async (standing, heading) => {
      const cert = await courseCertificate(standing);
      const page = await invoke(r.verifyAtAddress, { params: { number: cert.number } });
      expect(page.status).toBe(200);
      const doc = dom(page.text);
      expect(doc.querySelector('#status-heading')?.textContent).toBe(heading);
      const main = doc.querySelector('main')?.textContent ?? '';
      expect(main).toContain('What this certificate certifies');
      expect(main).toContain(
        'Certified to provide the Discovery stage of Customized Employment services in Connecticut',
      );
      expect(main).toContain('How it was earned: Attended and took part in every live class');
      const hrefs = [...doc.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
      expect(hrefs).toEqual(expect.arrayContaining([`/verify/${cert.number}/credential`, '/.well-known/jwks.json']));
      expect(await violations(page.text)).toEqual([]);
      const json = await invoke(r.verifyCertificate, { params: { number: cert.number } });
      expect(json.body.credential).toBe(`/verify/${cert.number}/credential`);
    },
  );

  it('an outside certification: no credential link, and the page says why', async () => {
    const outside = await outsideCertificate();
    const page = await invoke(r.verifyAtAddress, { params: { number: outside.number } });
    const doc = dom(page.text);
    expect([...doc.querySelectorAll('main a')].map((a) => a.getAttribute('href'))).not.toContain(
      `/verify/${outside.number}/credential`,
    );
    expect(doc.querySelector('main')?.textContent).toContain('has no signed digital credential');
    const json = await invoke(r.verifyCertificate, { params: { number: outside.number } });
    expect(json.body.credential).toBeNull();
  });
});

describe('the keys and the status list, as verifiers receive them', () => {
  it('the JWKS is JSON with one P-256 signing key whose kid is its own address', async () => {
    const jwks = await invoke(c.issuerKeys);
    expect([jwks.status, jwks.headers['content-type']]).toEqual([200, 'application/json; charset=utf-8']);
    expect(jwks.body.keys).toEqual([
      expect.objectContaining({
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
        use: 'sig',
        kid: expect.stringMatching(/\/\.well-known\/jwks\.json#/),
      }),
    ]);
    expect(JSON.stringify(jwks.body)).not.toMatch(/"d"/);
  });

  it('the status list is a signed vc+jwt that says suspended and revoked at once, and 404 never guesses a list', async () => {
    const suspended = await courseCertificate();
    const ok = await invoke(certificationRoutes.setCertificateStanding, {
      as: ads,
      params: { number: suspended.number },
      body: { action: 'suspend', reason: 'Checking the status list' },
    });
    expect(ok.status).toBe(200);
    const { list, position } = listPosition(suspended.statusIndex!);
    const answer = await invoke(c.credentialStatusList, { params: { list: String(list) } });
    expect([answer.status, answer.headers['content-type']]).toEqual([200, 'application/vc+jwt']);
    const jwks = await invoke(c.issuerKeys);
    await jwtVerify(answer.text, createLocalJWKSet(jwks.body), { algorithms: ['ES256'], typ: 'vc+jwt' });
    expect(statusAt(answer.text, position)).toEqual({ value: 1, bits: 131_072 * 2 });
    const bad = await invoke(c.credentialStatusList, { params: { list: '01' } });
    expect(problem(bad)).toEqual([400, 'application/problem+json']);
  });
});
