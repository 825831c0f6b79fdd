import { now } from '../../clock';
import { applicationsInStatus } from '../../data/applications';
import { attendanceOfIteration } from '../../data/course';
import { liveClassTimes } from '../../domain/calendar/live-classes';
import { toCtIso } from '../../domain/calendar/time';
import { proposeAttendance } from '../../domain/meeting-attendance';
import { decodeReport, readMeetingReport } from '../../domain/meeting-report';
import { assertClassStarted } from '../../domain/qualification';
import { findIteration } from '../find';

export interface MeetingReportInput {
  /** The file as text (a Zoom CSV, or a Teams report already decoded). */
  text?: string;
  /** The file's bytes, base64-encoded: its encoding (UTF-16 of Teams, UTF-8) is read from them. */
  base64?: string;
  toleranceMinutes: number;
}

/**
 * A roster proposal for one live class from the meeting's participant report. Writes nothing: ADS confirms by
 * sending the proposal's `roster` (changed where they disagree) to the roster route, or corrects recorded learners.
 * 1. The class must be one of the iteration's and have started (as for recording it).
 * 2. The file is decoded and read (layout, delimiter, connections).
 * 3. The enrolled learners (one Query) and the class's records (one Query) are read.
 * 4. Each learner is proposed present / partial / absent; participants matching nobody are listed.
 */
export async function proposeFromMeetingReport(iterationId: string, date: string, input: MeetingReportInput) {
  const iteration = await findIteration(iterationId);
  assertClassStarted(iteration.classDates, date, now());
  const field = input.base64 !== undefined ? 'base64' : 'text';
  const decoded =
    input.base64 !== undefined
      ? decodeReport(Buffer.from(input.base64, 'base64'), field)
      : { text: input.text ?? '', encoding: 'text' as const };
  const report = readMeetingReport(decoded.text, decoded.encoding, field);
  const [enrolled, recorded] = await Promise.all([
    applicationsInStatus(iterationId, 'enrolled'),
    attendanceOfIteration(iterationId, date),
  ]);
  const learners = enrolled.map((a) => ({
    applicationId: a.id,
    personId: a.applicantSub,
    name: a.applicant.name,
    email: a.applicant.email,
  }));
  const proposal = proposeAttendance(date, report.rows, learners, input.toleranceMinutes);
  const instant = (ms: number) => toCtIso(new Date(ms));
  const entryOf = (p: (typeof proposal.learners)[number]) => ({
    applicationId: p.learner.applicationId,
    status: p.status,
    ...(p.status === 'partial' ? { minutesMissed: p.minutesMissed } : {}),
  });
  return {
    ...liveClassTimes(date),
    toleranceMinutes: input.toleranceMinutes,
    report: {
      layout: report.layout,
      encoding: report.encoding,
      delimiter: report.delimiter,
      rows: report.rows.length,
    },
    alreadyRecorded: recorded.length > 0,
    learners: proposal.learners.map((p) => ({
      applicationId: p.learner.applicationId,
      personId: p.learner.personId,
      name: p.learner.name,
      status: p.status,
      minutesMissed: p.minutesMissed,
      minutesAttended: p.minutesAttended,
      match: p.confidence,
      reportNames: p.reportNames,
      reportEmails: p.reportEmails,
      connections: p.intervals.map(([from, to]) => ({ joinedAt: instant(from), leftAt: instant(to) })),
    })),
    unmatched: proposal.unmatched,
    roster: { entries: proposal.learners.map(entryOf) },
  };
}
