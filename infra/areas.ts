import type { Area } from '../shared/http/route';
import type { TableAction } from './constructs/ce-function';

const READ: TableAction[] = ['GetItem', 'Query', 'BatchGetItem'];
const WRITE: TableAction[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'];

/**
 * What each API function may touch. The function of an area gets exactly these table actions (least privilege,
 * not grantReadWriteData), and SES send rights only if it emails.
 */
export const AREA_ACCESS: Record<
  Area,
  {
    description: string;
    table: TableAction[];
    sendsEmail: boolean;
    managesAccounts?: boolean;
    /** Signs homework-file uploads and downloads (the files bucket, `infra/stacks/files-stack.ts`). */
    homeworkFiles?: boolean;
  }
> = {
  accounts: {
    description: 'Profiles; ADS creates, disables and enables accounts; signing out on every device',
    table: [...READ, ...WRITE],
    sendsEmail: false,
    managesAccounts: true,
  },
  // Seats added by ADS are offered to the waitlist at once, with an email.
  iterations: {
    description: 'Course iterations, calendar, blackout dates',
    table: [...READ, ...WRITE],
    sendsEmail: true,
  },
  // Its own small function: the iCalendar library stays out of the iterations function.
  calendars: {
    description: 'Calendar files (iCalendar): published iterations, private feeds',
    table: ['GetItem', 'Query', 'BatchGetItem'],
    sendsEmail: false,
  },
  // Authorising a supervisor emails the links of the applications that waited for them.
  providers: {
    description: 'Provider directory, authorised supervisors, flagged confirmations',
    table: [...READ, ...WRITE],
    sendsEmail: true,
  },
  applications: { description: 'Applications and endorsements', table: [...READ, ...WRITE], sendsEmail: true },
  links: {
    description: 'Supervisor links (endorsement, training agreement)',
    table: [...READ, ...WRITE],
    sendsEmail: true,
  },
  allocation: {
    description: 'Seat allocation, offers, waitlists',
    table: [...READ, ...WRITE],
    sendsEmail: true,
  },
  course: {
    description: 'Attendance and homework (text, links, files)',
    table: [...READ, ...WRITE],
    sendsEmail: true,
    homeworkFiles: true,
  },
  // Its own small function: the CSV parser and the report's readers stay out of the course function. It records
  // nothing: the iteration, its enrolled learners (an index) and the class's attendance are each one Query. GetItem:
  // the caller's account standing, which every signed-in request reads (`shared/http/middleware.ts`).
  'attendance-import': {
    description: "Attendance proposal from a meeting's participant report (reads only)",
    table: ['Query', 'GetItem'],
    sendsEmail: false,
  },
  certifications: { description: 'Certification issuance and lifecycle', table: [...READ, ...WRITE], sendsEmail: true },
  // Its own small function: PDFKit, the QR encoder and the fonts stay out of every other bundle.
  'certificate-pdf': { description: 'Certificate documents (tagged PDF)', table: ['GetItem'], sendsEmail: false },
  // Signs with the issuer's KMS key (granted in the API stack); reads certificates, profiles and the status list,
  // and keeps each credential it signs (a conditional put of `CERTIFICATE#<n>`/`CREDENTIAL`), so it signs once.
  credentials: {
    description: 'Open Badges credentials, issuer keys, status list',
    table: ['GetItem', 'Query', 'PutItem'],
    sendsEmail: false,
  },
  registry: { description: 'Certification registry and verification (read-only)', table: READ, sendsEmail: false },
  notices: { description: 'Expiring-certification notices to DDS', table: [...READ, ...WRITE], sendsEmail: true },
  // GetItem: the caller's account standing, read on every signed-in request.
  audit: { description: 'Audit trail (read-only)', table: ['Query', 'GetItem'], sendsEmail: false },
  docs: { description: 'OpenAPI document and docs page', table: [], sendsEmail: false },
};
