import { iterationRoutes as r } from '../../shared/http/routes/iterations';
import { useClockReset } from '../support/clock';
import { springPlan } from '../support/fixtures';
import { ads, applicantA, invoke } from '../support/invoke';
import { allAuditRecords } from '../support/stored';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

describe('a dry run of a calendar plan', () => {
  it("names each date's problem in words — weekend, Connecticut holiday by name, blackout, repeated — as creating the iteration would, and saves nothing", async () => {
    await invoke(r.putBlackoutDate, { as: ads, params: { date: '2027-02-16' }, body: { reason: 'ADS staff retreat' } });
    const audits = (await allAuditRecords()).length;
    const liveClasses = ['2027-02-02', '2027-02-06', '2027-02-15', '2027-02-16', '2027-02-02'].map((date) => ({
      date,
    }));
    const checked = await invoke(r.checkCalendar, { as: ads, body: { liveClasses } });
    expect(checked.status).toBe(200);
    expect(checked.body.ok).toBe(false);
    expect(
      checked.body.liveClasses.map((c: { weekday: string; problems: string[] }) => [c.weekday, c.problems]),
    ).toEqual([
      ['Tuesday', []],
      ['Saturday', ['2027-02-06 is a Saturday; live classes are on weekdays']],
      ['Monday', ["2027-02-15 is a Connecticut state holiday (Washington's Birthday)"]],
      ['Tuesday', ['2027-02-16 is an ADS blackout date (ADS staff retreat)']],
      ['Tuesday', ['2027-02-02 is listed twice']],
    ]);
    expect(checked.body.liveClasses[0]).toMatchObject({
      startsAt: '2027-02-02T09:00:00.000-05:00',
      endsAt: '2027-02-02T12:00:00.000-05:00',
    });
    // The one home of the rules: creating the iteration refuses the same calendar with the same problems.
    const created = await invoke(r.createIteration, { as: ads, body: springPlan({ liveClasses }) });
    expect(created.status).toBe(422);
    expect(created.body.errors.map((e: { code: string; message: string }) => [e.code, e.message])).toEqual(
      checked.body.problems.map((p: { code: string; message: string }) => [p.code, p.message]),
    );
    expect((await allAuditRecords()).length).toBe(audits);
  });

  it('judges the window and the deadlines once they are typed; a plan that passes is ok', async () => {
    const liveClasses = [{ date: '2027-02-02' }, { date: '2027-02-09' }];
    const late = await invoke(r.checkCalendar, {
      as: ads,
      body: {
        liveClasses,
        applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-02-02T10:00' },
        assignments: [{ title: 'Discovery profile', dueAt: '2027-02-01T23:59' }],
      },
    });
    expect(late.body.ok).toBe(false);
    expect(late.body.problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual([
      ['applicationWindow.closesAt', 'window_after_course_start'],
      ['assignments.0.dueAt', 'deadline_before_course'],
    ]);
    const fine = await invoke(r.checkCalendar, {
      as: ads,
      body: { liveClasses, applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-01-15T17:00' } },
    });
    expect(fine.body).toMatchObject({ ok: true, problems: [] });
    expect((await invoke(r.checkCalendar, { as: applicantA, body: { liveClasses } })).status).toBe(403);
    const bad = await invoke(r.checkCalendar, { as: ads, body: { liveClasses: [{ date: '2027-02-30' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.liveClasses.0.date');
  });
});
