import { jobHandler } from '../../shared/jobs/job-handler';
import { sendHomeworkReminders } from '../../shared/use-cases/course/homework-reminders';

export const handler = jobHandler('homework-reminders', (at) => sendHomeworkReminders(at));
