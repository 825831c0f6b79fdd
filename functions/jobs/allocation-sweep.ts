import { jobHandler } from '../../shared/jobs/job-handler';
import { sweepAllocations } from '../../shared/use-cases/seats';

export const handler = jobHandler('allocation-sweep', (at) => sweepAllocations(at));
