import { accountRoutes } from '../../shared/http/routes/accounts';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { applicationRoutes as r } from '../../shared/http/routes/applications';
import { linkRoutes } from '../../shared/http/routes/links';
import { providerRoutes as p } from '../../shared/http/routes/providers';
import { at, useClockReset } from '../support/clock';
import {
  applyTo,
  authoriseSupervisor,
  createProvider,
  linkIn,
  newApplicant,
  publishedIteration,
  saveProfile,
  unique,
} from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { auditRecords, storedItem } from '../support/stored';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const BEFORE = '2026-11-22T12:00:00-05:00';
const DURING_WINDOW = '2026-12-10T10:00:00-05:00';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const work = (name: string) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}.${unique()}@harbor.example.org` });

async function setting() {
  at(BEFORE);
  const provider = await createProvider();
  const iteration = await publishedIteration();
  at(DURING_WINDOW);
  return { provider, iteration };
}

const profileBody = (who: ReturnType<typeof newApplicant>, providerId: string | null, supervisor: object) => ({
  name: who.name,
  jobTitle: 'Employment specialist',
  position: 'direct-service',
  providerId,
  supervisor,
});
const putProfile = (who: ReturnType<typeof newApplicant>, providerId: string | null, supervisor: object) =>
  invoke(accountRoutes.putMyProfile, { as: who, body: profileBody(who, providerId, supervisor) });
const endorsementRequests = async (address: string) =>
  (await emailsTo(address)).filter((m) => m.subject.startsWith('Please endorse'));
const decide = (providerId: string, s: { id: string; version: number }, decision: string, reason = 'Checked') =>
  invoke(p.decideSupervisor, {
    as: ads,
    params: { providerId, supervisorId: s.id },
    body: { decision, reason, version: s.version },
  });
const supervisorsOf = async (providerId: string) =>
  (await invoke(p.listProviderSupervisors, { as: ads, params: { providerId } })).body.items as {
    id: string;
    email: string;
    status: string;
    version: number;
  }[];

describe('an applicant cannot name herself as supervisor', () => {
  it.each([
    ['the same address', (own: string) => own],
    ['another case', (own: string) => own.toUpperCase()],
    ['a plus tag', (own: string) => own.replace('@', '+boss@')],
    ['dots in the local part', (own: string) => own.replace('applicant.', 'a.p.p.l.i.c.a.n.t.')],
  ])('%s of her own address is refused, and nothing is saved', async (_, variant) => {
    const { provider } = await setting();
    const who = newApplicant();
    const answer = await putProfile(who, provider.id, { name: 'Me Again', email: variant(who.email!) });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ field: 'body.supervisor.email', code: 'own_address' }),
    ]);
    expect(await storedItem(`PERSON#${who.sub}`, '#PROFILE')).toBeUndefined();
  });

  it('even when ADS authorised her address as a supervisor of the agency (a manager applying herself)', async () => {
    const { provider, iteration } = await setting();
    const who = newApplicant();
    await saveProfile(who, provider.id);
    await authoriseSupervisor(provider.id, { name: 'Ann Manager', email: who.email! });
    const applied = await applyTo(who, iteration.id);
    const changed = await invoke(r.changeSupervisor, {
      as: who,
      params: { applicationId: applied.body.id },
      body: { supervisor: { name: 'Ann Manager', email: who.email! } },
    });
    expect(changed.status).toBe(422);
    expect(changed.body.errors[0]).toMatchObject({ field: 'body.supervisor.email', code: 'own_address' });
    expect(await endorsementRequests(who.email!)).toHaveLength(0);
  });
});

describe('free-mail addresses', () => {
  it('a new one is refused; one ADS authorised exactly is accepted and gets the link', async () => {
    const { provider, iteration } = await setting();
    const who = newApplicant();
    const personal = { name: 'Sam Supervisor', email: `sam.${unique()}@gmail.com` };
    const refused = await putProfile(who, provider.id, personal);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'body.supervisor.email', code: 'free_mail' });
    expect(await storedItem(`PERSON#${who.sub}`, '#PROFILE')).toBeUndefined();

    await authoriseSupervisor(provider.id, personal);
    expect((await putProfile(who, provider.id, personal)).body.supervisorStatus).toBe('authorised');
    expect((await applyTo(who, iteration.id)).status).toBe(201);
    expect(await endorsementRequests(personal.email)).toHaveLength(1);
  });
});

describe('a supervisor ADS has not authorised', () => {
  it('is sent nothing until ADS authorises them; then the link goes out and works', async () => {
    const { provider, iteration } = await setting();
    const who = newApplicant();
    const sam = work('Sam Newman');
    const saved = await putProfile(who, provider.id, sam);
    expect(saved.body.supervisorStatus).toBe('pending');
    const applied = await applyTo(who, iteration.id);
    expect(applied.status).toBe(201);
    expect(applied.body.awaitingSupervisor).toEqual({ since: expect.any(String) });
    expect(applied.body.actions.resendEndorsementLink).toBe(false);
    expect(await endorsementRequests(sam.email)).toHaveLength(0);
    const receipt = (await emailsTo(who.email!)).find((m) => m.subject.startsWith('Application received'));
    expect(receipt?.body.text).toContain('ADS confirms that a supervisor may endorse');
    const resend = await invoke(r.resendEndorsementLink, { as: who, params: { applicationId: applied.body.id } });
    expect(resend.status).toBe(409);

    const queue = (await invoke(p.listSupervisorRequests, { as: ads, query: { limit: '100' } })).body.items;
    const request = queue.find((s: { email: string }) => s.email === sam.email);
    expect(request).toMatchObject({
      status: 'pending',
      providerId: provider.id,
      freeMail: false,
      requestedBy: who.sub,
    });

    const authorised = await decide(provider.id, request, 'authorise', 'Called the agency: Sam supervises Ann');
    expect(authorised.status).toBe(200);
    expect(authorised.body.status).toBe('authorised');
    const [request1] = await endorsementRequests(sam.email);
    expect(request1).toBeDefined();
    const mine = (await invoke(r.myApplication, { as: who, params: { applicationId: applied.body.id } })).body;
    expect(mine.awaitingSupervisor).toBeUndefined();
    expect(mine.endorsementLinkSentAt).toBeDefined();

    const endorsed = await invoke(linkRoutes.confirmLink, { params: { token: linkIn(request1!.body.text) } });
    expect(endorsed.status).toBe(200);
    const decisions = await auditRecords('supervisor', `${provider.id}#${request.id}`);
    expect(decisions.map((d) => [d.action, d.actor.id, d.reason])).toEqual([
      ['requested', who.sub, undefined],
      ['authorised', ads.sub, 'Called the agency: Sam supervises Ann'],
    ]);
    expect((await auditRecords('application', applied.body.id)).map((a) => a.action)).toContain(
      'endorsement-link-sent',
    );
    // Nobody is waiting any more: the queue no longer lists the address.
    const after = (await invoke(p.listSupervisorRequests, { as: ads, query: { limit: '100' } })).body.items;
    expect(after.some((s: { email: string }) => s.email === sam.email)).toBe(false);
  });

  it('refused by ADS: the applicant is asked to name another, and cannot name the same one again', async () => {
    const { provider, iteration } = await setting();
    const who = newApplicant();
    const sam = work('Sam Stranger');
    await putProfile(who, provider.id, sam);
    const applied = await applyTo(who, iteration.id);
    const [request] = (await supervisorsOf(provider.id)).filter((s) => s.email === sam.email);
    expect((await decide(provider.id, request!, 'refuse', 'The agency has no such supervisor')).status).toBe(200);

    const told = (await emailsTo(who.email!)).find((m) => m.subject.startsWith('Name another supervisor'));
    expect(told?.body.text).toContain('The agency has no such supervisor');
    const mine = (await invoke(r.myApplication, { as: who, params: { applicationId: applied.body.id } })).body;
    expect(mine.awaitingSupervisor.refused).toMatchObject({ reason: 'The agency has no such supervisor' });
    expect(await endorsementRequests(sam.email)).toHaveLength(0);
    const again = await putProfile(who, provider.id, sam);
    expect(again.body.errors[0]).toMatchObject({ code: 'supervisor_refused' });

    const real = work('Rita Real');
    await authoriseSupervisor(provider.id, real);
    const renamed = await invoke(r.changeSupervisor, {
      as: who,
      params: { applicationId: applied.body.id },
      body: { supervisor: real },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.awaitingSupervisor).toBeUndefined();
    expect(await endorsementRequests(real.email)).toHaveLength(1);
  });

  it('a decision needs the version read, and only the transitions that make sense', async () => {
    const { provider } = await setting();
    const who = newApplicant();
    const sam = work('Sam Pending');
    await putProfile(who, provider.id, sam);
    const [request] = await supervisorsOf(provider.id);
    expect((await decide(provider.id, { ...request!, version: request!.version + 1 }, 'authorise')).status).toBe(409);
    expect((await decide(provider.id, request!, 'remove')).status).toBe(409);
    expect((await decide(provider.id, { ...request!, id: 'sv-0000000000000000' }, 'authorise')).status).toBe(404);
    expect((await supervisorsOf(provider.id))[0]).toMatchObject({ status: 'pending', version: request!.version });
  });
});

describe('a removed supervisor', () => {
  it('can no longer use a link already sent: not to endorse, nor to decline', async () => {
    const { provider, iteration } = await setting();
    const who = newApplicant();
    await saveProfile(who, provider.id);
    await applyTo(who, iteration.id);
    const token = linkIn((await endorsementRequests(who.supervisorEmail))[0]?.body.text);
    const [sam] = await supervisorsOf(provider.id);
    expect((await decide(provider.id, sam!, 'remove', 'Left the agency in November')).status).toBe(200);

    const endorse = await invoke(linkRoutes.confirmLink, { params: { token } });
    expect(endorse.status).toBe(410);
    expect(endorse.text).toContain('not authorised');
    expect((await invoke(linkRoutes.declineLink, { params: { token }, headers: FORM, rawBody: '' })).status).toBe(410);
    const person = await storedItem(`PERSON#${who.sub}`, '#PROFILE');
    expect(person?.membership).toBe('claimed');
  });

  it('cannot co-sign the training agreement either', async () => {
    const { provider, iteration } = await setting();
    const who = newApplicant();
    await saveProfile(who, provider.id);
    const applied = await applyTo(who, iteration.id);
    const endorse = linkIn((await endorsementRequests(who.supervisorEmail))[0]?.body.text);
    expect((await invoke(linkRoutes.confirmLink, { params: { token: endorse } })).status).toBe(200);
    at('2027-01-16T09:00:00-05:00');
    const proposal = await invoke(allocationRoutes.computeProposal, { as: ads, params: { iterationId: iteration.id } });
    await invoke(allocationRoutes.confirmProposal, {
      as: ads,
      params: { iterationId: iteration.id },
      body: { version: proposal.body.version },
    });
    const accepted = await invoke(allocationRoutes.acceptOffer, {
      as: who,
      params: { applicationId: applied.body.id },
      body: { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } },
    });
    expect(accepted.status).toBe(200);
    const cosign = linkIn(
      (await emailsTo(who.supervisorEmail)).find((m) => m.subject.includes('Training Agreement'))?.body.text,
    );
    const [sam] = await supervisorsOf(provider.id);
    await decide(provider.id, sam!, 'remove', 'Left the agency');
    expect((await invoke(linkRoutes.confirmLink, { params: { token: cosign } })).status).toBe(410);
    const stored = await storedItem(`APPLICATION#${applied.body.id}`, '#APPLICATION');
    expect(stored?.status).toBe('accepted');
  });
});

describe('confirmations flagged for review', () => {
  const reviews = async () =>
    (await invoke(p.listReviews, { as: ads, query: { limit: '100' } })).body.items as {
      applicationId: string;
      flags: string[];
    }[];

  it("flags the agency's first confirmed member and a new supervisor's endorsements; not an established one's", async () => {
    const { provider, iteration } = await setting();
    const first = newApplicant('First Member');
    await saveProfile(first, provider.id);
    const a1 = await applyTo(first, iteration.id);
    await invoke(linkRoutes.confirmLink, {
      params: { token: linkIn((await endorsementRequests(first.supervisorEmail))[0]?.body.text) },
    });
    expect((await reviews()).find((x) => x.applicationId === a1.body.id)?.flags).toEqual([
      'first-confirmation',
      'new-supervisor',
    ]);

    // Eight days after the supervisor was authorised, a second member of the same agency is not flagged.
    at('2026-12-18T10:00:00-05:00');
    const second = newApplicant('Second Member');
    await saveProfile(second, provider.id, { supervisor: { name: 'Sam Supervisor', email: first.supervisorEmail } });
    const a2 = await applyTo(second, iteration.id);
    const links = await endorsementRequests(first.supervisorEmail);
    await invoke(linkRoutes.confirmLink, {
      params: { token: linkIn(links.sort((x, y) => x.at - y.at).at(-1)?.body.text) },
    });
    expect((await storedItem(`PERSON#${second.sub}`, '#PROFILE'))?.membership).toBe('confirmed');
    expect((await reviews()).some((x) => x.applicationId === a2.body.id)).toBe(false);
  });

  it('ADS overturns one: the membership is a claim again, audited with the reason', async () => {
    const { provider, iteration } = await setting();
    const who = newApplicant();
    await saveProfile(who, provider.id);
    const applied = await applyTo(who, iteration.id);
    await invoke(linkRoutes.confirmLink, {
      params: { token: linkIn((await endorsementRequests(who.supervisorEmail))[0]?.body.text) },
    });
    expect((await storedItem(`PERSON#${who.sub}`, '#PROFILE'))?.membership).toBe('confirmed');
    const overturned = await invoke(p.decideReview, {
      as: ads,
      params: { applicationId: applied.body.id },
      body: { outcome: 'overturned', reason: 'The agency says she does not work there' },
    });
    expect(overturned.status).toBe(200);
    expect((await storedItem(`PERSON#${who.sub}`, '#PROFILE'))?.membership).toBe('claimed');
    expect((await reviews()).some((x) => x.applicationId === applied.body.id)).toBe(false);
    const [record] = await auditRecords('review', applied.body.id);
    expect(record).toMatchObject({
      action: 'overturned',
      reason: 'The agency says she does not work there',
      after: { membershipUnconfirmed: true },
    });
    const again = await invoke(p.decideReview, {
      as: ads,
      params: { applicationId: applied.body.id },
      body: { outcome: 'upheld', reason: 'Changed my mind' },
    });
    expect(again.status).toBe(409);
  });
});

describe('the applicant picks from the authorised list', () => {
  it("lists only the agency's authorised supervisors", async () => {
    const { provider } = await setting();
    const who = newApplicant();
    const rita = work('Rita Authorised');
    await authoriseSupervisor(provider.id, rita);
    await putProfile(newApplicant(), provider.id, work('Pat Pending'));
    const listed = await invoke(p.listAuthorisedSupervisors, { as: who, params: { providerId: provider.id } });
    expect(listed.body.items).toEqual([rita]);
  });
});
