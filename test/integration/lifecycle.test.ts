import { handler as expiryReminders } from '../../functions/jobs/expiry-reminders';
import { forgetSettings } from '../../shared/data/settings';
import { getEmail } from '../../shared/email/outbox';
import { auditRoutes } from '../../shared/http/routes/audit';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { JSDOM } from 'jsdom';
import { listPosition } from '../../shared/credentials/status-list';
import { reserveStatusIndexes } from '../../shared/data/credential-status';
import { certificationRoutes } from '../../shared/http/routes/certifications';
import { credentialRoutes } from '../../shared/http/routes/credentials';
import { courseRoutes } from '../../shared/http/routes/course';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { noticeRoutes } from '../../shared/http/routes/notices';
import { registryRoutes } from '../../shared/http/routes/registry';
import { seedCertificate } from '../support/certificates';
import { statusAt } from '../support/credentials';
import { at, useClockReset } from '../support/clock';
import {
  applyTo,
  createIteration,
  createProvider,
  enrolledLearners,
  newApplicant,
  saveProfile,
} from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();
afterEach(() => forgetSettings());

describe('lifecycle settings', () => {
  it("are ADS's to change (versioned, audited), and the derived state follows them", async () => {
    at('2030-03-20T10:00:00-04:00');
    const cert = await seedCertificate({ holderSub: 'holder-s', holderName: 'Sam Settings', expiresOn: '2030-03-20' });
    expect((await invoke(registryRoutes.verifyCertificate, { params: { number: cert.number } })).body.status).toBe(
      'in-grace',
    );
    const current = await invoke(noticeRoutes.getLifecycleSettings, { as: ads });
    expect(current.body).toEqual({
      renewalWindowMonths: 9,
      graceDays: 90,
      renewFrom: 'old-expiry-if-unexpired',
      reminderDays: [180, 90, 30],
      noticeWindowDays: 90,
      version: 0,
    });
    const saved = await invoke(noticeRoutes.putLifecycleSettings, { as: ads, body: { ...current.body, graceDays: 0 } });
    expect(saved.body).toMatchObject({ graceDays: 0, version: 1 });
    expect(
      (await invoke(noticeRoutes.putLifecycleSettings, { as: ads, body: { ...current.body, graceDays: 30 } })).status,
    ).toBe(409);
    forgetSettings();
    expect((await invoke(registryRoutes.verifyCertificate, { params: { number: cert.number } })).body.status).toBe(
      'expired',
    );
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'settings', subjectId: 'lifecycle' },
    });
    expect(trail.body.items[0]).toMatchObject({
      action: 'updated',
      before: { graceDays: 90 },
      after: { graceDays: 0 },
    });
    await invoke(noticeRoutes.putLifecycleSettings, { as: ads, body: { ...current.body, version: 1 } });
  });
});

describe('who may apply to a recertification iteration', () => {
  it('holders in the renewal window, in grace or expired; not someone whose certification is still far from expiry', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider();
    const recert = await createIteration({ kind: 'recertification', title: 'Recertification spring 2027' });
    await invoke(iterationRoutes.publishIteration, { as: ads, params: { iterationId: recert.id } });
    at('2026-12-10T10:00:00-05:00');
    const cases: [string, string | undefined, string | undefined][] = [
      ['window', '2027-08-01', undefined], // renewal window opens 2026-11-01
      ['grace', '2026-11-01', undefined], // expired 40 days ago, grace 90 days
      ['expired', '2025-01-01', undefined],
      ['far', '2028-06-01', 'not_eligible'],
      ['none', undefined, 'not_eligible'],
    ];
    const reasons: Record<string, string> = {};
    for (const [name, expiresOn, refused] of cases) {
      const person = newApplicant(`Holder ${name}`);
      await saveProfile(person, provider.id);
      if (expiresOn) await seedCertificate({ holderSub: person.sub, holderName: person.name, expiresOn });
      // Asked before the form, the same rule answers: whether, and why in words.
      const standing = await invoke(applicationRoutes.myRecertificationStanding, {
        as: person,
        params: { iterationId: recert.id },
      });
      expect([name, standing.status, standing.body.mayApply]).toEqual([name, 200, !refused]);
      reasons[name] = standing.body.reason;
      const answer = await applyTo(person, recert.id);
      expect([name, answer.status, answer.body.errors?.[0]?.code]).toEqual([name, refused ? 422 : 201, refused]);
      if (refused) expect(answer.body.errors[0].message).toBe(standing.body.reason);
    }
    expect(reasons.window).toMatch(/^You may apply: you hold a certification that can be renewed now/);
    const who =
      'A recertification course is for holders of a certification from 9 months before it expires, in its grace period (90 days) or after it expired — not a revoked or suspended one.';
    const ask = 'If you think you should take this one, ask the ADS CE team: ADS can admit you, with a reason.';
    expect(reasons.far).toBe(`${who} Yours can be renewed from September 1, 2027. ${ask}`);
    expect(reasons.none).toBe(`${who} You hold no certification that can be renewed. ${ask}`);
    // An initial iteration asks no such question; an unknown one is not found.
    const initial = await createIteration({ title: 'Initial spring 2027' });
    await invoke(iterationRoutes.publishIteration, { as: ads, params: { iterationId: initial.id } });
    const someone = newApplicant('Someone');
    const asked = await invoke(applicationRoutes.myRecertificationStanding, {
      as: someone,
      params: { iterationId: initial.id },
    });
    expect([asked.status, asked.body.errors[0].code]).toEqual([422, 'not_recertification']);
    expect(
      (
        await invoke(applicationRoutes.myRecertificationStanding, {
          as: someone,
          params: { iterationId: 'it-0000000000000000' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('completing a recertification iteration', () => {
  it('renews each stage held: from the old expiry date if renewed before it, from the issue date if it had lapsed; the old one is superseded', async () => {
    const held = new Map<string, { number: string; expiresOn: string; statusIndex: number }>();
    const { iteration, learners } = await enrolledLearners(2, {
      overrides: { kind: 'recertification', title: 'Recertification 2027' },
      prepare: async (who) => {
        const expiresOn = held.size === 0 ? '2027-06-01' : '2027-03-01';
        // Issued by this course, with a credential: the renewal must mark its status entry superseded.
        const cert = await seedCertificate({
          holderSub: who.sub,
          holderName: who.name,
          expiresOn,
          stage: 'discovery',
          course: { statusIndex: await reserveStatusIndexes(1) },
        });
        held.set(who.sub, { number: cert.number, expiresOn, statusIndex: cert.statusIndex! });
      },
    });
    for (const [date, offset] of [
      ['2027-02-02', '-05:00'],
      ['2027-02-09', '-05:00'],
      ['2027-03-16', '-04:00'],
    ] as const) {
      at(`${date}T12:05:00${offset}`);
      await invoke(courseRoutes.recordAttendance, {
        as: ads,
        params: { iterationId: iteration.id, date },
        body: { entries: learners.map((l) => ({ applicationId: l.applicationId, status: 'present' })) },
      });
      if (date === '2027-02-09') {
        at('2027-03-12T10:00:00-05:00');
        for (const l of learners) {
          await invoke(courseRoutes.submitHomework, {
            as: l.who,
            params: { applicationId: l.applicationId, assignmentId: iteration.assignments[0]!.id },
            body: { text: 'x' },
          });
          await invoke(courseRoutes.reviewHomework, {
            as: ads,
            params: {
              iterationId: iteration.id,
              assignmentId: iteration.assignments[0]!.id,
              applicationId: l.applicationId,
            },
            body: { status: 'complete' },
          });
        }
      }
    }
    at('2027-03-20T10:00:00-04:00');
    const issued = await invoke(certificationRoutes.issueCertifications, {
      as: ads,
      params: { iterationId: iteration.id },
      body: {},
    });
    expect(issued.body.issued).toHaveLength(2);
    const [early, lapsed] = learners;
    const earlyCerts = (await invoke(certificationRoutes.myCertifications, { as: early!.who })).body.items;
    const renewed = earlyCerts.find(
      (c: { stage: string; status: string }) => c.stage === 'discovery' && c.status === 'active',
    );
    expect(renewed).toMatchObject({
      expiresOn: '2030-06-01',
      renews: held.get(early!.who.sub)!.number,
      history: [expect.objectContaining({ action: 'renewed' })],
    });
    expect(earlyCerts.find((c: { number: string }) => c.number === held.get(early!.who.sub)!.number)).toMatchObject({
      status: 'superseded',
      supersededBy: renewed.number,
    });
    expect(earlyCerts.find((c: { stage: string }) => c.stage === 'post-employment')).toMatchObject({
      expiresOn: '2030-03-20',
      history: [expect.objectContaining({ action: 'issued' })],
    });
    // The superseded certificate's credential says so in the status list (Digital Bazaar's decodeList reads 3), and
    // its verification page words it.
    const { list, position } = listPosition(held.get(early!.who.sub)!.statusIndex);
    const statusList = await invoke(credentialRoutes.credentialStatusList, { params: { list: String(list) } });
    expect(statusAt(statusList.text, position).value).toBe(3);
    const page = await invoke(registryRoutes.verifyAtAddress, { params: { number: held.get(early!.who.sub)!.number } });
    const doc = new JSDOM(page.text).window.document;
    expect(doc.querySelector('#status-heading')?.textContent).toBe('Status: Superseded');
    expect(doc.querySelector('main')?.textContent).toContain(
      'The certificate was renewed and a newer certificate replaces it: this one is no longer active.',
    );
    const lapsedCerts = (await invoke(certificationRoutes.myCertifications, { as: lapsed!.who })).body.items;
    expect(
      lapsedCerts.find((c: { stage: string; status: string }) => c.stage === 'discovery' && c.status === 'active'),
    ).toMatchObject({ expiresOn: '2030-03-20' });
  });
});

describe('expiry reminders', () => {
  it('remind the holder (supervisor in copy) once at each point, one email for the stages of one expiry date', async () => {
    at('2026-11-22T12:00:00-05:00');
    const person = newApplicant('Rita Reminded');
    await saveProfile(person, null);
    for (const stage of ['discovery', 'job-development', 'post-employment'] as const)
      await seedCertificate({ holderSub: person.sub, holderName: person.name, expiresOn: '2027-12-01', stage });
    const reminders = async () =>
      (await emailsTo(person.email!)).filter((m) => m.subject.startsWith('Your CE certification expires'));
    at('2027-05-01T06:30:00-04:00');
    await expiryReminders({});
    expect(await reminders()).toHaveLength(0);
    at('2027-06-04T06:30:00-04:00');
    await expiryReminders({});
    await expiryReminders({});
    expect((await reminders()).map((m) => m.subject)).toEqual([
      'Your CE certification expires on December 1, 2027 (in 180 days or less)',
    ]);
    expect((await reminders())[0]!.body.text).toContain('Job Development, Negotiation & Placement');
    expect((await getEmail(`expiry-reminder#${person.sub}#2027-12-01#180`))?.cc).toEqual([person.supervisorEmail]);
    // The job was down at 90 days; at 60 days only the 90-day reminder goes, once.
    at('2027-10-02T06:30:00-04:00');
    await expiryReminders({});
    await expiryReminders({});
    expect((await reminders()).map((m) => m.subject.match(/in (\d+) days/)![1])).toEqual(['180', '90']);
  });
});
