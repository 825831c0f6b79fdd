/**
 * The scheduled jobs: the single list the CDK schedules and `npm run job` read. Every job is a handler in
 * `functions/jobs/<name>.ts`, run by EventBridge Scheduler in America/New_York (never between 01:00 and 03:00, when
 * daylight-saving changes can skip or repeat a run), and idempotent: a second run changes nothing more.
 */
export interface JobSpec {
  name: string;
  description: string;
  /** EventBridge Scheduler cron fields, in America/New_York. */
  cron: { minute: string; hour: string; day?: string; weekDay?: string };
  timeoutSeconds: number;
}

/** Hours a frequent job may run: all but 01:00–02:59. */
const OUTSIDE_DST_HOURS = '0,3-23';

export const JOBS = [
  {
    name: 'email-outbox',
    description:
      'Sends emails still pending (SES was unreachable when they were queued); flags abandoned sends as unknown',
    cron: { minute: '*/10', hour: OUTSIDE_DST_HOURS },
    timeoutSeconds: 300,
  },
  {
    name: 'application-deadlines',
    description:
      'Reminds applicants whose application is not yet endorsed as the window nears its close; marks unendorsed applications not considered once it closes',
    cron: { minute: '5', hour: OUTSIDE_DST_HOURS },
    timeoutSeconds: 300,
  },
  {
    name: 'allocation-sweep',
    description:
      'Lapses offers past their deadline (the seat goes to the next person waiting), offers free seats to the waitlist, and ends the waitlist once the first class starts',
    cron: { minute: '15', hour: OUTSIDE_DST_HOURS },
    timeoutSeconds: 600,
  },
  {
    name: 'homework-reminders',
    description:
      'Reminds enrolled learners without a submission, once, when an assignment is due within HOMEWORK_REMINDER_HOURS',
    cron: { minute: '25', hour: OUTSIDE_DST_HOURS },
    timeoutSeconds: 300,
  },
  {
    name: 'expiry-reminders',
    description:
      'Reminds certification holders (supervisor in copy) at each configured point before expiry, once per point; emails each agency’s provider administrators their confirmed staff’s, once each',
    cron: { minute: '30', hour: '6' },
    timeoutSeconds: 300,
  },
  {
    name: 'dds-expiry-notice',
    description:
      'Emails DDS the certifications expiring in the coming window and those expired since the last notice, at most once per month',
    cron: { minute: '0', hour: '7', day: '1' },
    timeoutSeconds: 300,
  },
  {
    name: 'credential-backfill',
    description:
      'Gives course certifications issued before credentials existed their place in the credential status list (their credential); finds nothing once done',
    cron: { minute: '45', hour: '4' },
    timeoutSeconds: 300,
  },
  {
    name: 'supervisor-backfill',
    description:
      'Puts every supervisor named on an application in flight before supervisors were authorised in ADS’s queue as pending; finds nothing once done',
    cron: { minute: '50', hour: '4' },
    timeoutSeconds: 300,
  },
  {
    name: 'records-retention',
    description:
      'Deletes the records whose period in the records schedule has ended (sent emails, expired supervisor links), as DynamoDB TTL does in AWS, days later',
    cron: { minute: '10', hour: '4' },
    timeoutSeconds: 600,
  },
  {
    name: 'user-pool-export',
    description:
      "Exports the user pool's users and groups (sub, email, status, groups) into the table, so backups and point-in-time recovery carry the sub every record hangs on",
    cron: { minute: '55', hour: '4' },
    timeoutSeconds: 600,
  },
] as const satisfies readonly JobSpec[];

export type JobName = (typeof JOBS)[number]['name'];
