import { jobHandler } from '../../shared/jobs/job-handler';
import { backfillSupervisorRequests } from '../../shared/use-cases/supervisor-backfill';

export const handler = jobHandler('supervisor-backfill', (at) => backfillSupervisorRequests(at));
