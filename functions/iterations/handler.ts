import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { feedCalendar, iterationCalendar } from '../../shared/http/render/calendar';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import * as calendars from '../../shared/use-cases/calendars';
import * as iterations from '../../shared/use-cases/iterations';
import { checkCalendar } from '../../shared/use-cases/calendar-check';

/** Course iterations: ADS plans them (window, seats, calendar, homework); anyone reads the published ones. */
export const handler = areaHandler(
  iterationRoutes,
  operations(iterationRoutes, {
    createIteration: ({ body, caller }) => iterations.createIteration(body, caller),
    checkCalendar: ({ body }) => checkCalendar(body),
    listIterationsForAds: ({ query }) => iterations.listIterationsForAds(query.status, query.cursor, query.limit),
    getIterationForAds: ({ params }) => iterations.getIterationForAds(params.iterationId),
    updateIteration: ({ params, body, caller }) => iterations.updateIteration(params.iterationId, body, caller),
    publishIteration: ({ params, caller }) => iterations.publishIteration(params.iterationId, caller),
    correctCalendar: ({ params, body, caller }) => iterations.correctCalendar(params.iterationId, body, caller),
    listBlackoutDates: () => iterations.listBlackoutDates(),
    putBlackoutDate: ({ params, body, caller }) => iterations.putBlackoutDate(params.date, body.reason, caller),
    deleteBlackoutDate: ({ params, caller }) => iterations.deleteBlackoutDate(params.date, caller),
    listOpenIterations: () => iterations.listOpenIterations(),
    getPublishedIteration: ({ params }) => iterations.getPublishedIteration(params.iterationId),
    getIterationCalendar: async ({ params }) =>
      iterationCalendar(await iterations.publishedCalendar(params.iterationId)),
    getMyCalendarFeed: ({ caller }) => calendars.myCalendarFeed(caller),
    resetMyCalendarFeed: ({ caller }) => calendars.resetCalendarFeed(caller),
    stopMyCalendarFeed: ({ caller }) => calendars.stopCalendarFeed(caller),
    getCalendarFeed: async ({ params }) => feedCalendar(await calendars.feedCalendars(params.token)),
  }),
);
