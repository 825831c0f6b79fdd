import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { routesOf } from '../../shared/http/route';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import * as calendars from '../../shared/use-cases/calendars';
import * as iterations from '../../shared/use-cases/iterations';
import { checkCalendar } from '../../shared/use-cases/calendar-check';

const routes = routesOf(iterationRoutes, 'iterations');

/**
 * Course iterations: ADS plans them (window, seats, calendar, homework); anyone reads the published ones. Their
 * iCalendar files are served by the calendars function.
 */
export const handler = areaHandler(
  routes,
  operations(routes, {
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
    getMyCalendarFeed: ({ caller }) => calendars.myCalendarFeed(caller),
    resetMyCalendarFeed: ({ caller }) => calendars.resetCalendarFeed(caller),
    stopMyCalendarFeed: ({ caller }) => calendars.stopCalendarFeed(caller),
  }),
);
