import { stringify } from 'csv-stringify/sync';
import type { ApplicationRow } from '../../use-cases/applications';
import type { CertificateView } from '../../use-cases/certifications';
import type { AttendanceGrid } from '../../use-cases/course';
import type { Reply } from '../route';

/** A CSV download: a header row, then one line per row, quoted by csv-stringify. */
const csv = <C extends string>(filename: string, columns: readonly C[], rows: Record<C, unknown>[]): Reply => ({
  body: stringify(rows, { header: true, columns: [...columns] }),
  contentType: 'text/csv; charset=utf-8',
  filename,
});

export const applicationsCsv = (iterationId: string, rows: ApplicationRow[]): Reply =>
  csv(
    `applications-${iterationId}.csv`,
    [
      'id',
      'personId',
      'applicantName',
      'applicantEmail',
      'jobTitle',
      'position',
      'providerName',
      'providerRegions',
      'providerPriority',
      'region',
      'status',
      'endorsedAt',
      'submittedAt',
      'futureStaffPlanned',
      'waitlistPosition',
    ],
    rows.map((r) => ({
      ...r,
      providerRegions: r.providerRegions.join(' '),
      providerPriority: r.providerPriority ? 'yes' : 'no',
      endorsedAt: r.endorsedAt ?? '',
      waitlistPosition: r.waitlistPosition ?? '',
    })),
  );

export const registryCsv = (rows: CertificateView[]): Reply =>
  csv(
    'ce-registry.csv',
    ['personId', 'holder', 'provider', 'regions', 'stage', 'number', 'issuedOn', 'expiresOn', 'source'],
    rows.map((r) => ({
      personId: r.personId,
      holder: r.holderName,
      provider: r.providerName ?? 'self-hired / none',
      regions: r.providerRegions.join(' '),
      stage: r.stageName,
      number: r.number,
      issuedOn: r.issuedOn,
      expiresOn: r.expiresOn,
      source: r.source,
    })),
  );

export const attendanceCsv = (iterationId: string, grid: AttendanceGrid): Reply =>
  csv(
    `attendance-${iterationId}.csv`,
    [
      'personId',
      'learner',
      'provider',
      'classDate',
      'classStartsAt',
      'classEndsAt',
      'classDurationMinutes',
      'status',
      'minutesMissed',
    ],
    grid.learners.flatMap((l) =>
      grid.classes.map((c) => ({
        personId: l.personId,
        learner: l.name,
        provider: l.providerName ?? '',
        classDate: c.date,
        classStartsAt: c.startsAt,
        classEndsAt: c.endsAt,
        classDurationMinutes: c.durationMinutes,
        status: l.attendance[c.date]?.status ?? 'not recorded',
        minutesMissed: l.attendance[c.date]?.minutesMissed ?? '',
      })),
    ),
  );
