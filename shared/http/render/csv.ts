import { CSV_CONTENT_TYPE, type CsvColumn, toCsv } from '../../csv';
import type { ApplicationRow } from '../../use-cases/applications';
import type { CertificateView } from '../../use-cases/certifications/views';
import type { AttendanceGrid } from '../../use-cases/course/attendance';
import type { completionReport } from '../../use-cases/certifications/holders';
import type { Reply } from '../route';

/** A CSV download, written by the one CSV writer (`shared/csv.ts`: formulas neutralised, BOM, readable headers). */
const csv = <R>(filename: string, columns: readonly CsvColumn<R>[], rows: readonly R[]): Reply => ({
  body: toCsv(columns, rows),
  contentType: CSV_CONTENT_TYPE,
  filename,
});

const APPLICATION_COLUMNS: CsvColumn<ApplicationRow>[] = [
  { header: 'Application', value: (r) => r.id },
  { header: 'Person id', value: (r) => r.personId },
  { header: 'Applicant name', value: (r) => r.applicantName },
  { header: 'Applicant email', value: (r) => r.applicantEmail },
  { header: 'Job title', value: (r) => r.jobTitle },
  { header: 'Position', value: (r) => r.position },
  { header: 'Provider', value: (r) => r.providerName },
  { header: 'Provider regions', value: (r) => r.providerRegions.join(' ') },
  { header: 'Provider has priority', value: (r) => (r.providerPriority ? 'yes' : 'no') },
  { header: 'Region applied for', value: (r) => r.region },
  { header: 'Status', value: (r) => r.status },
  { header: 'Endorsed at', value: (r) => r.endorsedAt },
  { header: 'Reason not endorsed', value: (r) => r.endorsementDeclined?.reason },
  { header: 'Submitted at', value: (r) => r.submittedAt },
  { header: 'Future staff planned', value: (r) => r.futureStaffPlanned },
  { header: 'Waitlist position', value: (r) => r.waitlistPosition },
];

export const applicationsCsv = (iterationId: string, rows: ApplicationRow[]): Reply =>
  csv(`applications-${iterationId}.csv`, APPLICATION_COLUMNS, rows);

const REGISTRY_COLUMNS: CsvColumn<CertificateView>[] = [
  { header: 'Person id', value: (r) => r.personId },
  { header: 'Holder', value: (r) => r.holderName },
  { header: 'Provider', value: (r) => r.providerName ?? 'self-hired / none' },
  { header: 'Regions', value: (r) => r.providerRegions.join(' ') },
  { header: 'Stage', value: (r) => r.stageName },
  { header: 'Certificate number', value: (r) => r.number },
  { header: 'Issued on', value: (r) => r.issuedOn },
  { header: 'Expires on', value: (r) => r.expiresOn },
  { header: 'Source', value: (r) => r.source },
];

export const registryCsv = (rows: CertificateView[]): Reply => csv('ce-registry.csv', REGISTRY_COLUMNS, rows);

type AttendanceLine = {
  learner: AttendanceGrid['learners'][number];
  liveClass: AttendanceGrid['classes'][number];
};

const ATTENDANCE_COLUMNS: CsvColumn<AttendanceLine>[] = [
  { header: 'Person id', value: (r) => r.learner.personId },
  { header: 'Learner', value: (r) => r.learner.name },
  { header: 'Provider', value: (r) => r.learner.providerName ?? '' },
  { header: 'Class date', value: (r) => r.liveClass.date },
  { header: 'Class starts at', value: (r) => r.liveClass.startsAt },
  { header: 'Class ends at', value: (r) => r.liveClass.endsAt },
  { header: 'Class length (minutes)', value: (r) => r.liveClass.durationMinutes },
  { header: 'Attendance', value: (r) => r.learner.attendance[r.liveClass.date]?.status ?? 'not recorded' },
  { header: 'Minutes missed', value: (r) => r.learner.attendance[r.liveClass.date]?.minutesMissed },
];

export const attendanceCsv = (iterationId: string, grid: AttendanceGrid): Reply =>
  csv(
    `attendance-${iterationId}.csv`,
    ATTENDANCE_COLUMNS,
    grid.learners.flatMap((learner) => grid.classes.map((liveClass) => ({ learner, liveClass }))),
  );

type Completion = Awaited<ReturnType<typeof completionReport>>['items'][number];

const COMPLETION_COLUMNS: CsvColumn<Completion>[] = [
  { header: 'Learner', value: (r) => r.learnerName },
  { header: 'Provider', value: (r) => r.providerName ?? '' },
  { header: 'Iteration', value: (r) => r.iterationTitle },
  { header: 'Enrolled at', value: (r) => r.enrolledAt },
  { header: 'Completed on', value: (r) => r.completedOn },
  { header: 'Application', value: (r) => r.applicationId },
];

export const completionsCsv = (providerId: string, rows: readonly Completion[]): Reply =>
  csv(`completions-${providerId}.csv`, COMPLETION_COLUMNS, rows);
