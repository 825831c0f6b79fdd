import * as z from 'zod/mini';
import { CE_COMPETENCIES, CE_COMPONENTS } from '../../domain/vocabulary';
import { route } from '../route';
import {
  ctDateTime,
  date,
  id,
  described,
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

const iterationId = described(id('it'), 'The iteration.');
const kind = z.enum(['initial', 'recertification']);

const assignmentInput = z.strictObject({
  id: described(
    z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/))),
    'Keep an existing assignment by its id; omit for a new one.',
  ),
  title: described(text(200), "The assignment's title, as learners see it."),
  dueAt: ctDateTime('When the homework is due'),
  component: described(z.optional(z.enum(CE_COMPONENTS)), 'The CE component of the competency model it practises.'),
  competency: described(z.optional(z.enum(CE_COMPETENCIES)), 'The competency of the competency model it practises.'),
});

const planInput = {
  kind: described(kind, 'An initial course, or a recertification course for holders whose certification expires.'),
  title: described(text(200), "The iteration's title, e.g. `Spring 2027`."),
  applicationWindow: described(
    z.strictObject({
      opensAt: ctDateTime('When applications open (inclusive)'),
      closesAt: ctDateTime('When applications close (exclusive); no later than the first live class'),
    }),
    'When people may apply.',
  ),
  seats: described(seatsInput, 'Seats per region; the total is their sum.'),
  liveClasses: described(
    z
      .array(
        z.strictObject({ date: described(date, 'A weekday that is neither a state holiday nor a blackout date.') }),
      )
      .check(z.maxLength(60)),
    'The live classes, one per date, each 9:00 AM–12:00 PM Connecticut time.',
  ),
  assignments: described(
    z.array(assignmentInput).check(z.maxLength(60)),
    'The homework, each due after the first class starts.',
  ),
};

export const IterationPlanInput = meta(z.strictObject(planInput), { id: 'IterationPlanInput' });
const version = described(whole(1, 1_000_000), 'The version you read; a stale one gets 409.');
const IterationUpdateInput = meta(z.strictObject({ ...planInput, version }), { id: 'IterationUpdateInput' });

export const LiveClass = meta(
  z.object({
    date: described(date, 'The date of the live class.'),
    startsAt: described(instant, 'When the class starts (9:00 AM Connecticut time).'),
    endsAt: described(instant, 'When the class ends (12:00 PM Connecticut time).'),
    durationMinutes: described(z.number(), 'How long the class lasts, in minutes.'),
  }),
  { id: 'LiveClass', description: 'A live class: 9:00 AM–12:00 PM Connecticut time, with the offset of its date.' },
);
const Assignment = meta(
  z.object({
    id: described(z.string(), "The assignment's id within its iteration."),
    title: described(z.string(), "The assignment's title."),
    dueAt: described(instant, 'When the homework is due (on time = handed in at or before it).'),
    component: described(z.optional(z.enum(CE_COMPONENTS)), 'The CE component of the competency model it practises.'),
    competency: described(z.optional(z.enum(CE_COMPETENCIES)), 'The competency of the competency model it practises.'),
  }),
  { id: 'Assignment' },
);

const publicShape = {
  id: described(z.string(), "The iteration's id."),
  kind: described(kind, 'An initial course, or a recertification course for holders whose certification expires.'),
  title: described(z.string(), "The iteration's title."),
  timeZone: described(z.string(), 'The time zone of its calendar: always `America/New_York`.'),
  applicationWindow: described(
    z.object({
      opensAt: described(instant, 'When applications open (inclusive).'),
      closesAt: described(instant, 'When applications close (exclusive).'),
      state: described(z.enum(['upcoming', 'open', 'closed']), 'Whether the window is open now.'),
    }),
    'When people may apply.',
  ),
  liveClasses: described(z.array(LiveClass), 'The live classes in date order; every one must be attended.'),
  assignments: described(z.array(Assignment), 'The homework, each with its deadline.'),
};
const summaryShape = {
  ...publicShape,
  status: described(z.enum(['draft', 'published']), 'Draft (ADS only) or published (anyone sees it).'),
  version: described(z.number(), 'The version to send back with an edit.'),
  updatedAt: described(instant, 'When the iteration was last saved.'),
};

/** What anyone may see of a published iteration. */
export const PublicIteration = meta(z.object(publicShape), { id: 'PublicIteration' });
export const IterationSummary = meta(z.object(summaryShape), { id: 'IterationSummary' });
const seatsHeld = z.object({
  capacity: described(z.number(), "The region's seats."),
  offered: described(z.number(), 'Seats of the region offered and not yet answered.'),
  enrolled: described(z.number(), 'Seats of the region taken by enrolled learners (or accepted offers).'),
});
export const IterationDetail = meta(
  z.object({
    ...summaryShape,
    seats: described(seatsView, 'Seats per region and in total.'),
    seatsHeld: described(z.record(region, seatsHeld), "Each region's seat counter: capacity, offered, enrolled."),
    calendarLocked: described(
      z.boolean(),
      'Whether the first class has started: classes and deadlines then change only by a calendar correction.',
    ),
    createdAt: described(instant, 'When the iteration was created.'),
    publishedAt: described(z.optional(instant), 'When the iteration was published.'),
    allocationClosedAt: described(
      z.optional(instant),
      'When ADS closed allocation early (released seats are no longer offered).',
    ),
  }),
  { id: 'IterationDetail' },
);
const PublicIterationWithSeats = meta(
  z.object({ ...publicShape, seats: described(seatsView, 'Seats per region and in total.') }),
  { id: 'PublicIterationWithSeats' },
);

const Blackout = meta(
  z.object({
    date: described(date, 'A date on which no live class may be held.'),
    reason: described(z.string(), 'Why, e.g. an academic-calendar break.'),
  }),
  { id: 'BlackoutDate' },
);
const blackoutDate = z.strictObject({ date: described(date, 'The blackout date.') });
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
    problems: [422],
  }),
  listIterationsForAds: route({
    operationId: 'listIterationsForAds',
    method: 'GET',
    path: '/ads/iterations',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'List iterations by status, latest closing first',
    query: z.strictObject({
      status: described(z._default(z.enum(['draft', 'published']), 'published'), 'Which iterations to list.'),
      ...pageQuery,
    }),
    success: { status: 200, description: 'A page of iterations', schema: page(IterationSummary) },
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
    problems: [404],
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
    problems: [404, 422],
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
    problems: [404, 422],
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
    body: z.strictObject({ version, liveClasses: planInput.liveClasses, assignments: planInput.assignments, reason }),
    success: { status: 200, description: 'The corrected iteration', schema: IterationDetail },
    problems: [404, 422],
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
      schema: z.object({ items: described(z.array(Blackout), 'Every blackout date, in date order.') }),
    },
  }),
  putBlackoutDate: route({
    operationId: 'putBlackoutDate',
    method: 'PUT',
    path: '/ads/blackout-dates/{date}',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'Add or change a blackout date',
    params: blackoutDate,
    body: z.strictObject({ reason: described(text(200), 'Why no class may be held that day.') }),
    success: { status: 200, description: 'The blackout date', schema: Blackout },
  }),
  deleteBlackoutDate: route({
    operationId: 'deleteBlackoutDate',
    method: 'DELETE',
    path: '/ads/blackout-dates/{date}',
    area: 'iterations',
    access: ads,
    tag,
    summary: 'Remove a blackout date',
    params: blackoutDate,
    success: { status: 204, description: 'Removed' },
    problems: [404],
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
      schema: z.object({
        items: described(z.array(PublicIteration), 'Published iterations whose window is open or upcoming.'),
      }),
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
    problems: [404],
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
    problems: [404],
  }),
} as const;
