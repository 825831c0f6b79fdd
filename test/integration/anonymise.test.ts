import { accountRoutes } from '../../shared/http/routes/accounts';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { linkRoutes } from '../../shared/http/routes/links';
import { registryRoutes } from '../../shared/http/routes/registry';
import { seedCertificate } from '../support/certificates';
import { at, useClockReset } from '../support/clock';
import { completionItem } from '../../shared/data/certifications';
import { transact } from '../../shared/data/transactions';
import {
  applyTo,
  createProvider,
  enrolledLearners,
  linkIn,
  newApplicant,
  publishedIteration,
  saveProfile,
} from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { allItems } from '../support/stored';
import { useTestTable } from '../support/table';

/**
 * ADS anonymises a person on request: afterwards no item holds their name (nor any word of it), email or job
 * title, nor their supervisor's email — except the agency's register of its supervisors and the audit trail of what
 * the supervisor did, which are the supervisor's own records; the certificate keeps the name and number and still
 * answers by its number, while no name or email search finds the person.
 */
useTestTable();
useClockReset();

const NAME = 'Zenobia Quillfeather';
const JOB = 'Pathfinder coach Z';

describe('anonymising a person', () => {
  it('leaves nothing personal in any item, and no search finds them; the certificate still verifies', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider();
    const iteration = await publishedIteration();
    const other = await publishedIteration({ title: 'Another spring iteration' });
    const who = newApplicant(NAME);
    await saveProfile(who, provider.id, { jobTitle: JOB });
    at('2026-12-02T10:00:00-05:00');
    const applied = await applyTo(who, iteration.id);
    expect(applied.status).toBe(201);
    const endorse = linkIn((await emailsTo(who.supervisorEmail))[0]?.body.text);
    expect((await invoke(linkRoutes.confirmLink, { params: { token: endorse } })).status).toBe(200);
    const second = await applyTo(who, other.id);
    expect(second.status).toBe(201);
    expect(
      (await invoke(applicationRoutes.withdrawApplication, { as: who, params: { applicationId: second.body.id } }))
        .status,
    ).toBe(200);
    expect((await invoke(iterationRoutes.resetMyCalendarFeed, { as: who })).status).toBeLessThan(300);
    const cert = await seedCertificate({
      holderSub: who.sub,
      holderName: NAME,
      expiresOn: '2029-06-30',
      providerId: provider.id,
      providerName: provider.name,
    });
    const found = await invoke(accountRoutes.lookupPeople, { as: ads, query: { name: 'quillfeather' } });
    expect(found.body.items).toHaveLength(1);

    const refused = await invoke(accountRoutes.anonymisePerson, { as: ads, params: { personId: who.sub }, body: {} });
    expect([refused.status, refused.body.errors?.map((e: { field: string }) => e.field)]).toEqual([
      400,
      ['body.reason'],
    ]);
    const done = await invoke(accountRoutes.anonymisePerson, {
      as: ads,
      params: { personId: who.sub },
      body: { reason: 'Erasure request received by letter, 2 Dec 2026' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ personId: who.sub, applications: 2, certifications: 1 });
    expect(done.body.emails).toBeGreaterThanOrEqual(3);

    // Nothing personal anywhere but the supervisor's own records.
    const items = await allItems();
    const words = [NAME, ...NAME.split(' '), who.email!, JOB];
    for (const item of items) {
      const text = JSON.stringify(item).toLowerCase();
      const supervisorsOwn = String(item.pk).startsWith('SUPERVISORS#') || item.type === 'audit';
      const allowed =
        item.pk === `CERTIFICATE#${cert.number}` && item.sk === '#CERTIFICATE' ? [NAME, ...NAME.split(' ')] : [];
      const leaks = [...words, ...(supervisorsOwn ? [] : [who.supervisorEmail])].filter(
        (w) => !allowed.includes(w) && text.includes(w.toLowerCase()),
      );
      expect([item.pk, item.sk, leaks]).toEqual([item.pk, item.sk, []]);
    }
    // The audit trail holds the decision with its reason, and the person only by id.
    const audit = items.filter((i) => i.type === 'audit' && i.action === 'person-anonymised');
    expect(audit).toEqual([
      expect.objectContaining({ reason: 'Erasure request received by letter, 2 Dec 2026', subjectId: who.sub }),
    ]);

    // Not found by name, by email, or in the registry's name search; the certificate still answers by number.
    for (const name of ['quillfeather', 'zenobia'])
      expect((await invoke(accountRoutes.lookupPeople, { as: ads, query: { name } })).body.items).toEqual([]);
    expect((await invoke(accountRoutes.lookupPeople, { as: ads, query: { email: who.email! } })).body.items).toEqual(
      [],
    );
    at('2027-01-10T10:00:00-05:00');
    const registry = await invoke(registryRoutes.searchRegistry, { as: ads, query: { namePrefix: 'quill' } });
    expect(registry.body.items).toEqual([]);
    const verified = await invoke(registryRoutes.verifyCertificate, { params: { number: cert.number } });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ number: cert.number, holderName: NAME });

    // The person is gone: asking again, or for someone who never was, is 404.
    const again = await invoke(accountRoutes.anonymisePerson, {
      as: ads,
      params: { personId: who.sub },
      body: { reason: 'again' },
    });
    expect(again.status).toBe(404);
  });

  it('an enrolled learner: their application, its emails and their course completion (DDS payments) lose the name', async () => {
    const { learners, providerId, iteration } = await enrolledLearners(1);
    const learner = learners[0]!;
    const application = (await allItems()).find((i) => i.pk === `APPLICATION#${learner.applicationId}`)!;
    expect(application.status).toBe('enrolled');
    // The completion as issuing records it (issuing itself is tested in certifications.test.ts).
    at('2027-03-17T10:00:00-04:00');
    const completion = completionItem({
      providerId,
      applicationId: learner.applicationId,
      iterationId: iteration.id,
      iterationTitle: 'Spring 2027',
      learnerSub: learner.who.sub,
      learnerName: learner.who.name,
      enrolledAt: application.enrolledAt,
      completedOn: '2027-03-17',
    });
    expect((await transact([completion])).ok).toBe(true);
    const done = await invoke(accountRoutes.anonymisePerson, {
      as: ads,
      params: { personId: learner.who.sub },
      body: { reason: 'Erasure requested by email' },
    });
    expect(done.status).toBe(200);
    const leaks = (await allItems()).filter(
      (i) =>
        i.type !== 'audit' &&
        !String(i.pk).startsWith('SUPERVISORS#') &&
        [learner.who.name, learner.who.email!, learner.who.supervisorEmail].some((w) => JSON.stringify(i).includes(w)),
    );
    expect(leaks.map((i) => [i.pk, i.sk])).toEqual([]);
    const completions = (await allItems()).filter((i) => i.type === 'completion');
    expect(completions).toEqual([
      expect.objectContaining({ learnerName: 'Anonymised person', completedOn: '2027-03-17' }),
    ]);
  });
});
