import { parse } from 'csv-parse/sync';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { applicationRoutes as r } from '../../shared/http/routes/applications';
import { linkRoutes } from '../../shared/http/routes/links';
import { providerRoutes } from '../../shared/http/routes/providers';
import { at, useClockReset } from '../support/clock';
import {
  applyTo,
  createIteration,
  createProvider,
  linkIn,
  newApplicant,
  publishedIteration,
  saveProfile,
} from '../support/fixtures';
import { ads, dds, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { meter } from '../../scripts/bench/ddb-meter';
import { dynamo } from '../../shared/data/client';

useTestTable();
useClockReset();

/** What a browser sends when it opens a page. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

// Window: 1 Dec 2026 09:00 – 15 Jan 2027 17:00 Connecticut time; classes from 2 Feb 2027.
const DURING_WINDOW = '2026-12-10T10:00:00-05:00';

async function setup() {
  at('2026-11-22T12:00:00-05:00');
  const provider = await createProvider();
  const iteration = await publishedIteration();
  at(DURING_WINDOW);
  return { provider, iteration };
}

describe('applying', () => {
  it('records the application, emails a receipt with the class dates and asks the supervisor to endorse', async () => {
    const { provider, iteration } = await setup();
    const ann = newApplicant('Ann Applicant');
    await saveProfile(ann, provider.id);
    const applied = await applyTo(ann, iteration.id, 'West', 3);
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({
      status: 'submitted',
      region: 'West',
      providerId: provider.id,
      position: 'direct-service',
      futureStaffPlanned: 3,
    });
    const [receipt] = await emailsTo(ann.email!);
    expect(receipt?.subject).toBe('Application received: Spring 2027 — initial certification');
    expect(receipt?.body.text).toContain('Tuesday, February 2, 2027, 9:00 AM–12:00 PM');
    expect(receipt?.body.text).toContain('Tuesday, March 16, 2027, 9:00 AM–12:00 PM');
    const [request] = await emailsTo(ann.supervisorEmail);
    expect(request?.subject).toContain('Please endorse Ann Applicant');
    expect(linkIn(request?.body.text)).toHaveLength(43);
  });

  it('gives the same application back when someone applies twice, and sends nothing more', async () => {
    const { provider, iteration } = await setup();
    const bea = newApplicant();
    await saveProfile(bea, provider.id);
    const first = await applyTo(bea, iteration.id);
    const again = await applyTo(bea, iteration.id);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(await emailsTo(bea.email!)).toHaveLength(1);
  });

  it('with one Idempotency-Key, concurrent retries make one application and one email, each answered alike', async () => {
    const { provider, iteration } = await setup();
    const cy = newApplicant();
    await saveProfile(cy, provider.id);
    const key = { 'idempotency-key': `apply-${cy.sub}` };
    const answers = await Promise.all(Array.from({ length: 6 }, () => applyTo(cy, iteration.id, 'North', 2, key)));
    const done = answers.filter((a) => a.status === 201);
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(new Set(done.map((a) => a.body.id)).size).toBe(1);
    const replay = await applyTo(cy, iteration.id, 'North', 2, key);
    expect([replay.status, replay.headers['idempotent-replayed'], replay.body.id]).toEqual([
      201,
      'true',
      done[0]!.body.id,
    ]);
    expect(await emailsTo(cy.email!)).toHaveLength(1);
    expect((await invoke(r.myApplications, { as: cy })).body.items).toHaveLength(1);
    const misuse = await applyTo(cy, iteration.id, 'West', 2, key);
    expect(misuse.status).toBe(422);
  });

  it('is open from the first instant of the window to just before its close (Connecticut time)', async () => {
    const { provider, iteration } = await setup();
    const tries: [string, number, string?][] = [
      ['2026-12-01T08:59:59.999-05:00', 422, 'window_not_open'],
      ['2026-12-01T09:00:00.000-05:00', 201],
      ['2027-01-15T16:59:59.999-05:00', 201],
      ['2027-01-15T17:00:00.000-05:00', 422, 'window_closed'],
    ];
    for (const [instant, status, code] of tries) {
      const person = newApplicant();
      at('2026-11-30T12:00:00-05:00');
      await saveProfile(person, provider.id);
      at(instant);
      const answer = await applyTo(person, iteration.id);
      expect([instant, answer.status, answer.body.errors?.[0]?.code]).toEqual([instant, status, code]);
    }
  });

  it('needs a profile, a region the provider covers, and (for recertification) admission by ADS', async () => {
    const { provider, iteration } = await setup();
    const dee = newApplicant();
    expect((await applyTo(dee, iteration.id)).body.errors[0].code).toBe('profile_missing');
    await saveProfile(dee, provider.id);
    // The profile says which regions are open to the applicant: the provider's (North and West).
    expect((await invoke(accountRoutes.getMyProfile, { as: dee })).body).toMatchObject({
      providerName: provider.name,
      regionsOpen: ['North', 'West'],
    });
    expect((await applyTo(dee, iteration.id, 'South')).body.errors[0]).toMatchObject({
      field: 'body.region',
      code: 'region_not_covered',
    });

    at('2026-11-22T12:00:00-05:00');
    const recert = await createIteration({ kind: 'recertification', title: 'Recertification spring 2027' });
    await invoke(iterationRoutes.publishIteration, { as: ads, params: { iterationId: recert.id } });
    at(DURING_WINDOW);
    expect((await applyTo(dee, recert.id)).body.errors[0].code).toBe('not_eligible');
    const admitted = await invoke(r.admitToRecertification, {
      as: ads,
      params: { iterationId: recert.id, personId: dee.sub },
      body: { reason: 'Certified through another ACRE course in 2024' },
    });
    expect(admitted.status).toBe(200);
    expect((await applyTo(dee, recert.id)).status).toBe(201);
  });

  it('a self-hired person (no provider) may apply for any region', async () => {
    const { iteration } = await setup();
    const eve = newApplicant();
    expect(await saveProfile(eve, null)).toMatchObject({
      providerName: null,
      regionsOpen: ['North', 'South', 'West'],
    });
    expect((await applyTo(eve, iteration.id, 'South')).body).toMatchObject({ status: 'submitted', providerId: null });
  });
});

describe('the supervisor endorsement link', () => {
  it('shows a page on GET that changes nothing; the explicit confirm endorses, confirms membership and tells the applicant', async () => {
    const { provider, iteration } = await setup();
    const fay = newApplicant('Fay Field');
    await saveProfile(fay, provider.id);
    const { body: application } = await applyTo(fay, iteration.id);
    const token = linkIn((await emailsTo(fay.supervisorEmail))[0]?.body.text);
    for (let i = 0; i < 3; i++) {
      const page = await invoke(linkRoutes.viewLink, { params: { token } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Fay Field');
      expect(page.text).toMatch(/<form [^>]*method="post"/);
    }
    expect((await invoke(r.myApplication, { as: fay, params: { applicationId: application.id } })).body.status).toBe(
      'submitted',
    );
    expect((await invoke(accountRoutes.getMyProfile, { as: fay })).body.membership).toBe('claimed');

    const confirmed = await invoke(linkRoutes.confirmLink, {
      params: { token },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('endorsed');
    expect((await invoke(r.myApplication, { as: fay, params: { applicationId: application.id } })).body.status).toBe(
      'endorsed',
    );
    expect((await invoke(accountRoutes.getMyProfile, { as: fay })).body.membership).toBe('confirmed');
    expect((await emailsTo(fay.email!)).map((m) => m.subject)).toContain(
      'Your application to Spring 2027 — initial certification is endorsed',
    );

    const reused = await invoke(linkRoutes.confirmLink, { params: { token } });
    expect([reused.status, reused.headers['content-type']]).toEqual([410, 'application/problem+json']);
    const reusedInBrowser = await invoke(linkRoutes.confirmLink, { params: { token }, headers: { accept: BROWSER } });
    expect([reusedInBrowser.status, reusedInBrowser.headers['content-type']]).toEqual([
      410,
      'text/html; charset=utf-8',
    ]);
    expect(reusedInBrowser.text).toContain('This link has already been used.');
    expect((await invoke(linkRoutes.viewLink, { params: { token } })).status).toBe(410);
  });

  it('refuses a link used at the same moment twice: exactly one confirm wins', async () => {
    const { provider, iteration } = await setup();
    const gus = newApplicant();
    await saveProfile(gus, provider.id);
    await applyTo(gus, iteration.id);
    const token = linkIn((await emailsTo(gus.supervisorEmail))[0]?.body.text);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => invoke(linkRoutes.confirmLink, { params: { token } })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect((await emailsTo(gus.email!)).filter((m) => m.subject.includes('is endorsed'))).toHaveLength(1);
  });

  it('expires when the application window closes, and an unknown or malformed token is refused', async () => {
    const { provider, iteration } = await setup();
    const hal = newApplicant();
    await saveProfile(hal, provider.id);
    const { body: application } = await applyTo(hal, iteration.id);
    const token = linkIn((await emailsTo(hal.supervisorEmail))[0]?.body.text);
    at('2027-01-15T17:00:00-05:00');
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(410);
    // Not endorsed by the close: shown as not considered at once, before the job closes it.
    expect((await invoke(r.myApplication, { as: hal, params: { applicationId: application.id } })).body.status).toBe(
      'not-considered',
    );
    expect((await invoke(linkRoutes.viewLink, { params: { token: 'A'.repeat(43) } })).status).toBe(404);
    expect((await invoke(linkRoutes.viewLink, { params: { token: 'short' } })).status).toBe(400);
  });
});

describe('applicants and their own applications', () => {
  it("cannot read or withdraw another person's application (404, not 403), and may withdraw their own", async () => {
    const { provider, iteration } = await setup();
    const ida = newApplicant();
    const jon = newApplicant();
    await saveProfile(ida, provider.id);
    const { body: application } = await applyTo(ida, iteration.id);
    expect((await invoke(r.myApplication, { as: jon, params: { applicationId: application.id } })).status).toBe(404);
    expect((await invoke(r.withdrawApplication, { as: jon, params: { applicationId: application.id } })).status).toBe(
      404,
    );
    const own = await invoke(r.myApplication, { as: ida, params: { applicationId: application.id } });
    expect(own.status).toBe(200);
    // What she may do now, and until when the endorsement can come.
    expect(own.body).toMatchObject({
      applicationClosesAt: expect.stringMatching(/^2027-01-15T17:00:00(\.000)?-05:00$/),
      actions: {
        withdraw: true,
        changeSupervisor: true,
        resendEndorsementLink: true,
        acceptOffer: false,
        declineOffer: false,
      },
    });
    const withdrawn = await invoke(r.withdrawApplication, { as: ida, params: { applicationId: application.id } });
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      closedReason: 'withdrawn by the applicant',
      actions: { withdraw: false, changeSupervisor: false, resendEndorsementLink: false },
    });
    expect((await invoke(r.myApplication, { as: ads, params: { applicationId: application.id } })).status).toBe(403);
  });
  it('lists her applications with the same DynamoDB calls for one iteration and for three (no read per iteration)', async () => {
    const { provider, iteration } = await setup();
    const ida = newApplicant();
    await saveProfile(ida, provider.id);
    await applyTo(ida, iteration.id);
    const listed = async () => {
      const calls = meter(dynamo);
      try {
        const answer = await invoke(r.myApplications, { as: ida });
        expect(answer.status).toBe(200);
        return {
          titles: answer.body.items.map((a: { iteration: { id: string } }) => a.iteration.id),
          calls: { ...calls.calls },
        };
      } finally {
        calls.stop();
      }
    };
    const one = await listed();
    at('2026-11-22T12:00:00-05:00');
    const more = [await publishedIteration(), await publishedIteration()];
    at(DURING_WINDOW);
    for (const other of more) expect((await applyTo(ida, other.id)).status).toBe(201);
    const three = await listed();
    expect(one.titles).toEqual([iteration.id]);
    expect(three.titles.sort()).toEqual([iteration.id, ...more.map((i) => i.id)].sort());
    // Her session's standing (one GetItem, every signed-in request), her applications (one Query) and their
    // iterations (one batch), however many iterations.
    expect(one.calls).toEqual({ GetItem: 1, Query: 1, BatchGetItem: 1 });
    expect(three.calls).toEqual(one.calls);
  });
});

describe('ADS views', () => {
  it('lists applications by status, region and provider, page by page, with what allocation weighs', async () => {
    const { provider, iteration } = await setup();
    const other = await createProvider({ regions: ['South'] });
    const people = [newApplicant('Kim North'), newApplicant('Lee North'), newApplicant('Max South')];
    await saveProfile(people[0]!, provider.id);
    await saveProfile(people[1]!, provider.id, { position: 'management' });
    await saveProfile(people[2]!, other.id);
    await applyTo(people[0]!, iteration.id, 'North');
    await applyTo(people[1]!, iteration.id, 'North');
    await applyTo(people[2]!, iteration.id, 'South');
    await invoke(providerRoutes.setProviderPriority, {
      as: ads,
      params: { providerId: other.id },
      body: { priority: true, reason: 'Lost its only certified staff' },
    });

    const north = await invoke(r.listApplicationsForAds, {
      as: ads,
      params: { iterationId: iteration.id },
      query: { status: 'submitted', region: 'North' },
    });
    expect(north.body.items.map((row: { applicantName: string }) => row.applicantName).sort()).toEqual([
      'Kim North',
      'Lee North',
    ]);
    const south = await invoke(r.listApplicationsForAds, {
      as: ads,
      params: { iterationId: iteration.id },
      query: { providerId: other.id },
    });
    expect(south.body.items).toEqual([
      expect.objectContaining({
        applicantName: 'Max South',
        providerRegions: ['South'],
        providerPriority: true,
        position: 'direct-service',
        endorsed: false,
        region: 'South',
      }),
    ]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke(r.listApplicationsForAds, {
        as: ads,
        params: { iterationId: iteration.id },
        query: { limit: '1', ...(cursor ? { cursor } : {}) },
      });
      seen.push(...page.body.items.map((row: { id: string }) => row.id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
    const forged = Buffer.from(
      JSON.stringify({ pk: 'x', sk: 'y', gsi1pk: 'ITERATION#other#APPLICATIONS', gsi1sk: 'z' }),
    ).toString('base64url');
    expect(
      (
        await invoke(r.listApplicationsForAds, {
          as: ads,
          params: { iterationId: iteration.id },
          query: { cursor: forged },
        })
      ).status,
    ).toBe(400);
    expect((await invoke(r.listApplicationsForAds, { as: dds, params: { iterationId: iteration.id } })).status).toBe(
      403,
    );
  });

  it('exports CSV with proper quoting', async () => {
    const { provider, iteration } = await setup();
    const tricky = newApplicant('O\'Neil, "Pat"');
    await saveProfile(tricky, provider.id);
    await applyTo(tricky, iteration.id);
    const csv = await invoke(r.exportApplications, { as: ads, params: { iterationId: iteration.id } });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="applications-${iteration.id}.csv"`);
    const records = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(records.find((row) => row['Applicant email'] === tricky.email)).toMatchObject({
      'Applicant name': 'O\'Neil, "Pat"',
      'Provider regions': 'North West',
      Status: 'submitted',
    });
  });

  it("keeps each provider's latest future-staff figure (never a sum) for demand planning", async () => {
    const { provider, iteration } = await setup();
    const [a, b] = [newApplicant(), newApplicant()];
    await saveProfile(a, provider.id);
    await saveProfile(b, provider.id);
    await applyTo(a, iteration.id, 'North', 5);
    at('2026-12-11T10:00:00-05:00');
    await applyTo(b, iteration.id, 'West', 2);
    const plan = await invoke(providerRoutes.demandPlanning, { as: ads });
    const inNorth = plan.body.regions.North.providers.find((p: { id: string }) => p.id === provider.id);
    const inWest = plan.body.regions.West.providers.find((p: { id: string }) => p.id === provider.id);
    expect([inNorth?.futureStaff, inWest?.futureStaff]).toEqual([2, 2]);
    expect(plan.body.regions.South.providers.find((p: { id: string }) => p.id === provider.id)).toBeUndefined();
  });
});
