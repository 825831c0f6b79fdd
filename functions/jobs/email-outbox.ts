import { drainOutbox } from '../../shared/email/outbox';
import { jobHandler } from '../../shared/jobs/job-handler';

export const handler = jobHandler('email-outbox', (at) => drainOutbox(at));
