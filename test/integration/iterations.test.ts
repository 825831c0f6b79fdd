import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from '../../shared/data/client';
import { auditRoutes } from '../../shared/http/routes/audit';
import { iterationRoutes as r } from '../../shared/http/routes/iterations';
import { at, useClockReset } from '../support/clock';
import { createIteration, publishedIteration, springPlan } from '../support/fixtures';
import { ads, applicantA, dds, invoke } from '../support/invoke';
import { readCalendar } from '../support/ical';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

async function itemCount() {
  // Test-only look at the whole table, to prove a refused request wrote nothing.
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  return (await dynamo.send(new ScanCommand({ TableName: TABLE_NAME, Select: 'COUNT' }))).Count ?? 0;
}

describe('creating an iteration', () => {
  beforeEach(() => at('2026-11-22T12:00:00-05:00'));

  it('stores the plan with seats per region and a derived total, and audits it', async () => {
    const created = await invoke(r.createIteration, { as: ads, body: springPlan() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      seats: { North: 2, South: 1, West: 1, total: 4 },
      applicationWindow: {
        opensAt: '2026-12-01T09:00:00.000-05:00',
        closesAt: '2027-01-15T17:00:00.000-05:00',
        state: 'upcoming',
      },
      liveClasses: [
        { date: '2027-02-02', startsAt: '2027-02-02T09:00:00.000-05:00', endsAt: '2027-02-02T12:00:00.000-05:00' },
        { date: '2027-02-09' },
        { date: '2027-03-16', startsAt: '2027-03-16T09:00:00.000-04:00' },
      ],
    });
    const read = await invoke(r.getIterationForAds, { as: ads, params: { iterationId: created.body.id } });
    expect(read.body).toEqual(created.body);
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'iteration', subjectId: created.body.id },
    });
    expect(trail.body.items).toEqual([
      expect.objectContaining({ action: 'created', actor: { id: ads.sub, roles: ['ads-staff'] } }),
    ]);
  });

  it('refuses a holiday, a weekend and a blackout date with every reason listed, writing nothing', async () => {
    await invoke(r.putBlackoutDate, { as: ads, params: { date: '2027-02-16' }, body: { reason: 'February break' } });
    const before = await itemCount();
    const refused = await invoke(r.createIteration, {
      as: ads,
      body: springPlan({ liveClasses: [{ date: '2027-02-12' }, { date: '2027-02-13' }, { date: '2027-02-16' }] }),
    });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body.errors.map((e: { field: string; message: string }) => [e.field, e.message])).toEqual([
      ['body.liveClasses.0.date', "2027-02-12 is a Connecticut state holiday (Lincoln's Birthday)"],
      ['body.liveClasses.1.date', '2027-02-13 is a Saturday; live classes are on weekdays'],
      ['body.liveClasses.2.date', '2027-02-16 is an ADS blackout date (February break)'],
    ]);
    expect(await itemCount()).toBe(before);
  });

  it('refuses malformed input with each offending field, and unknown fields (no mass assignment)', async () => {
    const refused = await invoke(r.createIteration, {
      as: ads,
      body: { ...springPlan({ seats: { North: -1, South: 1 } }), status: 'published' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.seats.North',
      'body.seats.West',
      'body.status',
    ]);
    expect((await invoke(r.createIteration, { as: ads, rawBody: '{"kind":' })).body.errors).toEqual([
      { field: 'body', code: 'invalid_json', message: 'Not valid JSON' },
    ]);
  });

  it('is for ADS staff only: other roles get 403, anonymous 401', async () => {
    expect((await invoke(r.createIteration, { as: applicantA, body: springPlan() })).status).toBe(403);
    expect((await invoke(r.createIteration, { as: dds, body: springPlan() })).status).toBe(403);
    expect((await invoke(r.createIteration, { body: springPlan() })).status).toBe(401);
  });
});

describe('editing an iteration', () => {
  beforeEach(() => at('2026-11-22T12:00:00-05:00'));

  it('needs the version read: a stale save gets 409 and changes nothing', async () => {
    const { id } = await createIteration();
    const first = await invoke(r.updateIteration, {
      as: ads,
      params: { iterationId: id },
      body: { ...springPlan({ title: 'Renamed' }), version: 1 },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await invoke(r.updateIteration, {
      as: ads,
      params: { iterationId: id },
      body: { ...springPlan({ title: 'Lost update' }), version: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await invoke(r.getIterationForAds, { as: ads, params: { iterationId: id } })).body.title).toBe('Renamed');
  });

  it('cannot lower a region below the seats already offered or filled (409 with the figures)', async () => {
    const { id } = await createIteration();
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: { pk: `ITERATION#${id}`, sk: 'SEATS#North' },
        UpdateExpression: 'SET held = :h, offered = :o, enrolled = :e',
        ExpressionAttributeValues: { ':h': 2, ':o': 1, ':e': 1 },
      }),
    );
    const lowered = await invoke(r.updateIteration, {
      as: ads,
      params: { iterationId: id },
      body: { ...springPlan({ seats: { North: 1, South: 1, West: 1 } }), version: 1 },
    });
    expect(lowered.status).toBe(409);
    expect(lowered.body.seats).toEqual([{ region: 'North', requested: 1, offered: 1, enrolled: 1 }]);
    const read = await invoke(r.getIterationForAds, { as: ads, params: { iterationId: id } });
    expect(read.body.seats.North).toBe(2);
    expect(read.body.version).toBe(1);
    const raised = await invoke(r.updateIteration, {
      as: ads,
      params: { iterationId: id },
      body: { ...springPlan({ seats: { North: 3, South: 1, West: 1 } }), version: 1 },
    });
    expect(raised.body.seats).toEqual({ North: 3, South: 1, West: 1, total: 5 });
  });

  it('locks the calendar once the first class starts; a correction with a reason is audited', async () => {
    const { id } = await publishedIteration();
    const { assignments } = (await invoke(r.getIterationForAds, { as: ads, params: { iterationId: id } })).body;
    const keep = assignments.map(({ id: assignmentId, title, dueAt }: Record<string, string>) => ({
      id: assignmentId,
      title,
      dueAt,
    }));
    at('2027-02-02T09:00:00-05:00');
    const moved = await invoke(r.updateIteration, {
      as: ads,
      params: { iterationId: id },
      body: {
        ...springPlan({ liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-10' }, { date: '2027-03-16' }] }),
        version: 2,
      },
    });
    expect(moved.status).toBe(409);
    expect(moved.body.detail).toMatch(/calendar is locked/);
    const retitled = await invoke(r.updateIteration, {
      as: ads,
      params: { iterationId: id },
      body: { ...springPlan({ title: 'Spring 2027 (cohort A)', assignments: keep }), version: 2 },
    });
    expect(retitled.status).toBe(200);
    const corrected = await invoke(r.correctCalendar, {
      as: ads,
      params: { iterationId: id },
      body: {
        version: 3,
        liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-10' }, { date: '2027-03-16' }],
        assignments: keep,
        reason: 'Snow closure on 9 February',
      },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.liveClasses.map((c: { date: string }) => c.date)).toEqual([
      '2027-02-02',
      '2027-02-10',
      '2027-03-16',
    ]);
    expect(corrected.body.calendarLocked).toBe(true);
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'iteration', subjectId: id },
    });
    const correction = trail.body.items.find((e: { action: string }) => e.action === 'calendar-corrected');
    expect(correction).toMatchObject({ reason: 'Snow closure on 9 February', actor: { id: ads.sub } });
    expect(correction.before.classDates).toContain('2027-02-09');
    expect(correction.after.classDates).toContain('2027-02-10');
  });
});

describe('publishing and the public views', () => {
  it('lists only published iterations whose window is open or upcoming, soonest closing first', async () => {
    at('2026-11-22T12:00:00-05:00');
    const draft = await createIteration({ title: 'Draft' });
    const later = await publishedIteration({
      title: 'Later',
      applicationWindow: { opensAt: '2027-01-01T09:00', closesAt: '2027-01-25T17:00' },
    });
    const sooner = await publishedIteration({ title: 'Sooner' });
    const listed = await invoke(r.listOpenIterations);
    const ids = listed.body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).not.toContain(draft.id);
    expect(listed.body.items[0]).not.toHaveProperty('seats');
    at('2027-01-20T12:00:00-05:00');
    const afterClose = (await invoke(r.listOpenIterations)).body.items.map((i: { id: string }) => i.id);
    expect(afterClose).toContain(later.id);
    expect(afterClose).not.toContain(sooner.id);
    expect((await invoke(r.getPublishedIteration, { params: { iterationId: draft.id } })).status).toBe(404);
  });

  it('refuses to publish without classes or seats, or after the window has closed', async () => {
    at('2026-11-22T12:00:00-05:00');
    const { id } = await createIteration({ liveClasses: [], assignments: [], seats: { North: 0, South: 0, West: 0 } });
    const refused = await invoke(r.publishIteration, { as: ads, params: { iterationId: id } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['no_classes', 'no_seats']);
    const late = await createIteration();
    at('2027-01-16T09:00:00-05:00');
    expect((await invoke(r.publishIteration, { as: ads, params: { iterationId: late.id } })).body.errors).toEqual([
      expect.objectContaining({ code: 'window_passed' }),
    ]);
  });

  it('offers the class calendar as iCalendar, one event per live class at 9:00–12:00 Connecticut time', async () => {
    at('2026-11-22T12:00:00-05:00');
    const { id } = await publishedIteration();
    const ics = await invoke(r.getIterationCalendar, { params: { iterationId: id } });
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const classes = readCalendar(ics.text).filter((e) => e.summary.includes('live class'));
    expect(classes.map((e) => e.start)).toEqual([
      '2027-02-02T14:00:00.000Z',
      '2027-02-09T14:00:00.000Z',
      '2027-03-16T13:00:00.000Z',
    ]);
    expect(classes.map((e) => e.end)).toEqual([
      '2027-02-02T17:00:00.000Z',
      '2027-02-09T17:00:00.000Z',
      '2027-03-16T16:00:00.000Z',
    ]);
  });
});

describe('blackout dates', () => {
  it('are kept, listed in order, removable, and audited', async () => {
    at('2026-11-22T12:00:00-05:00');
    await invoke(r.putBlackoutDate, { as: ads, params: { date: '2027-04-12' }, body: { reason: 'April break' } });
    await invoke(r.putBlackoutDate, { as: ads, params: { date: '2027-04-05' }, body: { reason: 'April break' } });
    const listed = await invoke(r.listBlackoutDates, { as: ads });
    const dates = listed.body.items.map((b: { date: string }) => b.date);
    expect(dates.indexOf('2027-04-05')).toBeLessThan(dates.indexOf('2027-04-12'));
    expect((await invoke(r.deleteBlackoutDate, { as: ads, params: { date: '2027-04-05' } })).status).toBe(204);
    expect((await invoke(r.deleteBlackoutDate, { as: ads, params: { date: '2027-04-05' } })).status).toBe(404);
    expect(
      (await invoke(r.putBlackoutDate, { as: ads, params: { date: '2027-02-30' }, body: { reason: 'x' } })).status,
    ).toBe(400);
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'blackout', subjectId: '2027-04-05' },
    });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['added', 'removed']);
    const stored = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk: 'BLACKOUTS', sk: '2027-04-12' } }),
    );
    expect(stored.Item?.reason).toBe('April break');
  });
});
