import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCognito, type Running } from '../../scripts/local/components';
import { cognitoClient, ensurePool } from '../../scripts/local/cognito';
import { handler as expiryReminders } from '../../functions/jobs/expiry-reminders';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { agencyRoutes as g } from '../../shared/http/routes/agency';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { linkRoutes } from '../../shared/http/routes/links';
import { providerRoutes } from '../../shared/http/routes/providers';
import { seedCertificate } from '../support/certificates';
import { at, useClockReset } from '../support/clock';
import {
  applyTo,
  createProvider,
  endorsedApplicant,
  linkIn,
  newApplicant,
  publishedIteration,
  saveProfile,
  unique,
} from '../support/fixtures';
import { ads, type As, invoke } from '../support/invoke';
import { providerAdmin } from '../support/provider-admins';
import { emailsTo } from '../support/ses';
import { auditRecords, storedItem } from '../support/stored';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

let cognito: Running | undefined;
beforeAll(async () => {
  // ADS creates provider administrators in Cognito: this file brings its own cognito-local, before any handler loads.
  cognito = await startCognito({ dataDir: mkdtempSync(join(tmpdir(), 'ce-agency-cognito-')) });
  const { userPoolId } = await ensurePool(cognitoClient(cognito.endpoint));
  Object.assign(process.env, {
    USER_POOL_ID: userPoolId,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
  });
}, 60_000);
afterAll(async () => cognito?.stop());

const BEFORE = '2026-11-22T12:00:00-05:00';
const DURING_WINDOW = '2026-12-10T10:00:00-05:00';

/** An agency with its administrator and an open iteration; the clock inside the application window. */
async function agency() {
  at(BEFORE);
  const provider = await createProvider();
  const iteration = await publishedIteration();
  const admin = await providerAdmin(provider.id);
  at(DURING_WINDOW);
  return { provider, iteration, admin };
}

/** A staff member of the agency who applied: the supervisor authorised, the endorsement link emailed. */
async function applicant(providerId: string, iterationId: string, name = `Lee ${unique()}`) {
  const who = newApplicant(name);
  await saveProfile(who, providerId);
  const applied = await applyTo(who, iterationId);
  if (applied.status !== 201) throw new Error(applied.text);
  const token = linkIn(
    (await emailsTo(who.supervisorEmail)).find((m) => m.subject.startsWith('Please endorse'))?.body.text,
  );
  return { who, applicationId: applied.body.id as string, token };
}

const application = async (id: string) => storedItem(`APPLICATION#${id}`, '#APPLICATION');
const profile = async (sub: string) => storedItem(`PERSON#${sub}`, '#PROFILE');
const endorse = (as: As, applicationId: string, body: object = { decision: 'endorse' }) =>
  invoke(g.answerAgencyEndorsement, { as, params: { applicationId }, body });

describe('ADS creates a provider administrator, linked to one agency on the server', () => {
  it('with the agency required for that role, refused for the others, and an unknown agency refused; audited', async () => {
    const { provider } = await agency();
    const email = `riley.${unique()}@harbor.example.org`;
    const create = (body: object) => invoke(accountRoutes.createStaffAccount, { as: ads, body });
    const missing = await create({ name: 'Riley Park', email, role: 'provider-admin' });
    expect([missing.status, missing.body.errors.map((e: { field: string }) => e.field)]).toEqual([
      400,
      ['body.providerId'],
    ]);
    const stray = await create({ name: 'Riley Park', email, role: 'dds', providerId: provider.id });
    expect([stray.status, stray.body.errors.map((e: { field: string }) => e.field)]).toEqual([
      400,
      ['body.providerId'],
    ]);
    const unknown = await create({
      name: 'Riley Park',
      email,
      role: 'provider-admin',
      providerId: 'pr-0000000000000000',
    });
    expect([unknown.status, unknown.body.errors]).toEqual([
      422,
      [expect.objectContaining({ field: 'body.providerId', code: 'unknown_provider' })],
    ]);

    const created = await create({ name: 'Riley Park', email, role: 'provider-admin', providerId: provider.id });
    expect([created.status, created.body]).toMatchObject([201, { role: 'provider-admin', providerId: provider.id }]);
    const sub = created.body.personId as string;
    expect(await storedItem(`PERSON#${sub}`, 'ADMIN_OF')).toMatchObject({ providerId: provider.id, status: 'active' });
    expect((await auditRecords('provider', provider.id)).map((a) => [a.action, a.actor.id])).toContainEqual([
      'admin-added',
      ads.sub,
    ]);
    expect((await auditRecords('person', sub)).map((a) => a.action)).toEqual(['account-created:provider-admin']);

    // The token says only the role; the agency comes from the link.
    const riley: As = { sub, roles: ['provider-admin'], email };
    expect((await invoke(g.getAgency, { as: riley })).body).toMatchObject({ id: provider.id, name: provider.name });
    const listed = await invoke(g.listProviderAdmins, { as: ads, params: { providerId: provider.id } });
    expect(listed.body.items).toContainEqual(expect.objectContaining({ personId: sub, status: 'active' }));

    const ended = await invoke(g.endProviderAdmin, {
      as: ads,
      params: { providerId: provider.id, personId: sub },
      body: { reason: 'Left the agency in December' },
    });
    expect([ended.status, ended.body.status]).toEqual([200, 'ended']);
    expect((await auditRecords('provider', provider.id)).find((a) => a.action === 'admin-ended')).toMatchObject({
      actor: { id: ads.sub },
      reason: 'Left the agency in December',
    });
    expect((await invoke(g.getAgency, { as: riley })).status).toBe(404);
    expect((await invoke(g.listAgencyStaff, { as: riley })).status).toBe(404);
    const again = await invoke(g.endProviderAdmin, {
      as: ads,
      params: { providerId: provider.id, personId: sub },
      body: { reason: 'Twice' },
    });
    expect(again.status).toBe(409);
  });

  it('an administrator of no agency (in the group, never linked) sees nothing', async () => {
    const stranger: As = { sub: `nobody-${unique()}`, roles: ['provider-admin'], email: 'x@harbor.example.org' };
    for (const route of [g.getAgency, g.listAgencyStaff, g.listAgencySupervisors])
      expect((await invoke(route, { as: stranger })).status).toBe(404);
  });
});

describe("the agency's staff", () => {
  it('lists its claimed and confirmed members (confirmed first) with applications; certifications once confirmed', async () => {
    const { provider, iteration, admin } = await agency();
    const confirmed = await endorsedApplicant(iteration.id, provider.id, 'North', { name: 'Cora Confirmed' });
    const claimed = newApplicant('Clay Claimed');
    await saveProfile(claimed, provider.id);
    await seedCertificate({ holderSub: confirmed.who.sub, holderName: 'Cora Confirmed', expiresOn: '2028-05-01' });
    await seedCertificate({ holderSub: claimed.sub, holderName: 'Clay Claimed', expiresOn: '2028-05-01' });
    const elsewhere = await createProvider();
    const outsider = newApplicant('Otto Outside');
    await saveProfile(outsider, elsewhere.id);

    const staff = await invoke(g.listAgencyStaff, { as: admin });
    expect(staff.status).toBe(200);
    expect(staff.body.items.map((p: { name: string; membership: string }) => [p.name, p.membership])).toEqual([
      ['Cora Confirmed', 'confirmed'],
      ['Clay Claimed', 'claimed'],
    ]);
    const [cora, clay] = staff.body.items;
    expect(cora.applications).toEqual([
      expect.objectContaining({
        id: confirmed.applicationId,
        status: 'endorsed',
        actions: { endorse: false, cosign: false },
      }),
    ]);
    expect(cora.certifications).toEqual([
      expect.objectContaining({ expiresOn: '2028-05-01', state: 'active', stage: 'discovery' }),
    ]);
    expect(clay.certifications).toEqual([]);
    // The list shows what an employer needs: no sign-in emails.
    expect(cora.email).toBeUndefined();
    expect((await invoke(g.getAgencyPerson, { as: admin, params: { personId: outsider.sub } })).status).toBe(404);
  });
});

describe('someone who moved agencies', () => {
  it("is the new agency's staff, without the applications made from the old one; the old agency no longer sees them", async () => {
    const { provider, iteration, admin } = await agency();
    const { who, applicationId } = await applicant(provider.id, iteration.id);
    const next = await createProvider();
    const nextAdmin = await providerAdmin(next.id);
    await saveProfile(who, next.id);
    const seen = await invoke(g.getAgencyPerson, { as: nextAdmin, params: { personId: who.sub } });
    expect([seen.status, seen.body.applications]).toEqual([200, []]);
    expect((await endorse(nextAdmin, applicationId)).status).toBe(404);
    expect((await invoke(g.getAgencyPerson, { as: admin, params: { personId: who.sub } })).status).toBe(404);
    expect((await endorse(admin, applicationId)).status).toBe(404);
    expect((await application(applicationId))?.status).toBe('submitted');
  });
});

describe("another agency's person or application is a 404 on every object route, and nothing changes", () => {
  it('reading, endorsing, declining, co-signing and reporting a departure', async () => {
    const { provider, iteration } = await agency();
    const theirs = await applicant(provider.id, iteration.id);
    const other = await createProvider();
    const otherAdmin = await providerAdmin(other.id);
    const answers = [
      await invoke(g.getAgencyPerson, { as: otherAdmin, params: { personId: theirs.who.sub } }),
      await endorse(otherAdmin, theirs.applicationId),
      await endorse(otherAdmin, theirs.applicationId, { decision: 'decline', reason: 'Not ours' }),
      await invoke(g.cosignAgencyAgreement, { as: otherAdmin, params: { applicationId: theirs.applicationId } }),
      await invoke(g.reportAgencyDeparture, {
        as: otherAdmin,
        params: { personId: theirs.who.sub },
        body: { leftOn: '2026-12-01' },
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
    expect((await application(theirs.applicationId))?.status).toBe('submitted');
    expect((await profile(theirs.who.sub))?.providerId).toBe(provider.id);
    // The emailed link still works for the supervisor.
    expect((await invoke(linkRoutes.confirmLink, { params: { token: theirs.token } })).status).toBe(200);
  });
});

describe('endorsing from the agency page is the emailed link’s act', () => {
  it('confirms membership, flags the first member for review, tells the applicant, audits the administrator; the link then answers 410', async () => {
    const { provider, iteration, admin } = await agency();
    const { who, applicationId, token } = await applicant(provider.id, iteration.id);
    const person = await invoke(g.getAgencyPerson, { as: admin, params: { personId: who.sub } });
    expect(person.body.applications[0].actions).toEqual({ endorse: true, cosign: false });

    const answer = await endorse(admin, applicationId);
    expect([answer.status, answer.body.membership, answer.body.applications[0].status]).toEqual([
      200,
      'confirmed',
      'endorsed',
    ]);
    expect((await profile(who.sub))?.membership).toBe('confirmed');
    expect(await storedItem(`REVIEW#${applicationId}`, '#REVIEW')).toMatchObject({
      flags: ['first-confirmation'],
      supervisor: { name: admin.name, email: admin.email },
    });
    const audit = (await auditRecords('application', applicationId)).find((a) => a.action === 'endorsed')!;
    expect(audit.actor).toEqual({ id: admin.sub, roles: ['provider-admin'] });
    expect((await emailsTo(who.email!)).map((m) => m.subject)).toContainEqual(expect.stringMatching(/endorsed/i));

    for (const route of [linkRoutes.viewLink, linkRoutes.confirmLink])
      expect((await invoke(route, { params: { token }, headers: { accept: 'application/json' } })).status).toBe(410);
    expect((await endorse(admin, applicationId)).status).toBe(409);
  });

  it('works while the supervisor the applicant named still waits for ADS (no link was sent): nothing waits any more', async () => {
    const { provider, iteration, admin } = await agency();
    const who = newApplicant();
    await saveProfile(who, provider.id, {}, { authorised: false });
    const applied = await applyTo(who, iteration.id);
    expect((await application(applied.body.id))?.awaitingSupervisor).toBeDefined();
    expect((await endorse(admin, applied.body.id)).status).toBe(200);
    const stored = await application(applied.body.id);
    expect([stored?.status, stored?.awaitingSupervisor]).toEqual(['endorsed', undefined]);
    expect(await emailsTo(who.supervisorEmail)).toEqual([]);
  });

  it('an administrator linked in the last 7 days is flagged like a newly authorised supervisor', async () => {
    const { provider, iteration } = await agency();
    // A first member confirmed already, so only the newness is flagged.
    await endorsedApplicant(iteration.id, provider.id, 'North');
    const fresh = await providerAdmin(provider.id, { linkedAt: '2026-12-08T09:00:00.000-05:00' });
    const { applicationId } = await applicant(provider.id, iteration.id);
    expect((await endorse(fresh, applicationId)).status).toBe(200);
    expect((await storedItem(`REVIEW#${applicationId}`, '#REVIEW'))?.flags).toEqual(['new-supervisor']);
  });

  it('declining needs a reason, which the applicant is told; the link then answers 410', async () => {
    const { provider, iteration, admin } = await agency();
    const { who, applicationId, token } = await applicant(provider.id, iteration.id);
    const bare = await endorse(admin, applicationId, { decision: 'decline' });
    expect([bare.status, bare.body.errors?.map((e: { field: string }) => e.field)]).toEqual([400, ['body.reason']]);
    const declined = await endorse(admin, applicationId, { decision: 'decline', reason: 'Not on our staff roster' });
    expect([declined.status, declined.body.applications[0].status]).toEqual([200, 'not-endorsed']);
    expect((await application(applicationId))?.endorsementDeclined).toMatchObject({
      by: { name: admin.name, email: admin.email },
      reason: 'Not on our staff roster',
    });
    expect(
      (await auditRecords('application', applicationId)).find((a) => a.action === 'endorsement-declined'),
    ).toMatchObject({
      actor: { id: admin.sub },
      reason: 'Not on our staff roster',
    });
    const told = (await emailsTo(who.email!)).map((m) => m.body.text ?? '').join('\n');
    expect(told).toContain('Not on our staff roster');
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(410);
  });

  it('racing the supervisor’s link, exactly one endorsement is given', async () => {
    const { provider, iteration, admin } = await agency();
    const { applicationId, token } = await applicant(provider.id, iteration.id);
    const [fromPage, fromLink] = await Promise.all([
      endorse(admin, applicationId),
      invoke(linkRoutes.confirmLink, { params: { token } }),
    ]);
    expect([fromPage.status, fromLink.status].filter((s) => s === 200)).toHaveLength(1);
    expect([fromPage.status, fromLink.status].every((s) => [200, 409, 410].includes(s))).toBe(true);
    const endorsed = (await auditRecords('application', applicationId)).filter((a) => a.action === 'endorsed');
    expect(endorsed).toHaveLength(1);
  });

  it('is refused after the window closes', async () => {
    const { provider, iteration, admin } = await agency();
    const { applicationId } = await applicant(provider.id, iteration.id);
    at('2027-01-15T17:00:00-05:00');
    expect((await endorse(admin, applicationId)).status).toBe(409);
    expect((await application(applicationId))?.status).toBe('submitted');
  });
});

describe('an administrator cannot vouch for themselves by any route', () => {
  it.each([
    ['their own application (the same sign-in)', (providerId: string, who: As) => linkAs(providerId, who.sub)],
    [
      'an applicant at their own mailbox (a variant of the address)',
      (providerId: string, who: As) =>
        providerAdmin(providerId, { email: who.email!.replace('@', '+admin@').toUpperCase() }),
    ],
  ])('%s: endorsing and declining refused (422), the application untouched, the buttons off', async (_, link) => {
    const { provider, iteration } = await agency();
    const { who, applicationId, token } = await applicant(provider.id, iteration.id);
    const as = await link(provider.id, who);
    for (const body of [{ decision: 'endorse' }, { decision: 'decline', reason: 'Me' }]) {
      const answer = await endorse(as, applicationId, body);
      expect([answer.status, answer.body.errors]).toEqual([
        422,
        [expect.objectContaining({ field: 'path.applicationId', code: 'own_application' })],
      ]);
    }
    expect((await application(applicationId))?.status).toBe('submitted');
    expect((await profile(who.sub))?.membership).toBe('claimed');
    const person = await invoke(g.getAgencyPerson, { as, params: { personId: who.sub } });
    expect(person.body.applications[0].actions).toEqual({ endorse: false, cosign: false });
    // The supervisor's link is untouched by the refusal.
    const view = await invoke(linkRoutes.viewLink, { params: { token }, headers: { accept: 'application/json' } });
    expect(view.status).toBe(200);
  });

  it('co-signing their own training agreement is refused too', async () => {
    const { provider, admin, offered } = await acceptedOffer();
    const self = await linkAs(provider.id, offered.who.sub);
    const answer = await invoke(g.cosignAgencyAgreement, {
      as: self,
      params: { applicationId: offered.applicationId },
    });
    expect([answer.status, answer.body.errors?.[0]?.code]).toEqual([422, 'own_application']);
    expect((await application(offered.applicationId))?.status).toBe('accepted');
    expect(admin.sub).not.toBe(self.sub);
  });
});

/** A provider administrator whose sign-in is this applicant's own (a manager who also applies). */
async function linkAs(providerId: string, sub: string): Promise<As> {
  const { saveProviderAdminItems } = await import('../../shared/data/provider-admins');
  const { transact } = await import('../../shared/data/transactions');
  const email = `manager.${unique()}@harbor.example.org`;
  await transact(
    saveProviderAdminItems(
      {
        sub,
        providerId,
        name: 'Morgan Manager',
        email,
        status: 'active',
        linkedAt: '2026-01-05T09:00:00.000-05:00',
        linkedBy: ads.sub,
        version: 1,
      },
      undefined,
    ),
  );
  return { sub, roles: ['applicant', 'provider-admin'], email };
}

/** An endorsed applicant offered a seat and who accepted (signed): waiting for the co-signature. */
async function acceptedOffer() {
  at(BEFORE);
  const provider = await createProvider({ regions: ['North', 'South', 'West'] });
  const iteration = await publishedIteration({ seats: { North: 1, South: 0, West: 0 } });
  const admin = await providerAdmin(provider.id);
  at(DURING_WINDOW);
  const offered = await endorsedApplicant(iteration.id, provider.id, 'North');
  at('2027-01-16T09:00:00-05:00');
  const proposal = await invoke(allocationRoutes.computeProposal, { as: ads, params: { iterationId: iteration.id } });
  await invoke(allocationRoutes.confirmProposal, {
    as: ads,
    params: { iterationId: iteration.id },
    body: { version: proposal.body.version },
  });
  const accepted = await invoke(allocationRoutes.acceptOffer, {
    as: offered.who,
    params: { applicationId: offered.applicationId },
    body: { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } },
  });
  if (accepted.status !== 200) throw new Error(accepted.text);
  const token = linkIn(
    (await emailsTo(offered.who.supervisorEmail)).find((m) => m.subject.includes('Training Agreement'))?.body.text,
  );
  return { provider, iteration, admin, offered, token };
}

describe('co-signing from the agency page', () => {
  it('enrols the learner as the link does, audited as the administrator; the emailed link then answers 410', async () => {
    const { admin, offered, token, iteration } = await acceptedOffer();
    const before = await storedItem(`ITERATION#${iteration.id}`, 'SEATS#North');
    const person = await invoke(g.getAgencyPerson, { as: admin, params: { personId: offered.who.sub } });
    expect(person.body.applications[0]).toMatchObject({
      status: 'accepted',
      actions: { endorse: false, cosign: true },
    });
    const answer = await invoke(g.cosignAgencyAgreement, {
      as: admin,
      params: { applicationId: offered.applicationId },
    });
    expect([answer.status, answer.body.applications[0].status]).toEqual([200, 'enrolled']);
    const after = await storedItem(`ITERATION#${iteration.id}`, 'SEATS#North');
    expect([after?.offered, after?.enrolled]).toEqual([before!.offered - 1, before!.enrolled + 1]);
    expect(
      (await auditRecords('application', offered.applicationId)).find((a) => a.action === 'enrolled')?.actor,
    ).toEqual({
      id: admin.sub,
      roles: ['provider-admin'],
    });
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(410);
    expect(
      (await invoke(g.cosignAgencyAgreement, { as: admin, params: { applicationId: offered.applicationId } })).status,
    ).toBe(409);
  });
});

describe('reporting a departure', () => {
  it("is ADS's departure with the administrator as actor; the person then leaves the agency's view", async () => {
    const { provider, iteration, admin } = await agency();
    const { who } = await endorsedApplicant(iteration.id, provider.id, 'North');
    const bad = await invoke(g.reportAgencyDeparture, {
      as: admin,
      params: { personId: who.sub },
      body: { leftOn: 'soon' },
    });
    expect(bad.status).toBe(400);
    const left = await invoke(g.reportAgencyDeparture, {
      as: admin,
      params: { personId: who.sub },
      body: { leftOn: '2026-12-09' },
    });
    expect([left.status, left.body]).toMatchObject([
      200,
      { providerId: provider.id, leftOn: '2026-12-09', priorityGranted: true },
    ]);
    expect(await profile(who.sub)).toMatchObject({
      membership: 'none',
      departedFrom: [{ providerId: provider.id, on: '2026-12-09' }],
    });
    expect((await auditRecords('person', who.sub)).find((a) => a.action === 'left-provider')?.actor.id).toBe(admin.sub);
    expect((await auditRecords('provider', provider.id)).find((a) => a.action === 'priority-set')?.actor.id).toBe(
      admin.sub,
    );
    expect((await invoke(g.getAgencyPerson, { as: admin, params: { personId: who.sub } })).status).toBe(404);
  });
});

describe("the agency's supervisors", () => {
  it("a proposal is the applicant's pending request in ADS's queue, audited as the administrator's", async () => {
    const { provider, admin } = await agency();
    const email = `nia.${unique()}@harbor.example.org`;
    const proposed = await invoke(g.proposeAgencySupervisor, { as: admin, body: { name: 'Nia Lead', email } });
    expect([proposed.status, proposed.body.status]).toEqual([200, 'pending']);
    const queue = await invoke(providerRoutes.listSupervisorRequests, { as: ads, query: { limit: '100' } });
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({ email, providerId: provider.id, status: 'pending' }),
    );
    const audit = await auditRecords('supervisor', `${provider.id}#${proposed.body.id}`);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['requested', { id: admin.sub, roles: ['provider-admin'] }],
    ]);
    const freeMail = await invoke(g.proposeAgencySupervisor, {
      as: admin,
      body: { name: 'Nia Home', email: `nia.${unique()}@gmail.com` },
    });
    expect([freeMail.status, freeMail.body.errors]).toEqual([
      422,
      [expect.objectContaining({ field: 'body.email', code: 'free_mail' })],
    ]);
    const listed = await invoke(g.listAgencySupervisors, { as: admin });
    expect(listed.body.items.map((s: { email: string }) => s.email)).toContain(email);
  });

  it('removing an authorised one takes effect at once, audited with the reason; their link then answers 410', async () => {
    const { provider, iteration, admin } = await agency();
    const { who, token } = await applicant(provider.id, iteration.id);
    const supervisor = (await invoke(g.listAgencySupervisors, { as: admin })).body.items.find(
      (s: { email: string }) => s.email === who.supervisorEmail,
    );
    const removed = await invoke(g.removeAgencySupervisor, {
      as: admin,
      params: { supervisorId: supervisor.id },
      body: { reason: 'Left the agency on 1 December', version: supervisor.version },
    });
    expect([removed.status, removed.body.status]).toEqual([200, 'removed']);
    expect((await auditRecords('supervisor', `${provider.id}#${supervisor.id}`)).at(-1)).toMatchObject({
      action: 'removed',
      actor: { id: admin.sub, roles: ['provider-admin'] },
      reason: 'Left the agency on 1 December',
    });
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(410);
    // Another agency's supervisor is not found from this agency.
    const other = await createProvider();
    const otherAdmin = await providerAdmin(other.id);
    const stranger = await invoke(g.removeAgencySupervisor, {
      as: otherAdmin,
      params: { supervisorId: supervisor.id },
      body: { reason: 'x', version: supervisor.version + 1 },
    });
    expect(stranger.status).toBe(404);
  });
});

describe("the employer's expiry watchlist", () => {
  it('emails each active administrator their confirmed staff reaching 180, 90 and 30 days, once each', async () => {
    const { provider, iteration, admin } = await agency();
    const other = await providerAdmin(provider.id, { name: 'Ola Other' });
    const confirmed = await endorsedApplicant(iteration.id, provider.id, 'North', { name: 'Cora Confirmed' });
    const claimed = newApplicant('Clay Claimed');
    await saveProfile(claimed, provider.id);
    const cert = await seedCertificate({
      holderSub: confirmed.who.sub,
      holderName: 'Cora Confirmed',
      expiresOn: '2027-12-01',
    });
    await seedCertificate({ holderSub: claimed.sub, holderName: 'Clay Claimed', expiresOn: '2027-12-01' });
    const watch = async (to: string) =>
      (await emailsTo(to)).filter((m) => m.subject.includes('expiring soon')).map((m) => m.body.text ?? '');
    const run = async (when: string) => {
      at(when);
      await expiryReminders({});
      await expiryReminders({});
    };
    await run('2027-05-01T06:30:00-04:00');
    expect(await watch(admin.email)).toEqual([]);
    await run('2027-06-04T06:30:00-04:00');
    await run('2027-06-05T06:30:00-04:00');
    const first = await watch(admin.email);
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('Cora Confirmed');
    expect(first[0]).toContain(cert.number);
    expect(first[0]).toContain('December 1, 2027');
    expect(first[0]).toContain('180 days or less');
    expect(first[0]).not.toContain('Clay Claimed');
    expect(first[0]).toContain('/agency');
    expect(await watch(other.email)).toHaveLength(1);
    await run('2027-09-02T06:30:00-04:00');
    await run('2027-11-01T06:30:00-04:00');
    await run('2027-11-02T06:30:00-04:00');
    const all = await watch(admin.email);
    expect(all.map((t) => t.match(/(\d+) days or less/)![1])).toEqual(['180', '90', '30']);
  });
});
