import { handler as deadlines } from '../../functions/jobs/application-deadlines';
import { applicationRoutes as r } from '../../shared/http/routes/applications';
import { auditRoutes } from '../../shared/http/routes/audit';
import { JSDOM } from 'jsdom';
import { linkRoutes } from '../../shared/http/routes/links';
import { violations } from '../support/axe';
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
import { ads, type As, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const DURING_WINDOW = '2026-12-10T10:00:00-05:00';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function applied(name = 'Ann Applicant') {
  at('2026-11-22T12:00:00-05:00');
  const provider = await createProvider();
  const iteration = await publishedIteration();
  at(DURING_WINDOW);
  const who = newApplicant(name);
  await saveProfile(who, provider.id);
  const answer = await applyTo(who, iteration.id);
  expect(answer.status).toBe(201);
  return { who, iteration, applicationId: answer.body.id as string, providerId: provider.id };
}

/** The link in the latest endorsement request to an address. */
const latestLink = async (address: string) => {
  const requests = (await emailsTo(address)).filter((m) => m.subject.startsWith('Please endorse'));
  return linkIn(requests.sort((x, y) => x.at - y.at).at(-1)?.body.text);
};
const mine = async (who: As, applicationId: string) =>
  (await invoke(r.myApplication, { as: who, params: { applicationId } })).body;
const trail = async (applicationId: string) =>
  (
    await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'application', subjectId: applicationId },
    })
  ).body.items as { action: string; actor: { id: string }; reason?: string; before?: unknown; after?: unknown }[];
const supervisor = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}.${unique()}@provider.example.org`,
});
const plain = (html: string) => html.replace(/<[^>]+>/g, '');

describe('changing the supervisor before endorsement', () => {
  it('revokes the old link, emails the new supervisor a working one, tells the former one, and is audited', async () => {
    const { who, applicationId, providerId } = await applied();
    const oldToken = await latestLink(who.supervisorEmail);
    const nora = supervisor('Nora New');
    await authoriseSupervisor(providerId, nora);
    const changed = await invoke(r.changeSupervisor, {
      as: who,
      params: { applicationId },
      body: { supervisor: nora, reason: 'Sam moved to another team' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'submitted', supervisor: nora });

    expect((await invoke(linkRoutes.viewLink, { params: { token: oldToken } })).status).toBe(410);
    expect((await invoke(linkRoutes.confirmLink, { params: { token: oldToken } })).status).toBe(410);
    expect((await emailsTo(who.supervisorEmail)).map((m) => m.subject)).toContain(
      `No endorsement needed from you: ${who.name}'s application`,
    );

    const newToken = await latestLink(nora.email);
    expect(newToken).not.toBe(oldToken);
    const page = await invoke(linkRoutes.viewLink, { params: { token: newToken } });
    expect([page.status, page.text.includes('Nora New')]).toEqual([200, true]);
    expect((await invoke(linkRoutes.confirmLink, { params: { token: newToken } })).status).toBe(200);
    expect(await mine(who, applicationId)).toMatchObject({ status: 'endorsed', supervisor: nora });
    expect(await trail(applicationId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'supervisor-changed',
          actor: expect.objectContaining({ id: who.sub }),
          reason: 'Sam moved to another team',
          before: expect.objectContaining({ supervisor: { name: 'Sam Supervisor', email: who.supervisorEmail } }),
          after: expect.objectContaining({ supervisor: nora }),
        }),
        expect.objectContaining({
          action: 'endorsed',
          actor: expect.objectContaining({ id: `supervisor-link:${nora.email}` }),
        }),
      ]),
    );

    // Endorsed: the supervisor can no longer change, nor the link be sent again.
    const late = await invoke(r.changeSupervisor, { as: who, params: { applicationId }, body: { supervisor: nora } });
    expect(late.status).toBe(409);
    expect((await invoke(r.resendEndorsementLink, { as: who, params: { applicationId } })).status).toBe(409);
  });

  it("is someone else's application: 404", async () => {
    const { applicationId } = await applied();
    const other = newApplicant();
    const answer = await invoke(r.changeSupervisor, {
      as: other,
      params: { applicationId },
      body: { supervisor: supervisor('Nora New') },
    });
    expect(answer.status).toBe(404);
  });
});

describe('sending the endorsement link again', () => {
  it('sends a new link each time (the previous stops working), at most 3 in 24 hours, then 429 with Retry-After until the window ends', async () => {
    const { who, applicationId } = await applied();
    let previous = await latestLink(who.supervisorEmail);
    at('2026-12-10T11:00:00-05:00');
    for (let i = 0; i < 3; i++) {
      const sent = await invoke(r.resendEndorsementLink, { as: who, params: { applicationId } });
      expect(sent.status).toBe(200);
      const current = await latestLink(who.supervisorEmail);
      expect(current).not.toBe(previous);
      expect((await invoke(linkRoutes.viewLink, { params: { token: previous } })).status).toBe(410);
      expect((await invoke(linkRoutes.viewLink, { params: { token: current } })).status).toBe(200);
      previous = current;
    }
    at('2026-12-10T12:00:00-05:00');
    const refused = await invoke(r.resendEndorsementLink, { as: who, params: { applicationId } });
    expect([refused.status, refused.headers['content-type'], refused.headers['retry-after']]).toEqual([
      429,
      'application/problem+json',
      String(23 * 3600),
    ]);
    // Naming another supervisor sends a link too: it counts against the same limit.
    const change = await invoke(r.changeSupervisor, {
      as: who,
      params: { applicationId },
      body: { supervisor: supervisor('Nora New') },
    });
    expect(change.status).toBe(429);
    expect((await invoke(linkRoutes.viewLink, { params: { token: previous } })).status).toBe(200);

    at('2026-12-11T11:00:00-05:00');
    expect((await invoke(r.resendEndorsementLink, { as: who, params: { applicationId } })).status).toBe(200);
    expect((await trail(applicationId)).filter((e) => e.action === 'endorsement-link-resent')).toHaveLength(4);
    const requests = (await emailsTo(who.supervisorEmail)).filter((m) => m.subject.startsWith('Please endorse'));
    expect(requests).toHaveLength(5);
  });

  it('holds under concurrency: of many simultaneous resends, at most the limit go out', async () => {
    const { who, applicationId } = await applied();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => invoke(r.resendEndorsementLink, { as: who, params: { applicationId } })),
    );
    expect(answers.every((a) => [200, 409, 429].includes(a.status))).toBe(true);
    for (let i = 0; i < 8; i++) await invoke(r.resendEndorsementLink, { as: who, params: { applicationId } });
    const requests = (await emailsTo(who.supervisorEmail)).filter((m) => m.subject.startsWith('Please endorse'));
    expect(requests).toHaveLength(1 + 3);
  });
});

describe('the supervisor says "I do not endorse this"', () => {
  it('from the link page (a labelled form, no JavaScript), with a reason: the applicant is told, the application and ADS show it, audited', async () => {
    const { who, iteration, applicationId } = await applied('Dora Decline');
    const token = await latestLink(who.supervisorEmail);
    const page = await invoke(linkRoutes.viewLink, { params: { token } });
    const doc = new JSDOM(page.text).window.document;
    const form = doc.querySelector(`form[method="post"][action="${token}/decline"]`);
    expect(form?.querySelector('label[for="reason"]')?.textContent).toBe('Reason (optional)');
    expect(form?.querySelector('textarea#reason[name="reason"]')?.getAttribute('aria-describedby')).toBe('reason-hint');
    expect(form?.querySelector('button[type="submit"]')?.textContent).toBe('I do not endorse this');
    expect(page.text).not.toContain('<script');
    expect(await violations(page.text)).toEqual([]);

    const declined = await invoke(linkRoutes.declineLink, {
      params: { token },
      headers: FORM,
      rawBody: new URLSearchParams({ reason: 'She is needed on the evening shift this spring.' }).toString(),
    });
    expect([declined.status, declined.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(declined.text).toContain('Application not endorsed');
    expect(await violations(declined.text)).toEqual([]);

    const [told] = (await emailsTo(who.email!)).filter((m) => m.subject.includes('did not endorse'));
    expect(told?.body.text).toContain('Their reason: She is needed on the evening shift this spring.');
    expect(told?.body.text).toContain('name them in your application before the window closes');
    expect(await mine(who, applicationId)).toMatchObject({
      status: 'not-endorsed',
      endorsementDeclined: {
        by: { name: 'Sam Supervisor', email: who.supervisorEmail },
        reason: 'She is needed on the evening shift this spring.',
      },
    });
    const rows = await invoke(r.listApplicationsForAds, {
      as: ads,
      params: { iterationId: iteration.id },
      query: { status: 'not-endorsed' },
    });
    expect(rows.body.items).toEqual([
      expect.objectContaining({
        id: applicationId,
        status: 'not-endorsed',
        endorsed: false,
        endorsementDeclined: expect.objectContaining({ reason: 'She is needed on the evening shift this spring.' }),
      }),
    ]);
    expect(await trail(applicationId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'endorsement-declined',
          actor: expect.objectContaining({ id: `supervisor-link:${who.supervisorEmail}` }),
          reason: 'She is needed on the evening shift this spring.',
        }),
      ]),
    );
    // The link worked once.
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(410);
    expect((await invoke(r.resendEndorsementLink, { as: who, params: { applicationId } })).status).toBe(409);
  });

  it('without a reason (an empty field)', async () => {
    const { who, applicationId } = await applied();
    const token = await latestLink(who.supervisorEmail);
    const declined = await invoke(linkRoutes.declineLink, { params: { token }, headers: FORM, rawBody: 'reason=' });
    expect(declined.status).toBe(200);
    const view = await mine(who, applicationId);
    expect(view.status).toBe('not-endorsed');
    expect(view.endorsementDeclined.reason).toBeUndefined();
    const [told] = (await emailsTo(who.email!)).filter((m) => m.subject.includes('did not endorse'));
    expect(told?.body.text).toContain('They gave no reason.');
  });

  it('after a decline the applicant names another supervisor, who endorses; after the close nobody can, and the job closes it', async () => {
    const { who, applicationId, providerId } = await applied();
    const token = await latestLink(who.supervisorEmail);
    await invoke(linkRoutes.declineLink, { params: { token }, headers: FORM, rawBody: '' });
    const olga = supervisor('Olga Other');
    await authoriseSupervisor(providerId, olga);
    const renamed = await invoke(r.changeSupervisor, {
      as: who,
      params: { applicationId },
      body: { supervisor: olga },
    });
    expect(renamed.body).toMatchObject({ status: 'submitted', supervisor: olga });
    expect(renamed.body.endorsementDeclined).toBeUndefined();
    // The supervisor who said no is not told again.
    expect((await emailsTo(who.supervisorEmail)).map((m) => m.subject)).not.toContain(
      `No endorsement needed from you: ${who.name}'s application`,
    );
    expect((await invoke(linkRoutes.confirmLink, { params: { token: await latestLink(olga.email) } })).status).toBe(
      200,
    );
    expect((await mine(who, applicationId)).status).toBe('endorsed');

    const second = await applied();
    await invoke(linkRoutes.declineLink, {
      params: { token: await latestLink(second.who.supervisorEmail) },
      headers: FORM,
      rawBody: 'reason=No',
    });
    at('2027-01-15T17:00:00-05:00');
    expect((await mine(second.who, second.applicationId)).status).toBe('not-considered');
    const late = await invoke(r.changeSupervisor, {
      as: second.who,
      params: { applicationId: second.applicationId },
      body: { supervisor: olga },
    });
    expect(late.status).toBe(409);
    await deadlines({});
    expect((await mine(second.who, second.applicationId)).status).toBe('not-considered');
    expect(await trail(second.applicationId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'not-considered', before: { status: 'not-endorsed' } }),
      ]),
    );
  });
});

describe('applying again after withdrawing', () => {
  it('reopens the same application while the window is open, with a new endorsement link (the old one stops working)', async () => {
    const { who, iteration, applicationId } = await applied();
    const oldToken = await latestLink(who.supervisorEmail);
    await invoke(r.withdrawApplication, { as: who, params: { applicationId } });
    at('2026-12-12T10:00:00-05:00');
    const again = await applyTo(who, iteration.id, 'West', 4);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      id: applicationId,
      status: 'submitted',
      region: 'West',
      futureStaffPlanned: 4,
      submittedAt: '2026-12-12T10:00:00.000-05:00',
    });
    expect(again.body.closedAt).toBeUndefined();
    expect((await invoke(linkRoutes.viewLink, { params: { token: oldToken } })).status).toBe(410);
    const newToken = await latestLink(who.supervisorEmail);
    expect(newToken).not.toBe(oldToken);
    expect((await invoke(linkRoutes.confirmLink, { params: { token: newToken } })).status).toBe(200);
    expect((await invoke(r.myApplications, { as: who })).body.items).toHaveLength(1);
    expect((await emailsTo(who.email!)).filter((m) => m.subject.startsWith('Application received'))).toHaveLength(2);
    expect((await trail(applicationId)).map((e) => e.action)).toEqual(expect.arrayContaining(['reopened']));
  });

  it('concurrent reapplications reopen it once: one 201, the others 200 with the same application', async () => {
    const { who, iteration, applicationId } = await applied();
    await invoke(r.withdrawApplication, { as: who, params: { applicationId } });
    const answers = await Promise.all(Array.from({ length: 5 }, () => applyTo(who, iteration.id)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([applicationId]));
    expect(answers.every((a) => a.body.status === 'submitted')).toBe(true);
    expect((await emailsTo(who.email!)).filter((m) => m.subject.startsWith('Application received'))).toHaveLength(2);
  });

  it('after the window has closed, a withdrawn application stays withdrawn', async () => {
    const { who, iteration, applicationId } = await applied();
    await invoke(r.withdrawApplication, { as: who, params: { applicationId } });
    at('2027-01-15T17:00:00-05:00');
    const again = await applyTo(who, iteration.id);
    expect([again.status, again.body.errors?.[0]?.code]).toEqual([422, 'window_closed']);
    expect((await mine(who, applicationId)).status).toBe('withdrawn');
  });
});

describe('the link page shows what the supervisor commits the learner to', () => {
  it('lists every live class and every homework deadline in Connecticut time, the zone named', async () => {
    const { who } = await applied();
    const page = await invoke(linkRoutes.viewLink, { params: { token: await latestLink(who.supervisorEmail) } });
    const text = plain(page.text);
    expect(text).toContain('Tuesday, February 2, 2027, 9:00 AM–12:00 PM (Connecticut time)');
    expect(text).toContain('Tuesday, February 9, 2027, 9:00 AM–12:00 PM (Connecticut time)');
    expect(text).toContain('Tuesday, March 16, 2027, 9:00 AM–12:00 PM (Connecticut time)');
    expect(text).toContain('Discovery profile: due Monday, March 15, 2027 at 11:59 PM (Connecticut time)');
    expect(page.text).toContain('<time datetime="2027-03-15T23:59:00.000-04:00">');
  });
});
