import type { components } from '../../api/schema';

type Cell = components['schemas']['AttendanceGrid']['learners'][number]['attendance'][string];
type ApplicationStatus = components['schemas']['ApplicationRow']['status'];

/** An application's status in ADS's words (the table, its filter): the API's codes are for machines. */
export const APPLICATION_STATUS_WORDS: Record<ApplicationStatus, string> = {
  submitted: 'Awaiting endorsement',
  'not-endorsed': 'Not endorsed (the supervisor declined)',
  endorsed: 'Endorsed',
  'not-considered': 'Not considered (not endorsed in time)',
  waitlisted: 'Waitlisted',
  offered: 'Seat offered',
  accepted: 'Accepted, awaiting co-signature',
  enrolled: 'Enrolled',
  declined: 'Declined the seat',
  lapsed: 'Offer lapsed',
  withdrawn: 'Withdrawn',
  'waitlist-ended': 'Waitlist ended',
};

/** An attendance record in words: what the API recorded, nothing worked out here. */
export const attendanceWords = (cell: Cell | undefined): string =>
  !cell
    ? 'Not recorded'
    : cell.status === 'partial'
      ? `Partial (${cell.minutesMissed ?? '?'} minutes missed)`
      : cell.status === 'present'
        ? 'Present'
        : 'Absent';

/** The same for a status and minutes given separately (the audit trail's before / after). */
export const statusWords = (value: unknown): string => {
  if (!value || typeof value !== 'object') return 'nothing recorded';
  const v = value as { status?: 'present' | 'absent' | 'partial'; minutesMissed?: number };
  return v.status ? attendanceWords({ status: v.status, minutesMissed: v.minutesMissed }) : 'nothing recorded';
};

/** "1 learner", "3 learners". */
export const learners = (n: number): string => `${n} ${n === 1 ? 'learner' : 'learners'}`;
