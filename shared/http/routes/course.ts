import * as z from 'zod/mini';
import { route } from '../route';
import { ctDateTime, date, described, httpsUrl, id, instant, meta, reason, text, whole } from '../schemas';
import { FileLimits } from './homework-files';
import { Homework } from './views/homework';
import { LiveClass } from './views/live-class';

const iterationId = described(id('it'), 'The iteration.');
const applicationId = described(id('ap'), "The learner's application (enrolment).");
const assignmentId = described(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)), 'The assignment.');
const classDate = described(date, 'The date of the live class.');
const status = z.enum(['present', 'absent', 'partial']);
const statusMeaning = 'Only `present` counts toward qualifying; `partial` = joined late or left early.';
const minutesMissed = described(z.optional(whole(1, 180)), 'For `partial`: how many minutes were missed.');

const entry = z.strictObject({
  applicationId: described(id('ap'), "An enrolled learner's application."),
  status: described(status, statusMeaning),
  minutesMissed,
});
const cell = z.nullable(
  z.object({
    status: described(status, statusMeaning),
    minutesMissed: described(z.optional(z.number()), 'For `partial`: how many minutes were missed.'),
  }),
);
const Grid = meta(
  z.object({
    classes: described(z.array(LiveClass), 'Every live class, in date order.'),
    classesStarted: described(
      z.array(date),
      'Classes that have started (9:00 AM Connecticut time): their attendance may be taken. The others are still to come.',
    ),
    rosterMissing: described(
      z.array(date),
      'Classes that have ended (12:00 Connecticut time) with an enrolled learner whose attendance is not recorded: the rosters still to take.',
    ),
    learners: described(
      z.array(
        z.object({
          applicationId: described(z.string(), "The learner's application."),
          personId: described(z.string(), "The learner's person id, for the routes keyed by a person."),
          name: described(z.string(), "The learner's name."),
          providerName: described(z.nullable(z.string()), "The learner's provider; null if self-hired."),
          attendance: described(
            z.record(z.string(), cell),
            'By class date (YYYY-MM-DD): the attendance recorded, or null if not yet recorded.',
          ),
        }),
      ),
      'Every enrolled learner, with their attendance.',
    ),
  }),
  { id: 'AttendanceGrid' },
);
const missing = z.object({
  kind: described(z.enum(['class', 'assignment']), 'What is missing: a class or an assignment.'),
  date: described(z.optional(date), 'The class missed.'),
  assignmentId: described(z.optional(z.string()), 'The assignment missing.'),
  title: described(z.optional(z.string()), "That assignment's title."),
  reason: described(z.string(), 'What is wrong with it, in words.'),
});
const Qualification = meta(
  z.object({
    qualifies: described(z.boolean(), 'Every class attended (`present`) and every assignment complete on time.'),
    canStillQualify: described(
      z.boolean(),
      'False once something can no longer be made good (an absence, a deadline passed).',
    ),
    missing: described(z.array(missing), 'Exactly which class and which assignment are missing.'),
  }),
  { id: 'Qualification' },
);

/** Who a row of an ADS list of learners is about. */
const learnerIdentity = {
  applicationId: described(z.string(), "The learner's application."),
  personId: described(z.string(), "The learner's person id, for the routes keyed by a person."),
  name: described(z.string(), "The learner's name."),
};
const confidence = z.enum(['email', 'exact-name', 'close-name', 'none']);
const AttendanceProposal = meta(
  z.object({
    ...LiveClass.shape,
    toleranceMinutes: described(z.number(), 'The tolerance the proposal used.'),
    report: described(
      z.object({
        layout: described(z.enum(['zoom', 'teams']), 'Whose report it was read as.'),
        encoding: described(
          z.enum(['utf-8', 'utf-16le', 'utf-16be', 'text']),
          'The encoding read from the bytes; `text` when it was sent as text.',
        ),
        delimiter: described(z.enum(['comma', 'tab']), 'How its columns were separated.'),
        rows: described(z.number(), 'Connections read (one per row of the per-connection table).'),
      }),
      'What was read from the file.',
    ),
    alreadyRecorded: described(
      z.boolean(),
      "Attendance of this class is already recorded: confirming then means correcting each learner's record, with a reason.",
    ),
    learners: described(
      z.array(
        z.object({
          ...learnerIdentity,
          status: described(status, `The proposed status. ${statusMeaning}`),
          minutesMissed: described(
            z.number(),
            'Minutes of the class not covered by any connection (a started minute counts as missed).',
          ),
          minutesAttended: described(z.number(), 'Minutes of the class attended.'),
          match: described(
            confidence,
            'How the report was matched to this learner: `email` (without case), `exact-name` (normalized), `close-name` (same words reordered, a middle name or an initial), or `none` (not in the report).',
          ),
          reportNames: described(z.array(z.string()), 'The names in the report matched to this learner.'),
          reportEmails: described(z.array(z.string()), 'The emails in the report matched to this learner.'),
          connections: described(
            z.array(
              z.object({
                joinedAt: described(instant, 'Connected from (clipped to the class).'),
                leftAt: described(instant, 'Connected until (clipped to the class).'),
              }),
            ),
            "The learner's connections, merged and clipped to the class.",
          ),
        }),
      ),
      'Every enrolled learner, in the order of the roster.',
    ),
    unmatched: described(
      z.array(
        z.object({
          name: described(z.string(), 'The name in the report.'),
          email: described(z.optional(z.string()), 'The email in the report, if any.'),
          role: described(z.optional(z.string()), "The participant's role, when the report gives one (Teams)."),
          minutesAttended: described(z.number(), 'Minutes of the class this participant was connected.'),
          connections: described(z.number(), 'Rows of the report for this participant.'),
          note: described(z.optional(z.string()), 'Why no learner was chosen, when several came close.'),
        }),
      ),
      'Participants matching no enrolled learner (the host, guests, unrecognized names), by email or name.',
    ),
    roster: described(
      z.object({ entries: described(z.array(entry), 'One entry per enrolled learner.') }),
      'The body to send to the roster route (`POST …/classes/{date}/attendance`) once ADS agrees.',
    ),
  }),
  { id: 'AttendanceProposal' },
);

const ads = ['ads-staff'] as const;
const mine = ['applicant'] as const;
const tag = 'Attendance and homework';
const classParams = z.strictObject({ iterationId, date: classDate });
const homeworkParams = z.strictObject({ iterationId, assignmentId, applicationId });

export const courseRoutes = {
  recordAttendance: route({
    operationId: 'recordAttendance',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/classes/{date}/attendance',
    area: 'course',
    access: ads,
    tag,
    summary:
      'Take attendance of one live class: the roster in one submission (all or nothing), once the class has started',
    description:
      'Learners recorded absent or partial are emailed (with their supervisor and ADS) that they can no longer qualify, once.',
    params: classParams,
    body: z.strictObject({
      entries: described(
        z
          .array(
            z.strictObject({
              ...entry.shape,
              setBy: described(
                z.optional(z.enum(['report', 'hand'])),
                "Where the mark came from, kept in the roster's history: `report`, as the imported meeting report proposed it; `hand`, set or changed by ADS. Absent: by hand, no report imported.",
              ),
            }),
          )
          .check(z.minLength(1), z.maxLength(90)),
        'One entry per enrolled learner: the whole roster.',
      ),
    }),
    success: { status: 201, description: 'The attendance grid', schema: Grid },
    problems: [404, 422],
  }),
  correctAttendance: route({
    operationId: 'correctAttendance',
    method: 'PUT',
    path: '/ads/iterations/{iterationId}/classes/{date}/attendance/{applicationId}',
    area: 'course',
    access: ads,
    tag,
    summary: "Correct one learner's attendance at one class, with a reason (audited: before → after)",
    params: z.strictObject({ iterationId, date: classDate, applicationId }),
    body: z.strictObject({ status: described(status, statusMeaning), minutesMissed, reason }),
    success: {
      status: 200,
      description: 'The corrected record',
      schema: z.object({
        applicationId: described(z.string(), "The learner's application."),
        classDate: described(date, 'The date of the class corrected.'),
        status: described(status, statusMeaning),
        minutesMissed: described(z.optional(z.number()), 'For `partial`: how many minutes were missed.'),
      }),
    },
    problems: [404, 422],
  }),
  proposeAttendanceFromReport: route({
    operationId: 'proposeAttendanceFromReport',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/classes/{date}/attendance-proposal',
    area: 'attendance-import',
    access: ads,
    readOnly: true,
    tag,
    summary:
      "Read the meeting's participant report (Zoom or Microsoft Teams) and propose each learner's attendance; records nothing",
    description:
      'Connections are merged per learner (a reconnect or a second device counts each minute once) and clipped to ' +
      'the class, 9:00–12:00 Connecticut time; times without an offset are Connecticut time. Learners are matched by ' +
      'email (without case), then by name (normalized: case, accents, transliteration), with the confidence shown. ' +
      'Missing no more than `toleranceMinutes` → present; nothing attended → absent; otherwise partial. ADS confirms ' +
      'by sending `roster` (changed where they disagree) to the roster route; learners already recorded are ' +
      'corrected one by one, with a reason. A file that is not such a report → 400 naming the layouts expected.',
    params: classParams,
    body: z
      .strictObject({
        text: described(
          z.optional(z.string().check(z.minLength(1), z.maxLength(1_000_000))),
          'The report as text: a Zoom participants CSV, or a Teams attendance report already decoded. Send this or `base64`.',
        ),
        base64: described(
          z.optional(z.base64().check(z.minLength(4), z.maxLength(1_400_000))),
          'The file as downloaded, base64-encoded (up to about 1 MB): the way to send a Teams report, which is UTF-16. Its encoding is read from its bytes (byte-order mark, else UTF-16 by its zero bytes, else UTF-8).',
        ),
        toleranceMinutes: described(
          z._default(whole(0, 60), 5),
          'Minutes of the class a learner may miss and still be proposed present (default 5).',
        ),
      })
      .check(
        z.refine(
          (b) => (b.text === undefined) !== (b.base64 === undefined),
          'send the file as `text` or as `base64`, one of them',
        ),
      ),
    success: { status: 200, description: 'The proposal (nothing recorded)', schema: AttendanceProposal },
    problems: [404, 422],
  }),
  attendanceGrid: route({
    operationId: 'attendanceGrid',
    method: 'GET',
    path: '/ads/iterations/{iterationId}/attendance',
    area: 'course',
    access: ads,
    tag,
    summary: "The iteration's attendance: every enrolled learner by every class",
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'The grid', schema: Grid },
    problems: [404],
  }),
  attendanceCsv: route({
    operationId: 'attendanceCsv',
    method: 'GET',
    path: '/ads/iterations/{iterationId}/attendance.csv',
    area: 'course',
    access: ads,
    tag,
    summary: "The iteration's attendance as CSV, with each class's start, end and duration",
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'text/csv', contentType: 'text/csv; charset=utf-8' },
    problems: [404],
  }),
  myAttendance: route({
    operationId: 'myAttendance',
    method: 'GET',
    path: '/me/applications/{applicationId}/attendance',
    area: 'course',
    access: mine,
    tag,
    summary: 'Your attendance at each live class',
    params: z.strictObject({ applicationId }),
    success: {
      status: 200,
      description: 'Your attendance',
      schema: z.object({
        classes: described(
          z.array(
            z.object({
              ...LiveClass.shape,
              status: described(z.nullable(status), `Null until recorded. ${statusMeaning}`),
              minutesMissed: described(z.optional(z.number()), 'For `partial`: how many minutes were missed.'),
            }),
          ),
          'Every live class with your attendance.',
        ),
      }),
    },
    problems: [404],
  }),
  submitHomework: route({
    operationId: 'submitHomework',
    method: 'POST',
    path: '/me/applications/{applicationId}/homework/{assignmentId}',
    area: 'course',
    access: mine,
    tag,
    summary: 'Hand in an assignment (text, a link and/or files); the server stamps the time',
    description:
      'On time when stamped at or before the deadline (Connecticut time), or an extension ADS granted you. Files must be uploaded and recorded first; an upload that finishes after the deadline can only be handed in late.',
    params: z.strictObject({ applicationId, assignmentId }),
    body: z
      .strictObject({
        text: described(z.optional(text(20000)), 'Your work as text.'),
        link: meta(z.optional(httpsUrl(2000, 'an https:// link')), {
          description: 'A link to your work (https only).',
          example: 'https://drive.example.org/discovery-profile',
        }),
        fileIds: described(
          z.optional(z.array(id('hf')).check(z.minLength(1), z.maxLength(20))),
          'Files you uploaded and recorded for this assignment.',
        ),
      })
      .check(
        z.refine(
          (b) => b.text !== undefined || b.link !== undefined || b.fileIds !== undefined,
          'send text, a link, files, or any of them together',
        ),
      ),
    success: { status: 201, description: 'The assignment with your submissions', schema: Homework },
    problems: [404, 422],
  }),
  myHomework: route({
    operationId: 'myHomework',
    method: 'GET',
    path: '/me/applications/{applicationId}/homework',
    area: 'course',
    access: mine,
    tag,
    summary: 'Your homework: each assignment, its deadline, your submissions and their review',
    params: z.strictObject({ applicationId }),
    success: {
      status: 200,
      description: 'Your homework',
      schema: z.object({
        items: described(z.array(Homework), 'Every assignment, in deadline order.'),
        fileLimits: described(FileLimits, 'What files you may upload (the limits ADS set, the accepted types).'),
      }),
    },
    problems: [404],
  }),
  myQualification: route({
    operationId: 'myQualification',
    method: 'GET',
    path: '/me/applications/{applicationId}/qualification',
    area: 'course',
    access: mine,
    tag,
    summary: 'What you still need to qualify for certification (which class, which assignment)',
    params: z.strictObject({ applicationId }),
    success: { status: 200, description: 'Your qualification status', schema: Qualification },
    problems: [404, 409],
  }),
  assignmentSubmissions: route({
    operationId: 'assignmentSubmissions',
    method: 'GET',
    path: '/ads/iterations/{iterationId}/homework/{assignmentId}',
    area: 'course',
    access: ads,
    tag,
    summary: "Every enrolled learner's submissions of one assignment",
    params: z.strictObject({ iterationId, assignmentId }),
    success: {
      status: 200,
      description: 'The submissions',
      schema: z.object({
        items: described(
          z.array(
            z.object({
              ...learnerIdentity,
              ...Homework.shape,
            }),
          ),
          'Every enrolled learner, with this assignment.',
        ),
      }),
    },
    problems: [404],
  }),
  reviewHomework: route({
    operationId: 'reviewHomework',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/homework/{assignmentId}/{applicationId}/review',
    area: 'course',
    access: ads,
    tag,
    summary: 'Mark the latest submission complete, or return it with feedback (audited)',
    params: homeworkParams,
    body: z.strictObject({
      status: described(z.enum(['complete', 'returned']), 'Complete, or returned for rework.'),
      feedback: described(z.optional(text(5000)), "ADS's feedback to the learner."),
    }),
    success: { status: 200, description: 'The assignment for this learner', schema: Homework },
    problems: [404, 422],
  }),
  grantExtension: route({
    operationId: 'grantExtension',
    method: 'PUT',
    path: '/ads/iterations/{iterationId}/homework/{assignmentId}/{applicationId}/extension',
    area: 'course',
    access: ads,
    tag,
    summary: 'Grant one learner more time for one assignment, with a reason (audited)',
    params: homeworkParams,
    body: z.strictObject({ until: ctDateTime('The extended deadline'), reason }),
    success: { status: 200, description: 'The assignment for this learner', schema: Homework },
    problems: [404, 422],
  }),
  iterationQualification: route({
    operationId: 'iterationQualification',
    method: 'GET',
    path: '/ads/iterations/{iterationId}/qualification',
    area: 'course',
    access: ads,
    tag,
    summary: 'Each enrolled learner: qualifies, or exactly what is missing',
    params: z.strictObject({ iterationId }),
    success: {
      status: 200,
      description: 'Qualification of every learner',
      schema: z.object({
        items: described(
          z.array(
            z.object({
              ...learnerIdentity,
              ...Qualification.shape,
            }),
          ),
          'Every enrolled learner, with what they still miss.',
        ),
      }),
    },
    problems: [404],
  }),
} as const;
