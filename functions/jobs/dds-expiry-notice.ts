import { jobHandler } from '../../shared/jobs/job-handler';
import { runDdsNotice } from '../../shared/use-cases/notices';

export const handler = jobHandler('dds-expiry-notice', (at) => runDdsNotice(at));
