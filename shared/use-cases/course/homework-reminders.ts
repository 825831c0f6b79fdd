import { config } from '../../config/runtime';
import { applicationsInStatus } from '../../data/applications';
import { homeworkOfIteration } from '../../data/course';
import { listPublishedClosingAfter } from '../../data/iterations';
import { instantMs } from '../../domain/calendar/time';
import { homeworkReminder } from '../../email/templates';
import { commit } from '../unit-of-work';

/**
 * Reminds each enrolled learner without a submission, once per assignment, when its deadline is within the lead
 * time (`HOMEWORK_REMINDER_HOURS`, default 48). A learner with an extension is reminded against the assignment's
 * own deadline only. Idempotent: reminders are keyed by learner and assignment.
 */
export async function sendHomeworkReminders(at: Date) {
  let reminded = 0;
  const horizon = at.getTime() + config.homeworkReminderHours * 3600_000;
  for (const record of await listPublishedClosingAfter(new Date(at.getTime() - 365 * 24 * 3600_000))) {
    const due = record.assignments.filter((a) => instantMs(a.dueAt) > at.getTime() && instantMs(a.dueAt) <= horizon);
    if (due.length === 0) continue;
    const learners = await applicationsInStatus(record.id, 'enrolled');
    for (const assignment of due) {
      const submitted = new Set(
        (await homeworkOfIteration(record.id, assignment.id))
          .filter((h) => h.submissions.length > 0)
          .map((h) => h.learnerSub),
      );
      for (const learner of learners.filter((l) => !submitted.has(l.applicantSub))) {
        const emails = [
          {
            key: `homework-reminder#${learner.id}#${assignment.id}`,
            message: homeworkReminder(learner, record, assignment.title, assignment.dueAt, config.publicBaseUrl),
          },
        ];
        if ((await commit({ writes: [], emails })).ok) reminded++;
      }
    }
  }
  return { reminded };
}
