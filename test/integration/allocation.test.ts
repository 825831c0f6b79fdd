import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler as sweep } from '../../functions/jobs/allocation-sweep';
import { meter } from '../../scripts/bench/ddb-meter';
import { dynamo, TABLE_NAME } from '../../shared/data/client';
import { allocationRoutes as r } from '../../shared/http/routes/allocation';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { auditRoutes } from '../../shared/http/routes/audit';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { linkRoutes } from '../../shared/http/routes/links';
import { providerRoutes } from '../../shared/http/routes/providers';
import { violations } from '../support/axe';
import { at, useClockReset } from '../support/clock';
import { createProvider, endorsedApplicant, linkIn, publishedIteration, springPlan } from '../support/fixtures';
import { ads, applicantA, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const AFTER_CLOSE = '2027-01-16T09:00:00-05:00';
const agreement = { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } };

/** An iteration with 2 North seats (unless told otherwise) and endorsed applicants; the clock just after the window closes. */
async function allocationSetup(
  people: { provider: 'a' | 'b' | 'c' | null; region: string; position?: string; name?: string }[],
  seats = { North: 2, South: 0, West: 0 },
) {
  at('2026-11-22T12:00:00-05:00');
  const providers = {
    a: await createProvider({ regions: ['North', 'South'] }),
    b: await createProvider({ regions: ['North', 'South'] }),
    c: await createProvider({ regions: ['North', 'South'] }),
  };
  const iteration = await publishedIteration({ seats });
  const applicants = [];
  for (const [i, p] of people.entries()) {
    at(`2026-12-${String(2 + i).padStart(2, '0')}T10:00:00-05:00`);
    applicants.push(
      await endorsedApplicant(iteration.id, p.provider ? providers[p.provider].id : null, p.region, {
        position: p.position ?? 'direct-service',
        name: p.name ?? `Learner ${i + 1}`,
      }),
    );
  }
  at(AFTER_CLOSE);
  return { iteration, providers, applicants };
}

const statusOf = async (who: { sub: string }, id: string) =>
  (
    await invoke(applicationRoutes.myApplication, {
      as: { sub: who.sub, roles: ['applicant'] },
      params: { applicationId: id },
    })
  ).body;
const seatsOf = async (iterationId: string) =>
  (await invoke(r.allocationSummary, { as: ads, params: { iterationId } })).body.seats;

async function proposeAndConfirm(iterationId: string) {
  const proposal = await invoke(r.computeProposal, { as: ads, params: { iterationId } });
  expect(proposal.status).toBe(201);
  const confirmed = await invoke(r.confirmProposal, {
    as: ads,
    params: { iterationId },
    body: { version: proposal.body.version },
  });
  expect(confirmed.status).toBe(200);
  return proposal.body;
}

describe('the allocation proposal', () => {
  it('is stored as numbered versions, explains every line, and keeps ADS overrides (audited) across recomputation', async () => {
    const { iteration, applicants } = await allocationSetup(
      [
        { provider: 'a', region: 'North', name: 'First North' },
        { provider: 'a', region: 'North', name: 'Second North (same provider)' },
        { provider: 'b', region: 'North', position: 'management', name: 'Manager North' },
        { provider: 'c', region: 'South', name: 'Only South' },
      ],
      { North: 2, South: 1, West: 0 },
    );
    const first = await invoke(r.computeProposal, { as: ads, params: { iterationId: iteration.id } });
    expect(first.body.version).toBe(1);
    expect(first.body.seated).toEqual({ North: 2, South: 1, West: 0 });
    const line = (name: string, body = first.body) =>
      body.lines.find((l: { applicantName: string }) => l.applicantName === name);
    expect(line('First North')).toMatchObject({ decision: 'seat', round: 1 });
    expect(line('Manager North')).toMatchObject({ decision: 'seat', round: 1 });
    expect(line('Second North (same provider)')).toMatchObject({ decision: 'waitlist', waitlistPosition: 1 });
    expect(line('Second North (same provider)').reasons.join(' ')).toContain('already has a seat');

    const override = await invoke(r.setOverride, {
      as: ads,
      params: { iterationId: iteration.id, applicationId: applicants[1]!.applicationId },
      body: { decision: 'seat', reason: 'Covers the Torrington caseload alone' },
    });
    expect(override.status).toBe(200);
    const second = await invoke(r.computeProposal, { as: ads, params: { iterationId: iteration.id } });
    expect(second.body.version).toBe(2);
    expect(line('Second North (same provider)', second.body)).toMatchObject({
      decision: 'seat',
      override: { decision: 'seat', reason: 'Covers the Torrington caseload alone' },
    });
    // The override used provider a's one round-1 seat, so its other applicant now waits behind provider b's.
    expect(line('Manager North', second.body)).toMatchObject({ decision: 'seat', round: 1 });
    expect(line('First North', second.body)).toMatchObject({ decision: 'waitlist', waitlistPosition: 1 });
    expect(line('First North', second.body).reasons.join(' ')).toContain('already has a seat');
    expect((await invoke(r.latestProposal, { as: ads, params: { iterationId: iteration.id } })).body).toEqual(
      second.body,
    );
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'application', subjectId: applicants[1]!.applicationId },
    });
    expect(trail.body.items.at(-1)).toMatchObject({
      action: 'override-seat',
      reason: 'Covers the Torrington caseload alone',
      actor: { id: ads.sub },
    });
  });

  it('refuses to confirm a stale proposal, and is for ADS only', async () => {
    const { iteration } = await allocationSetup([{ provider: 'a', region: 'North' }]);
    await invoke(r.computeProposal, { as: ads, params: { iterationId: iteration.id } });
    await invoke(r.computeProposal, { as: ads, params: { iterationId: iteration.id } });
    const stale = await invoke(r.confirmProposal, {
      as: ads,
      params: { iterationId: iteration.id },
      body: { version: 1 },
    });
    expect([stale.status, stale.body.latestVersion]).toEqual([409, 2]);
    expect((await invoke(r.computeProposal, { as: applicantA, params: { iterationId: iteration.id } })).status).toBe(
      403,
    );
  });
});

describe('offers, agreements and enrolment', () => {
  it('confirming sends offers with a deadline and tells the others their waitlist position', async () => {
    const { iteration, applicants } = await allocationSetup(
      [
        { provider: 'a', region: 'North' },
        { provider: 'b', region: 'North' },
        { provider: 'c', region: 'North' },
        { provider: 'c', region: 'South' },
      ],
      { North: 2, South: 1, West: 0 },
    );
    await proposeAndConfirm(iteration.id);
    const [n1, n2, n3, s1] = applicants;
    expect(await statusOf(n1!.who, n1!.applicationId)).toMatchObject({
      status: 'offered',
      offer: { seatRegion: 'North', via: 'allocation', deadline: '2027-01-23T09:00:00.000-05:00' },
    });
    expect(await statusOf(n3!.who, n3!.applicationId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await statusOf(s1!.who, s1!.applicationId)).status).toBe('offered');
    expect(await seatsOf(iteration.id)).toMatchObject({
      North: { capacity: 2, offered: 2, enrolled: 0, free: 0 },
      South: { offered: 1, free: 0 },
    });
    const offerMail = (await emailsTo(n2!.who.email!)).find((m) => m.subject.startsWith('A seat is offered'));
    expect(offerMail?.body.text).toContain('Saturday, January 23, 2027 at 9:00 AM (Connecticut time)');
    expect((await emailsTo(n3!.who.email!)).find((m) => m.subject.includes('waitlist'))?.subject).toBe(
      'You are on the waitlist for Spring 2027 — initial certification (position 1)',
    );
  });

  it('accepting signs the agreement; the supervisor co-signs by a single-use link; then the learner is enrolled', async () => {
    const { iteration, applicants } = await allocationSetup([{ provider: 'a', region: 'North' }]);
    await proposeAndConfirm(iteration.id);
    const { who, applicationId } = applicants[0]!;
    const doc = await invoke(r.trainingAgreement, { as: who, params: { applicationId } });
    expect(doc.body.courseDates).toHaveLength(3);
    expect(doc.body.attendancePolicy).toContain('attend all live classes');
    expect(
      (
        await invoke(r.acceptOffer, {
          as: who,
          params: { applicationId },
          body: { agreement: { courseDates: true, responsibilities: true } },
        })
      ).status,
    ).toBe(400);
    const accepted = await invoke(r.acceptOffer, { as: who, params: { applicationId }, body: agreement });
    expect(accepted.body.status).toBe('accepted');
    const token = linkIn(
      (await emailsTo(who.supervisorEmail)).find((m) => m.subject.includes('Training Agreement'))?.body.text,
    );
    const cosignPage = await invoke(linkRoutes.viewLink, { params: { token } });
    expect(cosignPage.text).toContain('Attendance policy');
    expect(cosignPage.text).toMatch(/<form [^>]*method="post" action="[\w-]+\/confirm"><button class="usa-button"/);
    expect(await violations(cosignPage.text)).toEqual([]);
    // As a browser without JavaScript posts the form: an empty urlencoded body.
    const cosigned = await invoke(linkRoutes.confirmLink, {
      params: { token },
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      rawBody: '',
    });
    expect([cosigned.status, cosigned.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(cosigned.text).toContain('<h1>Agreement co-signed</h1>');
    expect(await violations(cosigned.text)).toEqual([]);
    expect(await statusOf(who, applicationId)).toMatchObject({
      status: 'enrolled',
      agreement: { signedAt: expect.any(String), cosignedAt: expect.any(String) },
    });
    expect(await seatsOf(iteration.id)).toMatchObject({ North: { offered: 0, enrolled: 1, free: 1 } });
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(410);
    const gone = await invoke(linkRoutes.viewLink, { params: { token }, headers: { accept: 'text/html' } });
    expect([gone.status, gone.headers['content-type']]).toEqual([410, 'text/html; charset=utf-8']);
    expect(await violations(gone.text)).toEqual([]);
    expect(
      (await emailsTo(who.email!)).some((m) => m.subject === 'Enrolled: Spring 2027 — initial certification'),
    ).toBe(true);
  });

  it("someone else's offer is not found; an agreement cannot be co-signed after the deadline", async () => {
    const { iteration, applicants } = await allocationSetup([{ provider: 'a', region: 'North' }]);
    await proposeAndConfirm(iteration.id);
    const { who, applicationId } = applicants[0]!;
    expect((await invoke(r.acceptOffer, { as: applicantA, params: { applicationId }, body: agreement })).status).toBe(
      404,
    );
    await invoke(r.acceptOffer, { as: who, params: { applicationId }, body: agreement });
    const token = linkIn(
      (await emailsTo(who.supervisorEmail)).find((m) => m.subject.includes('Training Agreement'))?.body.text,
    );
    at('2027-01-23T09:00:00-05:00');
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(410);
    const gone = await invoke(linkRoutes.viewLink, { params: { token }, headers: { accept: 'text/html' } });
    expect([gone.status, gone.headers['content-type']]).toEqual([410, 'text/html; charset=utf-8']);
    expect(await violations(gone.text)).toEqual([]);
  });
});

describe('released seats go to the waitlist', () => {
  it('a decline offers the seat to the next person waitlisted in that region', async () => {
    const { iteration, applicants } = await allocationSetup(
      [
        { provider: 'a', region: 'North' },
        { provider: 'b', region: 'North' },
        { provider: 'c', region: 'South' },
        { provider: 'c', region: 'North' },
        { provider: null, region: 'South' },
      ],
      { North: 2, South: 1, West: 0 },
    );
    await proposeAndConfirm(iteration.id);
    const [n1, , , n4] = applicants;
    expect((await statusOf(n4!.who, n4!.applicationId)).status).toBe('waitlisted');
    const declined = await invoke(r.declineOffer, {
      as: n1!.who,
      params: { applicationId: n1!.applicationId },
    });
    expect(declined.body.status).toBe('declined');
    expect(await statusOf(n4!.who, n4!.applicationId)).toMatchObject({
      status: 'offered',
      offer: { seatRegion: 'North', via: 'waitlist' },
    });
    expect(await seatsOf(iteration.id)).toMatchObject({ North: { offered: 2, free: 0 } });
    expect((await emailsTo(n4!.who.email!)).some((m) => m.subject.startsWith('A seat is offered'))).toBe(true);
    expect((await emailsTo(n1!.who.email!)).some((m) => m.subject.includes('was released'))).toBe(true);
  });

  it("with the region's list empty, the next statewide gets it — and it still counts against its own region", async () => {
    const { iteration, applicants } = await allocationSetup(
      [
        { provider: 'a', region: 'North' },
        { provider: 'b', region: 'North' },
        { provider: 'c', region: 'South' },
        { provider: null, region: 'South' },
      ],
      { North: 2, South: 1, West: 0 },
    );
    await proposeAndConfirm(iteration.id);
    const [n1, , , s2] = applicants;
    await invoke(applicationRoutes.withdrawApplication, { as: n1!.who, params: { applicationId: n1!.applicationId } });
    expect(await statusOf(s2!.who, s2!.applicationId)).toMatchObject({
      status: 'offered',
      region: 'South',
      offer: { seatRegion: 'North' },
    });
    expect(await seatsOf(iteration.id)).toMatchObject({
      North: { offered: 2, free: 0 },
      South: { offered: 1, free: 0 },
    });
  });

  it('an offer not answered by its deadline lapses (sweep job) and the seat moves on; running it again changes nothing', async () => {
    const { iteration, applicants } = await allocationSetup([
      { provider: 'a', region: 'North' },
      { provider: 'b', region: 'North' },
      { provider: 'c', region: 'North' },
    ]);
    await proposeAndConfirm(iteration.id);
    at('2027-01-23T09:00:01-05:00');
    // The sweep covers every iteration; this file's other tests left offers open too.
    const calls = meter(dynamo);
    const swept = await sweep({}).finally(() => calls.stop());
    expect(swept.lapsed).toBeGreaterThanOrEqual(2);
    // The due offers are read again in one batch, not one GetItem each (each lapse is still its own transaction).
    expect(calls.calls.GetItem).toBeUndefined();
    expect(calls.calls.BatchGetItem).toBe(1);
    expect(await sweep({})).toMatchObject({ lapsed: 0, promoted: 0 });
    expect((await statusOf(applicants[0]!.who, applicants[0]!.applicationId)).status).toBe('lapsed');
    expect((await statusOf(applicants[2]!.who, applicants[2]!.applicationId)).status).toBe('offered');
  });

  it('raising capacity offers the new seats; lowering below those held is refused with the figures', async () => {
    const { iteration, applicants } = await allocationSetup([
      { provider: 'a', region: 'North' },
      { provider: 'b', region: 'North' },
      { provider: 'c', region: 'North' },
    ]);
    await proposeAndConfirm(iteration.id);
    const current = (
      await invoke(iterationRoutes.getIterationForAds, { as: ads, params: { iterationId: iteration.id } })
    ).body;
    const keep = current.assignments.map(({ id, title, dueAt }: Record<string, string>) => ({ id, title, dueAt }));
    const lower = await invoke(iterationRoutes.updateIteration, {
      as: ads,
      params: { iterationId: iteration.id },
      body: { ...springPlan({ seats: { North: 1, South: 0, West: 0 }, assignments: keep }), version: current.version },
    });
    expect([lower.status, lower.body.seats]).toEqual([
      409,
      [{ region: 'North', requested: 1, offered: 2, enrolled: 0 }],
    ]);
    const raise = await invoke(iterationRoutes.updateIteration, {
      as: ads,
      params: { iterationId: iteration.id },
      body: { ...springPlan({ seats: { North: 3, South: 0, West: 0 }, assignments: keep }), version: current.version },
    });
    expect(raise.status).toBe(200);
    expect((await statusOf(applicants[2]!.who, applicants[2]!.applicationId)).status).toBe('offered');
    expect(await seatsOf(iteration.id)).toMatchObject({ North: { capacity: 3, offered: 3, free: 0 } });
  });
});

describe('the waitlist ends', () => {
  it('promotion stops when the first class starts: a seat released then stays empty, and the waitlist ends, naming the next iteration', async () => {
    const { iteration, applicants } = await allocationSetup([
      { provider: 'a', region: 'North' },
      { provider: 'b', region: 'North' },
      { provider: 'c', region: 'North' },
    ]);
    await proposeAndConfirm(iteration.id);
    at('2026-11-22T12:00:00-05:00');
    const next = await publishedIteration({
      title: 'Fall 2027',
      applicationWindow: { opensAt: '2027-05-01T09:00', closesAt: '2027-06-15T17:00' },
      liveClasses: [{ date: '2027-09-14' }],
      assignments: [],
    });
    const [n1, n2, n3] = applicants;
    await invoke(r.acceptOffer, { as: n2!.who, params: { applicationId: n2!.applicationId }, body: agreement });
    at('2027-02-02T09:00:00-05:00');
    const declined = await invoke(r.declineOffer, {
      as: n2!.who,
      params: { applicationId: n2!.applicationId },
    });
    expect(declined.body.status).toBe('declined');
    // Shown as true now (promotion has stopped), before the job ends the waitlist and emails.
    expect((await statusOf(n3!.who, n3!.applicationId)).status).toBe('waitlist-ended');
    expect(await seatsOf(iteration.id)).toMatchObject({ North: { offered: 1, free: 1 } });
    expect(await sweep({})).toMatchObject({ waitlistEnded: 1, promoted: 0 });
    expect((await statusOf(n3!.who, n3!.applicationId)).status).toBe('waitlist-ended');
    const ended = (await emailsTo(n3!.who.email!)).find((m) => m.subject.includes('has ended'));
    expect(ended?.body.text).toContain('apply again');
    expect(ended?.body.text).toContain('The next iteration is Fall 2027');
    expect((await invoke(r.allocationSummary, { as: ads, params: { iterationId: iteration.id } })).body).toMatchObject({
      promotionOpen: false,
      allocationClosedAt: '2027-02-02T09:00:00.000-05:00',
    });
    void n1;
    void next;
  });

  it('ADS may close allocation earlier, with a reason: the waitlist ends at once', async () => {
    const { iteration, applicants } = await allocationSetup([
      { provider: 'a', region: 'North' },
      { provider: 'b', region: 'North' },
      { provider: 'c', region: 'North' },
    ]);
    await proposeAndConfirm(iteration.id);
    const closed = await invoke(r.closeAllocation, {
      as: ads,
      params: { iterationId: iteration.id },
      body: { reason: 'Cohort complete; trainers agreed' },
    });
    expect(closed.body.promotionOpen).toBe(false);
    expect((await statusOf(applicants[2]!.who, applicants[2]!.applicationId)).status).toBe('waitlist-ended');
    await invoke(r.declineOffer, {
      as: applicants[0]!.who,
      params: { applicationId: applicants[0]!.applicationId },
    });
    expect(await seatsOf(iteration.id)).toMatchObject({ North: { offered: 1, free: 1 } });
  });
});

describe('the directory feeds the allocation', () => {
  it('a provider with priority status comes first', async () => {
    const { iteration, providers } = await allocationSetup(
      [
        { provider: 'a', region: 'South', name: 'Early' },
        { provider: 'b', region: 'South', name: 'Priority' },
      ],
      { North: 0, South: 1, West: 0 },
    );
    await invoke(providerRoutes.setProviderPriority, {
      as: ads,
      params: { providerId: providers.b.id },
      body: { priority: true, reason: 'Lost its only certified staff member' },
    });
    const proposal = await invoke(r.computeProposal, { as: ads, params: { iterationId: iteration.id } });
    expect(proposal.body.lines.find((l: { decision: string }) => l.decision === 'seat')).toMatchObject({
      applicantName: 'Priority',
      factors: { priority: true },
    });
    const items = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': `ALLOCATION#${iteration.id}` },
      }),
    );
    expect(items.Items?.map((i) => i.sk).sort()).toEqual(['#STATE', 'PROPOSAL#00001', 'PROPOSALPART#00001#0000']);
  });
});
