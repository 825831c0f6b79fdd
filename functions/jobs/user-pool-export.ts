import { jobHandler } from '../../shared/jobs/job-handler';
import { exportUserPool } from '../../shared/use-cases/user-pool-export';

export const handler = jobHandler('user-pool-export', (at) => exportUserPool(at));
