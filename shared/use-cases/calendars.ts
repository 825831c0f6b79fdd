import { now } from '../clock';
import { config } from '../config/runtime';
import { applicationsOfPerson } from '../data/applications';
import { auditPut } from '../data/audit';
import { getFeed, getFeedPointer, newFeedToken, replaceFeedItems } from '../data/calendar-feeds';
import { getIteration } from '../data/iterations';
import type { Actor } from '../domain/actor';
import { actorOf } from '../domain/audit';
import { liveClassTimes } from '../domain/calendar/live-classes';
import { toCtIso } from '../domain/calendar/time';
import { NotFound } from '../domain/errors';
import { calendarOf, type Iteration } from '../domain/iteration';
import { logger } from '../observability/logger';
import { commitOrStale } from './unit-of-work';

/** An iteration's calendar as data: the edge renders it as iCalendar. */
export interface CalendarView {
  iterationId: string;
  title: string;
  classes: {
    id: string;
    date: string;
    startsAt: string;
    endsAt: string;
    sequence: number;
    cancelled: boolean;
    joinUrl?: string;
  }[];
  deadlines: { assignmentId: string; title: string; dueAt: string; sequence: number; cancelled: boolean }[];
}

/**
 * Classes (cancelled ones too, with their last date) and homework deadlines. Join links only when asked for —
 * the enrolled learner's own feed — and never otherwise.
 */
export function calendarView(iteration: Iteration, options: { withJoinLinks: boolean }): CalendarView {
  const entries = calendarOf(iteration);
  return {
    iterationId: iteration.id,
    title: iteration.title,
    classes: entries.classes.map((c) => {
      const joinUrl = options.withJoinLinks && !c.cancelled ? (c.joinUrl ?? iteration.joinUrl) : undefined;
      return {
        id: c.id,
        ...liveClassTimes(c.date),
        sequence: c.sequence,
        cancelled: c.cancelled === true,
        ...(joinUrl ? { joinUrl } : {}),
      };
    }),
    deadlines: entries.deadlines.map((d) => ({ ...d, cancelled: d.cancelled === true })),
  };
}

const feedUrl = (token: string) => `${config.publicBaseUrl}/calendar-feeds/${token}/calendar.ics`;

/** Whether the caller has a feed. The URL itself is shown only when made: the table keeps only its hash. */
export async function myCalendarFeed(actor: Actor) {
  const pointer = await getFeedPointer(actor.sub);
  return { active: pointer !== undefined, createdAt: pointer?.createdAt };
}

/**
 * Make the caller's feed URL, or a new one: the old URL stops working at once (404).
 * 1. Read the current pointer; 2. in one transaction write the new token's hash and the pointer (conditional on
 * the pointer read), delete the old token's item, and audit it.
 */
export async function resetCalendarFeed(actor: Actor) {
  const previous = await getFeedPointer(actor.sub);
  const token = newFeedToken();
  const at = toCtIso(now());
  await commitOrStale(
    {
      writes: [
        ...replaceFeedItems(actor.sub, token, at, previous?.tokenHash),
        auditPut({
          subjectType: 'person',
          subjectId: actor.sub,
          action: previous ? 'calendar-feed-reset' : 'calendar-feed-created',
          actor: actorOf(actor),
          at,
        }),
      ],
    },
    'Your calendar feed changed at the same moment; try again.',
  );
  return { active: true, createdAt: at, url: feedUrl(token) };
}

/** Stop the caller's feed: its URL answers 404 from now on. */
export async function stopCalendarFeed(actor: Actor) {
  const previous = await getFeedPointer(actor.sub);
  if (!previous) throw new NotFound('The calendar feed');
  const at = toCtIso(now());
  await commitOrStale(
    {
      writes: [
        ...replaceFeedItems(actor.sub, undefined, at, previous.tokenHash),
        auditPut({
          subjectType: 'person',
          subjectId: actor.sub,
          action: 'calendar-feed-stopped',
          actor: actorOf(actor),
          at,
        }),
      ],
    },
    'Your calendar feed changed at the same moment; try again.',
  );
}

/**
 * A feed as a calendar program reads it (no sign-in): every iteration where the person is enrolled, with its join
 * links. An unknown or reset token is 404, and says nothing more.
 */
export async function feedCalendars(token: string): Promise<CalendarView[]> {
  const feed = await getFeed(token);
  if (!feed) throw new NotFound('The calendar feed');
  const enrolled = (await applicationsOfPerson(feed.personSub)).filter((a) => a.status === 'enrolled');
  const iterations = await Promise.all(enrolled.map((a) => getIteration(a.iterationId)));
  logger.info('calendar feed read', { iterations: enrolled.length });
  return iterations.flatMap((stored) => (stored ? [calendarView(stored.iteration, { withJoinLinks: true })] : []));
}
