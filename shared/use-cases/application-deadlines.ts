import { config } from '../config/runtime';
import { auditPut } from '../data/audit';
import { systemActor } from '../domain/audit';
import { applicationsInStatus, saveApplicationItem } from '../data/applications';
import { listPublishedClosingAfter, type IterationRecord } from '../data/iterations';
import type { Application } from '../domain/application';
import { toCtIso } from '../domain/calendar/time';
import type { Outgoing } from '../email/outbox';
import { applicationNotConsidered, endorsementReminder } from '../email/templates';
import { commit } from './unit-of-work';

/** How far back the job looks for windows that closed (it runs hourly, so a day would do; a week forgives outages). */
const LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The `application-deadlines` job: applicants are told in time, and then at the close.
 * 1. Windows closing within the lead time: each applicant still without endorsement is reminded once (their
 *    supervisor in copy).
 * 2. Windows that have closed: applications never endorsed (never answered, or not endorsed by the supervisor)
 *    become `not-considered`, and the applicant is told.
 * Idempotent: reminders are keyed per application, and a not-considered application is no longer `submitted`.
 */
export async function runApplicationDeadlines(at: Date) {
  const iterations = await listPublishedClosingAfter(new Date(at.getTime() - LOOKBACK_MS));
  let reminded = 0;
  let notConsidered = 0;
  for (const iteration of iterations) {
    const closes = Date.parse(iteration.applicationClosesAt);
    const waiting = await applicationsInStatus(iteration.id, 'submitted');
    if (at.getTime() < closes) {
      if (closes - at.getTime() > config.endorsementReminderHours * 3600_000) continue;
      for (const application of waiting) if (await remind(application, iteration)) reminded++;
    } else {
      // Also those whose supervisor said no and who named nobody else in time.
      const refused = await applicationsInStatus(iteration.id, 'not-endorsed');
      for (const application of [...waiting, ...refused])
        if (await closeUnendorsed(application, iteration, at)) notConsidered++;
    }
  }
  return { iterations: iterations.length, reminded, notConsidered };
}

async function remind(application: Application, iteration: IterationRecord): Promise<boolean> {
  const emails: Outgoing[] = [
    { key: `endorsement-reminder#${application.id}`, message: endorsementReminder(application, iteration) },
  ];
  return (await commit({ writes: [], emails })).ok;
}

async function closeUnendorsed(application: Application, iteration: IterationRecord, at: Date): Promise<boolean> {
  const stamp = toCtIso(at);
  const next: Application = {
    ...application,
    status: 'not-considered',
    closedAt: stamp,
    closedReason: 'not endorsed by the close of the application window',
    version: application.version + 1,
    updatedAt: stamp,
  };
  const emails: Outgoing[] = [
    { key: `not-considered#${application.id}`, message: applicationNotConsidered(application, iteration) },
  ];
  const result = await commit({
    writes: [
      saveApplicationItem(next, application),
      auditPut({
        subjectType: 'application',
        subjectId: application.id,
        action: 'not-considered',
        actor: systemActor('application-deadlines'),
        at: stamp,
        before: { status: application.status },
        after: { status: 'not-considered' },
      }),
    ],
    emails,
  });
  return result.ok;
}
