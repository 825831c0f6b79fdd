import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { dynamo } from '../../shared/data/client';
import { setLocalClock } from '../../shared/clock';
import { reserveStatusIndexes } from '../../shared/data/credential-status';
import { listPosition } from '../../shared/credentials/status-list';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { certificationRoutes as r } from '../../shared/http/routes/certifications';
import { certificatePdfRoutes as pdf, credentialRoutes as c } from '../../shared/http/routes/credentials';
import { registryRoutes } from '../../shared/http/routes/registry';
import { seedCertificate } from '../support/certificates';
import { useClockReset } from '../support/clock';
import { statusAt } from '../support/credentials';
import { newApplicant, saveProfile } from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { readPdf } from '../support/pdf';
import { emailsTo } from '../support/ses';
import { auditRecords, storedItem } from '../support/stored';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();
// The seeded certificates run 2026–2029: read them while they are active, whatever the date the suite runs on.
beforeEach(() => setLocalClock(new Date('2027-06-15T10:00:00-04:00')));

/**
 * ADS's legal name change (README, "Certificates and credentials"): the profile, the people and registry name
 * searches, every certification, and each credential reissued — a new JWT under a new status entry, the old entry
 * superseded — in one transaction per certification, finished by sending the request again after a failure part-way.
 * The same over HTTP with outside verifiers is in `test/e2e/credential-lifecycle.test.ts`.
 */
const REASON = 'Marriage certificate seen by ADS on 3 March';

const courseCertificate = async (who: { sub: string; name: string }, stage: 'discovery' | 'job-development') =>
  seedCertificate({
    holderSub: who.sub,
    holderName: who.name,
    stage,
    issuedOn: '2026-09-01',
    expiresOn: '2029-09-01',
    course: { statusIndex: await reserveStatusIndexes(1) },
  });

const nameIn = (jwt: string) =>
  (
    decodeJwt(jwt).credentialSubject as { identifier: { identityType: string; identityHash: string }[] }
  ).identifier.find((i) => i.identityType === 'name')?.identityHash;

/** An entry's value in the status list as a verifier reads it (Digital Bazaar's `decodeList`). */
async function statusOf(index: number) {
  const { list, position } = listPosition(index);
  const answer = await invoke(c.credentialStatusList, { params: { list: String(list) } });
  return statusAt(answer.text, position).value;
}

const change = (personId: string, name: string, reason = REASON) =>
  invoke(r.changeLegalName, { as: ads, params: { personId }, body: { name, reason } });

describe('a legal name change', () => {
  it('renames the profile, the name searches and every certification, and reissues each credential', async () => {
    const holder = newApplicant('Rosa Díaz');
    await saveProfile(holder, null);
    const active = await courseCertificate(holder, 'discovery');
    const suspended = await courseCertificate(holder, 'job-development');
    await invoke(r.setCertificateStanding, {
      as: ads,
      params: { number: suspended.number },
      body: { action: 'suspend', reason: 'Evidence under review' },
    });
    const outside = await seedCertificate({ holderSub: holder.sub, holderName: holder.name, expiresOn: '2029-06-01' });
    const oldJwt = (await invoke(c.myCredential, { as: holder, params: { number: active.number } })).body.jwt;
    expect(nameIn(oldJwt)).toBe('Rosa Díaz');

    const answer = await change(holder.sub, 'Rosa Keller');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ personId: holder.sub, name: 'Rosa Keller', previousName: 'Rosa Díaz' });
    expect(new Set(answer.body.renamed)).toEqual(new Set([active.number, suspended.number, outside.number]));
    expect(new Set(answer.body.reissued)).toEqual(new Set([active.number, suspended.number]));
    expect(answer.body.certificates.map((x: { holderName: string }) => x.holderName)).toEqual([
      'Rosa Keller',
      'Rosa Keller',
      'Rosa Keller',
    ]);

    // The profile and ADS's people search: found by the new surname, no longer by the old one.
    expect(
      (await invoke(accountRoutes.personRecord, { as: ads, params: { personId: holder.sub } })).body.profile.name,
    ).toBe('Rosa Keller');
    const people = async (name: string) =>
      (await invoke(accountRoutes.lookupPeople, { as: ads, query: { name } })).body.items.map(
        (p: { personId: string }) => p.personId,
      );
    expect(await people('Keller')).toContain(holder.sub);
    expect(await people('Diaz')).not.toContain(holder.sub);
    // The registry's name search (active certifications): the new name only.
    const registry = async (namePrefix: string) =>
      (await invoke(registryRoutes.searchRegistry, { as: ads, query: { namePrefix } })).body.items.map(
        (x: { number: string }) => x.number,
      );
    expect(new Set(await registry('keller'))).toEqual(new Set([active.number, outside.number]));
    expect(await registry('diaz')).toEqual([]);

    // The holder's download is the reissued credential: a new JWT with the new name and a new status entry.
    const reissued = await invoke(c.myCredential, { as: holder, params: { number: active.number } });
    expect(reissued.body.jwt).not.toBe(oldJwt);
    const jwks = createLocalJWKSet((await invoke(c.issuerKeys)).body);
    const verify = (jwt: string) => jwtVerify(jwt, jwks, { algorithms: ['ES256'], typ: 'vc+jwt' });
    const { payload } = await verify(reissued.body.jwt);
    expect(nameIn(reissued.body.jwt)).toBe('Rosa Keller');
    const entryOf = (p: Record<string, unknown>) => (p.credentialStatus as { statusListIndex: string }).statusListIndex;
    const oldPayload = (await verify(oldJwt)).payload; // the old one still verifies: the status says it is not current
    expect(entryOf(payload)).not.toBe(entryOf(oldPayload));
    expect(await statusOf(active.statusIndex!)).toBe(3);
    const newIndex = (await storedItem(`CERTIFICATE#${active.number}`, '#CERTIFICATE'))!.statusIndex as number;
    expect(String(listPosition(newIndex).position)).toBe(entryOf(payload));
    expect(await statusOf(newIndex)).toBe(0);
    // The suspended one: its old entry superseded, its new entry suspended.
    const suspendedNow = (await storedItem(`CERTIFICATE#${suspended.number}`, '#CERTIFICATE'))!;
    expect(suspendedNow.replacedStatusIndexes).toEqual([suspended.statusIndex]);
    expect([await statusOf(suspended.statusIndex!), await statusOf(suspendedNow.statusIndex)]).toEqual([3, 1]);

    // The page and the PDF render the record as it is now.
    const page = await invoke(registryRoutes.verifyAtAddress, { params: { number: active.number } });
    expect(page.text).toContain('Rosa Keller');
    expect(page.text).not.toContain('Díaz');
    const document = await readPdf(
      Buffer.from(
        (await invoke(pdf.myCertificatePdf, { as: holder, params: { number: active.number } })).body as string,
        'base64',
      ),
    );
    expect(document.text).toContain('Rosa Keller');
    expect(document.text).not.toContain('Díaz');

    // Audited on the person and on each certification: who, when, what, why.
    const personTrail = await auditRecords('person', holder.sub);
    expect(personTrail.at(-1)).toMatchObject({
      action: 'legal-name-changed',
      actor: { id: ads.sub },
      reason: REASON,
      before: { name: 'Rosa Díaz' },
      after: { name: 'Rosa Keller' },
      at: expect.stringMatching(/-0[45]:00$/),
    });
    expect((await auditRecords('certificate', active.number)).at(-1)).toMatchObject({
      action: 'reissued-under-new-name',
      reason: REASON,
      before: { holderName: 'Rosa Díaz', statusIndex: active.statusIndex },
      after: { holderName: 'Rosa Keller', statusIndex: newIndex },
    });
    expect((await auditRecords('certificate', outside.number)).at(-1)).toMatchObject({
      action: 'holder-name-changed',
    });

    // The holder is told, and sent to download their credentials again.
    const told = (await emailsTo(holder.email!)).filter(
      (m) => m.subject === 'The name on your CE certificates was changed',
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.body.text).toContain('from Rosa Díaz to Rosa Keller');
    expect(told[0]!.body.text).toContain('download it again from My certifications');

    // Nothing left to do: refused on the field, nothing written.
    const again = await change(holder.sub, 'Rosa Keller');
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'body.name', code: 'unchanged' })]);
    expect(await auditRecords('person', holder.sub)).toHaveLength(personTrail.length);
  });

  it('a failure part-way leaves no certification half-done, and the same request again finishes it', async () => {
    const holder = newApplicant('Noor Haddad');
    await saveProfile(holder, null);
    const certs = [
      await courseCertificate(holder, 'discovery'),
      await courseCertificate(holder, 'job-development'),
      await seedCertificate({
        holderSub: holder.sub,
        holderName: holder.name,
        stage: 'post-employment',
        issuedOn: '2026-09-01',
        expiresOn: '2029-09-01',
        course: { statusIndex: await reserveStatusIndexes(1) },
      }),
    ];
    // The third transaction (the profile's, the first certificate's, then this one) fails as no retry can mend.
    let transactions = 0;
    const name = `fail-third-transaction-${Math.random()}`;
    dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && ++transactions === 3)
          throw Object.assign(new Error('The function was stopped'), {
            name: 'ValidationException',
            $metadata: { httpStatusCode: 400 },
          });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name },
    );
    let failed: Awaited<ReturnType<typeof change>>;
    try {
      failed = await change(holder.sub, 'Noor Haddad-Sayegh');
    } finally {
      dynamo.middlewareStack.remove(name);
    }
    expect(failed.status).toBe(500);
    const stored = async () =>
      Promise.all(certs.map(async (x) => (await storedItem(`CERTIFICATE#${x.number}`, '#CERTIFICATE'))!));
    const midway = await stored();
    expect(midway.map((x) => x.holderName).sort()).toEqual(['Noor Haddad', 'Noor Haddad', 'Noor Haddad-Sayegh']);
    // The one done is wholly done (new name, new entry, old entry superseded); the others wholly untouched.
    for (const [i, x] of midway.entries()) {
      if (x.holderName === 'Noor Haddad')
        expect([x.statusIndex, await statusOf(x.statusIndex)]).toEqual([certs[i]!.statusIndex, 0]);
      else expect([await statusOf(certs[i]!.statusIndex!), await statusOf(x.statusIndex)]).toEqual([3, 0]);
    }

    const retried = await change(holder.sub, 'Noor Haddad-Sayegh');
    expect(retried.status).toBe(200);
    expect(retried.body.previousName).toBeUndefined();
    expect(retried.body.renamed).toHaveLength(2);
    const done = await stored();
    expect(done.map((x) => x.holderName)).toEqual(Array(3).fill('Noor Haddad-Sayegh'));
    for (const [i, x] of done.entries()) {
      expect(x.replacedStatusIndexes).toEqual([certs[i]!.statusIndex]);
      expect([await statusOf(certs[i]!.statusIndex!), await statusOf(x.statusIndex)]).toEqual([3, 0]);
    }
    // The person was renamed (and audited) once.
    expect((await auditRecords('person', holder.sub)).filter((a) => a.action === 'legal-name-changed')).toHaveLength(1);
  });

  it('a revoked certification keeps its old entry revoked; its reissued one says revoked too', async () => {
    const holder = newApplicant('Ivo Petrov');
    await saveProfile(holder, null);
    const cert = await courseCertificate(holder, 'discovery');
    await invoke(r.setCertificateStanding, {
      as: ads,
      params: { number: cert.number },
      body: { action: 'revoke', reason: 'Falsified attendance' },
    });
    expect((await change(holder.sub, 'Ivo Petrova')).status).toBe(200);
    const now = (await storedItem(`CERTIFICATE#${cert.number}`, '#CERTIFICATE'))!;
    expect([await statusOf(cert.statusIndex!), await statusOf(now.statusIndex)]).toEqual([2, 2]);
  });

  it('refuses a missing name or reason on their fields, an unknown person, and anyone but ADS', async () => {
    const holder = newApplicant('Ada Field');
    await saveProfile(holder, null);
    const bad = await invoke(r.changeLegalName, {
      as: ads,
      params: { personId: holder.sub },
      body: { name: '   ', reason: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.name', 'body.reason']);
    expect((await change('nobody-here', 'Any Name')).status).toBe(404);
    const self = await invoke(r.changeLegalName, {
      as: holder,
      params: { personId: holder.sub },
      body: { name: 'Ada Other', reason: REASON },
    });
    expect(self.status).toBe(403);
  });
});
