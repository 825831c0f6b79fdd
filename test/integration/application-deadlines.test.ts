import { applicationRoutes as r } from '../../shared/http/routes/applications';
import { handler as deadlines } from '../../functions/jobs/application-deadlines';
import { at, useClockReset } from '../support/clock';
import { applyTo, createProvider, newApplicant, publishedIteration, saveProfile } from '../support/fixtures';
import { invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';
import { auditRoutes } from '../../shared/http/routes/audit';
import { ads } from '../support/invoke';

useTestTable();
useClockReset();

describe('the application-deadlines job', () => {
  it('reminds unendorsed applicants (supervisor in copy) once as the close nears, then marks them not considered', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider();
    const iteration = await publishedIteration();
    at('2026-12-10T10:00:00-05:00');
    const ned = newApplicant('Ned Late');
    await saveProfile(ned, provider.id);
    const { body: application } = await applyTo(ned, iteration.id);

    at('2027-01-10T06:00:00-05:00');
    expect(await deadlines({})).toMatchObject({ reminded: 0, notConsidered: 0 });

    at('2027-01-13T06:00:00-05:00');
    expect(await deadlines({})).toMatchObject({ reminded: 1 });
    expect(await deadlines({})).toMatchObject({ reminded: 0 });
    const reminders = (await emailsTo(ned.email!)).filter((m) => m.subject.startsWith('Reminder'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.destination.cc).toEqual([ned.supervisorEmail]);
    expect(reminders[0]?.body.text).toContain('Friday, January 15, 2027 at 5:00 PM (Connecticut time)');

    at('2027-01-15T17:00:00-05:00');
    expect(await deadlines({})).toMatchObject({ notConsidered: 1 });
    expect(await deadlines({})).toMatchObject({ notConsidered: 0 });
    expect((await invoke(r.myApplication, { as: ned, params: { applicationId: application.id } })).body).toMatchObject({
      status: 'not-considered',
      closedReason: 'not endorsed by the close of the application window',
    });
    expect((await emailsTo(ned.email!)).filter((m) => m.subject.includes('not endorsed in time'))).toHaveLength(1);
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'application', subjectId: application.id },
    });
    expect(trail.body.items).toEqual([
      expect.objectContaining({ action: 'not-considered', actor: { id: 'system:application-deadlines', roles: [] } }),
    ]);
  });
});
