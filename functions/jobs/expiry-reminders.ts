import { jobHandler } from '../../shared/jobs/job-handler';
import { sendExpiryReminders } from '../../shared/use-cases/lifecycle';

export const handler = jobHandler('expiry-reminders', (at) => sendExpiryReminders(at));
