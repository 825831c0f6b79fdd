import { jobHandler } from '../../shared/jobs/job-handler';
import { sweepAllocations } from '../../shared/use-cases/seats/sweep';

export const handler = jobHandler('allocation-sweep', (at) => sweepAllocations(at));
