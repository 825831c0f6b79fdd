import * as z from 'zod/mini';
import { route } from '../route';
import { ctDateTime, date, id, instant, meta, reason, text, whole } from '../schemas';

const iterationId = id('it');
const applicationId = id('ap');
const assignmentId = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/));
const status = meta(z.enum(['present', 'absent', 'partial']), {
  description: 'Only `present` counts toward qualifying; `partial` = joined late or left early.',
});

const personId = meta(z.string(), { description: "The learner's person id, for the routes keyed by a person." });
const entry = z.strictObject({ applicationId, status, minutesMissed: z.optional(whole(1, 180)) });
const cell = z.nullable(z.object({ status, minutesMissed: z.optional(z.number()) }));
const LiveClass = z.object({ date: z.string(), startsAt: instant, endsAt: instant, durationMinutes: z.number() });
const Grid = meta(
  z.object({
    classes: z.array(LiveClass),
    learners: z.array(
      z.object({
        applicationId: z.string(),
        personId,
        name: z.string(),
        providerName: z.nullable(z.string()),
        attendance: z.record(z.string(), cell),
      }),
    ),
  }),
  { id: 'AttendanceGrid' },
);
const Homework = meta(
  z.object({
    assignmentId: z.string(),
    title: z.string(),
    dueAt: instant,
    deadline: meta(instant, {
      description: "The deadline that applies to this learner (an extension, or the assignment's own).",
    }),
    extension: z.optional(z.object({ until: instant, reason: z.string(), at: instant, by: z.string() })),
    submissions: z.array(
      z.object({ at: instant, text: z.optional(z.string()), link: z.optional(z.string()), onTime: z.boolean() }),
    ),
    onTime: z.optional(z.boolean()),
    review: z.optional(
      z.object({
        status: z.enum(['complete', 'returned']),
        feedback: z.optional(z.string()),
        at: instant,
        by: z.string(),
      }),
    ),
  }),
  { id: 'Homework' },
);
const missing = z.object({
  kind: z.enum(['class', 'assignment']),
  date: z.optional(z.string()),
  assignmentId: z.optional(z.string()),
  title: z.optional(z.string()),
  reason: z.string(),
});
const Qualification = meta(
  z.object({ qualifies: z.boolean(), canStillQualify: z.boolean(), missing: z.array(missing) }),
  { id: 'Qualification' },
);

const ads = ['ads-staff'] as const;
const mine = ['applicant'] as const;
const tag = 'Attendance and homework';
const classParams = z.strictObject({ iterationId, date });
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
    body: z.strictObject({ entries: z.array(entry).check(z.minLength(1), z.maxLength(90)) }),
    success: { status: 201, description: 'The attendance grid', schema: Grid },
    problems: [400, 401, 403, 404, 409, 422],
  }),
  correctAttendance: route({
    operationId: 'correctAttendance',
    method: 'PUT',
    path: '/ads/iterations/{iterationId}/classes/{date}/attendance/{applicationId}',
    area: 'course',
    access: ads,
    tag,
    summary: "Correct one learner's attendance at one class, with a reason (audited: before → after)",
    params: z.strictObject({ iterationId, date, applicationId }),
    body: z.strictObject({ status, minutesMissed: z.optional(whole(1, 180)), reason }),
    success: {
      status: 200,
      description: 'The corrected record',
      schema: z.object({
        applicationId: z.string(),
        classDate: z.string(),
        status,
        minutesMissed: z.optional(z.number()),
      }),
    },
    problems: [400, 401, 403, 404, 409, 422],
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
    problems: [400, 401, 403, 404],
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
    problems: [400, 401, 403, 404],
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
        classes: z.array(
          z.object({
            date: z.string(),
            startsAt: instant,
            endsAt: instant,
            durationMinutes: z.number(),
            status: z.nullable(status),
            minutesMissed: z.optional(z.number()),
          }),
        ),
      }),
    },
    problems: [400, 401, 403, 404],
  }),
  submitHomework: route({
    operationId: 'submitHomework',
    method: 'POST',
    path: '/me/applications/{applicationId}/homework/{assignmentId}',
    area: 'course',
    access: mine,
    tag,
    summary: 'Hand in an assignment (text and/or a link); the server stamps the time',
    description: 'On time when stamped at or before the deadline (Connecticut time), or an extension ADS granted you.',
    params: z.strictObject({ applicationId, assignmentId }),
    body: z
      .strictObject({ text: z.optional(text(20000)), link: z.optional(z.url().check(z.maxLength(2000))) })
      .check(z.refine((b) => b.text !== undefined || b.link !== undefined, 'send text, a link, or both')),
    success: { status: 201, description: 'The assignment with your submissions', schema: Homework },
    problems: [400, 401, 403, 404, 409],
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
    success: { status: 200, description: 'Your homework', schema: z.object({ items: z.array(Homework) }) },
    problems: [400, 401, 403, 404],
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
    problems: [400, 401, 403, 404, 409],
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
        items: z.array(z.object({ applicationId: z.string(), personId, name: z.string(), ...Homework.shape })),
      }),
    },
    problems: [400, 401, 403, 404],
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
    body: z.strictObject({ status: z.enum(['complete', 'returned']), feedback: z.optional(text(5000)) }),
    success: { status: 200, description: 'The assignment for this learner', schema: Homework },
    problems: [400, 401, 403, 404, 409, 422],
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
    body: z.strictObject({ until: ctDateTime, reason }),
    success: { status: 200, description: 'The assignment for this learner', schema: Homework },
    problems: [400, 401, 403, 404, 409, 422],
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
        items: z.array(z.object({ applicationId: z.string(), personId, name: z.string(), ...Qualification.shape })),
      }),
    },
    problems: [400, 401, 403, 404],
  }),
} as const;
