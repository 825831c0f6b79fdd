import * as z from 'zod/mini';
import { CE_COMPETENCIES, CE_COMPONENTS } from '../../domain/vocabulary';
import { route } from '../route';
import { liveClassShape } from './views/live-class';
import {
  ctDateTime,
  date,
  id,
  described,
  httpsUrl,
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

/** A virtual meeting URL: https only, so a link never sends learners to an unencrypted or odd scheme. */
const joinUrl = meta(httpsUrl(500, 'an https:// meeting URL'), {
  description: 'The virtual meeting URL (https only). Shown only to enrolled learners, never publicly.',
  example: 'https://meet.example.org/ce-spring-2027',
});

const classId = meta(z.string().check(z.regex(/^lc-[0-9A-Za-z-]{1,60}$/, 'not a valid class id')), {
  description: "A live class's id: stable for the class's life, across date moves.",
});

const liveClassInput = z.strictObject({
  id: meta(z.optional(classId), {
    description: 'Keep (or move) an existing class by its id; omit for a new class or to match by date.',
  }),
  date: meta(z.iso.date(), {
    description: 'The class date (YYYY-MM-DD); the class runs 9:00 AM–12:00 PM Connecticut time.',
  }),
  joinUrl: meta(z.optional(joinUrl), {
    description:
      "This class's own meeting URL, if it differs from the iteration's (https only; enrolled learners only).",
  }),
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
    z.array(liveClassInput).check(z.maxLength(60)),
    'The live classes, one per date, each 9:00 AM–12:00 PM Connecticut time.',
  ),
  assignments: described(
    z.array(assignmentInput).check(z.maxLength(60)),
    'The homework, each due after the first class starts.',
  ),
  joinUrl: meta(z.optional(joinUrl), {
    description:
      'The meeting URL of every live class, unless a class has its own (https only; enrolled learners only).',
  }),
};

export const IterationPlanInput = meta(z.strictObject(planInput), { id: 'IterationPlanInput' });
const version = described(whole(1, 1_000_000), 'The version you read; a stale one gets 409.');
const IterationUpdateInput = meta(z.strictObject({ ...planInput, version }), { id: 'IterationUpdateInput' });

const classIdView = described(
  z.string(),
  "The class's stable id (also its calendar event's UID): kept when the class moves.",
);
/** A class of an iteration: with its stable id. */
const ScheduledLiveClass = meta(z.object({ id: classIdView, ...liveClassShape }), {
  id: 'ScheduledLiveClass',
  description: 'A live class of an iteration, with its stable id.',
});
/** ADS's view of a class: with the join link it set. */
const PlannedLiveClass = meta(
  z.object({
    id: classIdView,
    ...liveClassShape,
    joinUrl: described(z.optional(z.string()), "This class's own meeting URL, if set (else the iteration's)."),
  }),
  { id: 'PlannedLiveClass', description: 'A live class as ADS planned it, with its own join link if set.' },
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
  liveClasses: described(z.array(ScheduledLiveClass), 'The live classes in date order; every one must be attended.'),
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
    joinUrl: described(z.optional(z.string()), "The iteration's meeting URL, if set."),
    liveClasses: described(
      z.array(PlannedLiveClass),
      'The live classes in date order, with their join links (ADS only).',
    ),
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

const CalendarFeed = meta(
  z.object({
    active: meta(z.boolean(), { description: 'Whether the person has a calendar feed URL that works.' }),
    createdAt: meta(z.optional(instant), { description: 'When the current feed URL was made.' }),
  }),
  { id: 'CalendarFeed' },
);
const NewCalendarFeed = meta(
  z.object({
    active: meta(z.boolean(), { description: 'Always true: the feed just made works.' }),
    createdAt: meta(instant, { description: 'When this feed URL was made.' }),
    url: meta(z.string(), {
      description:
        'The private feed URL to subscribe to in a calendar program. Shown only now (only its hash is stored); keep it private — anyone with it sees your classes and their join links.',
    }),
  }),
  { id: 'NewCalendarFeed' },
);
const feedToken = meta(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'not a calendar feed token')), {
  description: 'The feed token from the private feed URL.',
});
const learners = ['applicant'] as const;

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
  checkCalendar: route({
    operationId: 'checkCalendar',
    method: 'POST',
    path: '/ads/iterations/calendar-check',
    area: 'iterations',
    access: ads,
    readOnly: true,
    tag,
    summary:
      "Check a calendar plan without saving it: each date's problems in words (weekend, state holiday, blackout)",
    description:
      'The same rules creating or editing an iteration applies, for the console to explain them as ADS types. ' +
      'Send what is typed so far: without an application window, the window is not judged.',
    body: z.strictObject({
      applicationWindow: described(z.optional(planInput.applicationWindow), 'The application window, once typed.'),
      liveClasses: planInput.liveClasses,
      assignments: described(z.optional(planInput.assignments), 'The homework deadlines, once typed.'),
    }),
    success: {
      status: 200,
      description: 'What the rules say of the plan (nothing saved)',
      schema: z.object({
        ok: described(z.boolean(), 'True when creating an iteration with this calendar would pass the calendar rules.'),
        liveClasses: described(
          z.array(
            z.object({
              ...liveClassShape,
              weekday: described(z.string(), 'The day of the week, in words.'),
              problems: described(
                z.array(z.string()),
                'Why this date cannot hold a live class, in words (a weekend, the Connecticut holiday by name, an ADS blackout date and its reason, a date listed twice); empty if it can.',
              ),
            }),
          ),
          'Each date sent, in the order sent, with its problems.',
        ),
        problems: described(
          z.array(
            z.object({
              field: described(
                z.string(),
                'The field of the plan, as in the create body (`liveClasses.2.date`, `applicationWindow.closesAt`).',
              ),
              code: described(z.string(), 'The rule broken, as creating the iteration would name it.'),
              message: described(z.string(), 'The problem in words.'),
            }),
          ),
          'Every problem the plan has, as creating the iteration would list them (422).',
        ),
      }),
    },
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
    area: 'calendars',
    access: 'public',
    tag,
    summary: 'The live classes and homework deadlines as an iCalendar file',
    description:
      "Each class keeps one UID for life (its id), SEQUENCE grows with every change, and removed classes are listed as STATUS:CANCELLED. No join links: those are only in enrolled learners' private feeds.",
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'text/calendar', contentType: 'text/calendar; charset=utf-8' },
    problems: [404],
  }),
  getMyCalendarFeed: route({
    operationId: 'getMyCalendarFeed',
    method: 'GET',
    path: '/me/calendar-feed',
    area: 'iterations',
    access: learners,
    tag,
    summary: 'Whether I have a private calendar feed (the URL is shown only when made)',
    success: { status: 200, description: 'The feed', schema: CalendarFeed },
  }),
  resetMyCalendarFeed: route({
    operationId: 'resetMyCalendarFeed',
    method: 'POST',
    path: '/me/calendar-feed',
    area: 'iterations',
    access: learners,
    tag,
    summary: 'Make my private calendar feed URL, or a new one (the old URL stops working at once)',
    description:
      'The feed lists the live classes (with their join links) and homework deadlines of every iteration where you are enrolled, and follows every change. Audited.',
    success: { status: 201, description: 'The new feed URL', schema: NewCalendarFeed },
  }),
  stopMyCalendarFeed: route({
    operationId: 'stopMyCalendarFeed',
    method: 'DELETE',
    path: '/me/calendar-feed',
    area: 'iterations',
    access: learners,
    tag,
    summary: 'Stop my private calendar feed (its URL answers 404 from now on)',
    success: { status: 204, description: 'Stopped' },
    problems: [404],
  }),
  getCalendarFeed: route({
    operationId: 'getCalendarFeed',
    method: 'GET',
    path: '/calendar-feeds/{token}/calendar.ics',
    area: 'calendars',
    access: 'public',
    tag,
    summary: "A learner's private calendar feed (for calendar programs, which cannot sign in)",
    description:
      'The unguessable token is the credential. Classes (with join links) and homework deadlines of the iterations where the learner is enrolled. An unknown or reset token is 404.',
    params: z.strictObject({ token: feedToken }),
    success: { status: 200, description: 'text/calendar', contentType: 'text/calendar; charset=utf-8' },
    problems: [404],
  }),
} as const;
