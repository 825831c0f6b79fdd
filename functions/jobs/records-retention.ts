import { jobHandler } from '../../shared/jobs/job-handler';
import { applyRetention } from '../../shared/use-cases/retention';

export const handler = jobHandler('records-retention', (at) => applyRetention(at));
