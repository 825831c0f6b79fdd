import { parse } from 'csv-parse/sync';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { courseRoutes } from '../../shared/http/routes/course';
import { auditRoutes } from '../../shared/http/routes/audit';
import { certificationRoutes } from '../../shared/http/routes/certifications';
import { registryRoutes } from '../../shared/http/routes/registry';
import { at, useClockReset } from '../support/clock';
import {
  createProvider,
  endorsedApplicant,
  enrolledLearners,
  newApplicant,
  publishedIteration,
  saveProfile,
} from '../support/fixtures';
import { ads, dds, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

type Match = { personId: string; name: string; email: string; providerName: string | null; membership: string };
const lookup = async (query: Record<string, string>) => {
  const answer = await invoke(accountRoutes.lookupPeople, { as: ads, query });
  if (answer.status !== 200) throw new Error(answer.text);
  return answer.body.items as Match[];
};
const names = async (query: Record<string, string>) => (await lookup(query)).map((p) => p.name).sort();

const external = {
  credential: 'customized-employment',
  accreditedBy: 'ACRE',
  body: 'Marc Gold & Associates',
  course: 'CE for Practitioners',
  issuedOn: '2026-06-01',
  expiresOn: '2029-06-01',
  evidenceReference: 'scan-1',
  stages: ['discovery'],
};

describe('ADS person lookup', () => {
  it('finds people by the start of any of their names (accents, case and letters such as ł, ø, ß do not matter) and by email; ADS only', async () => {
    const provider = await createProvider({ name: 'Lookup Agency' });
    const ana = newApplicant('Ana María Pérez');
    const lukasz = newApplicant('Łukasz Wałęsa');
    const soren = newApplicant('Søren Strauß');
    await saveProfile(ana, provider.id);
    await saveProfile(lukasz, null);
    await saveProfile(soren, provider.id);

    expect(await names({ name: 'ana mar' })).toEqual(['Ana María Pérez']);
    expect(await names({ name: 'PEREZ' })).toEqual(['Ana María Pérez']);
    expect(await names({ name: 'maría' })).toEqual(['Ana María Pérez']);
    expect(await names({ name: 'lukasz wa' })).toEqual(['Łukasz Wałęsa']);
    expect(await names({ name: 'walesa' })).toEqual(['Łukasz Wałęsa']);
    expect(await names({ name: 'soren' })).toEqual(['Søren Strauß']);
    expect(await names({ name: 'strauss' })).toEqual(['Søren Strauß']);
    expect(await names({ name: 'nobody' })).toEqual([]);

    const [found] = await lookup({ name: 'perez' });
    expect(found).toEqual({
      personId: ana.sub,
      name: 'Ana María Pérez',
      email: ana.email,
      providerId: provider.id,
      providerName: 'Lookup Agency',
      membership: 'claimed',
    });
    expect(await lookup({ email: ana.email!.toUpperCase() })).toEqual([found]);
    expect((await lookup({ name: 'lukasz' }))[0]).toMatchObject({
      personId: lukasz.sub,
      providerId: null,
      providerName: null,
      membership: 'none',
    });

    // A renamed person is no longer found by the old name, and is by the new one.
    await saveProfile(ana, provider.id, { name: 'Ana Gómez' });
    expect(await names({ name: 'perez' })).toEqual([]);
    expect(await names({ name: 'gomez' })).toEqual(['Ana Gómez']);
    expect(await names({ name: 'ana' })).toEqual(['Ana Gómez']);

    // Pages through the name index.
    const first = await invoke(accountRoutes.lookupPeople, { as: ads, query: { name: 's', limit: '1' } });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.cursor).toBeDefined();

    // The person found is reachable by the routes keyed by a person.
    const recorded = await invoke(certificationRoutes.recordExternalCertification, {
      as: ads,
      params: { personId: found!.personId },
      body: external,
    });
    expect(recorded.status).toBe(201);

    expect((await invoke(accountRoutes.lookupPeople, { as: ads, query: {} })).status).toBe(400);
    expect(
      (await invoke(accountRoutes.lookupPeople, { as: ads, query: { name: 'a', email: ana.email! } })).status,
    ).toBe(400);
    expect((await invoke(accountRoutes.lookupPeople, { as: dds, query: { name: 'ana' } })).status).toBe(403);
    expect((await invoke(accountRoutes.lookupPeople, { as: ana, query: { name: 'soren' } })).status).toBe(403);
    expect((await invoke(accountRoutes.lookupPeople, { query: { name: 'soren' } })).status).toBe(401);
  });
});

describe('the registry by name', () => {
  it('finds a holder by surname and by a transliterated name', async () => {
    const holder = newApplicant('Đorđe Ødegård Łoś');
    await saveProfile(holder, null);
    at('2027-01-10T10:00:00-05:00');
    const recorded = await invoke(certificationRoutes.recordExternalCertification, {
      as: ads,
      params: { personId: holder.sub },
      body: external,
    });
    expect(recorded.status).toBe(201);
    const search = async (namePrefix: string) =>
      (await invoke(registryRoutes.searchRegistry, { as: dds, query: { namePrefix } })).body.items.map(
        (c: { holderName: string; personId: string }) => [c.holderName, c.personId],
      );
    const expected = [['Đorđe Ødegård Łoś', holder.sub]];
    expect(await search('dorde')).toEqual(expected);
    expect(await search('odegard lo')).toEqual(expected);
    expect(await search('LOS')).toEqual(expected);
    expect(await search('ødegård')).toEqual(expected);
    expect(await search('degard')).toEqual([]);
  });
});

describe('certifications follow their holder', () => {
  const listedUnder = async (providerId: string) =>
    (await invoke(registryRoutes.searchRegistry, { as: dds, query: { providerId } })).body.items.map(
      (c: { number: string }) => c.number,
    );

  it("a certification recorded while the membership was a claim is listed under the provider once the supervisor's endorsement confirms it; after a move it follows to the new provider when confirmed there", async () => {
    at('2026-12-01T10:00:00-05:00');
    const first = await createProvider({ name: 'First Agency' });
    const second = await createProvider({ name: 'Second Agency' });
    const fall = await publishedIteration();
    let number = '';
    const { who, applicationId } = await endorsedApplicant(
      fall.id,
      first.id,
      'North',
      { name: 'Mover Person' },
      async (w) => {
        const recorded = await invoke(certificationRoutes.recordExternalCertification, {
          as: ads,
          params: { personId: w.sub },
          body: external,
        });
        number = recorded.body.items[0].number;
        expect(recorded.body.items[0]).toMatchObject({ providerId: null, personId: w.sub });
      },
    );
    // Endorsed: the membership is confirmed, and the certification is listed under the provider.
    expect(await listedUnder(first.id)).toEqual([number]);
    const mine = (await invoke(certificationRoutes.myCertifications, { as: who })).body.items;
    expect(mine[0]).toMatchObject({ providerId: first.id, providerName: 'First Agency' });
    expect(mine[0].history.at(-1)).toMatchObject({ action: 'provider-changed', reason: 'listed under First Agency' });
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'application', subjectId: applicationId },
    });
    expect(trail.body.items.find((e: { action: string }) => e.action === 'endorsed').after).toEqual({
      status: 'endorsed',
      membershipConfirmed: true,
      certificationsMoved: [number],
      // The provider's first confirmed member, by a supervisor ADS authorised the same day.
      flaggedForReview: ['first-confirmation', 'new-supervisor'],
    });

    // Moves to another provider: a claim, so the certification leaves the first provider and is listed under none.
    await saveProfile(who, second.id);
    expect(await listedUnder(first.id)).toEqual([]);
    expect(await listedUnder(second.id)).toEqual([]);
    expect((await invoke(certificationRoutes.myCertifications, { as: who })).body.items[0].providerId).toBeNull();

    // Confirmed at the second provider (its supervisor endorses an application): listed there, not at the first.
    const spring = await publishedIteration({ title: 'Spring again' });
    const { applyTo, linkIn } = await import('../support/fixtures');
    const { emailsTo } = await import('../support/ses');
    const { linkRoutes } = await import('../../shared/http/routes/links');
    expect((await applyTo(who, spring.id)).status).toBe(201);
    const token = linkIn(
      (await emailsTo(who.supervisorEmail)).filter((m) => m.subject.startsWith('Please endorse')).at(-1)?.body.text,
    );
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(200);
    expect(await listedUnder(second.id)).toEqual([number]);
    expect(await listedUnder(first.id)).toEqual([]);
    expect((await invoke(accountRoutes.getMyProfile, { as: who })).body).toMatchObject({
      providerId: second.id,
      membership: 'confirmed',
    });
  });
});

describe('ADS views that list people', () => {
  it('carry the person id, in JSON and in CSV', async () => {
    const { iteration, learners } = await enrolledLearners(1);
    const [learner] = learners;
    const personId = learner!.who.sub;
    const params = { iterationId: iteration.id };
    const csv = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

    const rows = await invoke(applicationRoutes.listApplicationsForAds, { as: ads, params });
    expect(rows.body.items.map((r: { personId: string }) => r.personId)).toEqual([personId]);
    expect(csv((await invoke(applicationRoutes.exportApplications, { as: ads, params })).text)[0]!['Person id']).toBe(
      personId,
    );
    const proposal = await invoke(allocationRoutes.latestProposal, { as: ads, params });
    expect(proposal.body.lines.map((l: { personId: string }) => l.personId)).toEqual([personId]);

    at('2027-02-02T12:05:00-05:00');
    await invoke(courseRoutes.recordAttendance, {
      as: ads,
      params: { ...params, date: '2027-02-02' },
      body: { entries: [{ applicationId: learner!.applicationId, status: 'present' }] },
    });
    const grid = await invoke(courseRoutes.attendanceGrid, { as: ads, params });
    expect(grid.body.learners.map((l: { personId: string }) => l.personId)).toEqual([personId]);
    expect(
      csv((await invoke(courseRoutes.attendanceCsv, { as: ads, params })).text).every(
        (r) => r['Person id'] === personId,
      ),
    ).toBe(true);
    const board = await invoke(courseRoutes.iterationQualification, { as: ads, params });
    expect(board.body.items.map((l: { personId: string }) => l.personId)).toEqual([personId]);
    const submissions = await invoke(courseRoutes.assignmentSubmissions, {
      as: ads,
      params: { ...params, assignmentId: iteration.assignments[0]!.id },
    });
    expect(submissions.body.items.map((l: { personId: string }) => l.personId)).toEqual([personId]);

    const issued = await invoke(certificationRoutes.issueCertifications, {
      as: ads,
      params,
      body: { exceptions: [{ applicationId: learner!.applicationId, reason: 'Tested the views only' }] },
    });
    expect(issued.body.issued.map((l: { personId: string }) => l.personId)).toEqual([personId]);
    const registry = await invoke(registryRoutes.searchRegistry, { as: dds, query: { namePrefix: 'learner 1' } });
    expect(registry.body.items.map((c: { personId: string }) => c.personId)).toEqual(Array(3).fill(personId));
    const registryCsv = csv(
      (await invoke(registryRoutes.registryCsv, { as: dds, query: { namePrefix: 'learner 1' } })).text,
    );
    expect(registryCsv.map((r) => r['Person id'])).toEqual(Array(3).fill(personId));
  });
});
