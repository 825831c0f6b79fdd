import { auditRoutes } from '../../shared/http/routes/audit';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { iterationRoutes as r } from '../../shared/http/routes/iterations';
import { emailsTo } from '../support/ses';
import { at, useClockReset } from '../support/clock';
import { enrolledLearners, newApplicant, springPlan } from '../support/fixtures';
import { readCalendar } from '../support/ical';
import { ads, type As, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const JOIN = 'https://meet.example.org/ce-spring-2027';
const OWN_JOIN = 'https://meet.example.org/ce-spring-2027-class-3';

const tokenOf = (url: string) => url.match(/\/calendar-feeds\/([A-Za-z0-9_-]{43})\/calendar\.ics$/)![1]!;

async function feedFor(who: As) {
  const made = await invoke(r.resetMyCalendarFeed, { as: who });
  expect(made.status).toBe(201);
  return tokenOf(made.body.url);
}

describe('calendars survive a change', () => {
  it('a moved class keeps its UID with a higher SEQUENCE; a removed one is CANCELLED; deadlines are events', async () => {
    const { iteration } = await enrolledLearners(1, { overrides: { joinUrl: JOIN } });
    const before = readCalendar((await invoke(r.getIterationCalendar, { params: { iterationId: iteration.id } })).text);
    const classes = before.filter((e) => e.summary.includes('live class'));
    expect(classes).toHaveLength(3);
    expect(new Set(classes.map((e) => e.uid)).size).toBe(3);
    expect(classes.every((e) => e.sequence === 0 && e.status === 'CONFIRMED')).toBe(true);
    const deadline = before.find((e) => e.summary.startsWith('Homework due: Discovery profile'))!;
    expect(deadline.start).toBe('2027-03-16T03:59:00.000Z');

    // ADS moves the second class from 9 Feb to 10 Feb, drops the third, and moves the homework deadline.
    const read = await invoke(r.getIterationForAds, { as: ads, params: { iterationId: iteration.id } });
    const [first, second] = read.body.liveClasses as { id: string; date: string }[];
    const moved = await invoke(r.updateIteration, {
      as: ads,
      params: { iterationId: iteration.id },
      body: {
        ...springPlan({ seats: { North: 1, South: 0, West: 0 }, joinUrl: JOIN }),
        liveClasses: [{ id: first!.id, date: first!.date }, { date: '2027-02-10' }],
        assignments: [{ id: iteration.assignments[0]!.id, title: 'Discovery profile', dueAt: '2027-03-12T23:59' }],
        version: read.body.version,
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.liveClasses.map((c: { id: string; date: string }) => [c.id, c.date])).toEqual([
      [first!.id, '2027-02-02'],
      [second!.id, '2027-02-10'],
    ]);

    const after = readCalendar((await invoke(r.getIterationCalendar, { params: { iterationId: iteration.id } })).text);
    const byUid = new Map(after.map((e) => [e.uid, e]));
    const [uid1, uid2, uid3] = classes.map((e) => e.uid);
    expect(byUid.get(uid1!)).toMatchObject({ sequence: 0, status: 'CONFIRMED', start: '2027-02-02T14:00:00.000Z' });
    expect(byUid.get(uid2!)).toMatchObject({ sequence: 1, status: 'CONFIRMED', start: '2027-02-10T14:00:00.000Z' });
    expect(byUid.get(uid3!)).toMatchObject({ sequence: 1, status: 'CANCELLED', start: '2027-03-16T13:00:00.000Z' });
    expect(byUid.get(deadline.uid)).toMatchObject({ sequence: 1, start: '2027-03-13T04:59:00.000Z' });
    // The public calendar never carries a join link.
    expect(after.every((e) => !e.url && !e.description.includes('meet.example.org'))).toBe(true);
    expect((await invoke(r.getIterationCalendar, { params: { iterationId: iteration.id } })).text).not.toContain(
      'meet.example.org',
    );
  });

  it("an enrolled learner's private feed has the join links; a reset makes the old URL 404; someone else's has none", async () => {
    const { iteration, learners } = await enrolledLearners(1, { overrides: { joinUrl: JOIN } });
    const read = await invoke(r.getIterationForAds, { as: ads, params: { iterationId: iteration.id } });
    const classes = read.body.liveClasses as { id: string; date: string }[];
    await invoke(r.updateIteration, {
      as: ads,
      params: { iterationId: iteration.id },
      body: {
        ...springPlan({ seats: { North: 1, South: 0, West: 0 }, joinUrl: JOIN }),
        liveClasses: classes.map((c, i) => ({ id: c.id, date: c.date, ...(i === 2 ? { joinUrl: OWN_JOIN } : {}) })),
        assignments: iteration.assignments.map((a) => ({ id: a.id, title: a.title, dueAt: '2027-03-15T23:59' })),
        version: read.body.version,
      },
    });
    const learner = learners[0]!.who;
    expect((await invoke(r.getMyCalendarFeed, { as: learner })).body).toEqual({ active: false });
    const token = await feedFor(learner);
    expect((await invoke(r.getMyCalendarFeed, { as: learner })).body).toMatchObject({ active: true });

    const feed = await invoke(r.getCalendarFeed, { params: { token } });
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const events = readCalendar(feed.text);
    const live = events.filter((e) => e.summary.includes('live class'));
    expect(live.map((e) => e.url)).toEqual([JOIN, JOIN, OWN_JOIN]);
    expect(live[2]!.sequence).toBe(1);
    expect(events.some((e) => e.summary.startsWith('Homework due:'))).toBe(true);

    // Reset: a new URL works, the old one is 404 at once.
    const newToken = await feedFor(learner);
    expect((await invoke(r.getCalendarFeed, { params: { token } })).status).toBe(404);
    expect((await invoke(r.getCalendarFeed, { params: { token: newToken } })).status).toBe(200);
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'person', subjectId: learner.sub },
    });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['calendar-feed-created', 'calendar-feed-reset']),
    );

    // Someone not enrolled: a feed without any class, hence without any join link.
    const stranger = newApplicant('Stranger');
    const strangerFeed = await invoke(r.getCalendarFeed, { params: { token: await feedFor(stranger) } });
    expect(strangerFeed.status).toBe(200);
    expect(strangerFeed.text).not.toContain('meet.example.org');
    expect(readCalendar(strangerFeed.text)).toEqual([]);

    // Stopping: 404 from then on. An unknown token is 404 too, a malformed one 400.
    expect((await invoke(r.stopMyCalendarFeed, { as: learner })).status).toBe(204);
    expect((await invoke(r.getCalendarFeed, { params: { token: newToken } })).status).toBe(404);
    expect((await invoke(r.getCalendarFeed, { params: { token: 'A'.repeat(43) } })).status).toBe(404);
    expect((await invoke(r.getCalendarFeed, { params: { token: 'short' } })).status).toBe(400);

    // No public view carries a join link.
    const published = await invoke(r.getPublishedIteration, { params: { iterationId: iteration.id } });
    expect(published.status).toBe(200);
    expect(published.text).not.toContain('meet.example.org');
  });

  it("puts the join links in the enrolled learner's agreement and enrolment email, never in the supervisor's copy", async () => {
    const { learners } = await enrolledLearners(1, { overrides: { joinUrl: JOIN } });
    const { who, applicationId } = learners[0]!;
    const agreement = await invoke(allocationRoutes.trainingAgreement, { as: who, params: { applicationId } });
    expect(agreement.status).toBe(200);
    expect(agreement.body.joinLinks.length).toBe(agreement.body.courseDates.length);
    expect(new Set(agreement.body.joinLinks.map((l: { joinUrl: string }) => l.joinUrl))).toEqual(new Set([JOIN]));
    const learnerEmail = (await emailsTo(who.email!)).find((m) => m.subject.startsWith('Enrolled'));
    expect(learnerEmail?.body.html).toContain(`<a href="${JOIN}">`);
    const supervisorEmails = await emailsTo(who.supervisorEmail);
    expect(supervisorEmails.some((m) => m.subject.startsWith('Enrolled'))).toBe(true);
    for (const m of supervisorEmails) expect(`${m.body.html}${m.body.text}`).not.toContain(JOIN);
  });

  it('refuses a join link that is not https, and a class id the iteration does not have', async () => {
    at('2026-11-22T12:00:00-05:00');
    const bad = await invoke(r.createIteration, {
      as: ads,
      body: springPlan({ joinUrl: 'http://meet.example.org/x' }),
    });
    expect(bad.status).toBe(400);
    const js = await invoke(r.createIteration, {
      as: ads,
      body: springPlan({ liveClasses: [{ date: '2027-02-02', joinUrl: 'javascript:alert(1)' }] }),
    });
    expect(js.status).toBe(400);
    const unknown = await invoke(r.createIteration, {
      as: ads,
      body: springPlan({ liveClasses: [{ id: 'lc-0000000000000000', date: '2027-02-02' }] }),
    });
    expect(unknown.status).toBe(422);
  });
});
