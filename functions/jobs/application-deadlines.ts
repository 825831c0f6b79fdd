import { jobHandler } from '../../shared/jobs/job-handler';
import { runApplicationDeadlines } from '../../shared/use-cases/application-deadlines';

export const handler = jobHandler('application-deadlines', (at) => runApplicationDeadlines(at));
