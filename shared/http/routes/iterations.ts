import * as z from 'zod/mini';
import { CE_COMPETENCIES, CE_COMPONENTS } from '../../domain/vocabulary';
import { route } from '../route';
import {
  ctDateTime,
  date,
  id,
  instant,
  meta,
  page,
  pageQuery,
  reason,
  region,
  seatsInput,
  seatsView,
  text,
  whole,
} from '../schemas';

const iterationId = id('it');
const kind = z.enum(['initial', 'recertification']);

const assignmentInput = z.strictObject({
  id: meta(z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/))), {
    description: 'Keep an existing assignment by its id; omit for a new one.',
  }),
  title: text(200),
  dueAt: ctDateTime,
  component: z.optional(z.enum(CE_COMPONENTS)),
  competency: z.optional(z.enum(CE_COMPETENCIES)),
});

const planInput = {
  kind,
  title: text(200),
  applicationWindow: z.strictObject({ opensAt: ctDateTime, closesAt: ctDateTime }),
  seats: seatsInput,
  liveClasses: z.array(z.strictObject({ date })).check(z.maxLength(60)),
  assignments: z.array(assignmentInput).check(z.maxLength(60)),
};

export const IterationPlanInput = meta(z.strictObject(planInput), { id: 'IterationPlanInput' });
const IterationUpdateInput = meta(z.strictObject({ ...planInput, version: whole(1, 1_000_000) }), {
  id: 'IterationUpdateInput',
});

const LiveClass = meta(z.object({ date, startsAt: instant, endsAt: instant, durationMinutes: z.number() }), {
  id: 'LiveClass',
});
const Assignment = meta(
  z.object({
    id: z.string(),
    title: z.string(),
    dueAt: instant,
    component: z.optional(z.enum(CE_COMPONENTS)),
    competency: z.optional(z.enum(CE_COMPETENCIES)),
  }),
  { id: 'Assignment' },
);

const publicShape = {
  id: z.string(),
  kind,
  title: z.string(),
  timeZone: z.string(),
  applicationWindow: z.object({ opensAt: instant, closesAt: instant, state: z.enum(['upcoming', 'open', 'closed']) }),
  liveClasses: z.array(LiveClass),
  assignments: z.array(Assignment),
};
const summaryShape = {
  ...publicShape,
  status: z.enum(['draft', 'published']),
  version: z.number(),
  updatedAt: instant,
};

/** What anyone may see of a published iteration. */
export const PublicIteration = meta(z.object(publicShape), { id: 'PublicIteration' });
export const IterationSummary = meta(z.object(summaryShape), { id: 'IterationSummary' });
export const IterationDetail = meta(
  z.object({
    ...summaryShape,
    seats: seatsView,
    seatsHeld: z.record(region, z.object({ capacity: z.number(), offered: z.number(), enrolled: z.number() })),
    calendarLocked: z.boolean(),
    createdAt: instant,
    publishedAt: z.optional(instant),
    allocationClosedAt: z.optional(instant),
  }),
  { id: 'IterationDetail' },
);
const PublicIterationWithSeats = meta(z.object({ ...publicShape, seats: seatsView }), {
  id: 'PublicIterationWithSeats',
});

const Blackout = meta(z.object({ date, reason: z.string() }), { id: 'BlackoutDate' });
const ads = ['ads-staff'] as const;
const tag = 'Course iterations';

export const iterationRoutes = {
  createIteration: route({
    operationId: 'createIteration',
    method: 'POST',
    path: '/ads/iterations',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'Create a course iteration (draft)',
    description:
      'Live classes are always 9:00 AM–12:00 PM Connecticut time on weekdays that are neither state holidays nor ADS blackout dates. Seats are per region; the total is their sum.',
    body: IterationPlanInput,
    success: { status: 201, description: 'The draft iteration', schema: IterationDetail },
    problems: [400, 401, 403, 422],
  }),
  listIterationsForAds: route({
    operationId: 'listIterationsForAds',
    method: 'GET',
    path: '/ads/iterations',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'List iterations by status, latest closing first',
    query: z.strictObject({ status: z._default(z.enum(['draft', 'published']), 'published'), ...pageQuery }),
    success: { status: 200, description: 'A page of iterations', schema: page(IterationSummary) },
    problems: [400, 401, 403],
  }),
  getIterationForAds: route({
    operationId: 'getIterationForAds',
    method: 'GET',
    path: '/ads/iterations/{iterationId}',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'Read an iteration with its seat counters',
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'The iteration', schema: IterationDetail },
    problems: [400, 401, 403, 404],
  }),
  updateIteration: route({
    operationId: 'updateIteration',
    method: 'PUT',
    path: '/ads/iterations/{iterationId}',
    area: 'iterations',
    access: ads,
    tag,
    summary: "Replace an iteration's plan",
    description:
      "Send the version you read; a stale version gets 409. Once the first class has started the calendar (classes and homework deadlines) is locked: use a calendar correction. A region's seats cannot go below those already offered or filled (409 with the figures).",
    params: z.strictObject({ iterationId }),
    body: IterationUpdateInput,
    success: { status: 200, description: 'The iteration as saved', schema: IterationDetail },
    problems: [400, 401, 403, 404, 409, 422],
  }),
  publishIteration: route({
    operationId: 'publishIteration',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/publish',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'Publish an iteration so providers can see it and apply in its window',
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'The published iteration', schema: IterationDetail },
    problems: [400, 401, 403, 404, 409, 422],
  }),
  correctCalendar: route({
    operationId: 'correctCalendar',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/calendar-corrections',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'Correct a locked calendar, with a reason (audited)',
    params: z.strictObject({ iterationId }),
    body: z.strictObject({
      version: whole(1, 1_000_000),
      liveClasses: planInput.liveClasses,
      assignments: planInput.assignments,
      reason,
    }),
    success: { status: 200, description: 'The corrected iteration', schema: IterationDetail },
    problems: [400, 401, 403, 404, 409, 422],
  }),
  listBlackoutDates: route({
    operationId: 'listBlackoutDates',
    method: 'GET',
    path: '/ads/blackout-dates',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'List ADS blackout dates (academic-calendar breaks)',
    success: {
      status: 200,
      description: 'Blackout dates in date order',
      schema: z.object({ items: z.array(Blackout) }),
    },
    problems: [401, 403],
  }),
  putBlackoutDate: route({
    operationId: 'putBlackoutDate',
    method: 'PUT',
    path: '/ads/blackout-dates/{date}',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'Add or change a blackout date',
    params: z.strictObject({ date }),
    body: z.strictObject({ reason: text(200) }),
    success: { status: 200, description: 'The blackout date', schema: Blackout },
    problems: [400, 401, 403],
  }),
  deleteBlackoutDate: route({
    operationId: 'deleteBlackoutDate',
    method: 'DELETE',
    path: '/ads/blackout-dates/{date}',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'Remove a blackout date',
    params: z.strictObject({ date }),
    success: { status: 204, description: 'Removed' },
    problems: [400, 401, 403, 404],
  }),
  listOpenIterations: route({
    operationId: 'listOpenIterations',
    method: 'GET',
    path: '/iterations',
    area: 'iterations',
    access: 'public',
    tag,
    summary: 'Published iterations whose application window is open or upcoming',
    success: {
      status: 200,
      description: 'Soonest closing first',
      schema: z.object({ items: z.array(PublicIteration) }),
    },
  }),
  getPublishedIteration: route({
    operationId: 'getPublishedIteration',
    method: 'GET',
    path: '/iterations/{iterationId}',
    area: 'iterations',
    access: 'public',
    tag,
    summary: 'A published iteration, with its classes, homework deadlines and seats',
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'The iteration', schema: PublicIterationWithSeats },
    problems: [400, 404],
  }),
  getIterationCalendar: route({
    operationId: 'getIterationCalendar',
    method: 'GET',
    path: '/iterations/{iterationId}/calendar.ics',
    area: 'iterations',
    access: 'public',
    tag,
    summary: 'The live classes as an iCalendar file',
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'text/calendar', contentType: 'text/calendar; charset=utf-8' },
    problems: [400, 404],
  }),
} as const;
