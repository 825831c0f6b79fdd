import { jobHandler } from '../../shared/jobs/job-handler';
import { backfillCredentials } from '../../shared/use-cases/credential-backfill';

export const handler = jobHandler('credential-backfill', (at) => backfillCredentials(at));
