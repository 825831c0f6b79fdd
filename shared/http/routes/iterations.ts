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

/** A virtual meeting URL: https only, so a link never sends learners to an unencrypted or odd scheme. */
const joinUrl = meta(
  z.string().check(
    z.maxLength(500),
    z.refine((s) => {
      try {
        const url = new URL(s);
        return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
      } catch {
        return false;
      }
    }, 'an https:// meeting URL'),
  ),
  {
    description: 'The virtual meeting URL (https only). Shown only to enrolled learners, never publicly.',
    example: 'https://meet.example.org/ce-spring-2027',
  },
);

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
  kind,
  title: text(200),
  applicationWindow: z.strictObject({ opensAt: ctDateTime, closesAt: ctDateTime }),
  seats: seatsInput,
  liveClasses: z.array(liveClassInput).check(z.maxLength(60)),
  assignments: z.array(assignmentInput).check(z.maxLength(60)),
  joinUrl: meta(z.optional(joinUrl), {
    description:
      'The meeting URL of every live class, unless a class has its own (https only; enrolled learners only).',
  }),
};

export const IterationPlanInput = meta(z.strictObject(planInput), { id: 'IterationPlanInput' });
const IterationUpdateInput = meta(z.strictObject({ ...planInput, version: whole(1, 1_000_000) }), {
  id: 'IterationUpdateInput',
});

const liveClassShape = {
  id: meta(z.string(), { description: "The class's stable id (also its calendar event's UID)." }),
  date,
  startsAt: instant,
  endsAt: instant,
  durationMinutes: meta(z.number(), { description: 'Length of the class in minutes (180).' }),
};
const LiveClass = meta(z.object(liveClassShape), { id: 'LiveClass' });
/** ADS's view of a class: with the join link it set. */
const PlannedLiveClass = meta(
  z.object({
    ...liveClassShape,
    joinUrl: meta(z.optional(z.string()), { description: "This class's own meeting URL, if set." }),
  }),
  { id: 'PlannedLiveClass' },
);
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
    joinUrl: meta(z.optional(z.string()), { description: "The iteration's meeting URL, if set." }),
    liveClasses: z.array(PlannedLiveClass),
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
    summary: 'The live classes and homework deadlines as an iCalendar file',
    description:
      "Each class keeps one UID for life (its id), SEQUENCE grows with every change, and removed classes are listed as STATUS:CANCELLED. No join links: those are only in enrolled learners' private feeds.",
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'text/calendar', contentType: 'text/calendar; charset=utf-8' },
    problems: [400, 404],
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
    problems: [401, 403],
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
    problems: [401, 403, 409],
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
    problems: [401, 403, 404, 409],
  }),
  getCalendarFeed: route({
    operationId: 'getCalendarFeed',
    method: 'GET',
    path: '/calendar-feeds/{token}/calendar.ics',
    area: 'iterations',
    access: 'public',
    tag,
    summary: "A learner's private calendar feed (for calendar programs, which cannot sign in)",
    description:
      'The unguessable token is the credential. Classes (with join links) and homework deadlines of the iterations where the learner is enrolled. An unknown or reset token is 404.',
    params: z.strictObject({ token: feedToken }),
    success: { status: 200, description: 'text/calendar', contentType: 'text/calendar; charset=utf-8' },
    problems: [400, 404],
  }),
} as const;
